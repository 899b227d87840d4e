/**
 * Produce-side validation of a partition's `records` bytes, after Kafka's LogValidator and
 * ProduceRequest.validateRecords. Works on untrusted bytes: it never throws; compressed batches
 * are inflated and their records checked like uncompressed ones, as Kafka does, but as a stream
 * (inflate.ts, record-stream.ts): memory stays bounded, and a batch that takes more than a couple
 * of milliseconds is finished in slices between other work, so validateBatches answers at once
 * for the usual batch and with a promise for a large one.
 *
 * Error choices (Kafka's exception -> our code):
 * - framing (length overrun, batchLength < 49, trailing partial batch, unknown magic > 2)
 *   and a bad CRC-32C: CorruptRecordException -> CORRUPT_MESSAGE. Kafka's produce path silently
 *   drops a trailing partial batch; we reject it since a client never sends one.
 * - magic 0/1: Produce v3+ may carry only magic 2 batches (InvalidRecordException) ->
 *   INVALID_RECORD. Older Produce versions are not offered, so no down-conversion exists.
 * - bad counts, record framing, control batches from clients, producer field nonsense:
 *   InvalidRecordException -> INVALID_RECORD.
 * - batch larger than max.message.bytes: RecordTooLargeException -> MESSAGE_TOO_LARGE.
 * - compression id > 4: UNSUPPORTED_COMPRESSION_TYPE.
 * - a compressed batch that does not inflate: CORRUPT_MESSAGE.
 * - records that inflate past `maxInflatedBytes` (the broker passes fetch.max.bytes, the most it
 *   serves in one fetch; Kafka has no such limit and would inflate a bomb): MESSAGE_TOO_LARGE,
 *   which makes a Java producer split the batch and send it again.
 * - missing keys on compacted topics (INVALID_RECORD) and CreateTime outside
 *   message.timestamp.{before,after}.max.ms (INVALID_TIMESTAMP) are listed for every record at
 *   fault (KIP-467 record_errors), as LogValidator.processRecordErrors does.
 */
import { InflateLimitError } from '../errors.js'
import { ErrorCode } from './generated/error-codes.js'
import { acquireInflation, openInflater, releaseInflation, type Chunk } from './inflate.js'
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
import { RecordStream, type RecordChecks, type RecordError } from './record-stream.js'

export type { RecordError }

export interface ValidateOptions extends RecordChecks {
  /** max.message.bytes: largest batch accepted. */
  maxBatchBytes?: number
  /** Produce v3+ allows exactly one batch per partition. */
  singleBatch?: boolean
  /** Control batches are written by the transaction coordinator, never by clients. */
  allowControl?: boolean
  /** Most bytes a compressed batch's records may inflate to. */
  maxInflatedBytes?: number
  /** Batches provably no larger than this once inflated are inflated whole (tests pass 0 to force the stream). */
  inflateWholeBelow?: number
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
  /** Index of the offending batch. */
  batchIndex: number
  /** The records at fault (KIP-467): every one for key and timestamp errors, else the one that stopped validation. */
  recordErrors: RecordError[]
  /** Index of the first record at fault, when known. */
  recordIndex?: number
  /** Refused because the records inflate past maxInflatedBytes (worth a log line naming the client). */
  inflateLimit?: boolean
}

export type ValidationResult = ValidBatches | InvalidBatches

const invalid = (errorCode: number, message: string, batchIndex: number, recordIndex?: number): InvalidBatches => ({
  ok: false,
  errorCode,
  message,
  batchIndex,
  recordErrors: recordIndex === undefined ? [] : [{ recordIndex, message }],
  recordIndex,
})

/** How long validation runs on the event loop before it lets other work in. */
const SLICE_MS = 2
/** Inflated bytes walked between looks at the clock. */
const WALK_STEP = 1 << 20
/** A step of the validator: wait for a promise (inflation off the loop, budget), or let other work run. */
const YIELD = Symbol('yield')
type Step = Promise<unknown> | typeof YIELD

let sliceStart = 0
const sliceOver = (): boolean => performance.now() - sliceStart > SLICE_MS

/**
 * Validates `records`; the result comes at once unless a batch needs inflating off the event
 * loop or longer than a slice, then as a promise.
 */
