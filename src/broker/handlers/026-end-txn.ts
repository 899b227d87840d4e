// EndTxn v0-4: commits or aborts the producer's transaction (transaction version 1; v5, which
// bumps the epoch on every transaction, is not stable in Kafka and not advertised). Answered once
// PrepareCommit/PrepareAbort is in __transaction_state; the markers follow.
import { AclOperation, authorize } from '../authorized-operations.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { fencedFor } from '../txn-verification.js'

export const endTxnHandler = defineHandler({
  key: ApiKey.EndTxn,
  minVersion: 0,
  maxVersion: 4,
  async handle(ctx, req) {
    if (!authorize(ctx, AclOperation.WRITE, 'transactional-id', req.transactionalId))
      return { throttleTimeMs: 0, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, producerId: -1n, producerEpoch: -1 }
    const error = await ctx.transactions.endTransaction(req.transactionalId, req.producerId, req.producerEpoch, req.committed)
    return { throttleTimeMs: 0, errorCode: fencedFor(error, ctx.apiVersion >= 2), producerId: -1n, producerEpoch: -1 }
  },
})
