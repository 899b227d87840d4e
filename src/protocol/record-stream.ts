/**
 * Validation of one batch's records as a stream of chunks, so a compressed batch never has to be
 * inflated whole (Kafka's LogValidator does the same through skipKeyValueIterator). Records that
 * lie inside a chunk are parsed in place by parseRecord; a record cut by a chunk boundary goes
 * through a small state machine that skips key, value and header bytes without buffering them,
 * so memory stays bounded whatever the record sizes. Both paths give the same verdict, with the
 * same messages, for the same bytes.
 *
 * Per-record errors are Kafka's: a record that does not parse, or whose offset delta is out of
 * order, stops the batch (InvalidRecordException); a missing key on a compacted topic and a
 * CreateTime out of range are collected for every record (LogValidator.validateRecord) and
 * reported together, as KIP-467's record_errors.
 */
import { ErrorCode } from './generated/error-codes.js'
import type { BatchHeader } from './record-batch.js'
import { newRecordView, parseRecord, type RecordView } from './record-codec.js'
import { cursor, readVarint } from './varint.js'
import { scanRecords, type ScanLimits, type ScanState } from './record-scan.js'

export interface RecordChecks {
  /** Compacted topics reject records without a key. */
  requireKeys?: boolean
  /** When set, CreateTime timestamps are checked against these bounds around `now`. */
  now?: bigint
  timestampBeforeMaxMs?: bigint
  timestampAfterMaxMs?: bigint
  /** Named in per-record messages, as Kafka's are ("topic-0"). */
  topicPartition?: string
}

/** One record's error (KIP-467): its index in the batch and what is wrong with it. */
export interface RecordError {
  recordIndex: number
  message: string
}

export interface FatalError {
  errorCode: number
  message: string
  recordIndex?: number
}

enum S {
  Len,
  Attr,
  Ts,
  Off,
  KeyLen,
  Key,
  ValueLen,
  Value,
  HeaderCount,
  HeaderKeyLen,
  HeaderKey,
  HeaderValueLen,
  HeaderValue,
  SkipRest,
}

/**
 * A record read across chunks, with parseRecord's rules: the record length first, then fields
 * that must stay inside it; errors are decided as parseRecord decides them.
 */
class SplitRecord {
  readonly view: RecordView = newRecordView()
  state = S.Len
  length = -1
  /** Bytes of the length varint, once read. */
  lengthBytes = 0
  /** Where the record starts in the batch's records. */
  readonly offset: number
  constructor(offset: number) {
    this.offset = offset
  }
  /** Body bytes not read yet. */
  remaining = 0
  error: string | null = null
  done = false
  #skip = 0
  #headersLeft = 0
  #raw = 0
  #big = 0n
  #n = 0

  /** Reads from buf[pos, end); returns the position it stopped at (end, or the record's end). */
  feed(buf: Buffer, pos: number, end: number): number {
    while (!this.done) {
      if (this.state !== S.Len && this.remaining === 0) {
        this.#recordEnded()
        continue
      }
      if (pos >= end) return pos
      switch (this.state) {
        case S.Len: {
          const b = buf[pos++]!
          const r = this.#varint(b, 5)
          if (r === 2) this.#fatal('record length overruns the batch')
          else if (r === 1) {
            const length = this.#int()
            if (length < 1) this.#fatal(`invalid record length ${length}`)
            else {
              this.lengthBytes = this.#n0
              this.length = this.remaining = length
              this.state = S.Attr
            }
          }
          break
        }
        case S.Attr:
          this.view.attributes = buf[pos++]!
          this.remaining--
          this.state = S.Ts
          break
        case S.Ts:
        case S.Off:
        case S.KeyLen:
        case S.ValueLen:
        case S.HeaderCount:
        case S.HeaderKeyLen:
        case S.HeaderValueLen: {
          const b = buf[pos++]!
          this.remaining--
          const r = this.#varint(b, this.state === S.Ts ? 10 : 5)
          if (r === 2) this.#overrun()
          else if (r === 1) this.#field()
          break
        }
        case S.Key:
        case S.Value:
        case S.HeaderKey:
        case S.HeaderValue:
        case S.SkipRest: {
          const want = this.state === S.SkipRest ? this.remaining : this.#skip
          const n = Math.min(want, end - pos)
          pos += n
          this.remaining -= n
          if (this.state !== S.SkipRest) {
            this.#skip -= n
            if (this.#skip === 0) this.#afterSkip()
          }
          break
        }
      }
    }
    return pos
  }

  /** 0: more bytes needed, 1: complete, 2: too long (Java rejects more than 5 or 10 bytes). */
  #varint(b: number, maxBytes: number): 0 | 1 | 2 {
    if (this.state === S.Ts) this.#big |= BigInt(b & 0x7f) << BigInt(7 * this.#n)
    else this.#raw |= (b & 0x7f) << (7 * this.#n)
    this.#n++
    if ((b & 0x80) === 0) return 1
    return this.#n === maxBytes ? 2 : 0
  }

