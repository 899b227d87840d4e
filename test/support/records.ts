/**
 * A test-side codec for magic v2 record batches, written from the protocol description and
 * independent of src/storage, so tests do not share the broker's bugs. It encodes plain batches
 * (for raw produce, fuzzing and crash tests) and decodes what Fetch returns, including every
 * compression codec, through decompressors supplied by the caller's environment.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import { crc32c } from '@node-rs/crc32'

export interface TestHeader {
  key: string
  value: Buffer | null
}

export interface TestRecord {
  key: Buffer | null
  value: Buffer | null
  headers?: TestHeader[]
  /** Create time in ms; defaults to the batch's base timestamp. */
  timestamp?: number
}

export interface DecodedRecord {
  offset: number
  timestamp: number
  key: Buffer | null
  value: Buffer | null
  headers: TestHeader[]
  /** Attributes of the batch the record came in. */
  batch: { baseOffset: number; compression: number; magic: number; producerId: bigint; isControl: boolean; isTransactional: boolean }
}

export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const

// ---- varints -------------------------------------------------------------------------------

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1
}

function pushUvarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
}

function pushVarint(out: number[], v: number): void {
  pushUvarint(out, zigzag(v))
}

class Cursor {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
  ) {}
  uvarint(): number {
    let result = 0
    let mul = 1
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new Error('varint past end')
      const b = this.buf[this.pos++]!
      result += (b & 0x7f) * mul
      if ((b & 0x80) === 0) return result
      mul *= 0x80
    }
    throw new Error('varint too long')
  }
  varint(): number {
    const u = this.uvarint()
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2
  }
  bytes(n: number): Buffer {
    if (n < 0) throw new Error('negative length')
    if (this.pos + n > this.buf.length) throw new Error('bytes past end')
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
  nullableBytes(): Buffer | null {
    const n = this.varint()
    return n < 0 ? null : Buffer.from(this.bytes(n))
  }
}

// ---- encoding ------------------------------------------------------------------------------

function encodeRecord(r: TestRecord, offsetDelta: number, timestampDelta: number): Buffer {
  const body: number[] = []
  body.push(0) // attributes
  pushVarint(body, timestampDelta)
  pushVarint(body, offsetDelta)
  const parts: Buffer[] = []
  const flush = (): void => {
    parts.push(Buffer.from(body))
    body.length = 0
  }
  const bytesField = (b: Buffer | null): void => {
    if (b === null) {
      pushVarint(body, -1)
      return
    }
    pushVarint(body, b.length)
    flush()
    parts.push(b)
  }
  bytesField(r.key)
  bytesField(r.value)
  const headers = r.headers ?? []
  pushVarint(body, headers.length)
  for (const h of headers) {
    bytesField(Buffer.from(h.key, 'utf8'))
    bytesField(h.value)
  }
  flush()
  const payload = Buffer.concat(parts)
  const len: number[] = []
  pushVarint(len, payload.length)
  return Buffer.concat([Buffer.from(len), payload])
}

export interface BatchOptions {
  baseOffset?: number
  baseTimestamp?: number
  /** 0 none or 1 gzip: the test codec compresses only with Node's own zlib. */
  compression?: 0 | 1
  producerId?: bigint
  producerEpoch?: number
  baseSequence?: number
  partitionLeaderEpoch?: number
}

