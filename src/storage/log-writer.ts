/**
 * Writes a log's appended batches into its segment files on libuv's thread pool, in append
 * order, one write at a time per log; whatever queued meanwhile goes out as one writev. The copy
 * into the page cache is most of what a produce costs (new page-cache pages are expensive,
 * especially on VMs that back guest memory lazily), and done here it no longer holds up the
 * event loop, which decodes and validates the next requests meanwhile.
 *
 * Offsets, indexes and producer state still change synchronously at append; only the bytes
 * arrive later. So that this changes nothing a client can observe:
 * - acknowledgements wait for whenWritten() (a kill -9 after an ack loses nothing);
 * - the high watermark is writtenEndOffset, and fetches read only below it;
 * - any other reader that needs every appended byte calls catchUp(), which writes the rest
 *   synchronously (positioned writes of the same bytes, so racing an in-flight write is harmless).
 * The appended buffers must stay unchanged until whenWritten() resolves.
 */
import { StorageError } from '../errors.js'
import { writeFully, type StorageFs } from './file-system.js'
import type { SegmentFile } from './open-files.js'
import { Writeback } from './writeback.js'

/** What the writer needs of a segment. */
export interface WriteTarget {
  /** The .log file; pinned open while a write or writeback uses it. */
  readonly file: SegmentFile
  /** Bytes up to `end` are in the file. */
  markWritten(end: number): void
}

interface Entry {
  target: WriteTarget
  buf: Buffer
  position: number
  /** Offset after the entry's last record. */
  endOffset: bigint
  seq: number
  written: boolean
}

interface Waiter {
  seq: number
  resolve: () => void
  reject: (err: Error) => void
}

/** Linux's IOV_MAX. */
const MAX_IOVECS = 1024
const RESOLVED = Promise.resolve()

export class LogWriter {
  #queue: Entry[] = []
  #inflight: Entry[] = []
  #waiters: Waiter[] = []
  #lastSeq = 0
  /** Every entry up to this one is written and its buffer no longer in use. */
  #doneSeq = 0
  #writtenEndOffset: bigint
  #error: StorageError | undefined
  #unsyncedBytes = 0
  #sync: Promise<void> | undefined
  /** Called whenever writtenEndOffset moves (wakes long-polling fetches). */
  onWritten: (() => void) | undefined
  /** Called once, when a write fails. */
  onError: ((err: StorageError) => void) | undefined
  readonly #fs: StorageFs

  constructor(fs: StorageFs, writtenEndOffset: bigint) {
    this.#fs = fs
    this.#writtenEndOffset = writtenEndOffset
  }

  /** Offset up to which every appended record is in the page cache. */
  get writtenEndOffset(): bigint {
    return this.#writtenEndOffset
  }

  /** Set once a write failed: the log takes no more appends (Kafka takes its dir offline). */
  get error(): StorageError | undefined {
    return this.#error
  }

  get pending(): boolean {
    return this.#doneSeq < this.#lastSeq
  }

  /** After the log was truncated (with nothing pending). */
  truncatedTo(endOffset: bigint): void {
    this.#writtenEndOffset = endOffset
  }

