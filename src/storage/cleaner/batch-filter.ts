/**
 * Record-level work of the cleaner on one batch (Kafka's MemoryRecords.filterTo with the
 * LogCleaner's retention rule), on bytes read from a segment:
 *
 * - a record is kept when it has a key, its offset is the latest for that key in the offset
 *   map (or the key is not there), and it is not a tombstone whose delete horizon has passed.
 *   Records without a key are dropped, as Kafka does (produce rejects them on compacted topics);
 * - tombstones (null value) get a delete horizon the first time a cleaning keeps them, as in
 *   KIP-534: the batch is rewritten with attribute bit 6 (hasDeleteHorizonMs) set and
 *   baseTimestamp = now + delete.retention.ms, record timestamp deltas rebased so every record
 *   keeps its timestamp; a later cleaning drops them once the horizon is past;
 * - a batch whose records all stay, and which needs no horizon, is copied byte for byte;
 *   otherwise it is rebuilt with the same baseOffset, lastOffsetDelta (so lastOffset and the
 *   producer's last sequence stay), producer fields, leader epoch and codec, and recompressed
 *   with its own codec (snappy keeps its xerial or plain framing);
 * - a batch left with no records disappears, except when it is the last batch of a producer
 *   with state (Kafka keeps it so idempotence survives cleaning) or when the caller needs it
 *   (the last batch of a cleaned group keeps the group's end offset): then an empty batch
 *   (header only, recordCount 0, uncompressed, as Kafka's writeEmptyHeader) stands in for it;
 * - transactions, as Kafka's CleanedTransactionMetadata: the batches of aborted transactions go
 *   (and never enter the offset map); committed transactional batches are cleaned like any
 *   other. A marker goes once no batch of its transaction is left: a commit marker when the
 *   pass saw none of its batches, an abort marker on the pass after the one that removed its
 *   batches (until then its aborted-transaction entry is carried into the cleaned segment's
 *   index). Like a tombstone it first gets a delete horizon (delete.retention.ms) and goes
 *   on a pass after that; a consumer that read the transaction's data meanwhile still sees it
 *   end. Without a transaction state (no `txn` in the context) control and transactional
 *   batches are kept as they are.
 *
 * Offsets never change. A batch that does not parse is kept as it is.
 */
