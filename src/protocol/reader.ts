import { ProtocolError } from '../errors.js'

/** One unknown tagged field, kept so a decode/encode round trip does not lose it. */
export interface TaggedField {
  tag: number
  data: Buffer
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/**
 * Reads Kafka primitive types from one buffer. Bounds are checked on every read and a short
 * buffer throws a ProtocolError, which the connection turns into a closed connection and a
 * log line.
 */
export class Reader {
  readonly buf: Buffer
  pos: number
  readonly end: number

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf
    this.pos = pos
    this.end = end
  }

  get remaining(): number {
    return this.end - this.pos
  }

  #need(n: number): number {
    const at = this.pos
    if (n < 0 || at + n > this.end) {
      throw new ProtocolError(`unexpected end of data: need ${n} bytes at ${at}, have ${this.end - at}`)
    }
    this.pos = at + n
    return at
  }

  bool(): boolean {
    return this.buf[this.#need(1)] !== 0
  }

  int8(): number {
    return this.buf.readInt8(this.#need(1))
  }

  int16(): number {
    return this.buf.readInt16BE(this.#need(2))
  }

  uint16(): number {
    return this.buf.readUInt16BE(this.#need(2))
  }

  int32(): number {
    return this.buf.readInt32BE(this.#need(4))
  }

  uint32(): number {
    return this.buf.readUInt32BE(this.#need(4))
  }

  int64(): bigint {
    return this.buf.readBigInt64BE(this.#need(8))
  }

  float64(): number {
    return this.buf.readDoubleBE(this.#need(8))
  }

  uuid(): string {
    const at = this.#need(16)
    const b = this.buf
    let s = ''
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) s += '-'
      s += HEX[b[at + i]!]
    }
    return s
  }

  uvarint(): number {
    let result = 0
    let shift = 0
    for (;;) {
      const byte = this.buf[this.#need(1)]!
      if (shift === 28 && byte > 0x0f) throw new ProtocolError('unsigned varint overflows 32 bits')
      result += (byte & 0x7f) * 2 ** shift
      if ((byte & 0x80) === 0) return result
      shift += 7
    }
  }

  varint(): number {
    const u = this.uvarint()
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2
  }

  varlong(): bigint {
    let result = 0n
    let shift = 0n
    for (;;) {
      const byte = this.buf[this.#need(1)]!
      result |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) break
      shift += 7n
      if (shift > 63n) throw new ProtocolError('varlong longer than 10 bytes')
    }
    return (result >> 1n) ^ -(result & 1n)
  }

  /** Length of a string, bytes or array: int16/int32 classic or unsigned varint + 1 compact. */
  #len16(compact: boolean): number {
    return compact ? this.uvarint() - 1 : this.int16()
  }

  #len32(compact: boolean): number {
    return compact ? this.uvarint() - 1 : this.int32()
  }

  #utf8(n: number): string {
    const at = this.#need(n)
    return this.buf.toString('utf8', at, at + n)
  }

  string(compact: boolean): string {
    const n = this.#len16(compact)
    if (n < 0) throw new ProtocolError('non-nullable string is null')
    return this.#utf8(n)
  }

  nullableString(compact: boolean): string | null {
    const n = this.#len16(compact)
    return n < 0 ? null : this.#utf8(n)
  }

  /** Returns a view of the underlying buffer, not a copy. */
  bytes(compact: boolean): Buffer {
    const n = this.#len32(compact)
    if (n < 0) throw new ProtocolError('non-nullable bytes are null')
    const at = this.#need(n)
    return this.buf.subarray(at, at + n)
  }

  nullableBytes(compact: boolean): Buffer | null {
    const n = this.#len32(compact)
    if (n < 0) return null
    const at = this.#need(n)
    return this.buf.subarray(at, at + n)
  }

  /** Array length; -1 means null. Guards against lengths the remaining bytes cannot hold. */
  arrayLength(compact: boolean): number {
    const n = this.#len32(compact)
    if (n > this.remaining) throw new ProtocolError(`array length ${n} exceeds remaining ${this.remaining} bytes`)
    return n
  }

  /** Reads a tagged-field section, calling `known` for each tag; returns the unknown ones. */
  taggedFields(known?: (tag: number, r: Reader) => boolean): TaggedField[] | undefined {
    const count = this.uvarint()
    let unknown: TaggedField[] | undefined
    let lastTag = -1
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint()
      if (tag <= lastTag) throw new ProtocolError(`tagged fields out of order: ${tag} after ${lastTag}`)
      lastTag = tag
      const size = this.uvarint()
      const at = this.#need(size)
      const sub = new Reader(this.buf, at, at + size)
      if (known?.(tag, sub)) continue
      ;(unknown ??= []).push({ tag, data: this.buf.subarray(at, at + size) })
    }
    return unknown
  }
}
