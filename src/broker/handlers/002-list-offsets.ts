// ListOffsets v1-10 (latest and by-timestamp up to the last stable offset for read_committed,
// v2+): earliest (-2), latest (-1), max timestamp (-3, v7+), earliest local (-4, v8+),
// earliest pending upload (-5, v9+; no tiered storage, so -1), and by timestamp via the time index.
// A follower (replica id >= 0) asking for latest gets the leader's log end, not the high
// watermark (Kafka's fetchOffsetForTimestamp without an isolation level), to recover from an
// out-of-range fetch. current_leader_epoch (v4+) is checked before leadership, on a follower too
// (FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH; see ReplicaManager.hostedPartition); only the
// leader answers, but to the debugging replica id (-2).
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { ListOffsetsPartitionResponse } from '../../protocol/generated/list-offsets-response.js'
import type { Input } from '../../protocol/codec-support.js'
import type { Partition } from '../partition.js'

const LATEST_TIMESTAMP = -1n
const EARLIEST_TIMESTAMP = -2n
const MAX_TIMESTAMP = -3n
const EARLIEST_LOCAL_TIMESTAMP = -4n
const EARLIEST_PENDING_UPLOAD_TIMESTAMP = -5n
const CONSUMER_REPLICA_ID = -1
/** Kafka's debugging consumer: may ask a follower. */
const DEBUGGING_REPLICA_ID = -2

function lookup(p: Partition, timestamp: bigint, version: number, readCommitted: boolean, fromReplica: boolean): Input<ListOffsetsPartitionResponse> {
  const base = { partitionIndex: p.index, errorCode: ErrorCode.NONE, timestamp: -1n, leaderEpoch: p.leaderEpoch }
  // read_committed (v2+) sees up to the last stable offset (Kafka's lastFetchableOffset).
  const fetchable = fromReplica ? p.log.logEndOffset : readCommitted ? p.lastStableOffset : p.highWatermark
  switch (timestamp) {
    case LATEST_TIMESTAMP:
      return { ...base, offset: fetchable }
    case EARLIEST_TIMESTAMP:
    case EARLIEST_LOCAL_TIMESTAMP:
      if (timestamp === EARLIEST_LOCAL_TIMESTAMP && version < 8) break
      return { ...base, offset: p.logStartOffset }
    case EARLIEST_PENDING_UPLOAD_TIMESTAMP:
      if (version < 9) break
      return { ...base, offset: -1n }
    case MAX_TIMESTAMP: {
      if (version < 7) break
      const found = p.log.maxTimestampOffset()
      return found === null ? { ...base, offset: -1n } : { ...base, offset: found.offset, timestamp: found.timestamp }
    }
  }
  if (timestamp < 0n) return { ...base, errorCode: ErrorCode.INVALID_REQUEST, offset: -1n }
  const found = p.log.offsetForTimestamp(timestamp)
  if (found === null || found.offset >= fetchable) return { ...base, offset: -1n }
  return { ...base, offset: found.offset, timestamp: found.timestamp }
}

export const listOffsetsHandler = defineHandler({
  key: ApiKey.ListOffsets,
  minVersion: 1,
  maxVersion: 10,
  handle(ctx, req) {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((rp) => {
          if (!authorize(ctx, AclOperation.DESCRIBE, 'topic', t.name))
            return { partitionIndex: rp.partitionIndex, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, timestamp: -1n, offset: -1n }
          const p = ctx.replicas.hostedPartition(t.name, rp.partitionIndex, rp.currentLeaderEpoch, req.replicaId !== DEBUGGING_REPLICA_ID)
          if (typeof p === 'number') return { partitionIndex: rp.partitionIndex, errorCode: p, timestamp: -1n, offset: -1n }
          return lookup(p, rp.timestamp, ctx.apiVersion, ctx.apiVersion >= 2 && req.isolationLevel === 1, req.replicaId !== CONSUMER_REPLICA_ID)
        }),
      })),
    }
  },
})