/** One magic v2 batch holding `records`, with a correct CRC. */
export function encodeBatch(records: readonly TestRecord[], opts: BatchOptions = {}): Buffer {
  if (records.length === 0) throw new Error('a batch needs at least one record')
  const baseTimestamp = opts.baseTimestamp ?? records[0]!.timestamp ?? Date.now()
  let maxTimestamp = baseTimestamp
  const encoded = records.map((r, i) => {
    const ts = r.timestamp ?? baseTimestamp
    if (ts > maxTimestamp) maxTimestamp = ts
    return encodeRecord(r, i, ts - baseTimestamp)
  })
  let recordsSection = Buffer.concat(encoded)
  const compression = opts.compression ?? 0
  if (compression === 1) recordsSection = gzipSync(recordsSection)
  const header = Buffer.alloc(61)
  header.writeBigInt64BE(BigInt(opts.baseOffset ?? 0), 0)
  header.writeInt32BE(61 - 12 + recordsSection.length, 8) // batchLength: from partitionLeaderEpoch on
  header.writeInt32BE(opts.partitionLeaderEpoch ?? -1, 12)
  header.writeInt8(2, 16) // magic
  header.writeInt16BE(compression, 21) // attributes
  header.writeInt32BE(records.length - 1, 23) // lastOffsetDelta
  header.writeBigInt64BE(BigInt(baseTimestamp), 27)
  header.writeBigInt64BE(BigInt(maxTimestamp), 35)
  header.writeBigInt64BE(opts.producerId ?? -1n, 43)
  header.writeInt16BE(opts.producerEpoch ?? -1, 51)
  header.writeInt32BE(opts.baseSequence ?? -1, 53)
  header.writeInt32BE(records.length, 57)
  const batch = Buffer.concat([header, recordsSection])
  batch.writeUInt32BE(crc32c(batch.subarray(21)) >>> 0, 17)
  return batch
}

/** Recomputes the CRC of a batch in place (after a test changed bytes it wants to be "valid"). */
export function fixCrc(batch: Buffer): Buffer {
  batch.writeUInt32BE(crc32c(batch.subarray(21)) >>> 0, 17)
  return batch
}

// ---- decoding ------------------------------------------------------------------------------

export type Decompress = (codec: number, data: Buffer) => Promise<Buffer>

/** gzip only; tests that read other codecs pass a decompressor from test/support/codecs.ts. */
export const gzipOnly: Decompress = async (codec, data) => {
  if (codec === 0) return data
  if (codec === 1) return gunzipSync(data)
  throw new Error(`no decompressor for codec ${codec} in this test`)
}

/**
 * Decodes the record batches in a Fetch response's `records` bytes. A trailing partial batch
 * (allowed by the protocol when a response hits max bytes) is ignored. Checks each CRC.
 */
export async function decodeBatches(data: Buffer | null, decompress: Decompress = gzipOnly): Promise<DecodedRecord[]> {
  const out: DecodedRecord[] = []
  if (data === null) return out
  let pos = 0
  while (pos + 12 <= data.length) {
    const baseOffset = Number(data.readBigInt64BE(pos))
    const batchLength = data.readInt32BE(pos + 8)
    if (pos + 12 + batchLength > data.length) break
    const batch = data.subarray(pos, pos + 12 + batchLength)
    pos += 12 + batchLength
    const magic = batch.readInt8(16)
    if (magic !== 2) throw new Error(`fetch returned a magic ${magic} batch at offset ${baseOffset}`)
    const crc = batch.readUInt32BE(17)
    const actual = crc32c(batch.subarray(21)) >>> 0
    if (crc !== actual) throw new Error(`fetch returned a batch with a bad CRC at offset ${baseOffset}`)
    const attributes = batch.readInt16BE(21)
    const compression = attributes & 7
    const baseTimestamp = Number(batch.readBigInt64BE(27))
    const producerId = batch.readBigInt64BE(43)
    const count = batch.readInt32BE(57)
    const info = {
      baseOffset,
      compression,
      magic,
      producerId,
      isTransactional: (attributes & 0x10) !== 0,
      isControl: (attributes & 0x20) !== 0,
    }
    const section = await decompress(compression, batch.subarray(61))
    const c = new Cursor(section)
    for (let i = 0; i < count; i++) {
      const len = c.varint()
      const end = c.pos + len
      c.pos += 1 // attributes
      const timestampDelta = c.varint()
      const offsetDelta = c.varint()
      const key = c.nullableBytes()
      const value = c.nullableBytes()
      const headerCount = c.varint()
      const headers: TestHeader[] = []
      for (let h = 0; h < headerCount; h++) {
        const hk = c.nullableBytes()
        const hv = c.nullableBytes()
        headers.push({ key: (hk ?? Buffer.alloc(0)).toString('utf8'), value: hv })
      }
      if (c.pos !== end) throw new Error(`record length mismatch at offset ${baseOffset + offsetDelta}`)
      out.push({ offset: baseOffset + offsetDelta, timestamp: baseTimestamp + timestampDelta, key, value, headers, batch: info })
    }
  }
  return out
}
