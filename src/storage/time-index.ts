/**
 * Sparse time index (Kafka's TimeIndex): 12-byte entries of int64 timestamp and int32 offset
 * relative to baseOffset. An entry is added only when the segment's max timestamp so far grows,
 * so timestamps and offsets both increase and "largest entry <= target" is a binary search.
 */
import { nodeFs, type StorageFs } from './file-system.js'
import { IndexFile, floorSearch, grow, type PathOf } from './index-file.js'

const TIME_INDEX_ENTRY_SIZE = 12

export class TimeIndex extends IndexFile {
  #timestamps = new BigInt64Array(0)
  #relOffsets = new Int32Array(0)
  readonly loadError: string | null

  constructor(path: PathOf, baseOffset: bigint, maxIndexSize: number, fs: StorageFs = nodeFs, load = true) {
    super(path, baseOffset, Math.max(maxIndexSize, 2 * TIME_INDEX_ENTRY_SIZE), TIME_INDEX_ENTRY_SIZE, fs, load)
    this.loadError = this.loadEntries((buf, pos, i) => {
      const ts = buf.readBigInt64BE(pos)
      const rel = buf.readInt32BE(pos + 8)
      if (rel < 0) return `entry ${i} has a negative offset`
      if (i > 0 && (ts <= this.#timestamps[i - 1]! || rel < this.#relOffsets[i - 1]!)) return `entry ${i} is not increasing`
      this.#store(i, ts, rel)
      return null
    })
  }

  #store(i: number, ts: bigint, rel: number): void {
    this.#timestamps = grow(this.#timestamps, i + 1, (n) => new BigInt64Array(n))
    this.#relOffsets = grow(this.#relOffsets, i + 1, (n) => new Int32Array(n))
    this.#timestamps[i] = ts
    this.#relOffsets[i] = rel
  }

  /** The last entry (the segment's max timestamp as of that entry), or undefined. */
  get lastEntry(): { timestamp: bigint; offset: bigint } | undefined {
    const n = this.entries
    if (n === 0) return undefined
    return { timestamp: this.#timestamps[n - 1]!, offset: this.baseOffset + BigInt(this.#relOffsets[n - 1]!) }
  }

  /** One slot stays reserved for the entry written when the segment rolls (Kafka does the same). */
  override get isFull(): boolean {
    return this.entries >= this.maxEntries - 1
  }

  /**
   * Appends when `timestamp` is larger than the last entry's. `skipFullCheck` is for the final
   * entry on roll, which makes the segment's max timestamp loadable from the index alone.
   */
  maybeAppend(timestamp: bigint, offset: bigint, skipFullCheck = false): void {
    const n = this.entries
    const rel = Number(offset - this.baseOffset)
    if (n > 0 && (timestamp <= this.#timestamps[n - 1]! || rel < this.#relOffsets[n - 1]!)) return
    if ((this.isFull && !skipFullCheck) || n >= this.maxEntries) return
    this.addEntry()
    this.#store(n, timestamp, rel)
  }

  protected encode(i: number, buf: Buffer, pos: number): void {
    buf.writeBigInt64BE(this.#timestamps[i]!, pos)
    buf.writeInt32BE(this.#relOffsets[i]!, pos + 8)
  }

  /** The entry with the largest timestamp <= target, or (-1, baseOffset). */
  lookup(target: bigint): { timestamp: bigint; offset: bigint } {
    const i = floorSearch(this.entries, (k) => this.#timestamps[k]! <= target)
    if (i < 0) return { timestamp: -1n, offset: this.baseOffset }
    return { timestamp: this.#timestamps[i]!, offset: this.baseOffset + BigInt(this.#relOffsets[i]!) }
  }

  /** Removes entries for offsets >= target. */
  truncateTo(target: bigint): void {
    const rel = target - this.baseOffset
    this.truncateEntries(rel <= 0n ? 0 : floorSearch(this.entries, (k) => BigInt(this.#relOffsets[k]!) < rel) + 1)
  }
}
