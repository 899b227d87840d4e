/**
 * Hand-made zstd frames (RFC 8878) for tests: raw and RLE blocks, no content size in the header,
 * as a streaming compressor (Java's zstd-jni) writes them, or any block layout a test needs.
 */

export type ZstdBlock = { raw: Buffer } | { rle: number; size: number }

/** A frame of the given blocks; `window` is the window size its descriptor declares (a power of 2 >= 1 KiB). */
export function zstdFrame(blocks: ZstdBlock[], window = 1 << 21): Buffer {
  const parts: Buffer[] = []
  const header = Buffer.alloc(6)
  header.writeUInt32LE(0xfd2fb528, 0)
  header[4] = 0 // no content size, not single segment, no checksum, no dictionary
  header[5] = (Math.log2(window) - 10) << 3
  parts.push(header)
  blocks.forEach((b, i) => {
    const last = i === blocks.length - 1 ? 1 : 0
    const h = Buffer.alloc(3)
    if ('raw' in b) {
      h.writeUIntLE(last | (0 << 1) | (b.raw.length << 3), 0, 3)
      parts.push(h, b.raw)
    } else {
      h.writeUIntLE(last | (1 << 1) | (b.size << 3), 0, 3)
      parts.push(h, Buffer.from([b.rle]))
    }
  })
  return Buffer.concat(parts)
}

/** `data` as a frame of raw blocks (at most 128 KiB each) without a content size. */
export function zstdFrameWithoutSize(data: Buffer): Buffer {
  const blocks: ZstdBlock[] = []
  for (let pos = 0; pos < data.length || blocks.length === 0; pos += 128 * 1024) blocks.push({ raw: data.subarray(pos, pos + 128 * 1024) })
  return zstdFrame(blocks)
}
