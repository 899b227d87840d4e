/**
 * The record-batch compression codecs (the `records` part of a v2 batch), as Kafka's clients
 * write them:
 * - gzip: a gzip stream (node:zlib);
 * - snappy: Java clients write xerial's framing (an 8-byte magic, two version ints, then
 *   `int32 length | raw snappy block` chunks), librdkafka and others a plain snappy block.
 *   decompress() detects which; compress() writes the one asked for (xerial by default, which
 *   every client reads);
 * - lz4: the LZ4 frame format (independent 64 KiB blocks, no checksums), as KafkaLZ4BlockOutputStream;
 * - zstd: one zstd frame (the content size may be absent: Java streams it).
 *
 * The native codecs (snappy, lz4-napi, zstd-napi) load on first use, so a platform without
 * one of them still runs uncompressed and gzip topics; using it then throws a ProtocolError.
 * All functions are synchronous; the batches they see are at most max.message.bytes.
 */
import { createRequire } from 'node:module'
import { gunzipSync, gzipSync } from 'node:zlib'
import { ProtocolError } from '../errors.js'
import type { CompressionType } from './record-batch.js'

type SnappyModule = typeof import('snappy')
type Lz4Module = typeof import('lz4-napi')
type ZstdModule = typeof import('zstd-napi')

const require = createRequire(import.meta.url)
const loaded: { snappy?: SnappyModule; lz4?: Lz4Module; zstd?: ZstdModule } = {}

function load<K extends keyof typeof loaded>(name: K, pkg: string): NonNullable<(typeof loaded)[K]> {
  const existing = loaded[name]
  if (existing !== undefined) return existing as NonNullable<(typeof loaded)[K]>
  try {
    const mod = require(pkg) as NonNullable<(typeof loaded)[K]>
    loaded[name] = mod
    return mod
  } catch (err) {
    throw new ProtocolError(`${name} compression is unavailable: cannot load ${pkg}`, { cause: err })
  }
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

function snappyDecompress(data: Buffer): Buffer {
  const snappy = load('snappy', 'snappy')
  if (!isXerialSnappy(data)) return snappy.uncompressSync(data, { asBuffer: true }) as Buffer
  const parts: Buffer[] = []
  let pos = XERIAL_HEADER_SIZE
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new ProtocolError('truncated xerial snappy chunk header')
    const n = data.readInt32BE(pos)
    pos += 4
    if (n < 0 || pos + n > data.length) throw new ProtocolError(`xerial snappy chunk of ${n} bytes overruns the data`)
    parts.push(snappy.uncompressSync(data.subarray(pos, pos + n), { asBuffer: true }) as Buffer)
    pos += n
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts)
}

function snappyCompress(data: Buffer, framing: 'xerial' | 'raw'): Buffer {
  const snappy = load('snappy', 'snappy')
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
        return load('lz4', 'lz4-napi').decompressFrameSync(data)
      case 'zstd':
        return load('zstd', 'zstd-napi').decompress(data)
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
      return load('lz4', 'lz4-napi').compressFrameSync(data)
    case 'zstd':
      return load('zstd', 'zstd-napi').compress(data, { compressionLevel: opts.level ?? 3 })
  }
}
