/**
 * Sparse offset index (Kafka's OffsetIndex): entries of int32 offset relative to the segment's
 * baseOffset and int32 byte position of a batch in the .log, keyed by the batch's lastOffset
 * like Kafka. A lookup gives the closest preceding batch position; the segment scans from there.
 */
import { nodeFs, type StorageFs } from './file-system.js'
import { IndexFile, floorSearch, grow, type PathOf } from './index-file.js'

const OFFSET_INDEX_ENTRY_SIZE = 8

export class OffsetIndex extends IndexFile {
  #relOffsets = new Int32Array(0)
  #positions = new Int32Array(0)
  /** Set when the file on disk was unusable and the index was emptied for a rebuild. */
  readonly loadError: string | null

  constructor(path: PathOf, baseOffset: bigint, maxIndexSize: number, logSize: number, fs: StorageFs = nodeFs, load = true) {
    super(path, baseOffset, maxIndexSize, OFFSET_INDEX_ENTRY_SIZE, fs, load)
    this.loadError = this.loadEntries((buf, pos, i) => {
      const rel = buf.readInt32BE(pos)
      const position = buf.readInt32BE(pos + 4)
      if (rel < 0 || position < 0 || position >= logSize) return `entry ${i} (${rel}, ${position}) is out of range`
      if (i > 0 && (rel <= this.#relOffsets[i - 1]! || position <= this.#positions[i - 1]!)) return `entry ${i} is not increasing`
      this.#store(i, rel, position)
      return null
    })
  }

  #store(i: number, rel: number, position: number): void {
    this.#relOffsets = grow(this.#relOffsets, i + 1, (n) => new Int32Array(n))
    this.#positions = grow(this.#positions, i + 1, (n) => new Int32Array(n))
    this.#relOffsets[i] = rel
    this.#positions[i] = position
  }

  /** Offset of the last entry, or baseOffset when empty. */
  get lastOffset(): bigint {
    const n = this.entries
    return n === 0 ? this.baseOffset : this.baseOffset + BigInt(this.#relOffsets[n - 1]!)
  }

  get lastPosition(): number {
    return this.entries === 0 ? 0 : this.#positions[this.entries - 1]!
  }

  append(offset: bigint, position: number): void {
    const rel = Number(offset - this.baseOffset)
    const n = this.entries
    if (n > 0 && (rel <= this.#relOffsets[n - 1]! || position <= this.#positions[n - 1]!)) return
    this.addEntry()
    this.#store(n, rel, position)
  }

  protected encode(i: number, buf: Buffer, pos: number): void {
    buf.writeInt32BE(this.#relOffsets[i]!, pos)
    buf.writeInt32BE(this.#positions[i]!, pos + 4)
  }

  /** The entry with the largest offset <= target, or (baseOffset, 0). */
  lookup(target: bigint): { offset: bigint; position: number } {
    const rel = target - this.baseOffset
    const i = rel < 0n ? -1 : floorSearch(this.entries, (k) => BigInt(this.#relOffsets[k]!) <= rel)
    if (i < 0) return { offset: this.baseOffset, position: 0 }
    return { offset: this.baseOffset + BigInt(this.#relOffsets[i]!), position: this.#positions[i]! }
  }

  /**
   * The last entry at or below file position `maxPosition` whose offset is below
   * `offsetBound`, or undefined (positions and offsets both grow, so one search finds it).
   */
  floorByPosition(maxPosition: number, offsetBound: bigint): { offset: bigint; position: number } | undefined {
    const rel = offsetBound - this.baseOffset
    const i = floorSearch(this.entries, (k) => this.#positions[k]! <= maxPosition && BigInt(this.#relOffsets[k]!) < rel)
    return i < 0 ? undefined : { offset: this.baseOffset + BigInt(this.#relOffsets[i]!), position: this.#positions[i]! }
  }

  /** Removes entries for offsets >= target. */
  truncateTo(target: bigint): void {
    const rel = target - this.baseOffset
    this.truncateEntries(rel <= 0n ? 0 : floorSearch(this.entries, (k) => BigInt(this.#relOffsets[k]!) < rel) + 1)
  }
}
