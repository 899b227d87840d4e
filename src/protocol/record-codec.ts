/**
 * Record-level encoding and decoding of uncompressed magic v2 batches. The broker's hot path never
 * calls these; they serve tests, internal topics (__consumer_offsets) and tools, plus the
 * allocation-free `parseRecord` that the Produce validator uses to walk records.
 */
import { ProtocolError } from '../errors.js'
import { compress, decompress, type CompressOptions } from './compression.js'
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  BATCH_LENGTH_OFFSET,
  COMPRESSION_TYPES,
  CONTROL_FLAG_MASK,
  CURRENT_MAGIC,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAX_TIMESTAMP_OFFSET,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORD_BATCH_OVERHEAD,
  RECORD_COUNT_OFFSET,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG_MASK,
  readBatchHeader,
  writeBatchCrc,
  type BatchHeader,
  type CompressionType,
  type TimestampType,
} from './record-batch.js'
import { cursor, readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong, type Cursor } from './varint.js'

export type Bytes = Buffer | string | null

export interface RecordHeader {
  key: string
  value: Buffer | null
}

export interface RecordInput {
  key?: Bytes
  value?: Bytes
  headers?: { key: string; value: Bytes }[]
  /** Create time in ms; defaults to the batch's `now`. */
  timestamp?: bigint
}

export interface EncodeBatchOptions {
  baseOffset?: bigint
  records: RecordInput[]
  producerId?: bigint
  producerEpoch?: number
  baseSequence?: number
  partitionLeaderEpoch?: number
  timestampType?: TimestampType
  isTransactional?: boolean
  isControl?: boolean
  compression?: CompressionType
  /** Default timestamp for records without one. */
  now?: bigint
  /** Codec options (snappy framing, level) when compressed. */
  compressOptions?: CompressOptions
}

export interface DecodedRecord {
  offset: bigint
  timestamp: bigint
  key: Buffer | null
  value: Buffer | null
  headers: RecordHeader[]
}

const toBuf = (b: Bytes | undefined): Buffer | null => (b === null || b === undefined ? null : typeof b === 'string' ? Buffer.from(b) : b)

const sizeOfBytes = (b: Buffer | null): number => (b === null ? sizeOfVarint(-1) : sizeOfVarint(b.length) + b.length)

function writeBytes(buf: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) return writeVarint(buf, pos, -1)
  pos = writeVarint(buf, pos, b.length)
  b.copy(buf, pos)
  return pos + b.length
}

