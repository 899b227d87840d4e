// InitProducerId v0-5: producer ids and epochs for idempotent producers (and an epoch bump per
// transactional id, which fences an older instance of the same producer).
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

/** Kafka's transaction.max.timeout.ms default. */
const MAX_TRANSACTION_TIMEOUT_MS = 900000

export const initProducerIdHandler = defineHandler({
  key: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    const ids = ctx.producerIds
    if (req.transactionalId === null || req.transactionalId === '') {
      if (req.transactionalId === '') return { errorCode: ErrorCode.INVALID_REQUEST, producerId: -1n, producerEpoch: -1 }
      return { throttleTimeMs: 0, ...await ids.initIdempotent() }
    }
    if (req.transactionTimeoutMs <= 0 || req.transactionTimeoutMs > MAX_TRANSACTION_TIMEOUT_MS) {
      return { errorCode: ErrorCode.INVALID_TRANSACTION_TIMEOUT, producerId: -1n, producerEpoch: -1 }
    }
    return { throttleTimeMs: 0, ...await ids.initTransactional(req.transactionalId) }
  },
})
