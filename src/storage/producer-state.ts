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
 * State survives restarts through snapshots (producer-snapshot.ts) plus a header-only replay of
 * the log after the snapshot.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { isControl, type BatchHeader } from '../protocol/record-batch.js'

export const NUM_BATCHES_TO_RETAIN = 5
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

const inSequence = (lastSeq: number, nextSeq: number): boolean =>
  nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === INT32_MAX)

type HeaderFields = Pick<
  BatchHeader,
  'baseOffset' | 'lastOffsetDelta' | 'maxTimestamp' | 'producerId' | 'producerEpoch' | 'baseSequence' | 'attributes'
>

export class ProducerStateManager {
  #producers = new Map<bigint, ProducerStateEntry>()

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
    let e = this.#producers.get(h.producerId)
    if (e === undefined || e.producerEpoch !== h.producerEpoch) {
      // A new epoch starts a new sequence space: the old batches can no longer be duplicates.
      e = { producerId: h.producerId, producerEpoch: h.producerEpoch, batches: [], lastTimestamp: h.maxTimestamp }
      this.#producers.set(h.producerId, e)
    }
    e.lastTimestamp = h.maxTimestamp
    if (isControl(h.attributes)) return
    e.batches.push({
      firstSeq: h.baseSequence,
      lastSeq: incrementSequence(h.baseSequence, h.lastOffsetDelta),
      firstOffset: h.baseOffset,
      lastOffset: h.baseOffset + BigInt(h.lastOffsetDelta),
      timestamp: h.maxTimestamp,
    })
    if (e.batches.length > NUM_BATCHES_TO_RETAIN) e.batches.shift()
  }

  /** Forgets producers idle for producer.id.expiration.ms (Kafka's removeExpiredProducers). */
  removeExpired(nowMs: bigint, expirationMs: number): number {
    let removed = 0
    for (const [pid, e] of this.#producers) {
      if (Number(nowMs - e.lastTimestamp) >= expirationMs) {
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
      if (last !== undefined && last.lastOffset < logStartOffset) this.#producers.delete(pid)
    }
  }

  clear(): void {
    this.#producers.clear()
  }

  load(entries: Iterable<ProducerStateEntry>): void {
    this.#producers.clear()
    for (const e of entries) this.#producers.set(e.producerId, e)
  }
}