  /** Bytes of the last varint read (kept for the record length). */
  #n0 = 0

  #int(): number {
    const raw = this.#raw
    this.#raw = 0
    this.#n0 = this.#n
    this.#n = 0
    return (raw >>> 1) ^ -(raw & 1)
  }

  #long(): bigint {
    const big = BigInt.asUintN(64, this.#big)
    this.#big = 0n
    this.#n = 0
    return BigInt.asIntN(64, (big >> 1n) ^ -(big & 1n))
  }

  #field(): void {
    const v = this.view
    switch (this.state) {
      case S.Ts:
        v.timestampDelta = this.#long()
        this.state = S.Off
        return
      case S.Off:
        v.offsetDelta = this.#int()
        this.state = S.KeyLen
        return
      case S.KeyLen:
        v.keyLength = this.#int()
        if (v.keyLength > this.remaining) return this.#overrun()
        this.#skipThen(v.keyLength, S.Key, S.ValueLen)
        return
      case S.ValueLen:
        v.valueLength = this.#int()
        if (v.valueLength > this.remaining) return this.#overrun()
        this.#skipThen(v.valueLength, S.Value, S.HeaderCount)
        return
      case S.HeaderCount:
        v.headerCount = this.#int()
        if (v.keyLength < -1 || v.valueLength < -1) return this.#reject('invalid negative key or value size')
        if (v.headerCount < 0) return this.#reject(`invalid negative header count ${v.headerCount}`)
        this.#headersLeft = v.headerCount
        this.#nextHeader()
        return
      case S.HeaderKeyLen: {
        const n = this.#int()
        if (n > this.remaining) return this.#reject('record headers overrun the record length')
        if (n < 0) return this.#reject(`invalid negative header key size ${n}`)
        this.#skipThen(n, S.HeaderKey, S.HeaderValueLen)
        return
      }
      case S.HeaderValueLen: {
        const n = this.#int()
        if (n > this.remaining) return this.#reject('record headers overrun the record length')
        if (n < -1) return this.#reject(`invalid header value size ${n}`)
        this.#headersLeft--
        if (n > 0) {
          this.#skip = n
          this.state = S.HeaderValue
        } else this.#nextHeader()
        return
      }
    }
  }

  #skipThen(n: number, skipping: S, next: S): void {
    if (n > 0) {
      this.#skip = n
      this.state = skipping
    } else this.state = next
  }

  #afterSkip(): void {
    if (this.state === S.Key) this.state = S.ValueLen
    else if (this.state === S.Value) this.state = S.HeaderCount
    else if (this.state === S.HeaderKey) this.state = S.HeaderValueLen
    else this.#nextHeader()
  }

  #nextHeader(): void {
    if (this.#headersLeft > 0) {
      this.state = S.HeaderKeyLen
      return
    }
    if (this.remaining > 0) this.#reject(`invalid record size: expected ${this.length} bytes, read ${this.length - this.remaining}`)
    else this.done = true
  }

  /** A field ran past the record or was too long: parseRecord's "overrun" (c.ok = false). */
  #overrun(): void {
    const inHeaders = this.state === S.HeaderKeyLen || this.state === S.HeaderValueLen
    this.#reject(inHeaders ? 'record headers overrun the record length' : 'record fields overrun the record length')
  }

  /** The record's bytes are all read while the state machine still wanted some. */
  #recordEnded(): void {
    if (this.state === S.SkipRest) this.done = true
    else if (this.state === S.HeaderKeyLen || this.state === S.HeaderValueLen) this.#reject('record headers overrun the record length')
    else if (this.state === S.Key || this.state === S.Value || this.state === S.HeaderKey || this.state === S.HeaderValue) this.#afterSkip()
    else this.#reject('record fields overrun the record length')
  }

  /** The verdict is known; the rest of the record is skipped. */
  #reject(message: string): void {
    this.error = message
    this.state = S.SkipRest
  }

  #fatal(message: string): void {
    this.error = message
    this.done = true
  }
}

