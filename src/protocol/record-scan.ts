/**
 * The common case of record validation, fast: records that lie whole inside a chunk, parse
 * cleanly, come in order, and carry a timestamp delta of at most four varint bytes (within
 * about three days of the batch's base timestamp) are checked here with plain numbers, without
 * the BigInt per record and the second read of each length that parseRecord and
 * RecordStream's general loop cost. At 100-byte records that was a third of the event loop's
 * time on produce.
 *
 * Anything else - a record cut by the chunk's end, a malformed or out-of-order one, a missing
 * key where keys are required, a timestamp out of range, a larger delta - stops the scan at
 * that record's first byte, and RecordStream's general path takes it from there and gives the
 * verdict and message (so both paths always agree: this one accepts only what the other would).
 */

/** What the scan carries from one record (and chunk) to the next; RecordStream holds it. */
export interface ScanState {
  /** Records read so far. */
  records: number
  lastOffsetDelta: number
  /** Largest timestamp delta of the records scanned here, -Infinity before the first. */
  maxTimestampDelta: number
}

/** The batch's fixed facts the scan checks records against. */
export interface ScanLimits {
  recordCount: number
  lastOffsetDelta: number
  requireKeys: boolean
  /**
   * Timestamp deltas in [lowestDelta, highestDelta] are within message.timestamp.*.max.ms of
   * now (-Infinity and Infinity when not checked). Exact as numbers for the deltas scanned here
   * (under 2^28): a bound beyond 2^53 is rounded, but stays beyond every such delta.
   */
  lowestDelta: number
  highestDelta: number
  /** Most bytes of records accepted, counted from the batch's first (Infinity: no limit). */
  maxBytes: number
}

/** Where the last varint read ended; -1 when it ran past its bound or over its length. */
let after = 0

/**
 * A zig-zag varint of at most `maxShift / 7` bytes, all below `limit`: 35 reads a varint as
 * readVarint does (5 bytes), 28 a varlong of at most 4 bytes (readVarlong's int fast path; longer
 * ones are not taken).
 */
function zigzag(buf: Buffer, pos: number, limit: number, maxShift: 28 | 35): number {
  let raw = 0
  for (let shift = 0; shift < maxShift; shift += 7) {
    if (pos >= limit) break
    const b = buf[pos++]!
    raw |= (b & 0x7f) << shift
    if ((b & 0x80) === 0) {
      after = pos
      return (raw >>> 1) ^ -(raw & 1)
    }
  }
  after = -1
  return 0
}

const varint = (buf: Buffer, pos: number, limit: number): number => zigzag(buf, pos, limit, 35)
const shortVarlong = (buf: Buffer, pos: number, limit: number): number => zigzag(buf, pos, limit, 28)

/**
 * Scans records in buf[pos, end) while they are the common case; returns where it stopped:
 * `end`, or the first byte of a record left to the general path. `bytesBefore` is how many
 * bytes of the batch's records came before buf[0]'s position in the stream's count (for the
 * maxBytes check of an inflating batch).
 */
export function scanRecords(buf: Buffer, pos: number, end: number, bytesBefore: number, limits: ScanLimits, s: ScanState): number {
  let records = s.records
  let lastDelta = s.lastOffsetDelta
  let maxTs = s.maxTimestampDelta
  while (pos < end && records < limits.recordCount) {
    const length = varint(buf, pos, end)
    let p = after
    if (p < 0 || length < 1) break
    const recordEnd = p + length
    if (recordEnd > end || bytesBefore + recordEnd > limits.maxBytes) break
    p++ // attributes: any value
    const tsDelta = shortVarlong(buf, p, recordEnd)
    if (after < 0) break
    const offsetDelta = varint(buf, after, recordEnd)
    if (after < 0) break
    const keyLength = varint(buf, after, recordEnd)
    p = after
    if (p < 0 || keyLength < -1 || keyLength > recordEnd - p) break
    if (keyLength > 0) p += keyLength
    const valueLength = varint(buf, p, recordEnd)
    p = after
    if (p < 0 || valueLength < -1 || valueLength > recordEnd - p) break
    if (valueLength > 0) p += valueLength
    let headers = varint(buf, p, recordEnd)
    p = after
    if (p < 0 || headers < 0) break
    while (headers > 0) {
      const k = varint(buf, p, recordEnd)
      p = after
      if (p < 0 || k < 0 || k > recordEnd - p) break
      p += k
      const v = varint(buf, p, recordEnd)
      p = after
      if (p < 0 || v < -1 || v > recordEnd - p) break
      if (v > 0) p += v
      headers--
    }
    if (headers > 0 || p !== recordEnd) break
    if (offsetDelta <= lastDelta || offsetDelta > limits.lastOffsetDelta) break
    if (limits.requireKeys && keyLength < 0) break
    if (tsDelta < limits.lowestDelta || tsDelta > limits.highestDelta) break
    lastDelta = offsetDelta
    if (tsDelta > maxTs) maxTs = tsDelta
    records++
    pos = recordEnd
  }
  s.records = records
  s.lastOffsetDelta = lastDelta
  s.maxTimestampDelta = maxTs
  return pos
}