import { compress, decompress, isXerialSnappy } from '../../protocol/compression.js'
import {
  ATTRIBUTES_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  BATCH_LENGTH_OFFSET,
  COMPRESSION_CODEC_MASK,
  DELETE_HORIZON_FLAG_MASK,
  LOG_OVERHEAD,
  MAX_TIMESTAMP_OFFSET,
  RECORD_BATCH_OVERHEAD,
  RECORD_COUNT_OFFSET,
  TIMESTAMP_TYPE_MASK,
  compressionOf,
  isControl,
  isTransactional,
  lastOffsetOf,
  readBatchHeader,
  writeBatchCrc,
  type BatchHeader,
  type CompressionType,
} from '../../protocol/record-batch.js'
import { newRecordView, parseRecord, type RecordView } from '../../protocol/record-codec.js'
import { cursor, readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from '../../protocol/varint.js'
import type { OffsetMap } from './offset-map.js'
import { ControlRecordType, readControlRecord } from '../../protocol/control-record.js'
import type { AbortedTxn } from '../txn-index.js'

export interface FilterContext {
  map: OffsetMap
  nowMs: number
  deleteRetentionMs: number
  /** lastOffset of the last batch of each producer the log has state for. */
  producerLastOffsets: ReadonlyMap<bigint, bigint>
  /** The pass's view of transactions, fed every batch in offset order. */
  txn?: CleanerTxnState
}

/**
 * What a cleaning pass knows of transactions as it reads the log in offset order (Kafka's
 * CleanedTransactionMetadata): the aborted ones, from the aborted-transaction indexes, become
 * current when the pass reaches their first offset and end at their abort marker.
 */
export class CleanerTxnState {
  readonly #aborted: AbortedTxn[]
  #next = 0
  readonly #ongoingAborted = new Map<bigint, { txn: AbortedTxn; sawBatch: boolean }>()
  readonly #ongoingCommitted = new Set<bigint>()
  /** Called for an abort marker that stays while its transaction's batches were just removed. */
  onRetainedAbortMarker: (txn: AbortedTxn) => void = () => {}

  constructor(aborted: readonly AbortedTxn[]) {
    this.#aborted = [...aborted].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0))
  }

  #consumeUpTo(offset: bigint): void {
    while (this.#next < this.#aborted.length && this.#aborted[this.#next]!.firstOffset <= offset) {
      const txn = this.#aborted[this.#next++]!
      if (!this.#ongoingAborted.has(txn.producerId)) this.#ongoingAborted.set(txn.producerId, { txn, sawBatch: false })
    }
  }

  /** A transactional data batch: true when its transaction was aborted (the batch goes). */
  isAborted(h: BatchHeader): boolean {
    this.#consumeUpTo(lastOffsetOf(h))
    const aborted = this.#ongoingAborted.get(h.producerId)
    if (aborted !== undefined) {
      aborted.sawBatch = true
      return true
    }
    this.#ongoingCommitted.add(h.producerId)
    return false
  }

  /** A control batch: true when no batch of its transaction is left, so the marker may go. */
  isDiscardableMarker(batch: Buffer, h: BatchHeader): boolean {
    this.#consumeUpTo(lastOffsetOf(h))
    let type: number | undefined
    try {
      type = readControlRecord(batch, 0)?.type
    } catch {
      return false
    }
    if (type === undefined) return true // emptied by an earlier pass
    if (type === ControlRecordType.ABORT) {
      const aborted = this.#ongoingAborted.get(h.producerId)
      this.#ongoingAborted.delete(h.producerId)
      if (aborted?.sawBatch === true) {
        this.onRetainedAbortMarker(aborted.txn)
        return false
      }
      return true
    }
    if (type === ControlRecordType.COMMIT) return !this.#ongoingCommitted.delete(h.producerId)
    return false
  }
}

export type FilterOutcome = { kind: 'keep' } | { kind: 'drop' } | { kind: 'rewrite'; batch: Buffer }

export interface FilterResult {
  outcome: FilterOutcome
  recordsKept: number
  recordsRemoved: number
  /** The delete horizon of the batch written when it still holds tombstones, else -1. */
  tombstoneHorizonMs: number
}

const KEEP: FilterOutcome = { kind: 'keep' }
const DROP: FilterOutcome = { kind: 'drop' }

const hasDeleteHorizon = (attributes: number): boolean => (attributes & DELETE_HORIZON_FLAG_MASK) !== 0

/** Batches the cleaner leaves alone and keeps out of the offset map. */
const isUntouchable = (attributes: number): boolean => isControl(attributes) || isTransactional(attributes)

interface Section {
  buf: Buffer
  start: number
  end: number
  compression: CompressionType
}

/** The records of a batch, inflated if need be; undefined when it cannot be inflated. */
function recordsSection(batch: Buffer, h: BatchHeader): Section | undefined {
  const compression = compressionOf(h.attributes)
  if (compression === undefined) return undefined
  if (compression === 'none') return { buf: batch, start: RECORD_BATCH_OVERHEAD, end: batch.length, compression }
  try {
    const buf = decompress(compression, batch.subarray(RECORD_BATCH_OVERHEAD))
    return { buf, start: 0, end: buf.length, compression }
  } catch {
    return undefined
  }
}

/**
 * Calls `fn(view, recordStart)` for every record; returns false when the records do not parse
 * (then the caller must not trust what it collected).
 */
function forEachRecord(s: Section, count: number, fn: (view: RecordView, recordStart: number) => void): boolean {
  const c = cursor(s.buf, s.start, s.end)
  const view = newRecordView()
  for (let i = 0; i < count; i++) {
    if (c.pos >= c.end) return false
    const start = c.pos
    if (parseRecord(c, view) !== null) return false
    fn(view, start)
  }
  return true
}

/**
 * Adds the keyed records of `batch` with offsets >= `fromOffset` to `map` (Kafka's
 * buildOffsetMap). Returns false when the batch could not be read (its records are then kept).
 */
export function addBatchToMap(batch: Buffer, map: OffsetMap, fromOffset: bigint, txn?: CleanerTxnState): boolean {
  const h = readBatchHeader(batch, 0)
  if (txn !== undefined && h.producerId >= 0n) {
    // Fed every batch so the transaction state follows the log; aborted records never count.
    if (isControl(h.attributes)) {
      txn.isDiscardableMarker(batch, h)
      return true
    }
    if (isTransactional(h.attributes) && txn.isAborted(h)) return true
  } else if (isUntouchable(h.attributes)) return true
  if (isControl(h.attributes) || h.recordCount === 0 || lastOffsetOf(h) < fromOffset) return true
  const s = recordsSection(batch, h)
  if (s === undefined) return false
  const base = Number(h.baseOffset)
  const from = Number(fromOffset)
  return forEachRecord(s, h.recordCount, (v) => {
    const offset = base + v.offsetDelta
    if (v.keyLength >= 0 && offset >= from) map.put(s.buf, v.keyStart, v.keyStart + v.keyLength, offset)
  })
}

/**
 * Filters one batch. `keepEmpty` asks for an empty stand-in rather than nothing when no record
 * stays (the last batch of a cleaned group).
 */
export function filterBatch(batch: Buffer, ctx: FilterContext, keepEmpty: boolean): FilterResult {
  const h = readBatchHeader(batch, 0)
  const horizon = hasDeleteHorizon(h.attributes) ? Number(h.baseTimestamp) : -1
  const keepAll = (tombstones: boolean): FilterResult => ({
    outcome: KEEP,
    recordsKept: h.recordCount,
    recordsRemoved: 0,
    tombstoneHorizonMs: tombstones ? horizon : -1,
  })
  const producerLast = h.producerId >= 0n && ctx.producerLastOffsets.get(h.producerId) === lastOffsetOf(h)
  const mustKeepBatch = producerLast || keepEmpty
  if (ctx.txn !== undefined && h.producerId >= 0n && (isControl(h.attributes) || isTransactional(h.attributes))) {
    const gone = (recordsRemoved: number): FilterResult => ({
      outcome: mustKeepBatch ? { kind: 'rewrite', batch: emptyBatch(batch, h) } : DROP,
      recordsKept: 0,
      recordsRemoved,
      tombstoneHorizonMs: -1,
    })
    if (isControl(h.attributes)) {
      if (!ctx.txn.isDiscardableMarker(batch, h)) return keepAll(false)
      if (h.recordCount === 0) return gone(0)
      if (horizon >= 0) return ctx.nowMs >= horizon ? gone(h.recordCount) : keepAll(true)
      // First pass that may remove it: it stays delete.retention.ms longer, as a tombstone does.
      const s = recordsSection(batch, h)
      if (s === undefined) return keepAll(false)
      const kept: number[] = []
      if (
        !forEachRecord(s, h.recordCount, (v, start) => {
          kept.push(start, v.end)
        })
      )
        return keepAll(false)
      const newHorizon = Math.min(ctx.nowMs + ctx.deleteRetentionMs, Number.MAX_SAFE_INTEGER)
      return {
        outcome: { kind: 'rewrite', batch: rebuildBatch(batch, h, s, kept, newHorizon) },
        recordsKept: h.recordCount,
        recordsRemoved: 0,
        tombstoneHorizonMs: newHorizon,
      }
    }
    if (ctx.txn.isAborted(h)) return gone(h.recordCount)
  } else if (isUntouchable(h.attributes)) return keepAll(false)
  if (h.recordCount === 0) return { outcome: mustKeepBatch ? KEEP : DROP, recordsKept: 0, recordsRemoved: 0, tombstoneHorizonMs: -1 }
  const s = recordsSection(batch, h)
  if (s === undefined) return keepAll(false)

  const horizonPassed = horizon >= 0 && ctx.nowMs >= horizon
  const base = Number(h.baseOffset)
  const kept: number[] = [] // record start, end pairs in s.buf
  let keptTombstones = false
  let removed = 0
  const ok = forEachRecord(s, h.recordCount, (v, start) => {
    let keep = false
    if (v.keyLength >= 0) {
      const latest = ctx.map.get(s.buf, v.keyStart, v.keyStart + v.keyLength)
      const tombstone = v.valueLength < 0
      keep = base + v.offsetDelta >= latest && (!tombstone || !horizonPassed)
      if (keep && tombstone) keptTombstones = true
    }
    if (keep) kept.push(start, v.end)
    else removed++
  })
  if (!ok) return keepAll(false)

  const needsHorizon = keptTombstones && horizon < 0
  if (removed === 0 && !needsHorizon) return keepAll(keptTombstones)
  const recordsKept = kept.length / 2
  if (recordsKept === 0) {
    return { outcome: mustKeepBatch ? { kind: 'rewrite', batch: emptyBatch(batch, h) } : DROP, recordsKept: 0, recordsRemoved: removed, tombstoneHorizonMs: -1 }
  }
  // Clamped so a "forever" delete.retention.ms (Long.MAX) still fits the int64 baseTimestamp exactly.
  const newHorizon = needsHorizon ? Math.min(ctx.nowMs + ctx.deleteRetentionMs, Number.MAX_SAFE_INTEGER) : horizon
  return {
    outcome: { kind: 'rewrite', batch: rebuildBatch(batch, h, s, kept, newHorizon) },
    recordsKept,
    recordsRemoved: removed,
    tombstoneHorizonMs: keptTombstones ? newHorizon : -1,
  }
}

/** Kafka's DefaultRecordBatch.writeEmptyHeader for a batch whose records all went. */
function emptyBatch(batch: Buffer, h: BatchHeader): Buffer {
  const out = Buffer.alloc(RECORD_BATCH_OVERHEAD)
  batch.copy(out, 0, 0, RECORD_BATCH_OVERHEAD)
  out.writeInt32BE(RECORD_BATCH_OVERHEAD - LOG_OVERHEAD, BATCH_LENGTH_OFFSET)
  out.writeInt16BE(h.attributes & ~(COMPRESSION_CODEC_MASK | DELETE_HORIZON_FLAG_MASK), ATTRIBUTES_OFFSET)
  out.writeBigInt64BE(h.maxTimestamp, BASE_TIMESTAMP_OFFSET)
  out.writeBigInt64BE(h.maxTimestamp, MAX_TIMESTAMP_OFFSET)
  out.writeInt32BE(0, RECORD_COUNT_OFFSET)
  writeBatchCrc(out, 0, out.length)
  return out
}

/**
 * A batch with the records kept (baseOffset, lastOffsetDelta, leader epoch and producer fields
 * copied from the original header) (start/end pairs in s.buf). Records are copied as they are
 * unless the base timestamp changes (a new delete horizon): then each gets its timestamp delta
 * rebased and the rest of its bytes copied.
 */
function rebuildBatch(batch: Buffer, h: BatchHeader, s: Section, kept: number[], horizonMs: number): Buffer {
  const newBase = horizonMs >= 0 ? BigInt(horizonMs) : h.baseTimestamp
  const rebase = newBase !== h.baseTimestamp
  const logAppendTime = (h.attributes & TIMESTAMP_TYPE_MASK) !== 0
  let maxTimestamp = logAppendTime ? h.maxTimestamp : -1n
  const parts: Buffer[] = []
  let total = 0
  for (let i = 0; i < kept.length; i += 2) {
    const start = kept[i]!
    const end = kept[i + 1]!
    const c = cursor(s.buf, start, end)
    readVarint(c) // length
    const recordAttributes = s.buf[c.pos++]!
    const tsDelta = readVarlong(c)
    const timestamp = h.baseTimestamp + tsDelta
    if (!logAppendTime && timestamp > maxTimestamp) maxTimestamp = timestamp
    if (!rebase) {
      parts.push(s.buf.subarray(start, end))
      total += end - start
      continue
    }
    const offsetDelta = readVarint(c)
    const rest = s.buf.subarray(c.pos, end) // key length onwards
    const newDelta = timestamp - newBase
    const bodySize = 1 + sizeOfVarlong(newDelta) + sizeOfVarint(offsetDelta) + rest.length
    const rec = Buffer.allocUnsafe(sizeOfVarint(bodySize) + bodySize)
    let p = writeVarint(rec, 0, bodySize)
    rec[p++] = recordAttributes
    p = writeVarlong(rec, p, newDelta)
    p = writeVarint(rec, p, offsetDelta)
    rest.copy(rec, p)
    parts.push(rec)
    total += rec.length
  }
  let records = parts.length === 1 ? parts[0]! : Buffer.concat(parts, total)
  if (s.compression !== 'none') {
    const snappyFraming = s.compression === 'snappy' && !isXerialSnappy(batch.subarray(RECORD_BATCH_OVERHEAD)) ? 'raw' : 'xerial'
    records = compress(s.compression, records, { snappyFraming })
  }
  const out = Buffer.allocUnsafe(RECORD_BATCH_OVERHEAD + records.length)
  batch.copy(out, 0, 0, RECORD_BATCH_OVERHEAD)
  records.copy(out, RECORD_BATCH_OVERHEAD)
  let attributes = h.attributes
  if (horizonMs >= 0) attributes |= DELETE_HORIZON_FLAG_MASK
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET)
  out.writeInt16BE(attributes, ATTRIBUTES_OFFSET)
  out.writeBigInt64BE(newBase, BASE_TIMESTAMP_OFFSET)
  out.writeBigInt64BE(maxTimestamp, MAX_TIMESTAMP_OFFSET)
  out.writeInt32BE(kept.length / 2, RECORD_COUNT_OFFSET)
  writeBatchCrc(out, 0, out.length)
  return out
}
