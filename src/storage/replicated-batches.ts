/**
 * Batches a follower copies from its leader (Kafka's appendAsFollower input): they already have
 * their offsets, leader epochs and timestamps, so they are only checked (whole, magic 2, intact
 * CRC, offsets increasing and not below the log end) and then taken as they are. A fetch
 * response may end in a partial batch (a leader may cut one at its byte limit): it is left for
 * the next fetch.
 */
import { StorageError } from '../errors.js'
import {
  CURRENT_MAGIC,
  RECORD_BATCH_OVERHEAD,
  batchSize,
  isControl,
  isCrcValid,
  lastOffsetOf,
  readBatchHeader,
  type BatchHeader,
} from '../protocol/record-batch.js'
import { ControlRecordType, readControlRecord } from '../protocol/control-record.js'
import type { CompletedTxn, ProducerStateManager } from './producer-state.js'

export interface ReplicatedBatches {
  /** the whole batches, a prefix of what was fetched */
  readonly bytes: Buffer
  readonly headers: readonly BatchHeader[]
  /** each header's position in `bytes` */
  readonly positions: readonly number[]
  readonly firstOffset: bigint
  readonly lastOffset: bigint
  readonly maxTimestamp: bigint
}

/** The whole, valid batches at the start of `records`; undefined when there is none. Throws StorageError on a damaged or misplaced batch. */
export function parseReplicatedBatches(records: Buffer, logEndOffset: bigint): ReplicatedBatches | undefined {
  const headers: BatchHeader[] = []
  const positions: number[] = []
  let pos = 0
  let maxTimestamp = -1n
  let next = logEndOffset
  while (pos + RECORD_BATCH_OVERHEAD <= records.length) {
    const size = batchSize(records, pos)
    if (size < RECORD_BATCH_OVERHEAD) throw new StorageError('SAMSA_STORAGE_REPLICA_BATCH', `a replicated batch at byte ${pos} is ${size} bytes long`)
    if (pos + size > records.length) break
    const h = readBatchHeader(records, pos)
    if (h.magic !== CURRENT_MAGIC) throw new StorageError('SAMSA_STORAGE_REPLICA_BATCH', `a replicated batch at offset ${h.baseOffset} has magic ${h.magic}`)
    if (!isCrcValid(records, pos, size)) throw new StorageError('SAMSA_STORAGE_REPLICA_BATCH', `a replicated batch at offset ${h.baseOffset} fails its CRC`)
    // Compaction leaves gaps between batches, never overlaps.
    if (h.baseOffset < next) throw new StorageError('SAMSA_STORAGE_REPLICA_OFFSET', `a replicated batch starts at ${h.baseOffset}, below the log end ${next}`)
    next = lastOffsetOf(h) + 1n
    if (h.maxTimestamp > maxTimestamp) maxTimestamp = h.maxTimestamp
    headers.push(h)
    positions.push(pos)
    pos += size
  }
  if (headers.length === 0) return undefined
  return {
    bytes: pos === records.length ? records : records.subarray(0, pos),
    headers,
    positions,
    firstOffset: headers[0]!.baseOffset,
    lastOffset: next - 1n,
    maxTimestamp,
  }
}

/**
 * Producer state follows the replicated batches as it followed them on the leader: data batches
 * update their producer (and may open a transaction), markers end transactions. Returns the
 * aborted transactions the markers ended, for the segment's index.
 */
export function applyReplicatedProducerState(state: ProducerStateManager, batches: ReplicatedBatches): CompletedTxn[] {
  const aborted: CompletedTxn[] = []
  batches.headers.forEach((h, i) => {
    if (h.producerId < 0n) return
    if (!isControl(h.attributes)) return state.update(h)
    let control
    try {
      control = readControlRecord(batches.bytes, batches.positions[i]!)
    } catch {
      control = undefined
    }
    if (control === undefined || (control.type !== ControlRecordType.ABORT && control.type !== ControlRecordType.COMMIT)) return state.update(h)
    const txn = state.completeTxn(
      { producerId: h.producerId, producerEpoch: h.producerEpoch, coordinatorEpoch: control.coordinatorEpoch },
      h.baseOffset,
      control.type === ControlRecordType.ABORT,
      h.maxTimestamp,
    )
    if (txn?.isAborted === true) aborted.push(txn)
  })
  return aborted
}
