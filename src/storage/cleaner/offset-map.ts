/**
 * The cleaner's key -> latest offset map (Kafka's OffsetMap). Kafka's SkimpyOffsetMap keeps MD5
 * hashes of keys in a fixed buffer and accepts the tiny chance of a collision. Here keys are
 * compared exactly: they are copied into an arena buffer, and an open-addressing table (linear
 * probing, FNV-1a hashes) points at them, so a lookup allocates nothing - no string per key as a
 * JS Map would need. Memory is counted exactly and bounded by log.cleaner.dedupe.buffer.size:
 * the cleaner stops adding segments once the map is full and cleans the rest in a later pass.
 */

/** Bytes per entry besides the key: hash, key position, key length (int32), offset (float64), slot. */
const ENTRY_BYTES = 4 + 4 + 4 + 8 + 8

export class OffsetMap {
  readonly capacityBytes: number
  /** Entry index + 1 per slot; 0 = empty. Length is a power of two, at most half full. */
  #slots = new Int32Array(1024)
  #hashes = new Int32Array(512)
  #keyPos = new Int32Array(512)
  #keyLen = new Int32Array(512)
  /** Offsets as doubles: exact below 2^53. */
  #offsets = new Float64Array(512)
  #arena = Buffer.allocUnsafe(64 * 1024)
  #arenaUsed = 0
  #count = 0
  #latestOffset = -1

  constructor(capacityBytes: number) {
    this.capacityBytes = capacityBytes
  }

  get size(): number {
    return this.#count
  }

  /** Memory in use by keys and entries. */
  get bytes(): number {
    return this.#arenaUsed + this.#count * ENTRY_BYTES
  }

  get isFull(): boolean {
    return this.bytes >= this.capacityBytes
  }

  /** The largest offset put, or -1. */
  get latestOffset(): number {
    return this.#latestOffset
  }

  /** Records `offset` for the key in buf[start, end). */
  put(buf: Buffer, start: number, end: number, offset: number): void {
    if (offset > this.#latestOffset) this.#latestOffset = offset
    const hash = fnv1a(buf, start, end)
    const mask = this.#slots.length - 1
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const e = this.#slots[i]! - 1
      if (e < 0) {
        this.#slots[i] = this.#add(buf, start, end, hash, offset) + 1
        if (this.#count * 2 > this.#slots.length) this.#rehash()
        return
      }
      if (this.#hashes[e] === hash && this.#equals(e, buf, start, end)) {
        if (offset > this.#offsets[e]!) this.#offsets[e] = offset
        return
      }
    }
  }

  /** The latest offset of the key in buf[start, end), or -1 when it is not in the map. */
  get(buf: Buffer, start: number, end: number): number {
    const hash = fnv1a(buf, start, end)
    const mask = this.#slots.length - 1
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const e = this.#slots[i]! - 1
      if (e < 0) return -1
      if (this.#hashes[e] === hash && this.#equals(e, buf, start, end)) return this.#offsets[e]!
    }
  }

  #equals(e: number, buf: Buffer, start: number, end: number): boolean {
    const len = end - start
    if (this.#keyLen[e] !== len) return false
    const arena = this.#arena
    const pos = this.#keyPos[e]!
    if (len > 32) return buf.compare(arena, pos, pos + len, start, end) === 0
    for (let k = 0; k < len; k++) if (arena[pos + k] !== buf[start + k]) return false
    return true
  }

  #add(buf: Buffer, start: number, end: number, hash: number, offset: number): number {
    const len = end - start
    if (this.#arenaUsed + len > this.#arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.#arena.length * 2, this.#arenaUsed + len))
      this.#arena.copy(bigger, 0, 0, this.#arenaUsed)
      this.#arena = bigger
    }
    buf.copy(this.#arena, this.#arenaUsed, start, end)
    const e = this.#count++
    if (e >= this.#hashes.length) {
      const n = this.#hashes.length * 2
      this.#hashes = grow(this.#hashes, new Int32Array(n))
      this.#keyPos = grow(this.#keyPos, new Int32Array(n))
      this.#keyLen = grow(this.#keyLen, new Int32Array(n))
      this.#offsets = grow(this.#offsets, new Float64Array(n))
    }
    this.#hashes[e] = hash
    this.#keyPos[e] = this.#arenaUsed
    this.#keyLen[e] = len
    this.#offsets[e] = offset
    this.#arenaUsed += len
    return e
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2)
    const mask = slots.length - 1
    for (let e = 0; e < this.#count; e++) {
      let i = this.#hashes[e]! & mask
      while (slots[i] !== 0) i = (i + 1) & mask
      slots[i] = e + 1
    }
    this.#slots = slots
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never)
  return to
}

/** 32-bit FNV-1a of buf[start, end). */
function fnv1a(buf: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193)
  // Spread the low bits used for the slot index (linear probing dislikes clustered hashes).
  h ^= h >>> 15
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12)
}
