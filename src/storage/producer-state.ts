/**
 * Idempotent producer state of one partition (Kafka's ProducerStateManager/ProducerAppendInfo):
 * per producerId the epoch and the metadata of its last 5 batches, enough to answer a retried
 * batch with its original offsets and to reject sequence gaps.
 *
 * Rules, as in modern Kafka (3.x/4.x):
 * - a batch with the same epoch and the same sequence range as one of the last 5 is a duplicate:
 *   the caller acks it with the original offsets and appends nothing;
 * - an epoch lower than the current one: INVALID_PRODUCER_EPOCH (PRODUCER_FENCED belongs to the
 *   transactional APIs);
 * - a higher epoch must start at sequence 0, else OUT_OF_ORDER_SEQUENCE_NUMBER;
 * - same epoch: the batch must continue the last sequence (wrapping after Int32.MAX), else
 *   OUT_OF_ORDER_SEQUENCE_NUMBER;
 * - an unknown producer (never seen, expired, or removed with the log head) may start at any
 *   sequence (KIP-360), so UNKNOWN_PRODUCER_ID is never returned.
 *
 * Transactions (Kafka's TxnMetadata in ProducerStateManager): a producer's first transactional
 * batch opens a transaction at its base offset; its commit or abort marker (a control batch the
 * coordinator has written) closes it. While it is open the producer may write only
 * transactional batches (INVALID_TXN_STATE otherwise), and the partition's last stable offset
 * stays at or below its first offset. A completed transaction keeps holding the LSO back until
 * its marker is below the high watermark (Kafka's unreplicated transactions). A marker from an
 * older producer epoch is refused (INVALID_PRODUCER_EPOCH), one from an older coordinator epoch
 * too (TRANSACTION_COORDINATOR_FENCED).
 *
 * State survives restarts through snapshots (producer-snapshot.ts) plus a header-only replay of
 * the log after the snapshot.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { isControl, isTransactional, type BatchHeader } from '../protocol/record-batch.js'

const NUM_BATCHES_TO_RETAIN = 5
const INT32_MAX = 0x7fffffff

export interface BatchMetadata {
  firstSeq: number
  lastSeq: number
  firstOffset: bigint
  lastOffset: bigint
  timestamp: bigint
}

export interface ProducerStateEntry {
  producerId: bigint
  producerEpoch: number
  /** Oldest first, at most NUM_BATCHES_TO_RETAIN. */
  batches: BatchMetadata[]
  lastTimestamp: bigint
  /** First offset of the transaction the producer has open here, -1 when none. */
  currentTxnFirstOffset: bigint
  /** Epoch of the coordinator that wrote the producer's last marker, -1 before any. */
  coordinatorEpoch: number
}

/** A transaction that a marker ended in this partition (Kafka's CompletedTxn). */
export interface CompletedTxn {
  producerId: bigint
  firstOffset: bigint
  /** The marker's offset. */
  lastOffset: bigint
  isAborted: boolean
}

/** What a marker must satisfy to be written; see checkMarker. */
export interface MarkerFields {
  producerId: bigint
  producerEpoch: number
  coordinatorEpoch: number
}

export type ProducerCheck =
  | { kind: 'ok' }
  | { kind: 'duplicate'; baseOffset: bigint; lastOffset: bigint }
  | { kind: 'error'; errorCode: number; message: string }

/** Kafka's DefaultRecordBatch.incrementSequence: sequences wrap to 0 after Int32.MAX. */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > INT32_MAX - increment) return increment - (INT32_MAX - sequence) - 1
  return sequence + increment
}

const inSequence = (lastSeq: number, nextSeq: number): boolean => nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === INT32_MAX)

type HeaderFields = Pick<BatchHeader, 'baseOffset' | 'lastOffsetDelta' | 'maxTimestamp' | 'producerId' | 'producerEpoch' | 'baseSequence' | 'attributes'>

export class ProducerStateManager {
  #producers = new Map<bigint, ProducerStateEntry>()
  /** producerId -> first offset of its open transaction. */
  readonly #ongoing = new Map<bigint, bigint>()
  /** Completed transactions whose marker is not yet below the high watermark, marker order. */
  #unreplicated: CompletedTxn[] = []

  get producerCount(): number {
    return this.#producers.size
  }

  entry(producerId: bigint): ProducerStateEntry | undefined {
    return this.#producers.get(producerId)
  }

  entries(): IterableIterator<ProducerStateEntry> {
    return this.#producers.values()
  }

