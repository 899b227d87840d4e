/**
 * The LZ4 frame format (lz4's doc/lz4_Frame_format.md), read block by block so a batch can be
 * inflated as a stream: each block is at most the frame's block maximum (64 KiB to 4 MiB) and is
 * decoded on its own by lz4-napi's block decoder (lz4_flex), with the previous 64 KiB of output
 * as its dictionary when blocks are linked (python-lz4's default). Block-wise decoding is also
 * much faster than lz4-napi's own frame decoder, which reads through small buffers.
 *
 * Checksums (header, block and content xxHash32) are not verified: the batch's CRC-32C already
 * covers every byte, and Kafka's own KafkaLZ4BlockInputStream ignores the content checksum too.
 * Concatenated and skippable frames are read as lz4's tools read them.
 */
import { ProtocolError } from '../errors.js'
import { codecModule } from './codec-loader.js'

const FRAME_MAGIC = 0x184d2204
const SKIPPABLE_MASK = 0xfffffff0
const SKIPPABLE_MAGIC = 0x184d2a50
/** LZ4 offsets are 16 bits: a linked block sees at most this much earlier output. */
export const LZ4_HISTORY = 64 * 1024

export interface Lz4Block {
  /** The block's bytes in the frame (after its 4-byte size). */
  start: number
  end: number
  /** Stored uncompressed (size high bit set). */
  raw: boolean
  /** Blocks of this frame depend on earlier output (FLG B.Indep clear). */
  linked: boolean
  /** The frame's block maximum: no block inflates to more. */
  max: number
  /** Declared content size of the frame, or -1. */
  contentSize: number
}

function fail(message: string): never {
  throw new ProtocolError(`invalid lz4 frame: ${message}`)
}

/**
 * Yields the blocks of every frame in `data` without inflating anything; throws ProtocolError
 * on a malformed frame. Cheap: it reads only headers.
 */
export function* lz4FrameBlocks(data: Buffer): Generator<Lz4Block, void, undefined> {
  let pos = 0
  if (data.length === 0) fail('no frame')
  while (pos < data.length) {
    if (pos + 4 > data.length) fail('truncated magic')
    const magic = data.readUInt32LE(pos)
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      if (pos + 8 > data.length) fail('truncated skippable frame')
      pos += 8 + data.readUInt32LE(pos + 4)
      if (pos > data.length) fail('skippable frame overruns the data')
      continue
    }
    if (magic !== FRAME_MAGIC) fail(`bad magic 0x${magic.toString(16)}`)
    if (pos + 7 > data.length) fail('truncated frame descriptor')
    const flg = data[pos + 4]!
    const bd = data[pos + 5]!
    if (flg >> 6 !== 1) fail(`unsupported version ${flg >> 6}`)
    if ((flg & 0x02) !== 0 || (bd & 0x8f) !== 0) fail('reserved bits set')
    if ((flg & 0x01) !== 0) fail('frames that need a dictionary are not supported')
    const sizeId = (bd >> 4) & 0x07
    if (sizeId < 4) fail(`invalid block maximum id ${sizeId}`)
    const max = 1 << (8 + 2 * sizeId)
    const linked = (flg & 0x20) === 0
    const blockChecksum = (flg & 0x10) !== 0
    const contentChecksum = (flg & 0x04) !== 0
    let contentSize = -1
    pos += 6
    if ((flg & 0x08) !== 0) {
      if (pos + 8 > data.length) fail('truncated content size')
      const size = data.readBigUInt64LE(pos)
      contentSize = size > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(size)
      pos += 8
    }
    pos += 1 // header checksum
    for (;;) {
      if (pos + 4 > data.length) fail('truncated block size')
      const word = data.readUInt32LE(pos)
      pos += 4
      if (word === 0) break
      const raw = word >>> 31 === 1
      const size = word & 0x7fffffff
      if (size > max) fail(`block of ${size} bytes exceeds the frame's block maximum ${max}`)
      if (pos + size > data.length) fail('block overruns the data')
      yield { start: pos, end: pos + size, raw, linked, max, contentSize }
      pos += size + (blockChecksum ? 4 : 0)
    }
    if (contentChecksum) pos += 4
    if (pos > data.length) fail('truncated checksum')
  }
}

/**
 * Inflates one block of `frame`. A stored block comes back as a view of the frame. `history`:
 * the output before this block (its last 64 KiB are used) when blocks are linked.
 */
export function lz4DecodeBlock(frame: Buffer, block: Lz4Block, history: Buffer | null): Buffer {
  if (block.raw) return frame.subarray(block.start, block.end)
  // lz4-napi decodes a block prefixed with a little-endian size bound, and allocates that much:
  // no block inflates past the frame's maximum, nor (LZ4 sequences cost at least 1 byte per
  // 255 output bytes) past 255 times its size. The 4 bytes before the block (its size field)
  // hold that bound during the call, so nothing is copied; they are put back at once.
  const bound = Math.min(block.max, (block.end - block.start) * 255 + 64)
  const at = block.start - 4
  const saved = frame.readUInt32LE(at)
  frame.writeUInt32LE(bound, at)
  try {
    const dict = history === null ? undefined : history.length > LZ4_HISTORY ? history.subarray(history.length - LZ4_HISTORY) : history
    return codecModule('lz4').uncompressSync(frame.subarray(at, block.end), dict) as Buffer
  } catch (err) {
    throw new ProtocolError(`cannot decompress lz4 block: ${(err as Error).message}`, { cause: err })
  } finally {
    frame.writeUInt32LE(saved, at)
  }
}

/** The last 64 KiB of output a linked block can refer to, given the previous `history` and new `out`. */
export function lz4NextHistory(history: Buffer | null, out: Buffer): Buffer {
  if (out.length >= LZ4_HISTORY || history === null) return out.length > LZ4_HISTORY ? out.subarray(out.length - LZ4_HISTORY) : out
  const keep = Math.min(history.length, LZ4_HISTORY - out.length)
  return Buffer.concat([history.subarray(history.length - keep), out])
}
