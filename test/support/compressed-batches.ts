/**
 * Compressed record batches built the way a test needs them: any records section under any
 * codec, LZ4 frames with small or linked blocks, and decompression bombs (batches of a few
 * hundred KB whose records inflate to gigabytes) for every codec, made without ever holding the
 * inflated bytes.
 */
import { createRequire } from 'node:module'
import { gzipSync } from 'node:zlib'
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  COMPRESSION_CODEC_MASK,
  COMPRESSION_TYPES,
  LOG_OVERHEAD,
  RECORDS_OFFSET,
  writeBatchCrc,
  type CompressionType,
} from '../../src/protocol/record-batch.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { sizeOfVarint, writeVarint, writeVarlong } from '../../src/protocol/varint.js'
import { zstdFrame, type ZstdBlock } from './zstd-frame.js'

const require = createRequire(import.meta.url)
const lz4napi = require('lz4-napi') as typeof import('lz4-napi')
const snappy = require('snappy') as typeof import('snappy')

/** `plain` (an uncompressed batch) with its records section replaced by `section`, compressed with `type`. */
export function withSection(plain: Buffer, type: CompressionType, section: Buffer): Buffer {
  const out = Buffer.concat([plain.subarray(0, RECORDS_OFFSET), section])
  out.writeInt32BE(out.length - LOG_OVERHEAD, BATCH_LENGTH_OFFSET)
  const attributes = out.readInt16BE(ATTRIBUTES_OFFSET)
  out.writeInt16BE((attributes & ~COMPRESSION_CODEC_MASK) | COMPRESSION_TYPES.indexOf(type), ATTRIBUTES_OFFSET)
  writeBatchCrc(out, 0, out.length)
  return out
}

/** An LZ4 frame (64 KiB block maximum) of `data` in blocks of `blockSize`, linked or independent. */
export function lz4Frame(data: Buffer, opts: { blockSize?: number; linked?: boolean } = {}): Buffer {
  const blockSize = opts.blockSize ?? 64 * 1024
  // The last byte is the header checksum (xxHash32 of FLG and BD), as lz4's own tools write it.
  const header = Buffer.from(opts.linked === true ? [0x04, 0x22, 0x4d, 0x18, 0x40, 0x40, 0xc0] : [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82])
  const parts: Buffer[] = [header]
  for (let pos = 0; pos < data.length; pos += blockSize) {
    const block = data.subarray(pos, pos + blockSize)
    const dict = opts.linked === true && pos > 0 ? data.subarray(Math.max(0, pos - 65536), pos) : undefined
    const compressed = lz4napi.compressSync(block, dict).subarray(4)
    parts.push(u32le(compressed.length), compressed)
  }
  parts.push(u32le(0))
  return Buffer.concat(parts)
}

const u32le = (n: number): Buffer => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0, 0)
  return b
}

/**
 * The two ends of one record whose value is `valueSize` zero bytes: [length, attributes,
 * timestamp delta, offset delta, key -1, value length] before the value, [header count 0] after.
 */
function giantRecordEnds(valueSize: number): { head: Buffer; tail: Buffer } {
  const fields = Buffer.alloc(32)
  let p = 0
  fields[p++] = 0 // attributes
  p = writeVarlong(fields, p, 0n)
  p = writeVarint(fields, p, 0) // offset delta
  p = writeVarint(fields, p, -1) // null key
  p = writeVarint(fields, p, valueSize)
  const bodyLength = p + valueSize + 1
  const head = Buffer.alloc(sizeOfVarint(bodyLength) + p)
  const q = writeVarint(head, 0, bodyLength)
  fields.copy(head, q, 0, p)
  return { head, tail: Buffer.from([0]) }
}

/**
 * A batch of one record whose value is `inflatedSize` zero bytes, compressed with `type` so that
 * the batch stays small (zstd: RLE blocks; lz4: one compressed 64 KiB block repeated; gzip: one
 * member of zeros repeated, as gzip allows; snappy: xerial chunks of 32 KiB, snappy's ratio being
 * at most about 21). Only zstd and gzip reach gigabytes in a few hundred KB.
 */
export function giantRecordBomb(type: Exclude<CompressionType, 'none'>, inflatedSize: number): Buffer {
  const plain = encodeRecordBatch({ records: [{ value: 'x' }] })
  const { head, tail } = giantRecordEnds(inflatedSize)
  let section: Buffer
  switch (type) {
    case 'zstd': {
      const blocks: ZstdBlock[] = [{ raw: head }]
      for (let left = inflatedSize; left > 0; left -= 128 * 1024) blocks.push({ rle: 0, size: Math.min(left, 128 * 1024) })
      blocks.push({ raw: tail })
      section = zstdFrame(blocks)
      break
    }
    case 'lz4': {
      const zeros = lz4napi.compressSync(Buffer.alloc(65536)).subarray(4)
      const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]), u32le(head.length | 0x80000000), head]
      let left = inflatedSize
      for (; left >= 65536; left -= 65536) parts.push(u32le(zeros.length), zeros)
      const rest = Buffer.concat([Buffer.alloc(left), tail])
      parts.push(u32le(rest.length | 0x80000000), rest, u32le(0))
      section = Buffer.concat(parts)
      break
    }
    case 'gzip': {
      const member = 16 * 1024 * 1024
      const zeros = gzipSync(Buffer.alloc(member), { level: 9 })
      const parts: Buffer[] = [gzipSync(head)]
      let left = inflatedSize
      for (; left >= member; left -= member) parts.push(zeros)
      parts.push(gzipSync(Buffer.concat([Buffer.alloc(left), tail])))
      section = Buffer.concat(parts)
      break
    }
    case 'snappy': {
      const parts: Buffer[] = [Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1])]
      const chunk = (data: Buffer): void => {
        const c = snappy.compressSync(data)
        const len = Buffer.alloc(4)
        len.writeInt32BE(c.length, 0)
        parts.push(len, c)
      }
      const zeros = Buffer.alloc(32 * 1024)
      chunk(head)
      let left = inflatedSize
      for (; left >= zeros.length; left -= zeros.length) chunk(zeros)
      chunk(Buffer.concat([Buffer.alloc(left), tail]))
      section = Buffer.concat(parts)
      break
    }
  }
  return withSection(plain, type, section)
}

/**
 * `count` records of `size`-byte values, compressed with `type`: JSON-like text that compresses
 * as real payloads do, or 'repetitive' values that compress a hundredfold and more (a bomb of
 * many records).
 */
export function manyRecords(type: CompressionType, count: number, size = 1000, kind: 'text' | 'repetitive' = 'text'): Buffer {
  if (kind === 'repetitive') {
    const value = Buffer.alloc(size, 'a')
    return encodeRecordBatch({ records: Array.from({ length: count }, () => ({ value })), compression: type })
  }
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet']
  let seed = 7
  const records = Array.from({ length: count }, (_, i) => {
    let v = `{"id":${i},"text":"`
    while (v.length < size - 2) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      v += words[seed % words.length] + ' '
    }
    return { key: `k${i % 100}`, value: v.slice(0, size - 2) + '"}' }
  })
  return encodeRecordBatch({ records, compression: type })
}
