/**
 * Magic v2 record batches, kept opaque on the hot path: the broker reads the 61-byte header,
 * checks the CRC, rewrites a few header fields in place and appends the bytes unchanged
 * (Kafka's LogValidator "in place assignment"). Record-level work lives in record-codec.ts
 * (encode/decode, for tests and internal topics) and record-batch-validate.ts (Produce checks).
 */
import { crc32c } from '@node-rs/crc32'

// Header field offsets within a batch.
export const BASE_OFFSET_OFFSET = 0
export const BATCH_LENGTH_OFFSET = 8
export const PARTITION_LEADER_EPOCH_OFFSET = 12
export const MAGIC_OFFSET = 16
export const CRC_OFFSET = 17
export const ATTRIBUTES_OFFSET = 21
export const LAST_OFFSET_DELTA_OFFSET = 23
export const BASE_TIMESTAMP_OFFSET = 27
export const MAX_TIMESTAMP_OFFSET = 35
export const PRODUCER_ID_OFFSET = 43
export const PRODUCER_EPOCH_OFFSET = 51
export const BASE_SEQUENCE_OFFSET = 53
export const RECORD_COUNT_OFFSET = 57
export const RECORDS_OFFSET = 61

/** baseOffset + batchLength: the bytes not counted by batchLength. */
export const LOG_OVERHEAD = 12
/** Size of a batch with no records; also the header size. */
export const RECORD_BATCH_OVERHEAD = RECORDS_OFFSET
/** Smallest legal batchLength (Kafka: RECORD_BATCH_OVERHEAD - LOG_OVERHEAD). */
export const MIN_BATCH_LENGTH = RECORD_BATCH_OVERHEAD - LOG_OVERHEAD
export const CURRENT_MAGIC = 2

export const COMPRESSION_CODEC_MASK = 0x07
export const TIMESTAMP_TYPE_MASK = 0x08
export const TRANSACTIONAL_FLAG_MASK = 0x10
export const CONTROL_FLAG_MASK = 0x20
export const DELETE_HORIZON_FLAG_MASK = 0x40

export const NO_PRODUCER_ID = -1n
export const NO_PRODUCER_EPOCH = -1
export const NO_SEQUENCE = -1
export const NO_TIMESTAMP = -1n
export const NO_PARTITION_LEADER_EPOCH = -1

export type CompressionType = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'
export const COMPRESSION_TYPES: readonly CompressionType[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd']
export type TimestampType = 'CreateTime' | 'LogAppendTime'

export interface BatchHeader {
  baseOffset: bigint
  batchLength: number
  partitionLeaderEpoch: number
  magic: number
  crc: number
  attributes: number
  lastOffsetDelta: number
  baseTimestamp: bigint
  maxTimestamp: bigint
  producerId: bigint
  producerEpoch: number
  baseSequence: number
  recordCount: number
}

/**
 * Reads the header at `pos`. The caller guarantees RECORD_BATCH_OVERHEAD readable bytes; the
 * fields are taken as they are, without any validation.
 */
export function readBatchHeader(buf: Buffer, pos = 0): BatchHeader {
  return {
    baseOffset: buf.readBigInt64BE(pos + BASE_OFFSET_OFFSET),
    batchLength: buf.readInt32BE(pos + BATCH_LENGTH_OFFSET),
    partitionLeaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH_OFFSET),
    magic: buf.readInt8(pos + MAGIC_OFFSET),
    crc: buf.readUInt32BE(pos + CRC_OFFSET),
    attributes: buf.readInt16BE(pos + ATTRIBUTES_OFFSET),
    lastOffsetDelta: buf.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: buf.readBigInt64BE(pos + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: buf.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET),
    producerId: buf.readBigInt64BE(pos + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE_OFFSET),
    recordCount: buf.readInt32BE(pos + RECORD_COUNT_OFFSET),
  }
}

