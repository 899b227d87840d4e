import type { TaggedField } from './reader.js'
import type { Chunk, RecordsParts } from './transferable.js'

/** Byte arrays at least this large are referenced, not copied, in the output chunk list. */
const ZERO_COPY_MIN = 1024

const UUID_RE = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/

/**
 * Writes Kafka primitive types. Small values go into a growing scratch buffer; large byte
 * arrays are kept as separate chunks, and file regions (a Fetch's records) stay regions, so a
 * response is sent with writev and its records are read only as the socket takes them.
 */
export class Writer {
  #chunks: Chunk[] = []
  #regions = 0
  #buf: Buffer
  #pos = 0
  #start = 0
  #flushed = 0

  constructor(initialSize = 256) {
    this.#buf = Buffer.allocUnsafe(initialSize)
  }

  /** Total bytes written so far. */
  get length(): number {
    return this.#flushed + (this.#pos - this.#start)
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return
    this.#cut()
    const size = Math.max(n, Math.min(this.#buf.length * 2, 1 << 20), 256)
    this.#buf = Buffer.allocUnsafe(size)
    this.#pos = 0
    this.#start = 0
  }

  /** Moves the written part of the scratch buffer into the chunk list. */
  #cut(): void {
    if (this.#pos > this.#start) {
      this.#chunks.push(this.#buf.subarray(this.#start, this.#pos))
      this.#flushed += this.#pos - this.#start
      this.#start = this.#pos
    }
  }

  bool(v: boolean): this {
    this.#ensure(1)
    this.#buf[this.#pos++] = v ? 1 : 0
    return this
  }

  int8(v: number): this {
    this.#ensure(1)
    this.#pos = this.#buf.writeInt8(v, this.#pos)
    return this
  }

  int16(v: number): this {
    this.#ensure(2)
    this.#pos = this.#buf.writeInt16BE(v, this.#pos)
    return this
  }

  uint16(v: number): this {
    this.#ensure(2)
    this.#pos = this.#buf.writeUInt16BE(v, this.#pos)
    return this
  }

  int32(v: number): this {
    this.#ensure(4)
    this.#pos = this.#buf.writeInt32BE(v, this.#pos)
    return this
  }

  uint32(v: number): this {
    this.#ensure(4)
    this.#pos = this.#buf.writeUInt32BE(v, this.#pos)
    return this
  }

  int64(v: bigint): this {
    this.#ensure(8)
    this.#pos = this.#buf.writeBigInt64BE(v, this.#pos)
    return this
  }

  float64(v: number): this {
    this.#ensure(8)
    this.#pos = this.#buf.writeDoubleBE(v, this.#pos)
    return this
  }

  uuid(v: string): this {
    this.#ensure(16)
    if (!UUID_RE.test(v)) throw new TypeError(`not a UUID: ${v}`)
    this.#pos += this.#buf.write(v.replaceAll('-', ''), this.#pos, 16, 'hex')
    return this
  }

  uvarint(v: number): this {
    this.#ensure(5)
    const b = this.#buf
    while (v >= 0x80) {
      b[this.#pos++] = (v & 0x7f) | 0x80
      v = Math.floor(v / 128)
    }
    b[this.#pos++] = v
    return this
  }

  varint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1)
  }

  varlong(v: bigint): this {
    this.#ensure(10)
    let u = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n))
    const b = this.#buf
    while (u >= 0x80n) {
      b[this.#pos++] = Number(u & 0x7fn) | 0x80
      u >>= 7n
    }
    b[this.#pos++] = Number(u)
    return this
  }

  #len16(n: number, compact: boolean): void {
    if (compact) this.uvarint(n + 1)
    else this.int16(n)
  }

  #len32(n: number, compact: boolean): void {
    if (compact) this.uvarint(n + 1)
    else this.int32(n)
  }

  string(v: string, compact: boolean): this {
    const n = Buffer.byteLength(v)
    this.#len16(n, compact)
    this.#ensure(n)
    this.#pos += this.#buf.write(v, this.#pos, n, 'utf8')
    return this
  }

  nullableString(v: string | null | undefined, compact: boolean): this {
    if (v == null) {
      this.#len16(-1, compact)
      return this
    }
    return this.string(v, compact)
  }

  /** Raw bytes with no length prefix. Large buffers are referenced, not copied. */
  raw(v: Buffer): this {
    if (v.length >= ZERO_COPY_MIN) {
      this.#cut()
      this.#chunks.push(v)
      this.#flushed += v.length
      return this
    }
    this.#ensure(v.length)
    this.#pos += v.copy(this.#buf, this.#pos)
    return this
  }

  bytes(v: Buffer, compact: boolean): this {
    this.#len32(v.length, compact)
    return this.raw(v)
  }

  nullableBytes(v: Buffer | null | undefined, compact: boolean): this {
    if (v == null) {
      this.#len32(-1, compact)
      return this
    }
    return this.bytes(v, compact)
  }

  /** Record data may arrive as several buffers and file regions; they are written back to back. */
  records(v: RecordsParts | null | undefined, compact: boolean): this {
    if (v == null) {
      this.#len32(-1, compact)
      return this
    }
    if (Buffer.isBuffer(v)) return this.bytes(v, compact)
    let n = 0
    for (const b of v) n += b.length
    this.#len32(n, compact)
    for (const b of v) {
      if (Buffer.isBuffer(b)) this.raw(b)
      else {
        this.#cut()
        this.#chunks.push(b)
        this.#flushed += b.length
        this.#regions++
      }
    }
    return this
  }

  arrayLength(n: number, compact: boolean): this {
    this.#len32(n, compact)
    return this
  }

  nullArray(compact: boolean): this {
    this.#len32(-1, compact)
    return this
  }

  /**
   * Writes a tagged-field section: `known` holds [tag, encoder] pairs for fields that differ from
   * their default, merged in tag order with preserved unknown fields.
   */
  taggedFields(known: Array<[number, (w: Writer) => void]> | undefined, unknown: readonly TaggedField[] | undefined): this {
    const fields: Array<[number, Buffer]> = []
    if (known !== undefined) {
      for (const [tag, encode] of known) {
        const sub = new Writer(64)
        encode(sub)
        fields.push([tag, sub.toBuffer()])
      }
    }
    if (unknown !== undefined) for (const f of unknown) fields.push([f.tag, f.data])
    if (fields.length > 1) fields.sort((a, b) => a[0] - b[0])
    this.uvarint(fields.length)
    for (const [tag, data] of fields) {
      this.uvarint(tag)
      this.uvarint(data.length)
      this.raw(data)
    }
    return this
  }

  /** An empty tagged-field section, the common case. */
  noTaggedFields(): this {
    this.#ensure(1)
    this.#buf[this.#pos++] = 0
    return this
  }

  /** The written bytes as a list of chunks (buffers, and regions to read when sending). */
  toChunks(): Chunk[] {
    this.#cut()
    return this.#chunks
  }

  /** The written bytes as a list of buffers; only for output without file regions. */
  toBuffers(): Buffer[] {
    if (this.#regions > 0) throw new Error('Writer.toBuffers: the output holds file regions')
    return this.toChunks() as Buffer[]
  }

  /** The written bytes in one buffer; only for output without file regions. */
  toBuffer(): Buffer {
    const chunks = this.toBuffers()
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#flushed)
  }
}
