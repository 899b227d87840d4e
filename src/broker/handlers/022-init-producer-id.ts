// InitProducerId v0-5: a fresh producer id at epoch 0 for idempotent producers; for a
// transactional id its transaction coordinator's answer (epoch bump fencing older instances,
// recovery with the id and epoch the producer had from v3, KIP-360). PRODUCER_FENCED exists
// from v4; older versions get INVALID_PRODUCER_EPOCH, as Kafka answers them.
// Authorization as KafkaApis: WRITE on the transactional id, or for an idempotent producer
// IDEMPOTENT_WRITE on the cluster or WRITE on some topic.
import { AclOperation, authorize, authorizeCluster, authorizeByResourceType } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { fencedFor } from '../txn-verification.js'

export const initProducerIdHandler = defineHandler({
  key: ApiKey.InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  async handle(ctx, req) {
    const failed = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, producerId: -1n, producerEpoch: -1 })
    if (req.transactionalId === null) {
      // An idempotent producer needs IDEMPOTENT_WRITE on the cluster or WRITE on some topic (KIP-679).
      if (!authorizeCluster(ctx, AclOperation.IDEMPOTENT_WRITE) && !authorizeByResourceType(ctx, AclOperation.WRITE, 'topic'))
        return failed(ErrorCode.CLUSTER_AUTHORIZATION_FAILED)
      return { throttleTimeMs: 0, ...(await ctx.producerIds.initIdempotent()) }
    }
    if (!authorize(ctx, AclOperation.WRITE, 'transactional-id', req.transactionalId)) return failed(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
    let expected: { producerId: bigint; producerEpoch: number } | undefined
    if (ctx.apiVersion >= 3 && (req.producerId !== -1n || req.producerEpoch !== -1)) {
      // Both or neither (Kafka's InitProducerIdRequest validation).
      if (req.producerId === -1n || req.producerEpoch === -1) return failed(ErrorCode.INVALID_REQUEST)
      expected = { producerId: req.producerId, producerEpoch: req.producerEpoch }
    }
    const r = await ctx.transactions.initProducerId(req.transactionalId, req.transactionTimeoutMs, expected)
    return { throttleTimeMs: 0, ...r, errorCode: fencedFor(r.errorCode, ctx.apiVersion >= 4) }
  },
})
