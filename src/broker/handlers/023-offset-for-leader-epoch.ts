// OffsetForLeaderEpoch v0-4. A single leader that never changed epoch: every epoch up to the
// current one ends at the log end offset (clients use this to detect truncation).
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const offsetForLeaderEpochHandler = defineHandler({
  key: ApiKey.OffsetForLeaderEpoch,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((rp) => {
          const p = ctx.replicas.leaderPartition(t.topic, rp.partition)
          if (typeof p === 'number') return { partition: rp.partition, errorCode: p, leaderEpoch: -1, endOffset: -1n }
          if (rp.currentLeaderEpoch >= 0 && rp.currentLeaderEpoch !== p.leaderEpoch) {
            const errorCode = rp.currentLeaderEpoch > p.leaderEpoch ? ErrorCode.UNKNOWN_LEADER_EPOCH : ErrorCode.FENCED_LEADER_EPOCH
            return { partition: rp.partition, errorCode, leaderEpoch: -1, endOffset: -1n }
          }
          if (rp.leaderEpoch > p.leaderEpoch) return { partition: rp.partition, errorCode: ErrorCode.NONE, leaderEpoch: -1, endOffset: -1n }
          return { partition: rp.partition, errorCode: ErrorCode.NONE, leaderEpoch: p.leaderEpoch, endOffset: p.log.logEndOffset }
        }),
      })),
    }
  },
})