  /**
   * Checks client batches in order, each against the state the earlier ones would leave. A
   * duplicate answers for the whole append, as in Kafka's analyzeAndValidateProducerState.
   */
  check(batches: readonly HeaderFields[]): ProducerCheck {
    const staged = new Map<bigint, { epoch: number; lastSeq: number | undefined }>()
    for (const h of batches) {
      if (h.producerId < 0n) continue
      const current = this.#producers.get(h.producerId)
      const stage = staged.get(h.producerId)
      if (current !== undefined && current.currentTxnFirstOffset >= 0n && !isTransactional(h.attributes) && h.producerEpoch >= current.producerEpoch) {
        return {
          kind: 'error',
          errorCode: ErrorCode.INVALID_TXN_STATE,
          message: `expected a transactional write from producer ${h.producerId}: it has a transaction open at offset ${current.currentTxnFirstOffset}`,
        }
      }
      if (stage === undefined && current !== undefined && current.producerEpoch === h.producerEpoch) {
        const lastSeq = incrementSequence(h.baseSequence, h.lastOffsetDelta)
        const dup = current.batches.find((b) => b.firstSeq === h.baseSequence && b.lastSeq === lastSeq)
        if (dup !== undefined) return { kind: 'duplicate', baseOffset: dup.firstOffset, lastOffset: dup.lastOffset }
      }
      const known = stage ?? (current && { epoch: current.producerEpoch, lastSeq: current.batches.at(-1)?.lastSeq })
      if (known !== undefined) {
        if (h.producerEpoch < known.epoch) {
          return {
            kind: 'error',
            errorCode: ErrorCode.INVALID_PRODUCER_EPOCH,
            message: `producer ${h.producerId} epoch ${h.producerEpoch} is older than the current epoch ${known.epoch}`,
          }
        }
        if (h.producerEpoch > known.epoch) {
          if (h.baseSequence !== 0) {
            return {
              kind: 'error',
              errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
              message: `producer ${h.producerId} new epoch ${h.producerEpoch} must start at sequence 0, got ${h.baseSequence}`,
            }
          }
        } else if (known.lastSeq !== undefined && !inSequence(known.lastSeq, h.baseSequence)) {
          return {
            kind: 'error',
            errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
            message: `producer ${h.producerId} epoch ${h.producerEpoch}: sequence ${h.baseSequence} does not follow ${known.lastSeq}`,
          }
        }
      }
      staged.set(h.producerId, { epoch: h.producerEpoch, lastSeq: incrementSequence(h.baseSequence, h.lastOffsetDelta) })
    }
    return { kind: 'ok' }
  }

  /**
   * Records an appended batch (offsets assigned). Also used when replaying the log, where no
   * checks apply: the log is the truth.
   */
  update(h: HeaderFields): void {
    if (h.producerId < 0n) return
    const e = this.#entryAt(h.producerId, h.producerEpoch)
    e.lastTimestamp = h.maxTimestamp
    if (isControl(h.attributes)) return
    if (isTransactional(h.attributes) && e.currentTxnFirstOffset < 0n) {
      e.currentTxnFirstOffset = h.baseOffset
      this.#ongoing.set(h.producerId, h.baseOffset)
    }
    e.batches.push({
      firstSeq: h.baseSequence,
      lastSeq: incrementSequence(h.baseSequence, h.lastOffsetDelta),
      firstOffset: h.baseOffset,
      lastOffset: h.baseOffset + BigInt(h.lastOffsetDelta),
      timestamp: h.maxTimestamp,
    })
    if (e.batches.length > NUM_BATCHES_TO_RETAIN) e.batches.shift()
  }