  enqueue(target: WriteTarget, buf: Buffer, position: number, endOffset: bigint): void {
    if (this.#error !== undefined) throw this.#error
    this.#queue.push({ target, buf, position, endOffset, seq: ++this.#lastSeq, written: false })
    if (this.#inflight.length === 0) this.#submit()
  }

  /** Resolves once everything enqueued so far is written; rejects if a write failed. */
  whenWritten(): Promise<void> {
    if (this.#error !== undefined) return Promise.reject(this.#error)
    if (this.#doneSeq >= this.#lastSeq) return RESOLVED
    const seq = this.#lastSeq
    return new Promise((resolve, reject) => this.#waiters.push({ seq, resolve, reject }))
  }

  /** Writes everything not yet written, synchronously. */
  catchUp(): void {
    if (this.#error !== undefined || this.#doneSeq >= this.#lastSeq) return
    let moved = false
    for (const list of [this.#inflight, this.#queue]) {
      for (const e of list) {
        if (e.written) continue
        try {
          e.target.file.use((fd) => writeFully(this.#fs, fd, e.buf, e.position))
        } catch (err) {
          this.#fail(err)
          return
        }
        this.#markWritten(e)
        moved = true
      }
    }
    this.#queue = []
    // In-flight buffers are still read by the thread pool: their waiters wait for it to finish.
    if (this.#inflight.length === 0) this.#release(this.#lastSeq)
    if (moved) this.onWritten?.()
  }

  #submit(): void {
    const q = this.#queue
    if (q.length === 0 || this.#error !== undefined) return
    const first = q[0]!
    let n = 1
    let end = first.position + first.buf.length
    while (n < q.length && n < MAX_IOVECS && q[n]!.target === first.target && q[n]!.position === end) {
      end += q[n]!.buf.length
      n++
    }
    const batch = q.splice(0, n)
    this.#inflight = batch
    this.#unsyncedBytes += end - first.position
    const file = first.target.file
    let fd: number
    try {
      fd = file.pin()
    } catch (err) {
      this.#inflight = []
      this.#fail(err)
      return
    }
    this.#fs
      .writev(
        fd,
        batch.map((e) => e.buf),
        first.position,
      )
      .then(
        (bytes) => this.#completed(batch, file, null, bytes, end - first.position),
        (err: Error) => this.#completed(batch, file, err, 0, end - first.position),
      )
  }

  #completed(batch: Entry[], file: SegmentFile, err: Error | null, bytes: number, total: number): void {
    if (err === null && bytes < total) {
      // A short write (rare for files): finish it here.
      try {
        writeRest(this.#fs, file, batch, bytes)
      } catch (e) {
        err = e as Error
      }
    }
    file.unpin()
    this.#inflight = []
    if (err !== null) {
      this.#fail(err)
      return
    }
    let moved = false
    for (const e of batch) {
      if (e.written) continue
      this.#markWritten(e)
      moved = true
    }
    this.#release(this.#queue.length === 0 ? this.#lastSeq : batch.at(-1)!.seq)
    if (moved) this.onWritten?.()
    if (this.#unsyncedBytes >= Writeback.BYTES && this.#sync === undefined) this.#startWriteback(batch.at(-1)!.target)
    this.#submit()
  }

  /**
   * Asks the kernel to write this log's dirty pages back now, in the background, instead of
   * letting gigabytes pile up until its own writeback starts and stalls appends for hundreds of
   * milliseconds. Acknowledgements never wait for it and the recovery point does not move: it
   * is not a flush, only smoothing.
   */
  #startWriteback(target: WriteTarget): void {
    this.#unsyncedBytes = 0
    this.#sync = Writeback.run(async () => {
      if (target.file.disposed) return
      const fd = target.file.pin()
      try {
        await this.#fs.fdatasync(fd)
      } catch {
        // Smoothing only: a real flush reports the failure.
      } finally {
        target.file.unpin()
      }
    })
      .catch(() => {})
      .finally(() => {
        this.#sync = undefined
      })
  }

  /** Resolves when every write and background writeback of this log has finished (before a close). */
  async idle(): Promise<void> {
    await this.whenWritten().catch(() => {})
    while (this.#sync !== undefined) await this.#sync
  }

  #markWritten(e: Entry): void {
    e.written = true
    e.target.markWritten(e.position + e.buf.length)
    if (e.endOffset > this.#writtenEndOffset) this.#writtenEndOffset = e.endOffset
  }

  #release(seq: number): void {
    if (seq <= this.#doneSeq) return
    this.#doneSeq = seq
    if (this.#waiters.length === 0) return
    const due = this.#waiters.filter((w) => w.seq <= seq)
    this.#waiters = this.#waiters.filter((w) => w.seq > seq)
    for (const w of due) w.resolve()
  }

  #fail(cause: unknown): void {
    this.#error = new StorageError('SAMSA_STORAGE_WRITE', 'cannot write to the log', { cause })
    this.#queue = []
    this.#inflight = []
    const waiters = this.#waiters
    this.#waiters = []
    for (const w of waiters) w.reject(this.#error)
    this.onError?.(this.#error)
  }
}

/** After a short writev of `written` bytes: writes the remainder of `batch` synchronously. */
function writeRest(fs: StorageFs, file: SegmentFile, batch: Entry[], written: number): void {
  let skip = written
  file.use((fd) => {
    for (const e of batch) {
      if (skip >= e.buf.length) {
        skip -= e.buf.length
        continue
      }
      writeFully(fs, fd, e.buf.subarray(skip), e.position + skip)
      skip = 0
    }
  })
}
