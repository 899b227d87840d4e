/**
 * Zig-zag varints and varlongs as used inside magic v2 records. Readers never throw: they take a
 * cursor and clear `ok` on overrun or an over-long encoding, so a validator can walk untrusted
 * bytes and report one error at the end (kmsg style) instead of paying for try/catch per field.
 */
export interface Cursor {
  buf: Buffer
  pos: number
  /** Exclusive bound for reads; may be less than `buf.length`. */
  end: number
  ok: boolean
}

export function cursor(buf: Buffer, pos = 0, end = buf.length): Cursor {
  return { buf, pos, end, ok: true }
}

/** Reads a zig-zag varint (int32). Java rejects more than 5 bytes; so do we. */
export function readVarint(c: Cursor): number {
  let raw = 0
  let shift = 0
  for (let i = 0; i < 5; i++) {
    if (c.pos >= c.end) {
      c.ok = false
      return 0
    }
    const b = c.buf[c.pos++]!
    raw |= (b & 0x7f) << shift
    if ((b & 0x80) === 0) return (raw >>> 1) ^ -(raw & 1)
    shift += 7
  }
  c.ok = false
  return 0
}

/** Reads a zig-zag varlong (int64); at most 10 bytes. */
export function readVarlong(c: Cursor): bigint {
  // Fast path: values that fit in 28 bits (nearly every timestamp delta) use int arithmetic.
  let raw = 0
  let shift = 0
  const start = c.pos
  for (let i = 0; i < 4; i++) {
    if (c.pos >= c.end) {
      c.ok = false
      return 0n
    }
    const b = c.buf[c.pos++]!
    raw |= (b & 0x7f) << shift
    if ((b & 0x80) === 0) return BigInt((raw >>> 1) ^ -(raw & 1))
    shift += 7
  }
  c.pos = start
  let big = 0n
  let bigShift = 0n
  for (let i = 0; i < 10; i++) {
    if (c.pos >= c.end) {
      c.ok = false
      return 0n
    }
    const b = c.buf[c.pos++]!
    big |= BigInt(b & 0x7f) << bigShift
    if ((b & 0x80) === 0) {
      big = BigInt.asUintN(64, big)
      return BigInt.asIntN(64, (big >> 1n) ^ -(big & 1n))
    }
    bigShift += 7n
  }
  c.ok = false
  return 0n
}

export function sizeOfVarint(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0
  let bytes = 1
  while (v >= 0x80) {
    v >>>= 7
    bytes++
  }
  return bytes
}

export function writeVarint(buf: Buffer, pos: number, value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80
    v >>>= 7
  }
  buf[pos++] = v
  return pos
}

function zigzag64(value: bigint): bigint {
  return BigInt.asUintN(64, (value << 1n) ^ (value >> 63n))
}

export function sizeOfVarlong(value: bigint): number {
  let v = zigzag64(value)
  let bytes = 1
  while (v >= 0x80n) {
    v >>= 7n
    bytes++
  }
  return bytes
}

export function writeVarlong(buf: Buffer, pos: number, value: bigint): number {
  let v = zigzag64(value)
  while (v >= 0x80n) {
    buf[pos++] = Number(v & 0x7fn) | 0x80
    v >>= 7n
  }
  buf[pos++] = Number(v)
  return pos
}
