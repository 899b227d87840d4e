/**
 * Turning Fetch record data into records: walks the batches, checks each CRC, decompresses,
 * skips control batches and records before the fetch position, and stops at a trailing partial
 * batch (the broker may cut the last one at the size limit).
 */
import {
  BATCH_LENGTH_OFFSET,
  COMPRESSION_CODEC_MASK,
  CURRENT_MAGIC,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  RECORD_BATCH_OVERHEAD,
  isCrcValid,
  isControl,
  readBatchHeader,
} from '../protocol/record-batch.js'
import { decodeRecords, type DecodedRecord, type RecordHeader } from '../protocol/record-codec.js'
import { decompressBatch } from './compression.js'
import { ClientError } from './errors.js'

export type { DecodedRecord, RecordHeader }

export interface RecordSet {
  records: DecodedRecord[]
  /** Offset after the last complete batch, or undefined when there was none. */
  nextOffset: bigint | undefined
}

export function decodeRecordSet(data: Buffer | null, fromOffset: bigint): RecordSet {
  const records: DecodedRecord[] = []
  let nextOffset: bigint | undefined
  if (data === null) return { records, nextOffset }
  let pos = 0
  while (data.length - pos >= RECORD_BATCH_OVERHEAD) {
    const size = data.readInt32BE(pos + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD
    if (pos + size > data.length) break
    const magic = data.readInt8(pos + MAGIC_OFFSET)
    if (magic !== CURRENT_MAGIC) throw new ClientError('SAMSA_CLIENT_DECODE', `message format v${magic} is not supported (only v2 record batches)`)
    if (!isCrcValid(data, pos, size)) throw new ClientError('SAMSA_CLIENT_DECODE', `record batch at offset ${data.readBigInt64BE(pos)} fails its CRC check`)
    const h = readBatchHeader(data, pos)
    const last = h.baseOffset + BigInt(h.lastOffsetDelta)
    if (!isControl(h.attributes) && last >= fromOffset) {
      const batch = (h.attributes & COMPRESSION_CODEC_MASK) === 0 ? data.subarray(pos, pos + size) : decompressBatch(data, pos, size)
      for (const r of decodeRecords(batch)) if (r.offset >= fromOffset) records.push(r)
    }
    nextOffset = last + 1n
    pos += size
  }
  return { records, nextOffset }
}
