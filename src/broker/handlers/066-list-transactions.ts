// ListTransactions v0-1 (KIP-664; v1 adds the duration filter, KIP-994): the transactional ids
// this broker coordinates, filtered by state, producer id and how long they have been running.
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const listTransactionsHandler = defineHandler({
  key: ApiKey.ListTransactions,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const r = ctx.transactions.list(req.stateFilters, req.producerIdFilters, ctx.apiVersion >= 1 ? req.durationFilter : -1n)
    // Only the transactional ids the principal may describe (KafkaApis.handleListTransactionsRequest).
    const transactionStates = r.transactions.filter((t) => authorize(ctx, AclOperation.DESCRIBE, 'transactional-id', t.transactionalId))
    return { throttleTimeMs: 0, errorCode: r.errorCode, unknownStateFilters: r.unknownStateFilters, transactionStates }
  },
})