/** Validates the records of one batch, fed as chunks of its (inflated) records section. */
export class RecordStream {
  readonly header: BatchHeader
  readonly checks: RecordChecks
  /** Bytes of records accepted at most (the inflated size of a compressed batch). */
  readonly maxBytes: number
  /** Set when the batch is refused as a whole: nothing more is read. */
  fatal: FatalError | null = null
  /** Per-record errors (missing keys, timestamps), all of them. */
  readonly recordErrors: RecordError[] = []
  /** Some record error is a timestamp (the partition then answers INVALID_TIMESTAMP, as Kafka). */
  timestampErrors = false
  bytes = 0
  /** Records read, offset order and largest timestamp delta: shared with scanRecords (the fast path). */
  readonly #scan: ScanState = { records: 0, lastOffsetDelta: -1, maxTimestampDelta: -Infinity }
  readonly #limits: ScanLimits
  /** Largest timestamp delta of the records read by the general path. */
  #maxDelta: bigint | null = null
  #split: SplitRecord | null = null
  readonly #view = newRecordView()
  readonly #checkTs: boolean

  constructor(header: BatchHeader, checks: RecordChecks, maxBytes = Infinity) {
    this.header = header
    this.checks = checks
    this.maxBytes = maxBytes
    this.#checkTs = checks.now !== undefined && (header.attributes & 0x08) === 0
    // #record's timestamp bounds as bounds on the delta: now - (base + delta) > before, base + delta - now > after.
    const { now, timestampBeforeMaxMs: before, timestampAfterMaxMs: after } = checks
    const checked = this.#checkTs && now !== undefined
    this.#limits = {
      recordCount: header.recordCount,
      lastOffsetDelta: header.lastOffsetDelta,
      requireKeys: checks.requireKeys === true,
      lowestDelta: checked && before !== undefined ? Number(now - header.baseTimestamp - before) : -Infinity,
      highestDelta: checked && after !== undefined ? Number(now - header.baseTimestamp + after) : Infinity,
      maxBytes,
    }
  }

  /** Max record timestamp of the batch (valid once end() found no error). */
  get maxTimestamp(): bigint {
    let delta = this.#maxDelta
    const scanned = this.#scan.maxTimestampDelta
    if (scanned !== -Infinity && (delta === null || BigInt(scanned) > delta)) delta = BigInt(scanned)
    return BigInt.asIntN(64, this.header.baseTimestamp + (delta ?? 0n))
  }

  /** Feeds buf[start, end); false once no more bytes are wanted (the batch is refused). */
  push(buf: Buffer, start: number, end: number): boolean {
    if (this.fatal !== null) return false
    this.bytes += end - start
    if (this.bytes > this.maxBytes) return this.#tooLarge()
    let pos = start
    if (this.#split !== null) {
      pos = this.#split.feed(buf, pos, end)
      if (this.#splitTooLong()) return false
      if (!this.#split.done) return true
      const split = this.#split
      this.#split = null
      if (!this.#record(split.error, split.view)) return false
    }
    const c = cursor(buf, pos, end)
    const view = this.#view
    const scan = this.#scan
    for (;;) {
      // The usual records go the fast way; the general path below takes the one it stops at.
      c.pos = scanRecords(buf, c.pos, end, this.bytes - end, this.#limits, scan)
      if (c.pos >= end) break
      if (scan.records === this.header.recordCount) return this.#fail(ErrorCode.INVALID_RECORD, 'bytes left over after the declared records')
      const recordStart = c.pos
      const length = readVarint(c)
      // A record that ends past the limit is refused before its bytes are inflated.
      if (c.ok && length >= 1 && this.bytes - (end - c.pos) + length > this.maxBytes) return this.#tooLarge()
      if (c.ok && length >= 1 && c.pos + length <= end) {
        c.pos = recordStart
        if (!this.#record(parseRecord(c, view), view)) return false
        continue
      }
      if (c.ok && length < 1) return this.#fail(ErrorCode.INVALID_RECORD, `invalid record length ${length}`, scan.records)
      if (!c.ok && end - recordStart >= 5) return this.#fail(ErrorCode.INVALID_RECORD, 'record length overruns the batch', scan.records)
      // The record goes on in the next chunk.
      const split = new SplitRecord(this.bytes - (end - recordStart))
      split.feed(buf, recordStart, end)
      this.#split = split
      return !this.#splitTooLong()
    }
    return true
  }

  /** No more bytes: checks that every declared record was there. */
  end(): void {
    if (this.fatal !== null) return
    const split = this.#split
    if (split !== null) {
      this.#fail(ErrorCode.INVALID_RECORD, split.length < 0 ? 'record length overruns the batch' : `invalid record length ${split.length}`, this.#scan.records)
    } else if (this.#scan.records < this.header.recordCount) {
      this.#fail(ErrorCode.INVALID_RECORD, `found ${this.#scan.records} records, header says ${this.header.recordCount}`, this.#scan.records)
    }
  }

  #tooLarge(): false {
    return this.#fail(ErrorCode.MESSAGE_TOO_LARGE, `records inflate to more than ${this.maxBytes} bytes`)
  }

  /** The record being read across chunks declares a length that ends past the limit. */
  #splitTooLong(): boolean {
    const split = this.#split!
    if (split.length < 0 || split.offset + split.lengthBytes + split.length <= this.maxBytes) return false
    this.#tooLarge()
    return true
  }

  #fail(errorCode: number, message: string, recordIndex?: number): false {
    this.fatal = { errorCode, message, recordIndex }
    return false
  }

  /** Checks one parsed record (parse error, offset order, key, timestamp). */
  #record(error: string | null, view: RecordView): boolean {
    const scan = this.#scan
    const index = scan.records
    const h = this.header
    if (error !== null) return this.#fail(ErrorCode.INVALID_RECORD, error, index)
    if (view.offsetDelta <= scan.lastOffsetDelta || view.offsetDelta > h.lastOffsetDelta) {
      return this.#fail(ErrorCode.INVALID_RECORD, `record offset delta ${view.offsetDelta} out of order`, index)
    }
    scan.lastOffsetDelta = view.offsetDelta
    const checks = this.checks
    if (checks.requireKeys && view.keyLength < 0) {
      // Kafka's LogValidator.validateKey wording.
      this.recordErrors.push({
        recordIndex: index,
        message: `Compacted topic cannot accept message without key in topic partition ${checks.topicPartition ?? '?'}.`,
      })
    } else if (this.#checkTs) {
      const ts = h.baseTimestamp + view.timestampDelta
      const now = checks.now!
      if (
        (checks.timestampBeforeMaxMs !== undefined && now - ts > checks.timestampBeforeMaxMs) ||
        (checks.timestampAfterMaxMs !== undefined && ts - now > checks.timestampAfterMaxMs)
      ) {
        this.timestampErrors = true
        this.recordErrors.push({ recordIndex: index, message: `timestamp ${ts} is out of the accepted range around ${now}` })
      }
    }
    if (this.#maxDelta === null || view.timestampDelta > this.#maxDelta) this.#maxDelta = view.timestampDelta
    scan.records++
    return true
  }
}
