// DescribeTransactions v0 (KIP-664): the state of transactional ids this broker coordinates. As
// Kafka: DESCRIBE on the transactional id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED), and only
// the topics the principal may describe.
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { AclOperation, authorize } from '../authorized-operations.js'

export const describeTransactionsHandler = defineHandler({
  key: ApiKey.DescribeTransactions,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    return {
      throttleTimeMs: 0,
      transactionStates: req.transactionalIds.map((id) => {
        if (!authorize(ctx, AclOperation.DESCRIBE, 'transactional-id', id))
          return { errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, transactionalId: id, transactionState: '', topics: [] }
        const state = ctx.transactions.describe(id)
        return { ...state, topics: (state.topics ?? []).filter((t) => authorize(ctx, AclOperation.DESCRIBE, 'topic', t.topic ?? '')) }
      }),
    }
  },
})
