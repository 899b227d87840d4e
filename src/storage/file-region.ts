/**
 * Segment bytes that leave storage by reference: a Fetch response carries FileRegions, and the
 * connection reads each one chunk by chunk as its socket drains (Kafka's FileRecords slices,
 * sent with transferTo), so a slow reader holds a region, not its bytes.
 *
 * The contract:
 * - A SharedFile is an open descriptor with holders. Its segment is one holder for as long as it
 *   uses the file; every FileRegion is another. The descriptor closes when the last holder
 *   releases it, so a region stays readable while retention, DeleteRecords, topic deletion or
 *   the cleaner closes, renames or unlinks its segment meanwhile (POSIX keeps an unlinked file's
 *   bytes while a descriptor is open).
 * - Code that closes a segment's descriptor (shutdown, deletion, idle segments giving their
 *   descriptors back) releases the segment's hold instead of calling close(2), and opens a new
 *   SharedFile when it needs the file again. Nothing else may close `fd`.
 * - Whoever receives a FileRegion calls release() when the bytes are sent or the response is
 *   dropped (later calls do nothing). A region is never read after release().
 * - A region covers bytes that were already written to the file when it was made. Segments are
 *   only ever truncated during recovery, before anything is served, so a region's bytes do not
 *   change; if the file still comes up short, copyTo() returns fewer bytes and the reader must
 *   treat the response as failed (the frame size was already sent).
 */
import { closeSync, readSync } from 'node:fs'
import type { Transferable } from '../protocol/transferable.js'

export class SharedFile {
  /** For log lines. */
  readonly path: string
  readonly #fd: number
  #holders = 1
  readonly #close: (fd: number) => void

  /** Takes ownership of `fd`, with the caller as its first holder; `close` closes it (storage's file system). */
  constructor(fd: number, path: string, close: (fd: number) => void = closeSync) {
    this.#fd = fd
    this.path = path
    this.#close = close
    openFiles++
  }

  get fd(): number {
    if (this.#holders === 0) throw new Error(`${this.path}: descriptor used after its last release`)
    return this.#fd
  }

  get open(): boolean {
    return this.#holders > 0
  }

  /** SharedFiles not yet closed, in this process (for tests and metrics). */
  static get openCount(): number {
    return openFiles
  }

  retain(): this {
    if (this.#holders === 0) throw new Error(`${this.path}: retain after the last release`)
    this.#holders++
    return this
  }

  release(): void {
    if (this.#holders === 0) throw new Error(`${this.path}: released more often than retained`)
    if (--this.#holders > 0) return
    openFiles--
    this.#close(this.#fd)
  }
}

let openFiles = 0

/** FileRegions not yet released, in this process (for tests and metrics). */
let liveRegions = 0

export class FileRegion implements Transferable {
  readonly position: number
  readonly length: number
  #file: SharedFile | undefined

  /** A region of `file` (retained here until release()). */
  constructor(file: SharedFile, position: number, length: number) {
    this.#file = file.retain()
    this.position = position
    this.length = length
    liveRegions++
  }

  /** FileRegions not yet released, in this process (for tests and metrics). */
  static get liveCount(): number {
    return liveRegions
  }

  get released(): boolean {
    return this.#file === undefined
  }

  copyTo(target: Buffer, targetOffset: number, offset: number, length: number): number {
    const file = this.#file
    if (file === undefined) throw new Error('read of a released file region')
    const n = Math.min(length, this.length - offset)
    let done = 0
    while (done < n) {
      const got = readSync(file.fd, target, targetOffset + done, n - done, this.position + offset + done)
      if (got === 0) break
      done += got
    }
    return done
  }

  release(): void {
    const file = this.#file
    if (file === undefined) return
    this.#file = undefined
    liveRegions--
    file.release()
  }

  /** The region's bytes in a buffer of their own (for readers that are not sockets). */
  toBuffer(): Buffer {
    const buf = Buffer.allocUnsafe(this.length)
    const n = this.copyTo(buf, 0, 0, this.length)
    return n === this.length ? buf : buf.subarray(0, n)
  }
}
