// DescribeTopicPartitions v0 (KIP-966): Metadata's topic part, paginated for clusters with many
// partitions. As Kafka's DescribeTopicPartitionsRequestHandler and KRaftMetadataCache
// .getTopicMetadataForDescribeTopicResponse: topics sorted by name from the cursor's topic (all
// topics when none are named, and then unknown ones are skipped), at most
// min(responsePartitionLimit, max.request.partition.size.limit) partitions, and a next cursor
// at the first partition left out.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { ZERO_UUID, type Input } from '../../protocol/codec-support.js'
import type { DescribeTopicPartitionsRequest } from '../../protocol/generated/describe-topic-partitions-request.js'
import type { DescribeTopicPartitionsResponse, DescribeTopicPartitionsResponseTopic } from '../../protocol/generated/describe-topic-partitions-response.js'
import { isInternalTopic, topicNameError } from '../../metadata/topic-name.js'
import { AclOperation, authorize, authorizedOperations, OPERATIONS_NOT_REQUESTED } from '../authorized-operations.js'

/** Kafka's max.request.partition.size.limit default. */
const MAX_REQUEST_PARTITION_SIZE_LIMIT = 2000

export const describeTopicPartitionsHandler = defineHandler({
  key: ApiKey.DescribeTopicPartitions,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    const metadata = ctx.metadata
    const all = req.topics.length === 0
    const cursor = req.cursor
    const from = cursor?.topicName ?? ''
    // Listing all topics leaves out those the principal may not describe; named ones say TOPIC_AUTHORIZATION_FAILED.
    const names = new Set(
      all ? [...metadata.topics()].map((t) => t.meta.name).filter((n) => authorize(ctx, AclOperation.DESCRIBE, 'topic', n)) : req.topics.map((t) => t.name),
    )
    for (const n of names) if (n < from) names.delete(n)
    if (cursor !== null && (cursor.partitionIndex < 0 || (!all && !names.has(cursor.topicName)))) {
      return errorResponse(req, ErrorCode.INVALID_REQUEST)
    }
    const topics: Array<Input<DescribeTopicPartitionsResponseTopic>> = []
    let nextCursor: { topicName: string; partitionIndex: number } | null = null
    let remaining = Math.min(MAX_REQUEST_PARTITION_SIZE_LIMIT, req.responsePartitionLimit)
    for (const name of [...names].sort()) {
      if (remaining === 0) {
        nextCursor = { topicName: name, partitionIndex: 0 }
        break
      }
      if (remaining < 0) break
      if (!all && !authorize(ctx, AclOperation.DESCRIBE, 'topic', name)) {
        topics.push({
          errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
          name,
          topicId: ZERO_UUID,
          isInternal: false,
          partitions: [],
          topicAuthorizedOperations: OPERATIONS_NOT_REQUESTED,
        })
        continue
      }
      const t = metadata.topic(name)
      if (t === undefined) {
        if (!all)
          topics.push({
            errorCode: topicNameError(name) === null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.INVALID_TOPIC_EXCEPTION,
            name,
            topicId: ZERO_UUID,
            isInternal: isInternalTopic(name),
            partitions: [],
            topicAuthorizedOperations: authorizedOperations(ctx, 'topic', name),
          })
        continue
      }
      const start = cursor !== null && name === cursor.topicName ? cursor.partitionIndex : 0
      const end = Math.min(t.partitions.length, start + remaining)
      const partitions = t.partitions.slice(start, end).map((p) => ({
        errorCode: p.leader < 0 ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NONE,
        partitionIndex: p.partition,
        leaderId: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicaNodes: p.replicas,
        isrNodes: p.isr,
        eligibleLeaderReplicas: [],
        lastKnownElr: [],
        offlineReplicas: p.offlineReplicas,
      }))
      topics.push({
        errorCode: ErrorCode.NONE,
        name,
        topicId: t.meta.topicId,
        isInternal: t.meta.internal,
        partitions,
        topicAuthorizedOperations: authorizedOperations(ctx, 'topic', name),
      })
      if (end < t.partitions.length) {
        nextCursor = { topicName: name, partitionIndex: end }
        break
      }
      remaining -= partitions.length
    }
    return { throttleTimeMs: 0, topics, nextCursor }
  },
  errorResponse: (_ctx, req, errorCode) => errorResponse(req, errorCode),
})

/** As DescribeTopicPartitionsRequest.getErrorResponse: the error on every named topic. */
function errorResponse(req: DescribeTopicPartitionsRequest, errorCode: number): Input<DescribeTopicPartitionsResponse> {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      errorCode,
      name: t.name,
      topicId: ZERO_UUID,
      isInternal: false,
      partitions: [],
      topicAuthorizedOperations: OPERATIONS_NOT_REQUESTED,
    })),
    nextCursor: null,
  }
}