export function validateBatches(records: Buffer, opts: ValidateOptions = {}): ValidationResult | Promise<ValidationResult> {
  sliceStart = performance.now()
  const gen = validate(records, opts)
  const step = gen.next()
  return step.done === true ? step.value : drive(gen, step.value)
}

async function drive(gen: Generator<Step, ValidationResult, unknown>, step: Step): Promise<ValidationResult> {
  for (;;) {
    let result: IteratorResult<Step, ValidationResult>
    try {
      const value = step === YIELD ? await new Promise<void>((resolve) => setImmediate(resolve)) : await step
      sliceStart = performance.now()
      result = gen.next(value)
    } catch (err) {
      sliceStart = performance.now()
      result = gen.throw(err)
    }
    if (result.done === true) return result.value
    step = result.value
  }
}

function* validate(records: Buffer, opts: ValidateOptions): Generator<Step, ValidationResult, unknown> {
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
    const stream = new RecordStream(header, opts, compression === 'none' ? Infinity : (opts.maxInflatedBytes ?? Infinity))
    if (compression === 'none') stream.push(records, pos + RECORD_BATCH_OVERHEAD, pos + size)
    else {
      const failed = yield* inflateInto(stream, compression, records.subarray(pos + RECORD_BATCH_OVERHEAD, pos + size), opts, index)
      if (failed !== null) return failed
    }
    stream.end()
    if (stream.fatal !== null) {
      const f = stream.fatal
      const result = invalid(f.errorCode, f.message, index, f.recordIndex)
      if (f.errorCode === ErrorCode.MESSAGE_TOO_LARGE) result.inflateLimit = true
      return result
    }
    if (stream.recordErrors.length > 0) return recordErrors(stream, index)
    const batchMax = stream.maxTimestamp
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

/** Inflates `data` into `stream`, slice by slice; returns the refusal when it does not inflate. */
function* inflateInto(
  stream: RecordStream,
  type: Exclude<CompressionType, 'none'>,
  data: Buffer,
  opts: ValidateOptions,
  index: number,
): Generator<Step, InvalidBatches | null, unknown> {
  const refuse = (err: unknown): InvalidBatches => {
    if (err instanceof InflateLimitError) return { ...invalid(ErrorCode.MESSAGE_TOO_LARGE, err.message, index), inflateLimit: true }
    return invalid(ErrorCode.CORRUPT_MESSAGE, (err as Error).message, index)
  }
  let inflater
  try {
    inflater = openInflater(type, data, { limit: opts.maxInflatedBytes ?? Infinity, wholeBelow: opts.inflateWholeBelow })
  } catch (err) {
    return refuse(err)
  }
  const reserve = inflater.reserve
  const wait = acquireInflation(reserve)
  if (wait !== undefined) yield wait
  try {
    // A batch inflated whole in one chunk (at most 1 MiB) never yields: the usual batch is
    // validated at once. Between later chunks and steps, other work gets its turn.
    let first = true
    for (;;) {
      let chunk = inflater.next()
      if (chunk instanceof Promise) chunk = (yield chunk) as Chunk
      if (chunk === null) return null
      for (let s = 0; s < chunk.length; s += WALK_STEP) {
        if (!first && sliceOver()) yield YIELD
        first = false
        if (!stream.push(chunk, s, Math.min(chunk.length, s + WALK_STEP))) return null
      }
    }
  } catch (err) {
    return refuse(err)
  } finally {
    inflater.close()
    releaseInflation(reserve)
  }
}

/** Kafka's LogValidator.processRecordErrors: one partition error for all the records at fault. */
function recordErrors(stream: RecordStream, index: number): InvalidBatches {
  const errors = stream.recordErrors
  const shown = errors.slice(0, 3).map((e) => `RecordError(batchIndex=${e.recordIndex}, message='${e.message}')`)
  return {
    ok: false,
    errorCode: stream.timestampErrors ? ErrorCode.INVALID_TIMESTAMP : ErrorCode.INVALID_RECORD,
    message: stream.timestampErrors
      ? 'One or more records have been rejected due to invalid timestamp'
      : `One or more records have been rejected due to ${errors.length} record errors in total, and only showing the first three errors at most: [${shown.join(', ')}]`,
    batchIndex: index,
    recordErrors: errors,
    recordIndex: errors[0]!.recordIndex,
  }
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