/** Encodes one batch, compressing the records with `opts.compression` when set. */
export function encodeRecordBatch(opts: EncodeBatchOptions): Buffer {
  const compression = opts.compression ?? 'none'
  if (opts.records.length === 0) throw new ProtocolError('a record batch needs at least one record')
  const now = opts.now ?? BigInt(Date.now())
  const timestamps = opts.records.map((r) => r.timestamp ?? now)
  const baseTimestamp = timestamps[0]!
  const maxTimestamp = timestamps.reduce((a, b) => (b > a ? b : a))
  const bodies = opts.records.map((r, i) => {
    const key = toBuf(r.key)
    const value = toBuf(r.value)
    const headers = (r.headers ?? []).map((h) => ({ key: Buffer.from(h.key), value: toBuf(h.value) }))
    const tsDelta = timestamps[i]! - baseTimestamp
    let size = 1 + sizeOfVarlong(tsDelta) + sizeOfVarint(i) + sizeOfBytes(key) + sizeOfBytes(value)
    size += sizeOfVarint(headers.length)
    for (const h of headers) size += sizeOfBytes(h.key) + sizeOfBytes(h.value)
    return { key, value, headers, tsDelta, size }
  })
  const recordsSize = bodies.reduce((n, b) => n + sizeOfVarint(b.size) + b.size, 0)
  const plain = Buffer.alloc(RECORD_BATCH_OVERHEAD + recordsSize)
  let pos = RECORD_BATCH_OVERHEAD
  bodies.forEach((b, i) => {
    pos = writeVarint(plain, pos, b.size)
    plain.writeInt8(0, pos++)
    pos = writeVarlong(plain, pos, b.tsDelta)
    pos = writeVarint(plain, pos, i)
    pos = writeBytes(plain, pos, b.key)
    pos = writeBytes(plain, pos, b.value)
    pos = writeVarint(plain, pos, b.headers.length)
    for (const h of b.headers) {
      pos = writeBytes(plain, pos, h.key)
      pos = writeBytes(plain, pos, h.value)
    }
  })
  const buf =
    compression === 'none'
      ? plain
      : Buffer.concat([plain.subarray(0, RECORD_BATCH_OVERHEAD), compress(compression, plain.subarray(RECORD_BATCH_OVERHEAD), opts.compressOptions)])
  const total = buf.length
  let attributes = COMPRESSION_TYPES.indexOf(compression)
  if (opts.timestampType === 'LogAppendTime') attributes |= TIMESTAMP_TYPE_MASK
  if (opts.isTransactional) attributes |= TRANSACTIONAL_FLAG_MASK
  if (opts.isControl) attributes |= CONTROL_FLAG_MASK
  buf.writeBigInt64BE(opts.baseOffset ?? 0n, BASE_OFFSET_OFFSET)
  buf.writeInt32BE(total - LOG_OVERHEAD, BATCH_LENGTH_OFFSET)
  buf.writeInt32BE(opts.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH, PARTITION_LEADER_EPOCH_OFFSET)
  buf.writeInt8(CURRENT_MAGIC, MAGIC_OFFSET)
  buf.writeInt16BE(attributes, ATTRIBUTES_OFFSET)
  buf.writeInt32BE(opts.records.length - 1, LAST_OFFSET_DELTA_OFFSET)
  buf.writeBigInt64BE(baseTimestamp, BASE_TIMESTAMP_OFFSET)
  buf.writeBigInt64BE(maxTimestamp, MAX_TIMESTAMP_OFFSET)
  buf.writeBigInt64BE(opts.producerId ?? NO_PRODUCER_ID, PRODUCER_ID_OFFSET)
  buf.writeInt16BE(opts.producerEpoch ?? NO_PRODUCER_EPOCH, PRODUCER_EPOCH_OFFSET)
  buf.writeInt32BE(opts.baseSequence ?? NO_SEQUENCE, BASE_SEQUENCE_OFFSET)
  buf.writeInt32BE(opts.records.length, RECORD_COUNT_OFFSET)
  writeBatchCrc(buf, 0, total)
  return buf
}

/** Positions of one record's parts inside its buffer; filled by parseRecord without allocating. */
export interface RecordView {
  attributes: number
  timestampDelta: bigint
  offsetDelta: number
  keyStart: number
  keyLength: number
  valueStart: number
  valueLength: number
  headerCount: number
  headersStart: number
  /** Position just past the record. */
  end: number
}

export function newRecordView(): RecordView {
  return {
    attributes: 0,
    timestampDelta: 0n,
    offsetDelta: 0,
    keyStart: 0,
    keyLength: -1,
    valueStart: 0,
    valueLength: -1,
    headerCount: 0,
    headersStart: 0,
    end: 0,
  }
}

/**
 * Parses the record at `c.pos` into `out` and advances the cursor past it. Returns an error
 * message (Kafka's InvalidRecordException wording where it has one) or null; never throws.
 */
export function parseRecord(c: Cursor, out: RecordView): string | null {
  const length = readVarint(c)
  if (!c.ok) return 'record length overruns the batch'
  if (length < 1 || length > c.end - c.pos) return `invalid record length ${length}`
  const outerEnd = c.end
  const end = c.pos + length
  c.end = end
  out.end = end
  out.attributes = c.buf[c.pos++]!
  out.timestampDelta = readVarlong(c)
  out.offsetDelta = readVarint(c)
  out.keyLength = readVarint(c)
  out.keyStart = c.pos
  if (c.ok && out.keyLength > end - c.pos) c.ok = false
  if (out.keyLength > 0) c.pos += out.keyLength
  out.valueLength = readVarint(c)
  out.valueStart = c.pos
  if (c.ok && out.valueLength > end - c.pos) c.ok = false
  if (out.valueLength > 0) c.pos += out.valueLength
  out.headerCount = readVarint(c)
  out.headersStart = c.pos
  let error: string | null = null
  if (!c.ok) error = 'record fields overrun the record length'
  else if (out.keyLength < -1 || out.valueLength < -1) error = 'invalid negative key or value size'
  else if (out.headerCount < 0) error = `invalid negative header count ${out.headerCount}`
  for (let i = 0; error === null && i < out.headerCount; i++) {
    const keyLength = readVarint(c)
    if (!c.ok || keyLength > end - c.pos) error = 'record headers overrun the record length'
    else if (keyLength < 0) error = `invalid negative header key size ${keyLength}`
    else c.pos += keyLength
    if (error !== null) break
    const valueLength = readVarint(c)
    if (!c.ok || valueLength > end - c.pos) error = 'record headers overrun the record length'
    else if (valueLength < -1) error = `invalid header value size ${valueLength}`
    else if (valueLength > 0) c.pos += valueLength
  }
  if (error === null && c.pos !== end) error = `invalid record size: expected ${length} bytes, read ${length - (end - c.pos)}`
  c.end = outerEnd
  c.pos = end
  c.ok = true
  return error
}

