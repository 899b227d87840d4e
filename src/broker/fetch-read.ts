/**
 * Reads one partition for a Fetch: epoch, leadership and offset checks (in Kafka's order: see
 * ReplicaManager.hostedPartition), then whole batches as regions of the
 * segment files, which the connection reads as the socket drains (no record byte is read here).
 * read_committed (KIP-98) reads below the last stable offset and lists the aborted transactions
 * that overlap what it returns, for the consumer to drop their batches. A follower's fetch
 * (Kafka's FetchParams.isFromFollower) reads up to what the leader has written, not the high
 * watermark, and tells the leader where the follower's log ends.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { EMPTY } from '../protocol/codec-support.js'
import type { Input } from '../protocol/codec-support.js'
import type { PartitionData } from '../protocol/generated/fetch-response.js'
import { KafkaError } from '../errors.js'
import type { FileRegion } from '../storage/file-region.js'
import type { BrokerParts } from './handler.js'
import type { SessionPartition } from './fetch-session.js'
import { isThrottledReplica } from './replication-quota.js'
import { NO_EPOCH } from './replica-manager.js'

/** The follower a replica fetch comes from. */
export interface FetchingReplica {
  id: number
  /** its broker epoch (Fetch v15+), -1 when not given */
  brokerEpoch: bigint
  /** its log start offsets, by the session key of each partition */
  logStartOffsets: ReadonlyMap<string, bigint>
}

export interface ReadOptions {
  byId: boolean
  /** Set for a follower's fetch. */
  replica?: FetchingReplica
  /** The partition's session key (for the follower's log start offset). */
  key?: string
  /** 1: read_committed (up to the last stable offset, with the aborted transactions in range). */
  isolationLevel?: number
  /** The leader epoch the fetcher knows, -1 (any negative) when it names none. */
  currentLeaderEpoch: number
  /**
   * Only the leader answers (Kafka's FetchParams.fetchOnlyLeader): a follower's fetch, or a
   * consumer's before v11. From v11 (KIP-392) a consumer may read a follower, below its high watermark.
   */
  fetchOnlyLeader: boolean
  maxBytes: number
  minOneBatch: boolean
}

export interface PartitionRead {
  data: Input<PartitionData> & { partitionIndex: number; highWatermark: bigint; logStartOffset: bigint }
  bytes: number
  /** In data.records: whoever drops the read instead of sending it releases them. */
  regions: readonly FileRegion[]
  /** Bytes for a follower of a throttled replica (they count toward leader.replication.throttled.rate once sent). */
  throttledBytes?: number
}

function failed(sp: SessionPartition, errorCode: number, hw = -1n, lso = -1n): PartitionRead {
  return {
    data: { partitionIndex: sp.partition, errorCode, highWatermark: hw, lastStableOffset: hw, logStartOffset: lso, records: EMPTY },
    bytes: 0,
    regions: [],
  }
}

export function readPartition(broker: Pick<BrokerParts, 'metadata' | 'replicas'>, sp: SessionPartition, opts: ReadOptions): PartitionRead {
  // Fetch takes any negative epoch for none (Kafka's FetchRequest.optionalEpoch).
  const epoch = opts.currentLeaderEpoch < 0 ? NO_EPOCH : opts.currentLeaderEpoch
  const partition =
    sp.topic === '' ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : broker.replicas.hostedPartition(sp.topic, sp.partition, epoch, opts.fetchOnlyLeader)
  if (typeof partition === 'number') {
    const unknownId = opts.byId && broker.metadata.topicById(sp.topicId) === undefined
    return failed(sp, unknownId ? ErrorCode.UNKNOWN_TOPIC_ID : partition)
  }
  const hw = partition.highWatermark
  const lso = partition.logStartOffset
  const replica = opts.replica
  // A broker that is no replica here (Kafka's followerReplicaOrThrow): with an epoch, which
  // matched, the follower may know of a reassignment this leader does not yet, so it retries.
  if (replica !== undefined && !partition.followers.has(replica.id))
    return failed(sp, epoch === NO_EPOCH ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.UNKNOWN_LEADER_EPOCH, hw, lso)
  if (sp.fetchOffset < lso || sp.fetchOffset > partition.log.logEndOffset) return failed(sp, ErrorCode.OFFSET_OUT_OF_RANGE, hw, lso)
  if (replica !== undefined) {
    // Where the follower's log ends, which may move the high watermark this answer carries.
    const followerStart = replica.logStartOffsets.get(opts.key ?? '') ?? -1n
    if (!broker.replicas.recordFollowerFetch(partition, replica.id, sp.fetchOffset, followerStart, replica.brokerEpoch))
      return failed(sp, ErrorCode.NOT_LEADER_OR_FOLLOWER, hw, lso)
  }
  let regions: FileRegion[] = []
  let bytes = 0
  // Kafka's shouldLeaderThrottle: a follower out of the ISR of a throttled replica gets no
  // records while the leader's replication rate is above leader.replication.throttled.rate.
  const throttled =
    replica !== undefined && isThrottledReplica(partition.log.config.leaderReplicationThrottledReplicas, partition.index, broker.replicas.localBrokerId)
  const held = throttled && !partition.isr.includes(replica.id) && broker.replicas.leaderQuota.isQuotaExceeded()
  const stable = partition.lastStableOffset
  const readCommitted = opts.isolationLevel === 1 && replica === undefined
  const upTo = replica !== undefined ? partition.log.writtenEndOffset : readCommitted ? stable : hw
  let abortedTransactions: Array<{ producerId: bigint; firstOffset: bigint }> | null = readCommitted ? [] : null
  if (!held && sp.fetchOffset < upTo && (opts.maxBytes > 0 || opts.minOneBatch)) {
    try {
      const r = partition.log.readRegions(sp.fetchOffset, opts.maxBytes, { minOneBatch: opts.minOneBatch, maxOffset: upTo })
      regions = r.regions
      bytes = r.bytes
      if (readCommitted && r.nextOffset > sp.fetchOffset) {
        abortedTransactions = partition.log
          .collectAbortedTransactions(sp.fetchOffset, r.nextOffset)
          .map((t) => ({ producerId: t.producerId, firstOffset: t.firstOffset }))
      }
    } catch (err) {
      for (const r of regions) r.release()
      if (err instanceof KafkaError) return failed(sp, err.errorCode, hw, lso)
      throw err
    }
  }
  return {
    data: {
      partitionIndex: sp.partition,
      errorCode: ErrorCode.NONE,
      highWatermark: replica !== undefined ? partition.highWatermark : hw,
      lastStableOffset: stable,
      logStartOffset: lso,
      abortedTransactions,
      preferredReadReplica: -1,
      records: regions.length === 0 ? EMPTY : regions,
    },
    bytes,
    regions,
    throttledBytes: throttled ? bytes : 0,
  }
}
