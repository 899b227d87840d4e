// Metadata v0-12: the live brokers (those with the listener the client came in on), the
// controller, and each topic's partitions as the controller last described them; a partition
// without a live leader answers LEADER_NOT_AVAILABLE. Auto-creates topics when asked (v4+
// allowAutoTopicCreation, always for older versions) and enabled by config; answers
// include_{cluster,topic}_authorized_operations (v8-10, v8+) with authorized-operations.ts.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { MetadataResponseTopic } from '../../protocol/generated/metadata-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { ZERO_UUID } from '../../protocol/codec-support.js'
import type { CachedTopic } from '../metadata-cache.js'
import { topicNameError } from '../../metadata/topic-name.js'
import { AclOperation, authorize, authorizeCluster, requestedOperations } from '../authorized-operations.js'
import type { RequestContext } from '../handler.js'

function describeTopic(ctx: RequestContext, t: CachedTopic, includeOps: boolean): Input<MetadataResponseTopic> {
  return {
    errorCode: ErrorCode.NONE,
    name: t.meta.name,
    topicId: t.meta.topicId,
    isInternal: t.meta.internal,
    partitions: t.partitions.map((p) => ({
      errorCode: p.leader < 0 ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NONE,
      partitionIndex: p.partition,
      leaderId: p.leader,
      leaderEpoch: p.leaderEpoch,
      replicaNodes: p.replicas,
      isrNodes: p.isr,
      offlineReplicas: p.offlineReplicas,
    })),
    topicAuthorizedOperations: requestedOperations(ctx, includeOps, 'topic', t.meta.name),
  }
}

export const metadataHandler = defineHandler({
  key: ApiKey.Metadata,
  minVersion: 0,
  maxVersion: 12,
  async handle(ctx, req) {
    const metadata = ctx.metadata
    const includeOps = ctx.apiVersion >= 8 && req.includeTopicAuthorizedOperations
    const allowAuto = ctx.apiVersion < 4 || req.allowAutoTopicCreation
    const topics: Array<Input<MetadataResponseTopic>> = []
    // v0 uses an empty list for "all topics"; v1+ uses null.
    if (req.topics === null || (ctx.apiVersion === 0 && req.topics.length === 0)) {
      // Topics the principal may not describe are left out (KafkaApis.handleTopicMetadataRequest).
      for (const t of metadata.topics()) if (authorize(ctx, AclOperation.DESCRIBE, 'topic', t.meta.name)) topics.push(describeTopic(ctx, t, includeOps))
    } else {
      for (const rt of req.topics) {
        if (rt.name === null || rt.name === '') {
          const byId = rt.topicId !== ZERO_UUID ? metadata.topicById(rt.topicId) : undefined
          topics.push(
            byId !== undefined && authorize(ctx, AclOperation.DESCRIBE, 'topic', byId.meta.name)
              ? describeTopic(ctx, byId, includeOps)
              : { errorCode: ErrorCode.UNKNOWN_TOPIC_ID, name: null, topicId: rt.topicId, partitions: [] },
          )
          continue
        }
        const name = rt.name
        if (!authorize(ctx, AclOperation.DESCRIBE, 'topic', name)) {
          topics.push({ errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, name, partitions: [], isInternal: false })
          continue
        }
        let state = metadata.topic(name)
        if (state === undefined) {
          if (topicNameError(name) !== null) {
            topics.push({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, name, partitions: [] })
            continue
          }
          if (allowAuto && !authorizeCluster(ctx, AclOperation.CREATE) && !authorize(ctx, AclOperation.CREATE, 'topic', name)) {
            // Kafka: a topic the principal may not create is reported as not authorized.
            topics.push({ errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, name, partitions: [] })
            continue
          }
          if (allowAuto) {
            const created = await ctx.admin.autoCreateTopic(name)
            if (typeof created !== 'number') state = created
            else {
              topics.push({ errorCode: created, name, partitions: [] })
              continue
            }
          } else {
            topics.push({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, partitions: [] })
            continue
          }
        }
        topics.push(describeTopic(ctx, state, includeOps))
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: metadata.aliveBrokers(ctx.connection.listenerName),
      clusterId: metadata.clusterId,
      controllerId: metadata.controllerId,
      topics,
      // Versions 8-10 only; 11+ moved it to DescribeCluster.
      clusterAuthorizedOperations: requestedOperations(
        ctx,
        ctx.apiVersion >= 8 && ctx.apiVersion <= 10 && req.includeClusterAuthorizedOperations,
        'cluster',
        'kafka-cluster',
      ),
    }
  },
})