/**
 * The records section of the batch at `pos` (`size` bytes), inflated when compressed. Throws
 * ProtocolError when the codec is unknown or the data does not inflate.
 */
export function batchRecordsSection(batch: Buffer, pos: number, size: number): Buffer {
  const attributes = batch.readInt16BE(pos + ATTRIBUTES_OFFSET)
  const type = COMPRESSION_TYPES[attributes & 0x07]
  if (type === undefined) throw new ProtocolError(`unknown compression id ${attributes & 0x07}`)
  return decompress(type, batch.subarray(pos + RECORD_BATCH_OVERHEAD, pos + size))
}

/**
 * Decodes the records of one batch at `pos`, inflating compressed ones. Throws ProtocolError on
 * malformed input. For LogAppendTime batches every record's timestamp is the batch's
 * maxTimestamp, as Kafka's readers do.
 */
export function decodeRecords(batch: Buffer, pos = 0): DecodedRecord[] {
  if (batch.length - pos < RECORD_BATCH_OVERHEAD) throw new ProtocolError('truncated record batch header')
  const h = readBatchHeader(batch, pos)
  const end = pos + h.batchLength + LOG_OVERHEAD
  if (h.magic !== CURRENT_MAGIC) throw new ProtocolError(`unsupported magic ${h.magic}`)
  if (end > batch.length || end < pos + RECORD_BATCH_OVERHEAD) throw new ProtocolError('invalid batch length')
  const logAppend = (h.attributes & TIMESTAMP_TYPE_MASK) !== 0
  const compressed = (h.attributes & 0x07) !== 0
  const section = compressed ? batchRecordsSection(batch, pos, end - pos) : batch
  const sectionEnd = compressed ? section.length : end
  return decodeRecordsSection(h, section, compressed ? 0 : pos + RECORD_BATCH_OVERHEAD, sectionEnd, logAppend)
}

function decodeRecordsSection(h: BatchHeader, batch: Buffer, start: number, end: number, logAppend: boolean): DecodedRecord[] {
  const c = cursor(batch, start, end)
  const view = newRecordView()
  const out: DecodedRecord[] = []
  for (let i = 0; i < h.recordCount; i++) {
    const error = parseRecord(c, view)
    if (error !== null) throw new ProtocolError(`record ${i}: ${error}`)
    const headers: RecordHeader[] = []
    const hc = cursor(batch, view.headersStart, view.end)
    for (let j = 0; j < view.headerCount; j++) {
      const kl = readVarint(hc)
      const key = batch.toString('utf8', hc.pos, hc.pos + kl)
      hc.pos += kl
      const vl = readVarint(hc)
      headers.push({ key, value: vl < 0 ? null : Buffer.from(batch.subarray(hc.pos, hc.pos + vl)) })
      if (vl > 0) hc.pos += vl
    }
    out.push({
      offset: h.baseOffset + BigInt(view.offsetDelta),
      timestamp: logAppend ? h.maxTimestamp : h.baseTimestamp + view.timestampDelta,
      key: view.keyLength < 0 ? null : Buffer.from(batch.subarray(view.keyStart, view.keyStart + view.keyLength)),
      value: view.valueLength < 0 ? null : Buffer.from(batch.subarray(view.valueStart, view.valueStart + view.valueLength)),
      headers,
    })
  }
  if (c.pos !== end) throw new ProtocolError('bytes left over after the last record')
  return out
}
