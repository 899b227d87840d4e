// AddOffsetsToTxn v0-4: adds the group's __consumer_offsets partition to the transaction, so its
// TxnOffsetCommit is ended by the transaction's markers (Kafka's handleAddOffsetsToTxnRequest).
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { OFFSETS_TOPIC } from '../../groups/offsets-topic.js'
import { tpKey } from '../../transactions/transaction-metadata.js'
import { fencedFor } from '../txn-verification.js'

export const addOffsetsToTxnHandler = defineHandler({
  key: ApiKey.AddOffsetsToTxn,
  minVersion: 0,
  maxVersion: 4,
  async handle(ctx, req) {
    if (!authorize(ctx, AclOperation.WRITE, 'transactional-id', req.transactionalId))
      return { throttleTimeMs: 0, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED }
    if (!authorize(ctx, AclOperation.READ, 'group', req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }
    if (req.groupId === '') return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_GROUP_ID }
    const ready = await ctx.groups.whenReady()
    if (ready !== ErrorCode.NONE) return { throttleTimeMs: 0, errorCode: ready }
    const partition = tpKey(OFFSETS_TOPIC, ctx.groups.partitionFor(req.groupId))
    const error = await ctx.transactions.addPartitions(req.transactionalId, req.producerId, req.producerEpoch, [partition])
    return { throttleTimeMs: 0, errorCode: fencedFor(error, ctx.apiVersion >= 2) }
  },
})
