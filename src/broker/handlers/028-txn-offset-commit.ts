// TxnOffsetCommit v0-4 (KIP-98, KIP-447 member checks from v3): offsets committed inside the
// producer's transaction, written to __consumer_offsets in a transactional batch and visible to
// the group once the transaction commits. As Kafka 3.6+ (KIP-890) the offsets partition must be
// in the transaction (AddOffsetsToTxn) before the write.
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { TxnOffsetCommitRequest } from '../../protocol/generated/txn-offset-commit-request.js'
import type { TxnOffsetCommitResponse } from '../../protocol/generated/txn-offset-commit-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { OFFSETS_TOPIC } from '../../groups/offsets-topic.js'
import { verifyPartitionsInTransaction } from '../txn-verification.js'
import { awaitGroupWrite } from '../coordinator-log.js'

function errorResponse(req: TxnOffsetCommitRequest, errorCode: number): Input<TxnOffsetCommitResponse> {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  }
}

export const txnOffsetCommitHandler = defineHandler({
  key: ApiKey.TxnOffsetCommit,
  minVersion: 0,
  maxVersion: 4,
  errorResponse: (_ctx, req, code) => errorResponse(req, code),
  async handle(ctx, req) {
    // As Kafka: READ on the group, WRITE on the transactional id, READ on each topic.
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId)) return errorResponse(req, ErrorCode.GROUP_AUTHORIZATION_FAILED)
    if (!authorize(ctx, AclOperation.WRITE, 'transactional-id', req.transactionalId)) return errorResponse(req, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
    const deniedTopics = req.topics.filter((t) => !authorize(ctx, AclOperation.READ, 'topic', t.name))
    if (deniedTopics.length > 0) {
      const denied = new Set(deniedTopics.map((t) => t.name))
      return {
        throttleTimeMs: 0,
        topics: req.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode: denied.has(t.name) ? ErrorCode.TOPIC_AUTHORIZATION_FAILED : ErrorCode.OPERATION_NOT_ATTEMPTED,
          })),
        })),
      }
    }
    const ready = await ctx.groups.whenReady(req.groupId)
    if (ready !== ErrorCode.NONE) return errorResponse(req, ready)
    const partition = ctx.groups.partitionFor(req.groupId)
    const verified = await verifyPartitionsInTransaction(ctx, {
      transactionalId: req.transactionalId,
      producerId: req.producerId,
      producerEpoch: req.producerEpoch,
      partitions: new Map([[OFFSETS_TOPIC, [partition]]]),
      abortableSupported: ctx.apiVersion >= 4,
    })
    const error = verified.get(`${OFFSETS_TOPIC}:${partition}`) ?? ErrorCode.NONE
    if (error !== ErrorCode.NONE) return errorResponse(req, error)
    const topics = ctx.groups.offsetManager.txnCommit({
      groupId: req.groupId,
      producerId: req.producerId,
      producerEpoch: req.producerEpoch,
      generationId: ctx.apiVersion >= 3 ? req.generationId : -1,
      memberId: ctx.apiVersion >= 3 ? req.memberId : '',
      groupInstanceId: ctx.apiVersion >= 3 ? req.groupInstanceId : null,
      topics: req.topics,
    })
    // On every in-sync replica before the answer (acks=all, as the offsets of any commit).
    const written = topics.flatMap((t) => t.partitions).filter((p) => p.errorCode === ErrorCode.NONE)
    if (written.length > 0) {
      const err = await awaitGroupWrite(ctx, req.groupId)
      for (const p of written) p.errorCode = err
    }
    return { throttleTimeMs: 0, topics }
  },
})
