/**
 * Descriptors of segment `.log` files, opened when used and closed when idle, so that the
 * number of partitions is not bounded by the descriptor limit (Kafka keeps every segment open
 * and needs a limit of 100,000 or more; we keep what is in use). Index files need no
 * descriptor at all: their entries live in memory and are written out at a flush
 * (see IndexFile).
 *
 * An open segment file is a SharedFile (file-region.ts) with the segment as one holder. Two
 * ways to keep it open beyond one synchronous call:
 * - pin()/unpin(): for the segment's own I/O (the log writer's writev on the thread pool, a
 *   background fdatasync, a flush). A pinned file is never closed here.
 * - retain() / region(): a SharedFile holder of its own (the cleaner's reads, a fetch
 *   response's FileRegion read as the socket drains). When the segment's descriptor is closed
 *   here (idle, evicted, the segment deleted) only the segment's hold is released: the holder
 *   keeps reading through the open descriptor, also after the file was renamed (a cleaner swap,
 *   `.deleted`) or unlinked (retention, topic deletion): a descriptor survives both, a path
 *   does not.
 * An unpinned file may be closed at any time and is reopened by its current path on the next
 * pin() (a new SharedFile); after dispose() (the segment is being deleted) it is not reopened.
 *
 * Closing a file with bytes not yet fsynced is safe on Linux since 4.16: fsync on a descriptor
 * opened later still reports a writeback error nobody has seen yet (errseq).
 */
import { StorageError } from '../errors.js'
import { FileRegion, SharedFile } from './file-region.js'
import { O, nodeFs, type StorageFs } from './file-system.js'

export interface OpenFilesOptions {
  /** Most descriptors kept open; more are opened only while pinned. */
  capacity?: number
  /** closeIdle() closes descriptors unused for this long. */
  idleMs?: number
}

export class OpenFiles {
  readonly fs: StorageFs
  readonly capacity: number
  readonly idleMs: number
  /** Open files, least recently used first. */
  readonly #open = new Map<SegmentFile, true>()

  constructor(fs: StorageFs, opts: OpenFilesOptions = {}) {
    this.fs = fs
    this.capacity = Math.max(1, opts.capacity ?? 1024)
    this.idleMs = opts.idleMs ?? 60_000
  }

  /** A handle on an existing file; nothing is opened until it is pinned. */
  file(path: string): SegmentFile {
    return new SegmentFile(this, path, undefined)
  }

  /** Creates (or empties) the file and returns its handle, open. */
  create(path: string): SegmentFile {
    const fd = this.#openFd(path, O.O_RDWR | O.O_CREAT | O.O_TRUNC)
    const f = new SegmentFile(this, path, this.share(fd, path))
    this.#open.set(f, true)
    this.#evict()
    return f
  }

  /** Descriptors open now. */
  get openCount(): number {
    return this.#open.size
  }

  /** Closes unpinned descriptors not used for idleMs; returns how many. */
  closeIdle(nowMs = Date.now()): number {
    let closed = 0
    for (const f of [...this.#open.keys()]) {
      if (f.pins > 0) continue
      if (nowMs - f.lastUse < this.idleMs) break
      f.closeFd()
      closed++
    }
    return closed
  }

  /** Closes every unpinned descriptor (after a load, before a test counts). */
  closeAllIdle(): void {
    for (const f of [...this.#open.keys()]) if (f.pins === 0) f.closeFd()
  }

  /** @internal */
  openFd(f: SegmentFile): SharedFile {
    const shared = this.share(this.#openFd(f.path, O.O_RDWR), f.path)
    this.#open.set(f, true)
    this.#evict()
    return shared
  }

  /** @internal A descriptor as a SharedFile that closes through this file system. */
  share(fd: number, path: string): SharedFile {
    return new SharedFile(fd, path, (d) => this.fs.closeSync(d))
  }

  /** @internal Marks `f` most recently used. */
  touch(f: SegmentFile): void {
    this.#open.delete(f)
    this.#open.set(f, true)
  }

  /** @internal */
  closed(f: SegmentFile): void {
    this.#open.delete(f)
  }

  #openFd(path: string, flags: number): number {
    try {
      return this.fs.openSync(path, flags, 0o644)
    } catch (err) {
      // Out of descriptors (connections took them): give back what is idle and try once more.
      if ((err as NodeJS.ErrnoException).code !== 'EMFILE' && (err as NodeJS.ErrnoException).code !== 'ENFILE') throw err
      this.closeAllIdle()
      return this.fs.openSync(path, flags, 0o644)
    }
  }

  #evict(): void {
    if (this.#open.size <= this.capacity) return
    for (const f of [...this.#open.keys()]) {
      if (this.#open.size <= this.capacity) return
      if (f.pins === 0) f.closeFd()
    }
  }
}

/** One segment file's descriptor, opened on demand. */
export class SegmentFile {
  readonly #owner: OpenFiles
  #path: string
  /** The open file, with this handle as one holder; undefined while closed. */
  #shared: SharedFile | undefined
  #pins = 0
  #lastUse = Date.now()
  #disposed = false

  constructor(owner: OpenFiles, path: string, shared: SharedFile | undefined) {
    this.#owner = owner
    this.#path = path
    this.#shared = shared
  }

  get path(): string {
    return this.#path
  }

  /** After the file was renamed: an open descriptor stays valid, a reopen uses the new path. */
  set path(path: string) {
    this.#path = path
  }

  get pins(): number {
    return this.#pins
  }

  get lastUse(): number {
    return this.#lastUse
  }

  get isOpen(): boolean {
    return this.#shared !== undefined
  }

  get disposed(): boolean {
    return this.#disposed
  }

  /** Opens the file if needed and keeps it open until unpin(); returns the descriptor. */
  pin(): number {
    if (this.#shared === undefined) {
      if (this.#disposed) throw new StorageError('SAMSA_STORAGE_CLOSED', `segment file ${this.#path} is closed`)
      this.#shared = this.#owner.openFd(this)
    } else {
      this.#owner.touch(this)
    }
    this.#pins++
    return this.#shared.fd
  }

  unpin(): void {
    if (this.#pins === 0) return
    this.#pins--
    this.#lastUse = Date.now()
    if (this.#pins === 0 && this.#disposed) this.closeFd()
  }

  /** Runs `fn` with the descriptor pinned. */
  use<T>(fn: (fd: number) => T): T {
    const fd = this.pin()
    try {
      return fn(fd)
    } finally {
      this.unpin()
    }
  }

  /** The open file with one more holder, who must release() it (see SharedFile). */
  retain(): SharedFile {
    this.pin()
    try {
      return this.#shared!.retain()
    } finally {
      this.unpin()
    }
  }

  /** A region of the file for a response (see FileRegion); the receiver releases it. */
  region(position: number, length: number): FileRegion {
    this.pin()
    try {
      return new FileRegion(this.#shared!, position, length)
    } finally {
      this.unpin()
    }
  }

  /**
   * Gives up this handle's hold on the descriptor unless pinned: it closes now, or when the
   * last region or retainer releases it. The next pin() opens the file again.
   */
  closeFd(): void {
    if (this.#shared === undefined || this.#pins > 0) return
    const shared = this.#shared
    this.#shared = undefined
    this.#owner.closed(this)
    shared.release()
  }

  /** No more pins: the descriptor closes now, or when the last holder unpins. */
  dispose(): void {
    this.#disposed = true
    this.closeFd()
  }
}

/** For logs opened without a log manager (tools, tests). */
export const defaultOpenFiles = new OpenFiles(nodeFs, { capacity: 1024 })
