/**
 * The file side of a sparse index: fixed-size entries appended with pwrite, truncated in place.
 * Kafka mmaps preallocated index files; we keep entries in memory (typed arrays in the
 * subclasses) and only append to the file, so the file is always exactly `entries * size` bytes
 * and a partially written tail is detectable on open.
 */
import { closeSync, constants, fsync, ftruncateSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { StorageError } from '../errors.js'

export abstract class IndexFile {
  readonly path: string
  readonly baseOffset: bigint
  readonly maxEntries: number
  #fd: number
  #entries = 0
  #entrySize: number

  protected constructor(path: string, baseOffset: bigint, maxIndexSize: number, entrySize: number) {
    this.path = path
    this.baseOffset = baseOffset
    this.#entrySize = entrySize
    this.maxEntries = Math.max(1, Math.floor(maxIndexSize / entrySize))
    this.#fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644)
  }

  get entries(): number {
    return this.#entries
  }

  get isFull(): boolean {
    return this.#entries >= this.maxEntries
  }

  get sizeInBytes(): number {
    return this.#entries * this.#entrySize
  }

  /**
   * Reads the file and hands each entry to `load`; returns an error message when the file is
   * torn (size not a multiple of the entry size) or `load` rejects an entry. On error the index
   * is left empty so the caller can rebuild it from the log.
   */
  protected loadEntries(load: (buf: Buffer, pos: number, i: number) => string | null): string | null {
    const buf = readFileSync(this.path)
    let error: string | null = null
    if (buf.length % this.#entrySize !== 0) error = `size ${buf.length} is not a multiple of ${this.#entrySize}`
    const n = buf.length / this.#entrySize
    for (let i = 0; error === null && i < n; i++) error = load(buf, i * this.#entrySize, i)
    if (error === null && n > this.maxEntries) error = `${n} entries exceed the maximum ${this.maxEntries}`
    if (error !== null) {
      this.reset()
      return error
    }
    this.#entries = n
    return null
  }

  protected writeEntry(entry: Buffer): void {
    if (this.#entries >= this.maxEntries) throw new StorageError('SAMSA_STORAGE_INDEX_FULL', `index ${this.path} is full`)
    const at = this.#entries * this.#entrySize
    let done = 0
    while (done < entry.length) done += writeSync(this.#fd, entry, done, entry.length - done, at + done)
    this.#entries++
  }

  /** Keeps the first `n` entries. */
  protected truncateEntries(n: number): void {
    if (n >= this.#entries) return
    this.#entries = n
    ftruncateSync(this.#fd, n * this.#entrySize)
  }

  /** Drops every entry (before a rebuild). */
  reset(): void {
    this.#entries = 0
    ftruncateSync(this.#fd, 0)
  }

  flush(): Promise<void> {
    return new Promise((resolve, reject) => fsync(this.#fd, (err) => (err ? reject(err) : resolve())))
  }

  close(): void {
    if (this.#fd < 0) return
    closeSync(this.#fd)
    this.#fd = -1
  }

  deleteFile(): void {
    this.close()
    try {
      unlinkSync(this.path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
}

/** Index of the last element of `n` for which `le(i)` holds, or -1 (arrays are sorted). */
export function floorSearch(n: number, le: (i: number) => boolean): number {
  let lo = 0
  let hi = n - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (le(mid)) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export function grow<T extends Int32Array | BigInt64Array>(arr: T, needed: number, make: (n: number) => T): T {
  if (needed <= arr.length) return arr
  const next = make(Math.max(needed, arr.length * 2, 64))
  next.set(arr as never)
  return next
}
