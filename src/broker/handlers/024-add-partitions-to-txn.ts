// AddPartitionsToTxn v0-5 (Kafka's handleAddPartitionToTxnRequest). v0-3 come from producers:
// one transaction, its partitions added (unknown topics get UNKNOWN_TOPIC_OR_PARTITION and the
// rest OPERATION_NOT_ATTEMPTED). v4+ come from brokers and batch transactions; with verifyOnly
// (KIP-890) they only check that partitions are in the transaction. PRODUCER_FENCED from v2,
// INVALID_PRODUCER_EPOCH before. Authorization as Kafka: WRITE on the transactional id, WRITE on
// each topic (the others OPERATION_NOT_ATTEMPTED); the brokers' v4+ requests need CLUSTER_ACTION.
import { AclOperation, authorize, authorizeCluster } from '../authorized-operations.js'
import { defineHandler, type RequestContext } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { AddPartitionsToTxnTopic } from '../../protocol/generated/add-partitions-to-txn-request.js'
import type { AddPartitionsToTxnTopicResult } from '../../protocol/generated/add-partitions-to-txn-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { tpKey, type TopicPartitionKey } from '../../transactions/transaction-metadata.js'
import { fencedFor } from '../txn-verification.js'

type TopicResults = Array<Input<AddPartitionsToTxnTopicResult>>

function results(topics: readonly AddPartitionsToTxnTopic[], code: (topic: string, partition: number) => number): TopicResults {
  return topics.map((t) => ({ name: t.name, resultsByPartition: t.partitions.map((p) => ({ partitionIndex: p, partitionErrorCode: code(t.name, p) })) }))
}

async function addOne(
  ctx: RequestContext,
  transactionalId: string,
  producerId: bigint,
  producerEpoch: number,
  topics: readonly AddPartitionsToTxnTopic[],
  verifyOnly: boolean,
): Promise<TopicResults> {
  if (!verifyOnly) {
    if (!authorize(ctx, AclOperation.WRITE, 'transactional-id', transactionalId)) return results(topics, () => ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
    const denied = new Set(topics.filter((t) => !authorize(ctx, AclOperation.WRITE, 'topic', t.name)).map((t) => t.name))
    if (denied.size > 0) return results(topics, (t) => (denied.has(t) ? ErrorCode.TOPIC_AUTHORIZATION_FAILED : ErrorCode.OPERATION_NOT_ATTEMPTED))
  }
  const keys: TopicPartitionKey[] = []
  for (const t of topics) for (const p of t.partitions) keys.push(tpKey(t.name, p))
  if (verifyOnly) {
    const errors = ctx.transactions.verifyPartitions(transactionalId, producerId, producerEpoch, keys)
    return results(topics, (t, p) => errors.get(tpKey(t, p)) ?? ErrorCode.NONE)
  }
  const unknown = new Set<TopicPartitionKey>()
  for (const t of topics) {
    const topic = ctx.metadata.topic(t.name)
    for (const p of t.partitions) if (topic === undefined || p < 0 || p >= topic.partitions.length) unknown.add(tpKey(t.name, p))
  }
  if (unknown.size > 0) {
    return results(topics, (t, p) => (unknown.has(tpKey(t, p)) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OPERATION_NOT_ATTEMPTED))
  }
  const error = fencedFor(await ctx.transactions.addPartitions(transactionalId, producerId, producerEpoch, keys), ctx.apiVersion >= 2)
  return results(topics, () => error)
}

export const addPartitionsToTxnHandler = defineHandler({
  key: ApiKey.AddPartitionsToTxn,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    if (ctx.apiVersion < 4) {
      const resultsByTopicV3AndBelow = await addOne(
        ctx,
        req.v3AndBelowTransactionalId,
        req.v3AndBelowProducerId,
        req.v3AndBelowProducerEpoch,
        req.v3AndBelowTopics,
        false,
      )
      return { throttleTimeMs: 0, resultsByTopicV3AndBelow }
    }
    if (!authorizeCluster(ctx, AclOperation.CLUSTER_ACTION))
      return { throttleTimeMs: 0, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, resultsByTransaction: [] }
    const resultsByTransaction = []
    for (const t of req.transactions) {
      resultsByTransaction.push({
        transactionalId: t.transactionalId,
        topicResults: await addOne(ctx, t.transactionalId, t.producerId, t.producerEpoch, t.topics, t.verifyOnly),
      })
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction }
  },
})
