// DeleteRecords v0-2: moves the log start offset; whole segments below it are deleted.
// Offset -1 means "up to the high watermark".
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { DeleteRecordsRequest } from '../../protocol/generated/delete-records-request.js'
import type { DeleteRecordsResponse } from '../../protocol/generated/delete-records-response.js'

export const deleteRecordsHandler = defineHandler<DeleteRecordsRequest, DeleteRecordsResponse>({
  key: ApiKey.DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  async handle(ctx, req) {
    const topics = []
    for (const t of req.topics) {
      const partitions = []
      for (const rp of t.partitions) {
        partitions.push(await (async () => {
          const p = ctx.broker.partition(t.name, rp.partitionIndex)
          if (p === undefined) return { partitionIndex: rp.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
          const target = rp.offset === -1n ? p.highWatermark : rp.offset
          if (target < 0n || target > p.highWatermark) return { partitionIndex: rp.partitionIndex, lowWatermark: -1n, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE }
          if (target > p.logStartOffset) await p.log.deleteRecordsBefore(target)
          return { partitionIndex: rp.partitionIndex, lowWatermark: p.logStartOffset, errorCode: ErrorCode.NONE }
        })())
      }
      topics.push({ name: t.name, partitions })
    }
    return { throttleTimeMs: 0, topics }
  },
})