  /** The producer's entry at `epoch`: a new epoch keeps its open transaction, not its batches. */
  #entryAt(producerId: bigint, epoch: number): ProducerStateEntry {
    let e = this.#producers.get(producerId)
    if (e === undefined) {
      e = { producerId, producerEpoch: epoch, batches: [], lastTimestamp: -1n, currentTxnFirstOffset: -1n, coordinatorEpoch: -1 }
      this.#producers.set(producerId, e)
    } else if (e.producerEpoch !== epoch) {
      // A new epoch starts a new sequence space: the old batches can no longer be duplicates.
      e.producerEpoch = epoch
      e.batches = []
    }
    return e
  }

  /**
   * Whether a marker may be written (Kafka's ProducerAppendInfo.appendEndTxnMarker checks):
   * NONE, INVALID_PRODUCER_EPOCH for an epoch older than the producer's, or
   * TRANSACTION_COORDINATOR_FENCED for a coordinator epoch older than the last marker's.
   */
  checkMarker(m: MarkerFields): number {
    const e = this.#producers.get(m.producerId)
    if (e === undefined) return ErrorCode.NONE
    if (m.producerEpoch < e.producerEpoch) return ErrorCode.INVALID_PRODUCER_EPOCH
    if (m.coordinatorEpoch < e.coordinatorEpoch) return ErrorCode.TRANSACTION_COORDINATOR_FENCED
    return ErrorCode.NONE
  }

  /**
   * Records a written marker at `offset`: the producer's open transaction (if any) ends. Also
   * used when replaying the log. Returns the transaction it completed, or undefined when the
   * producer had none open here (a marker sent again by a new coordinator, or for a partition the
   * transaction wrote nothing to): as Kafka's ProducerAppendInfo.appendEndTxnMarker, such a
   * marker holds no LSO and gets no aborted-transaction index entry.
   */
  completeTxn(m: MarkerFields, offset: bigint, isAborted: boolean, timestamp: bigint): CompletedTxn | undefined {
    const e = this.#entryAt(m.producerId, m.producerEpoch)
    const firstOffset = e.currentTxnFirstOffset
    e.currentTxnFirstOffset = -1n
    if (m.coordinatorEpoch > e.coordinatorEpoch) e.coordinatorEpoch = m.coordinatorEpoch
    if (timestamp > e.lastTimestamp) e.lastTimestamp = timestamp
    this.#ongoing.delete(m.producerId)
    if (firstOffset < 0n) return undefined
    const done: CompletedTxn = { producerId: m.producerId, firstOffset, lastOffset: offset, isAborted }
    this.#unreplicated.push(done)
    return done
  }

  /**
   * Kafka's lastStableOffset(completedTxn), the value an aborted-transaction index entry
   * records: the first offset of the earliest other open transaction, else the offset after
   * the marker.
   */
  lastStableOffsetAfter(txn: CompletedTxn): bigint {
    let min = txn.lastOffset + 1n
    for (const [pid, first] of this.#ongoing) if (pid !== txn.producerId && first < min) min = first
    return min
  }

  /** The high watermark reached `hw`: completed transactions below it stop holding the LSO. */
  onHighWatermark(hw: bigint): void {
    if (this.#unreplicated.length === 0) return
    let i = 0
    while (i < this.#unreplicated.length && this.#unreplicated[i]!.lastOffset < hw) i++
    if (i > 0) this.#unreplicated = this.#unreplicated.slice(i)
  }

  /**
   * The first offset a read_committed consumer may not see yet (Kafka's firstUnstableOffset):
   * the earliest first offset of an open or not yet replicated transaction; undefined when none.
   */
  get firstUnstableOffset(): bigint | undefined {
    let min: bigint | undefined
    for (const first of this.#ongoing.values()) if (min === undefined || first < min) min = first
    for (const t of this.#unreplicated) if (min === undefined || t.firstOffset < min) min = t.firstOffset
    return min
  }

  /** Producers with a transaction open here, with its first offset. */
  get ongoingTransactions(): ReadonlyMap<bigint, bigint> {
    return this.#ongoing
  }

  /**
   * Forgets producers idle for producer.id.expiration.ms (Kafka's removeExpiredProducers); a
   * producer with a transaction open here is kept.
   */
  removeExpired(nowMs: bigint, expirationMs: number): number {
    let removed = 0
    for (const [pid, e] of this.#producers) {
      if (e.currentTxnFirstOffset < 0n && Number(nowMs - e.lastTimestamp) >= expirationMs) {
        this.#producers.delete(pid)
        removed++
      }
    }
    return removed
  }

  /** Drops producers whose last batch is below logStartOffset (Kafka's truncateHead). */
  truncateHead(logStartOffset: bigint): void {
    for (const [pid, e] of this.#producers) {
      const last = e.batches.at(-1)
      if (last !== undefined && last.lastOffset < logStartOffset && e.currentTxnFirstOffset < 0n) this.#producers.delete(pid)
    }
    this.#unreplicated = this.#unreplicated.filter((t) => t.lastOffset >= logStartOffset)
  }

  clear(): void {
    this.#producers.clear()
    this.#ongoing.clear()
    this.#unreplicated = []
  }

  load(entries: Iterable<ProducerStateEntry>): void {
    this.clear()
    for (const e of entries) {
      this.#producers.set(e.producerId, e)
      if (e.currentTxnFirstOffset >= 0n) this.#ongoing.set(e.producerId, e.currentTxnFirstOffset)
    }
  }
}
