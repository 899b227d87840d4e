/**
 * The read side of a partition log over its segments, oldest first: whole batches from an
 * offset (a fetch), and the ListOffsets lookups by timestamp.
 */
import type { FileRegion } from './file-region.js'
import type { LogSegment, SegmentSlice } from './segment.js'

export interface ReadOptions {
  /** Return the first batch even if larger than maxBytes (KIP-74). */
  minOneBatch: boolean
  /** Exclusive bound (high watermark): batches with offsets at or above it are not returned. */
  maxOffset?: bigint
}

export interface ReadResult {
  /** Whole batches, byte ranges of segment files, in offset order. */
  records: Buffer[]
  bytes: number
}

/** What a fetch sends: whole batches as regions of segment files, read as the socket drains. */
export interface RegionsResult {
  /** In offset order; the receiver releases each one (see file-region.ts). */
  regions: FileRegion[]
  bytes: number
  /** The offset after the last batch returned (fetchOffset when none). */
  nextOffset: bigint
}

/** Index of the segment that holds `offset` (the last one whose base offset is at or below it). */
export function floorSegment(segments: readonly LogSegment[], offset: bigint): number {
  let lo = 0
  let hi = segments.length - 1
  let found = 0
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (segments[mid]!.baseOffset <= offset) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export interface TimestampAndOffset {
  offset: bigint
  timestamp: bigint
}

/** Whole batches from the one containing fetchOffset, across segments, up to maxBytes, as slices. */
export function sliceSegments(
  segments: readonly LogSegment[],
  fetchOffset: bigint,
  logEndOffset: bigint,
  maxBytes: number,
  opts: ReadOptions,
): Array<{ segment: LogSegment; slice: SegmentSlice }> {
  const out: Array<{ segment: LogSegment; slice: SegmentSlice }> = []
  let bytes = 0
  let offset = fetchOffset
  let minOne = opts.minOneBatch
  for (let i = floorSegment(segments, fetchOffset); i < segments.length; i++) {
    if (offset >= logEndOffset || (opts.maxOffset !== undefined && offset >= opts.maxOffset)) break
    const segment = segments[i]!
    const slice = segment.slice(offset, maxBytes - bytes, minOne, opts.maxOffset)
    if (slice === undefined) continue
    if (slice.size > 0) {
      out.push({ segment, slice })
      bytes += slice.size
      minOne = false
    }
    offset = slice.nextOffset
    // Stopped inside this segment (maxBytes or maxOffset): a later, smaller batch must not jump the queue.
    if (slice.nextOffset < segment.nextOffset) break
  }
  return out
}

/** The first record at or after logStartOffset with timestamp >= ts. */
export function offsetForTimestamp(segments: readonly LogSegment[], logStartOffset: bigint, ts: bigint): TimestampAndOffset | null {
  for (const segment of segments) {
    if (segment.maxTimestamp < ts || segment.nextOffset <= logStartOffset) continue
    const found = segment.findOffsetByTimestamp(ts, logStartOffset)
    if (found !== undefined) return found
  }
  return null
}

/** The record with the largest timestamp at or after logStartOffset (the first one on ties). */
export function maxTimestampOffset(segments: readonly LogSegment[], logStartOffset: bigint): TimestampAndOffset | null {
  let best: LogSegment | undefined
  for (const s of segments) {
    if (s.nextOffset > logStartOffset && s.maxTimestamp >= 0n && (best === undefined || s.maxTimestamp > best.maxTimestamp)) best = s
  }
  return best === undefined ? null : { offset: best.exactOffsetOfMaxTimestamp(), timestamp: best.maxTimestamp }
}
