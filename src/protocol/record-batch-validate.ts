/**
 * Produce-side validation of a partition's `records` bytes, after Kafka's LogValidator and
 * ProduceRequest.validateRecords. Works on untrusted bytes: it never throws; compressed batches
 * are inflated and their records checked like uncompressed ones, as Kafka does.
 *
 * Error choices (Kafka's exception -> our code):
 * - framing (length overrun, batchLength < 49, trailing partial batch, unknown magic > 2)
 *   and a bad CRC-32C: CorruptRecordException -> CORRUPT_MESSAGE. Kafka's produce path silently
 *   drops a trailing partial batch; we reject it since a client never sends one.
 * - magic 0/1: Produce v3+ may carry only magic 2 batches (InvalidRecordException) ->
 *   INVALID_RECORD. Older Produce versions are not offered, so no down-conversion exists.
 * - bad counts, record framing, control batches from clients, producer field nonsense,
 *   missing keys on compacted topics: InvalidRecordException -> INVALID_RECORD.
 * - batch larger than max.message.bytes: RecordTooLargeException -> MESSAGE_TOO_LARGE.
 * - compression id > 4: UNSUPPORTED_COMPRESSION_TYPE.
 * - a compressed batch that does not inflate: CORRUPT_MESSAGE.
 * - CreateTime outside message.timestamp.{before,after}.max.ms: INVALID_TIMESTAMP (per record).
 */
import { ErrorCode } from './generated/error-codes.js'
import {
  CURRENT_MAGIC,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MIN_BATCH_LENGTH,
  NO_TIMESTAMP,
  RECORD_BATCH_OVERHEAD,
  compressionOf,
  isControl,
  isCrcValid,
  isTransactional,
  readBatchHeader,
  type BatchHeader,
  type CompressionType,
} from './record-batch.js'
import { batchRecordsSection, newRecordView, parseRecord } from './record-codec.js'
import { cursor } from './varint.js'

export interface ValidateOptions {
  /** max.message.bytes: largest batch accepted. */
  maxBatchBytes?: number
  /** Produce v3+ allows exactly one batch per partition. */
  singleBatch?: boolean
  /** Control batches are written by the transaction coordinator, never by clients. */
  allowControl?: boolean
  /** Compacted topics reject records without a key. */
  requireKeys?: boolean
  /** When set, CreateTime timestamps are checked against these bounds around `now`. */
  now?: bigint
  timestampBeforeMaxMs?: bigint
  timestampAfterMaxMs?: bigint
}

export interface BatchInfo {
  position: number
  size: number
  header: BatchHeader
  compression: CompressionType
  /** Max record timestamp, computed from the records. */
  maxTimestamp: bigint
}

export interface ValidBatches {
  ok: true
  batches: BatchInfo[]
  recordCount: number
  maxTimestamp: bigint
  bytes: number
}

export interface InvalidBatches {
  ok: false
  errorCode: number
  message: string
  /** Index of the offending batch, and of the record within it when known (KIP-467). */
  batchIndex: number
  recordIndex?: number
}

export type ValidationResult = ValidBatches | InvalidBatches

const invalid = (errorCode: number, message: string, batchIndex: number, recordIndex?: number): InvalidBatches => ({
  ok: false,
  errorCode,
  message,
  batchIndex,
  recordIndex,
})

export function validateBatches(records: Buffer, opts: ValidateOptions = {}): ValidationResult {
  const batches: BatchInfo[] = []
  let pos = 0
  let recordCount = 0
  let maxTimestamp = NO_TIMESTAMP
  if (records.length === 0) return invalid(ErrorCode.INVALID_RECORD, 'no record batch in the records', 0)
  while (pos < records.length) {
    const index = batches.length
    const remaining = records.length - pos
    // Magic sits at byte 16; read it before trusting the v2 header size.
    if (remaining < MAGIC_OFFSET + 1) return invalid(ErrorCode.CORRUPT_MESSAGE, `truncated batch at byte ${pos}`, index)
    const magic = records.readInt8(pos + MAGIC_OFFSET)
    if (magic === 0 || magic === 1) {
      return invalid(ErrorCode.INVALID_RECORD, `only record batches with magic ${CURRENT_MAGIC} are accepted, got ${magic}`, index)
    }
    if (magic !== CURRENT_MAGIC) return invalid(ErrorCode.CORRUPT_MESSAGE, `invalid magic ${magic}`, index)
    const batchLength = records.readInt32BE(pos + 8)
    if (batchLength < MIN_BATCH_LENGTH) {
      return invalid(ErrorCode.CORRUPT_MESSAGE, `batch length ${batchLength} is below the minimum ${MIN_BATCH_LENGTH}`, index)
    }
    const size = batchLength + LOG_OVERHEAD
    if (size > remaining) return invalid(ErrorCode.CORRUPT_MESSAGE, `batch of ${size} bytes overruns the records`, index)
    if (opts.maxBatchBytes !== undefined && size > opts.maxBatchBytes) {
      return invalid(ErrorCode.MESSAGE_TOO_LARGE, `batch of ${size} bytes exceeds max.message.bytes ${opts.maxBatchBytes}`, index)
    }
    if (!isCrcValid(records, pos, size)) return invalid(ErrorCode.CORRUPT_MESSAGE, 'record batch CRC mismatch', index)
    const header = readBatchHeader(records, pos)
    const error = checkHeader(header, opts, index)
    if (error !== null) return error
    const compression = compressionOf(header.attributes)!
    // Kafka's LogValidator inflates compressed batches too: records that do not parse must not
    // reach the log, where every consumer would fail on them.
    let section: Buffer = records
    let start = pos + RECORD_BATCH_OVERHEAD
    let end = pos + size
    if (compression !== 'none') {
      try {
        section = batchRecordsSection(records, pos, size)
      } catch (err) {
        return invalid(ErrorCode.CORRUPT_MESSAGE, (err as Error).message, index)
      }
      start = 0
      end = section.length
    }
    const walked = walkRecords(section, start, end, header, opts, index)
    if (typeof walked !== 'bigint') return walked
    const batchMax = walked
    batches.push({ position: pos, size, header, compression, maxTimestamp: batchMax })
    recordCount += header.recordCount
    if (batchMax > maxTimestamp) maxTimestamp = batchMax
    pos += size
  }
  if (opts.singleBatch && batches.length > 1) {
    return invalid(ErrorCode.INVALID_RECORD, 'produce requests may carry exactly one record batch per partition', 1)
  }
  return { ok: true, batches, recordCount, maxTimestamp, bytes: records.length }
}

