/**
 * The cleaner's key -> latest offset map (Kafka's OffsetMap). Kafka's SkimpyOffsetMap stores
 * MD5 hashes in a fixed buffer and accepts the tiny collision risk; here keys are exact (a Map
 * keyed by the key bytes read as latin1, which maps every byte to one char, so it is lossless).
 * Memory is bounded by an estimate against log.cleaner.dedupe.buffer.size: the cleaner stops
 * adding segments once the map is full and cleans the rest of the log in a later pass.
 */

/** Rough bytes per entry besides the key: the Map slot, a string header, a number. */
const ENTRY_OVERHEAD = 64

export class OffsetMap {
  readonly capacityBytes: number
  #map = new Map<string, number>()
  #bytes = 0
  #latestOffset = -1

  constructor(capacityBytes: number) {
    this.capacityBytes = capacityBytes
  }

  /** Records `offset` for `key` (the bytes [start, end) of `buf`); offsets only move up. */
  put(buf: Buffer, start: number, end: number, offset: number): void {
    const key = buf.toString('latin1', start, end)
    const before = this.#map.size
    this.#map.set(key, offset)
    if (this.#map.size !== before) this.#bytes += key.length + ENTRY_OVERHEAD
    if (offset > this.#latestOffset) this.#latestOffset = offset
  }

  /** The latest offset of `key`, or -1 when it is not in the map. */
  get(buf: Buffer, start: number, end: number): number {
    return this.#map.get(buf.toString('latin1', start, end)) ?? -1
  }

  get size(): number {
    return this.#map.size
  }

  /** Estimated memory in use. */
  get bytes(): number {
    return this.#bytes
  }

  get isFull(): boolean {
    return this.#bytes >= this.capacityBytes
  }

  /** The largest offset put, or -1. */
  get latestOffset(): number {
    return this.#latestOffset
  }

  clear(): void {
    this.#map.clear()
    this.#bytes = 0
    this.#latestOffset = -1
  }
}
