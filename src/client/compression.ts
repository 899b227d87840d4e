/**
 * Batch compression. Kafka compresses the records section of a batch; the 61-byte header stays
 * plain and the CRC covers the compressed bytes. Every Kafka codec comes from the project's own
 * src/protocol/compression.ts (gzip in node:zlib, snappy, lz4 frame and zstd as native addons);
 * `registerCodec` can still replace one for this process.
 */
import { compress, decompress } from '../protocol/compression.js'
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  COMPRESSION_CODEC_MASK,
  COMPRESSION_TYPES,
  LOG_OVERHEAD,
  RECORDS_OFFSET,
  writeBatchCrc,
  type CompressionType,
} from '../protocol/record-batch.js'
import { ClientError } from './errors.js'

export type { CompressionType }

export interface Codec {
  compress(data: Buffer): Buffer
  decompress(data: Buffer): Buffer
}

const codecs = new Map<CompressionType, Codec>(
  (['gzip', 'snappy', 'lz4', 'zstd'] as const).map((t) => [t, { compress: (d: Buffer) => compress(t, d), decompress: (d: Buffer) => decompress(t, d) }]),
)

/** Adds or replaces a codec (snappy with xerial framing, lz4 frame, zstd) for this process. */
export function registerCodec(type: Exclude<CompressionType, 'none'>, codec: Codec): void {
  codecs.set(type, codec)
}

export function availableCompressions(): CompressionType[] {
  return ['none', ...COMPRESSION_TYPES.filter((t) => codecs.has(t))]
}

export function parseCompression(name: string): CompressionType {
  const t = name.toLowerCase() as CompressionType
  if (!COMPRESSION_TYPES.includes(t)) {
    throw new ClientError('SAMSA_CLIENT_INVALID', `unknown compression "${name}" (one of ${COMPRESSION_TYPES.join(', ')})`)
  }
  codecFor(t)
  return t
}

function codecFor(type: CompressionType): Codec | undefined {
  if (type === 'none') return undefined
  const c = codecs.get(type)
  if (c === undefined) {
    throw new ClientError('SAMSA_CLIENT_UNSUPPORTED', `${type} compression is not available in this client (available: ${availableCompressions().join(', ')})`)
  }
  return c
}

/** Compresses the records of an uncompressed batch (as encodeRecordBatch writes it). */
export function compressBatch(batch: Buffer, type: CompressionType): Buffer {
  const codec = codecFor(type)
  if (codec === undefined) return batch
  const compressed = codec.compress(batch.subarray(RECORDS_OFFSET))
  const out = Buffer.allocUnsafe(RECORDS_OFFSET + compressed.length)
  batch.copy(out, 0, 0, RECORDS_OFFSET)
  compressed.copy(out, RECORDS_OFFSET)
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET)
  const attributes = out.readInt16BE(ATTRIBUTES_OFFSET)
  out.writeInt16BE((attributes & ~COMPRESSION_CODEC_MASK) | COMPRESSION_TYPES.indexOf(type), ATTRIBUTES_OFFSET)
  writeBatchCrc(out, 0, out.length)
  return out
}

/** The batch at `pos` with its records decompressed, as a standalone uncompressed batch. */
export function decompressBatch(buf: Buffer, pos: number, size: number): Buffer {
  const attributes = buf.readInt16BE(pos + ATTRIBUTES_OFFSET)
  const type = COMPRESSION_TYPES[attributes & COMPRESSION_CODEC_MASK]
  if (type === undefined) throw new ClientError('SAMSA_CLIENT_DECODE', `unknown compression codec ${attributes & COMPRESSION_CODEC_MASK}`)
  const codec = codecFor(type)
  if (codec === undefined) return buf.subarray(pos, pos + size)
  const records = codec.decompress(buf.subarray(pos + RECORDS_OFFSET, pos + size))
  const out = Buffer.allocUnsafe(RECORDS_OFFSET + records.length)
  buf.copy(out, 0, pos, pos + RECORDS_OFFSET)
  records.copy(out, RECORDS_OFFSET)
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET)
  out.writeInt16BE(attributes & ~COMPRESSION_CODEC_MASK, ATTRIBUTES_OFFSET)
  writeBatchCrc(out, 0, out.length)
  return out
}
