/**
 * The file side of a sparse index: fixed-size entries, kept in memory (typed arrays in the
 * subclasses) and appended to the file only when the segment is flushed, the way Kafka's
 * mmapped indexes reach the disk only when flushed. So an index holds no descriptor between
 * flushes (see OpenFiles), and the file is always a prefix of the entries, exactly
 * `n * size` bytes, with a partially written tail detectable on open.
 *
 * Entries not yet written are lost by a crash, which is safe: a flush writes them before the
 * recovery point moves past their segment, and segments past the recovery point are recovered
 * (indexes rebuilt) after an unclean shutdown.
 */
import { StorageError } from '../errors.js'
import { O, unlinkIfExists, writeFully, type StorageFs } from './file-system.js'

export type PathOf = string | (() => string)

export abstract class IndexFile {
  readonly #path: PathOf
  readonly baseOffset: bigint
  readonly maxEntries: number
  protected readonly fs: StorageFs
  #entries = 0
  /** Entries [0, written) are in the file. */
  #written = 0
  /** The file may hold more than `written` entries (after a truncation or reset). */
  #truncatePending = false
  readonly #entrySize: number
  /** Whether the file existed when the index was loaded (false when not loaded). */
  readonly existed: boolean

  /** With `load` false the file is not read (a new segment creates it empty). */
  protected constructor(path: PathOf, baseOffset: bigint, maxIndexSize: number, entrySize: number, fs: StorageFs, load: boolean) {
    this.#path = path
    this.baseOffset = baseOffset
    this.#entrySize = entrySize
    this.fs = fs
    this.maxEntries = Math.max(1, Math.floor(maxIndexSize / entrySize))
    this.#loaded = load ? this.#read() : undefined
    this.existed = this.#loaded !== undefined
  }

  /** The file's bytes when the index was constructed (undefined: not loaded or missing), until loadEntries. */
  #loaded: Buffer | undefined

  #read(): Buffer | undefined {
    try {
      return this.fs.readFileSync(this.path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    }
  }

  /** The file's current path (it follows the segment's renames). */
  get path(): string {
    return typeof this.#path === 'string' ? this.#path : this.#path()
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

  /** True when the file lags the entries in memory. */
  get dirty(): boolean {
    return this.#written < this.#entries || this.#truncatePending
  }

  /** Writes entry `i` (from memory) into `buf` at `pos`. */
  protected abstract encode(i: number, buf: Buffer, pos: number): void

  /**
   * Reads the file and hands each entry to `load`; returns an error message when the file is
   * torn (size not a multiple of the entry size) or `load` rejects an entry. On error the index
   * is left empty so the caller can rebuild it from the log. A missing file is an empty index.
   */
  protected loadEntries(load: (buf: Buffer, pos: number, i: number) => string | null): string | null {
    const buf = this.#loaded
    this.#loaded = undefined
    if (buf === undefined) return null
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
    this.#written = n
    return null
  }

  /** Counts one more entry, stored by the subclass at index `entries`. */
  protected addEntry(): void {
    if (this.#entries >= this.maxEntries) throw new StorageError('SAMSA_STORAGE_INDEX_FULL', `index ${this.path} is full`)
    this.#entries++
  }

  /** Keeps the first `n` entries. */
  protected truncateEntries(n: number): void {
    if (n >= this.#entries) return
    this.#entries = n
    if (this.#written > n) {
      this.#written = n
      this.#truncatePending = true
    }
  }

  /** Drops every entry (before a rebuild). */
  reset(): void {
    this.#entries = 0
    this.#written = 0
    this.#truncatePending = true
  }

  /** Creates the file empty (a new segment has its three files from the start, as in Kafka). */
  createFile(): void {
    this.fs.closeSync(this.fs.openSync(this.path, O.O_WRONLY | O.O_CREAT | O.O_TRUNC, 0o644))
    this.#entries = 0
    this.#written = 0
    this.#truncatePending = false
  }

  /** Writes what the file lacks and, with `sync`, fsyncs it. */
  async #writeOut(sync: boolean): Promise<void> {
    if (!this.dirty && (!sync || !this.#syncPending)) return
    const fd = this.fs.openSync(this.path, O.O_WRONLY | O.O_CREAT, 0o644)
    try {
      if (this.#truncatePending) this.fs.ftruncateSync(fd, this.#written * this.#entrySize)
      this.#truncatePending = false
      const n = this.#entries - this.#written
      if (n > 0) {
        const buf = Buffer.allocUnsafe(n * this.#entrySize)
        for (let i = 0; i < n; i++) this.encode(this.#written + i, buf, i * this.#entrySize)
        writeFully(this.fs, fd, buf, this.#written * this.#entrySize)
        this.#written = this.#entries
      }
      this.#syncPending = true
      if (sync) {
        try {
          await this.fs.fsync(fd)
        } catch (err) {
          throw new StorageError('SAMSA_STORAGE_FSYNC', `cannot fsync ${this.path}`, { cause: err })
        }
        this.#syncPending = false
      }
    } finally {
      this.fs.closeSync(fd)
    }
  }

  /** Written but not yet fsynced. */
  #syncPending = false

  /** Writes the pending entries and fsyncs the file. */
  flush(): Promise<void> {
    return this.#writeOut(true)
  }

  /** Drops entries not yet written (the segment is closing; a clean close flushed first). */
  close(): void {}

  deleteFile(): void {
    unlinkIfExists(this.fs, this.path)
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
