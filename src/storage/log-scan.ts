/**
 * Walks the batches of a .log file with large positioned reads (64 KiB read-ahead) instead of
 * one syscall per header. Framing is checked (magic, batchLength, no overrun); CRCs and offsets
 * are the caller's business. Used by recovery, index rebuilds, tail loading and producer-state
 * rebuilds.
 */
import {
  BATCH_LENGTH_OFFSET,
  CURRENT_MAGIC,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MIN_BATCH_LENGTH,
  RECORD_BATCH_OVERHEAD,
  TIMESTAMP_TYPE_MASK,
  compressionOf,
  readBatchHeader,
  type BatchHeader,
} from '../protocol/record-batch.js'
import { batchRecordsSection, newRecordView, parseRecord } from '../protocol/record-codec.js'
import { cursor } from '../protocol/varint.js'
import type { StorageFs } from './file-system.js'

const READ_AHEAD = 64 * 1024

export interface ScannedBatch {
  position: number
  size: number
  header: BatchHeader
  /** Holds the header, and the whole batch when the scan was asked for bodies. */
  buf: Buffer
  /** Where the batch starts in `buf`. */
  bufPos: number
}

export interface ScanResult {
  /** Position after the last batch handed to the callback (or where the callback stopped). */
  end: number
  /** Why the scan stopped before `to`, if it did because of bad framing. */
  error?: string
}

/** Reads exactly `length` bytes at `position`, or fewer at end of file. */
export function readAt(fs: StorageFs, fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done)
    if (n === 0) break
    done += n
  }
  return done === length ? buf : buf.subarray(0, done)
}

/**
 * Calls `fn` for each batch between `from` and `to` (file positions). `fn` returns false to
 * stop before consuming the batch.
 */
export function scanBatches(fs: StorageFs, fd: number, from: number, to: number, withBody: boolean, fn: (batch: ScannedBatch) => boolean | void): ScanResult {
  let chunk: Buffer = Buffer.alloc(0)
  let chunkStart = 0
  const ensure = (pos: number, n: number): boolean => {
    if (pos >= chunkStart && pos + n <= chunkStart + chunk.length) return true
    chunk = readAt(fs, fd, pos, Math.min(Math.max(n, READ_AHEAD), to - pos))
    chunkStart = pos
    return chunk.length >= n
  }
  let pos = from
  while (pos < to) {
    const remaining = to - pos
    if (remaining < RECORD_BATCH_OVERHEAD) return { end: pos, error: `torn batch header at ${pos}` }
    if (!ensure(pos, RECORD_BATCH_OVERHEAD)) return { end: pos, error: `short read at ${pos}` }
    let at = pos - chunkStart
    const magic = chunk.readInt8(at + MAGIC_OFFSET)
    const batchLength = chunk.readInt32BE(at + BATCH_LENGTH_OFFSET)
    if (magic !== CURRENT_MAGIC) return { end: pos, error: `invalid magic ${magic} at ${pos}` }
    if (batchLength < MIN_BATCH_LENGTH) return { end: pos, error: `invalid batch length ${batchLength} at ${pos}` }
    const size = batchLength + LOG_OVERHEAD
    if (size > remaining) return { end: pos, error: `torn batch at ${pos}: ${size} bytes, ${remaining} left` }
    if (withBody) {
      if (!ensure(pos, size)) return { end: pos, error: `short read at ${pos}` }
      at = pos - chunkStart
    }
    if (fn({ position: pos, size, header: readBatchHeader(chunk, at), buf: chunk, bufPos: at }) === false) return { end: pos }
    pos += size
  }
  return { end: pos }
}

/**
 * The first record of a scanned batch (read with bodies) at or after `startingOffset` whose
 * timestamp >= ts. Compressed and LogAppendTime batches answer with the batch's base offset (or
 * startingOffset) and maxTimestamp: we never inflate, and LogAppendTime records all share it.
 */
export function firstRecordAtOrAfter(b: ScannedBatch, ts: bigint, startingOffset: bigint): { offset: bigint; timestamp: bigint } | undefined {
  const h = b.header
  const logAppendTime = (h.attributes & TIMESTAMP_TYPE_MASK) !== 0
  if (logAppendTime) {
    // Every record carries the append time, the batch's max timestamp.
    if (h.maxTimestamp < ts) return undefined
    return { offset: h.baseOffset > startingOffset ? h.baseOffset : startingOffset, timestamp: h.maxTimestamp }
  }
  if (h.maxTimestamp < ts) return undefined
  // Compressed batches are inflated, as Kafka's searchForTimestamp does, to find the exact record.
  let c
  if (compressionOf(h.attributes) !== 'none') {
    let section: Buffer
    try {
      section = batchRecordsSection(b.buf, b.bufPos, b.size)
    } catch {
      return { offset: h.baseOffset > startingOffset ? h.baseOffset : startingOffset, timestamp: h.maxTimestamp }
    }
    c = cursor(section, 0, section.length)
  } else {
    c = cursor(b.buf, b.bufPos + RECORD_BATCH_OVERHEAD, b.bufPos + b.size)
  }
  const view = newRecordView()
  for (let i = 0; i < h.recordCount && c.pos < c.end; i++) {
    if (parseRecord(c, view) !== null) return undefined
    const offset = h.baseOffset + BigInt(view.offsetDelta)
    const timestamp = h.baseTimestamp + view.timestampDelta
    if (offset >= startingOffset && timestamp >= ts) return { offset, timestamp }
  }
  return undefined
}
