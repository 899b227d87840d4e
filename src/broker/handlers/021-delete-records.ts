// DeleteRecords v0-2: moves the log start offset; whole segments below it are deleted. The reply
// waits until the new log start offset is checkpointed, so it survives a crash. Offset -1 means
// "up to the high watermark".
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { KafkaError } from '../../errors.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const deleteRecordsHandler = defineHandler({
  key: ApiKey.DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  async handle(ctx, req) {
    const topics = []
    for (const t of req.topics) {
      const partitions = []
      for (const rp of t.partitions) {
        partitions.push(
          await (async () => {
            if (!authorize(ctx, AclOperation.DELETE, 'topic', t.name))
              return { partitionIndex: rp.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED }
            const p = ctx.replicas.leaderPartition(t.name, rp.partitionIndex)
            if (typeof p === 'number') return { partitionIndex: rp.partitionIndex, lowWatermark: -1n, errorCode: p }
            const target = rp.offset === -1n ? p.highWatermark : rp.offset
            if (target < 0n || target > p.highWatermark)
              return { partitionIndex: rp.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE }
            try {
              const lowWatermark = await ctx.replicas.deleteRecords(p, target)
              return { partitionIndex: rp.partitionIndex, lowWatermark, errorCode: ErrorCode.NONE }
            } catch (err) {
              if (err instanceof KafkaError) return { partitionIndex: rp.partitionIndex, lowWatermark: -1n, errorCode: err.errorCode }
              throw err
            }
          })(),
        )
      }
      topics.push({ name: t.name, partitions })
    }
    return { throttleTimeMs: 0, topics }
  },
})
