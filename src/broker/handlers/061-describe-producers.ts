// DescribeProducers v0 (KIP-664): the producers each partition knows (id, epoch, last sequence),
// with the coordinator epoch of their last marker and the first offset of their open transaction.
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const describeProducersHandler = defineHandler({
  key: ApiKey.DescribeProducers,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((index) => {
          if (!authorize(ctx, AclOperation.READ, 'topic', t.name))
            return { partitionIndex: index, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: null, activeProducers: [] }
          const p = ctx.replicas.leaderPartition(t.name, index)
          if (typeof p === 'number') return { partitionIndex: index, errorCode: p, errorMessage: null, activeProducers: [] }
          const activeProducers = [...p.log.producerState.entries()].map((e) => {
            const last = e.batches[e.batches.length - 1]
            return {
              producerId: e.producerId,
              producerEpoch: e.producerEpoch,
              lastSequence: last?.lastSeq ?? -1,
              lastTimestamp: last?.timestamp ?? -1n,
              coordinatorEpoch: e.coordinatorEpoch,
              currentTxnStartOffset: e.currentTxnFirstOffset,
            }
          })
          return { partitionIndex: index, errorCode: ErrorCode.NONE, errorMessage: null, activeProducers }
        }),
      })),
    }
  },
})