/** Total bytes of the batch at `pos` including the 12-byte log overhead. */
export function batchSize(buf: Buffer, pos = 0): number {
  return buf.readInt32BE(pos + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD
}

export function lastOffsetOf(h: Pick<BatchHeader, 'baseOffset' | 'lastOffsetDelta'>): bigint {
  return h.baseOffset + BigInt(h.lastOffsetDelta)
}

export function compressionOf(attributes: number): CompressionType | undefined {
  return COMPRESSION_TYPES[attributes & COMPRESSION_CODEC_MASK]
}

export function timestampTypeOf(attributes: number): TimestampType {
  return (attributes & TIMESTAMP_TYPE_MASK) !== 0 ? 'LogAppendTime' : 'CreateTime'
}

export function isTransactional(attributes: number): boolean {
  return (attributes & TRANSACTIONAL_FLAG_MASK) !== 0
}

export function isControl(attributes: number): boolean {
  return (attributes & CONTROL_FLAG_MASK) !== 0
}

export function hasProducerId(h: Pick<BatchHeader, 'producerId'>): boolean {
  return h.producerId > NO_PRODUCER_ID
}

/** CRC-32C over attributes..end of the batch, as the header's crc field should hold. */
export function computeBatchCrc(buf: Buffer, pos: number, size: number): number {
  return crc32c(buf.subarray(pos + ATTRIBUTES_OFFSET, pos + size)) >>> 0
}

export function isCrcValid(buf: Buffer, pos: number, size: number): boolean {
  return computeBatchCrc(buf, pos, size) === buf.readUInt32BE(pos + CRC_OFFSET)
}

export function writeBatchCrc(buf: Buffer, pos: number, size: number): void {
  buf.writeUInt32BE(computeBatchCrc(buf, pos, size), pos + CRC_OFFSET)
}

/**
 * Sets maxTimestamp and the timestamp-type bit of one batch, recomputing the CRC only when a
 * covered byte changed (Kafka's DefaultRecordBatch.setMaxTimestamp).
 */
export function setMaxTimestamp(buf: Buffer, pos: number, timestampType: TimestampType, maxTimestamp: bigint): void {
  const attrs = buf.readInt16BE(pos + ATTRIBUTES_OFFSET)
  const newAttrs = timestampType === 'LogAppendTime' ? attrs | TIMESTAMP_TYPE_MASK : attrs & ~TIMESTAMP_TYPE_MASK
  if (newAttrs === attrs && buf.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET) === maxTimestamp) return
  buf.writeInt16BE(newAttrs, pos + ATTRIBUTES_OFFSET)
  buf.writeBigInt64BE(maxTimestamp, pos + MAX_TIMESTAMP_OFFSET)
  writeBatchCrc(buf, pos, batchSize(buf, pos))
}

export interface AssignOffsetsOptions {
  timestampType: TimestampType
  /** Wall clock (ms) used as the log append time. */
  now: bigint
  /** When set, written into every batch (outside the CRC, so no recomputation). */
  partitionLeaderEpoch?: number
  /**
   * CreateTime only: per-batch max record timestamps computed by validateBatches. Kafka
   * overwrites a client's wrong maxTimestamp with the real one; absent, the header's is kept.
   */
  maxTimestamps?: readonly bigint[]
}

export interface AssignedOffsets {
  baseOffset: bigint
  lastOffset: bigint
  /** now for LogAppendTime, -1 for CreateTime. */
  logAppendTime: bigint
  /** Largest batch maxTimestamp after assignment. */
  maxTimestamp: bigint
  /** Offset of the last record of the batch holding maxTimestamp (Kafka's shallow offset). */
  shallowOffsetOfMaxTimestamp: bigint
  recordCount: number
  batchCount: number
}

/**
 * Assigns consecutive offsets in place to already validated batches: each batch's baseOffset
 * becomes the next free offset and the next one follows its lastOffsetDelta. Like Kafka, for
 * LogAppendTime only the attribute bit and maxTimestamp change (baseTimestamp and record deltas
 * stay; readers take every record's timestamp from maxTimestamp) and the CRC is recomputed;
 * baseOffset and partitionLeaderEpoch are outside the CRC.
 */
export function assignOffsets(records: Buffer, baseOffset: bigint, opts: AssignOffsetsOptions): AssignedOffsets {
  let pos = 0
  let next = baseOffset
  let maxTimestamp = NO_TIMESTAMP
  let shallowOffsetOfMaxTimestamp = -1n
  let recordCount = 0
  let batchCount = 0
  while (pos + RECORD_BATCH_OVERHEAD <= records.length) {
    const size = batchSize(records, pos)
    records.writeBigInt64BE(next, pos + BASE_OFFSET_OFFSET)
    if (opts.partitionLeaderEpoch !== undefined) {
      records.writeInt32BE(opts.partitionLeaderEpoch, pos + PARTITION_LEADER_EPOCH_OFFSET)
    }
    // Kafka stamps the topic's timestamp type on every batch, clearing a client-set LogAppendTime bit.
    if (opts.timestampType === 'LogAppendTime') setMaxTimestamp(records, pos, 'LogAppendTime', opts.now)
    else {
      const max = opts.maxTimestamps?.[batchCount] ?? records.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET)
      setMaxTimestamp(records, pos, 'CreateTime', max)
    }
    const lastOffset = next + BigInt(records.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET))
    const batchMax = records.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET)
    if (batchMax > maxTimestamp) {
      maxTimestamp = batchMax
      shallowOffsetOfMaxTimestamp = lastOffset
    }
    recordCount += records.readInt32BE(pos + RECORD_COUNT_OFFSET)
    batchCount++
    next = lastOffset + 1n
    pos += size
  }
  return {
    baseOffset,
    lastOffset: next - 1n,
    logAppendTime: opts.timestampType === 'LogAppendTime' ? opts.now : NO_TIMESTAMP,
    maxTimestamp,
    shallowOffsetOfMaxTimestamp,
    recordCount,
    batchCount,
  }
}

/** Calls `fn` with the position and size of each whole batch in `records` (no validation). */
export function forEachBatch(records: Buffer, fn: (pos: number, size: number) => void): void {
  let pos = 0
  while (pos + LOG_OVERHEAD <= records.length) {
    const size = batchSize(records, pos)
    if (size < RECORD_BATCH_OVERHEAD || pos + size > records.length) return
    fn(pos, size)
    pos += size
  }
}
