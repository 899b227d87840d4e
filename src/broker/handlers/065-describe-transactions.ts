// DescribeTransactions v0 (KIP-664): the state of transactional ids this broker coordinates.
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const describeTransactionsHandler = defineHandler({
  key: ApiKey.DescribeTransactions,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    return { throttleTimeMs: 0, transactionStates: req.transactionalIds.map((id) => ctx.transactions.describe(id)) }
  },
})
