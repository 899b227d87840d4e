/**
 * The record-batch compression codecs (the `records` part of a v2 batch), as Kafka's clients
 * write them:
 * - gzip: a gzip stream (node:zlib);
 * - snappy: Java clients write xerial's framing (an 8-byte magic, two version ints, then
 *   `int32 length | raw snappy block` chunks), librdkafka and others a plain snappy block.
 *   decompress() detects which; compress() writes the one asked for (xerial by default, which
 *   every client reads);
 * - lz4: the LZ4 frame format (see lz4-frame.ts), as KafkaLZ4BlockOutputStream writes it;
 * - zstd: one zstd frame (the content size may be absent: Java streams it).
 *
 * Every codec ships prebuilt for Linux x64/arm64, macOS and Windows, so installing needs no
 * compiler: snappy, lz4-napi and @toondepauw/node-zstd are napi-rs addons whose binaries come as
 * per-platform npm packages; fzstd (the streaming zstd decoder, see inflate.ts) is JavaScript.
 * They load on first use, so a platform without one still runs uncompressed and gzip topics;
 * using it then throws a ProtocolError.
 *
 * These functions work on whole buffers and are synchronous: the client, the log cleaner and
 * recovery use them on batches the broker already accepted. Produce validation inflates
 * untrusted batches as a stream instead (inflate.ts).
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import { ProtocolError } from '../errors.js'
import { codecModule, type ZstdModule } from './codec-loader.js'
import { lz4DecodeBlock, lz4FrameBlocks, lz4NextHistory } from './lz4-frame.js'
import type { CompressionType } from './record-batch.js'

let zstdDecoder: InstanceType<ZstdModule['Decoder']> | undefined
const zstdEncoders = new Map<number, InstanceType<ZstdModule['Encoder']>>()

export function zstdDecodeSync(data: Buffer): Buffer {
  zstdDecoder ??= new (codecModule('zstd').Decoder)()
  return zstdDecoder.decodeSync(data)
}

function zstdEncodeSync(data: Buffer, level: number): Buffer {
  let encoder = zstdEncoders.get(level)
  if (encoder === undefined) {
    encoder = new (codecModule('zstd').Encoder)(level)
    zstdEncoders.set(level, encoder)
  }
  return encoder.encodeSync(data)
}

/** xerial snappy-java's stream header: magic, then version 1 and compatible version 1. */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00])
const XERIAL_HEADER_SIZE = 16
/** snappy-java's default block size, which Kafka's producer uses. */
const XERIAL_BLOCK_SIZE = 32 * 1024

export interface CompressOptions {
  /** snappy only: write xerial framing (Java clients' format; the default) or a plain block. */
  snappyFraming?: 'xerial' | 'raw'
  /** gzip level (-1 = zlib's default), zstd level (default 3); lz4 and snappy have none here. */
  level?: number
}

export function isXerialSnappy(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_SIZE && data.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC)
}

/**
 * The xerial chunks of `data` (after its header) as [start, end) pairs. Throws ProtocolError
 * when a length overruns the data.
 */
export function xerialChunks(data: Buffer): Array<[number, number]> {
  const chunks: Array<[number, number]> = []
  let pos = XERIAL_HEADER_SIZE
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new ProtocolError('truncated xerial snappy chunk header')
    const n = data.readInt32BE(pos)
    pos += 4
    if (n < 0 || pos + n > data.length) throw new ProtocolError(`xerial snappy chunk of ${n} bytes overruns the data`)
    chunks.push([pos, pos + n])
    pos += n
  }
  return chunks
}

/** The uncompressed length a raw snappy block declares in its varint preamble, or -1 if unreadable. */
export function snappyDeclaredLength(data: Buffer, start = 0, end = data.length): number {
  let value = 0
  for (let i = 0; i < 5 && start + i < end; i++) {
    const b = data[start + i]!
    value += (b & 0x7f) * 2 ** (7 * i)
    if ((b & 0x80) === 0) return value
  }
  return -1
}

export function snappyUncompressSync(block: Buffer): Buffer {
  return codecModule('snappy').uncompressSync(block, { asBuffer: true }) as Buffer
}

function snappyDecompress(data: Buffer): Buffer {
  if (!isXerialSnappy(data)) return snappyUncompressSync(data)
  const parts = xerialChunks(data).map(([s, e]) => snappyUncompressSync(data.subarray(s, e)))
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}

function snappyCompress(data: Buffer, framing: 'xerial' | 'raw'): Buffer {
  const snappy = codecModule('snappy')
  if (framing === 'raw') return snappy.compressSync(data)
  const header = Buffer.alloc(XERIAL_HEADER_SIZE)
  XERIAL_MAGIC.copy(header, 0)
  header.writeInt32BE(1, 8)
  header.writeInt32BE(1, 12)
  const parts: Buffer[] = [header]
  for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK_SIZE) {
    const block = snappy.compressSync(data.subarray(pos, Math.min(data.length, pos + XERIAL_BLOCK_SIZE)))
    const len = Buffer.allocUnsafe(4)
    len.writeInt32BE(block.length, 0)
    parts.push(len, block)
  }
  return Buffer.concat(parts)
}

/** Inflates an LZ4 frame block by block (faster than lz4-napi's frame decoder, see lz4-frame.ts). */
function lz4Decompress(data: Buffer): Buffer {
  const parts: Buffer[] = []
  let history: Buffer | null = null
  for (const block of lz4FrameBlocks(data)) {
    const out = lz4DecodeBlock(data, block, block.linked ? history : null)
    parts.push(out)
    if (block.linked) history = lz4NextHistory(history, out)
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}

/** Inflates a batch's records section. Throws ProtocolError on corrupt input. */
export function decompress(type: CompressionType, data: Buffer): Buffer {
  try {
    switch (type) {
      case 'none':
        return data
      case 'gzip':
        return gunzipSync(data)
      case 'snappy':
        return snappyDecompress(data)
      case 'lz4':
        return lz4Decompress(data)
      case 'zstd':
        return zstdDecodeSync(data)
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err
    throw new ProtocolError(`cannot decompress ${type} records: ${(err as Error).message}`, { cause: err })
  }
}

/** Deflates a batch's records section with `type`. */
export function compress(type: CompressionType, data: Buffer, opts: CompressOptions = {}): Buffer {
  switch (type) {
    case 'none':
      return data
    case 'gzip':
      return gzipSync(data, opts.level === undefined || opts.level < 0 ? {} : { level: opts.level })
    case 'snappy':
      return snappyCompress(data, opts.snappyFraming ?? 'xerial')
    case 'lz4':
      return codecModule('lz4').compressFrameSync(data)
    case 'zstd':
      return zstdEncodeSync(data, opts.level ?? 3)
  }
}