function checkHeader(h: BatchHeader, opts: ValidateOptions, index: number): InvalidBatches | null {
  if (compressionOf(h.attributes) === undefined) {
    return invalid(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `unknown compression id ${h.attributes & 0x07}`, index)
  }
  if (h.recordCount <= 0) return invalid(ErrorCode.INVALID_RECORD, `invalid record count ${h.recordCount}`, index)
  if (h.lastOffsetDelta < 0 || h.lastOffsetDelta + 1 !== h.recordCount) {
    return invalid(ErrorCode.INVALID_RECORD, `lastOffsetDelta ${h.lastOffsetDelta} does not match record count ${h.recordCount}`, index)
  }
  if (isControl(h.attributes) && !opts.allowControl) {
    return invalid(ErrorCode.INVALID_RECORD, 'clients are not allowed to write control records', index)
  }
  if (h.producerId < -1n) return invalid(ErrorCode.INVALID_RECORD, `invalid producer id ${h.producerId}`, index)
  if (h.producerId >= 0n) {
    if (h.producerEpoch < 0) return invalid(ErrorCode.INVALID_RECORD, `invalid producer epoch ${h.producerEpoch}`, index)
    if (h.baseSequence < 0) {
      return invalid(ErrorCode.INVALID_RECORD, `invalid sequence ${h.baseSequence} for producer id ${h.producerId}`, index)
    }
  } else if (isTransactional(h.attributes)) {
    return invalid(ErrorCode.INVALID_RECORD, 'transactional batches need a producer id', index)
  }
  return null
}

function checkTimestamp(ts: bigint, opts: ValidateOptions, index: number, recordIndex?: number): InvalidBatches | null {
  const now = opts.now!
  if (
    (opts.timestampBeforeMaxMs !== undefined && now - ts > opts.timestampBeforeMaxMs) ||
    (opts.timestampAfterMaxMs !== undefined && ts - now > opts.timestampAfterMaxMs)
  ) {
    return invalid(ErrorCode.INVALID_TIMESTAMP, `timestamp ${ts} is out of the accepted range around ${now}`, index, recordIndex)
  }
  return null
}

/** Walks a batch's (uncompressed) records in buf[start, end); returns their max timestamp or an error. */
function walkRecords(
  buf: Buffer,
  start: number,
  end: number,
  h: BatchHeader,
  opts: ValidateOptions,
  index: number,
): bigint | InvalidBatches {
  const c = cursor(buf, start, end)
  const view = newRecordView()
  let maxDelta: bigint | null = null
  let lastOffsetDelta = -1
  const checkTs = opts.now !== undefined && (h.attributes & 0x08) === 0
  for (let i = 0; i < h.recordCount; i++) {
    if (c.pos >= c.end) return invalid(ErrorCode.INVALID_RECORD, `found ${i} records, header says ${h.recordCount}`, index, i)
    const error = parseRecord(c, view)
    if (error !== null) return invalid(ErrorCode.INVALID_RECORD, error, index, i)
    if (view.offsetDelta <= lastOffsetDelta || view.offsetDelta > h.lastOffsetDelta) {
      return invalid(ErrorCode.INVALID_RECORD, `record offset delta ${view.offsetDelta} out of order`, index, i)
    }
    lastOffsetDelta = view.offsetDelta
    if (opts.requireKeys && view.keyLength < 0) {
      return invalid(ErrorCode.INVALID_RECORD, 'compacted topic cannot accept a record without a key', index, i)
    }
    if (maxDelta === null || view.timestampDelta > maxDelta) maxDelta = view.timestampDelta
    if (checkTs) {
      const e = checkTimestamp(h.baseTimestamp + view.timestampDelta, opts, index, i)
      if (e !== null) return e
    }
  }
  if (c.pos !== c.end) return invalid(ErrorCode.INVALID_RECORD, 'bytes left over after the declared records', index)
  return BigInt.asIntN(64, h.baseTimestamp + (maxDelta ?? 0n))
}
