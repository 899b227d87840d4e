/**
 * One log segment (Kafka's LogSegment): `<baseOffset>.log` plus its sparse offset and time
 * indexes. In a live log the bytes of an append go to the file through the log's LogWriter
 * (`writtenSize` trails `size` meanwhile); on its own (loading, the cleaner's output) a segment
 * writes synchronously. fsync happens in flush(). The .log's descriptor is opened when used and
 * may be closed when idle (OpenFiles); the indexes hold none.
 *
 * Reads stay synchronous on the event loop (slice()'s header walk, a fetch's regions read
 * chunk by chunk as the socket drains, ListOffsets lookups, recovery), by measurement
 * (`npm run bench:segment-read`, 2-core VM, page cache warm, p50): reading 64 KiB takes
 * 0.02 ms, 1 MiB 0.16-0.19 ms, 8 MiB 1.3 ms; the same read on the thread pool takes
 * 0.02 / 0.14-0.16 / 1.1-1.2 ms from call to callback, so moving reads would free the loop for
 * no gain in latency, at the cost of a pass through the loop per read. Each read is bounded (a
 * response chunk, a fetch's max.bytes); one that has to wait for the disk does block, as Kafka's
 * sendfile blocks its network thread. Writes go to the thread pool (LogWriter): there the copy
 * into new page-cache pages is most of the cost of a produce.
 */
import {
  BATCH_LENGTH_OFFSET,
  CURRENT_MAGIC,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAX_TIMESTAMP_OFFSET,
  NO_TIMESTAMP,
  RECORD_BATCH_OVERHEAD,
  batchSize,
  isCrcValid,
  lastOffsetOf,
  readBatchHeader,
  type BatchHeader,
} from '../protocol/record-batch.js'
import { StorageError } from '../errors.js'
import { writeFully, type StorageFs } from './file-system.js'
import { firstRecordAtOrAfter, readAt, scanBatches, type ScanResult, type ScannedBatch } from './log-scan.js'
import type { LogWriter, WriteTarget } from './log-writer.js'
import { OffsetIndex } from './offset-index.js'
import type { FileRegion } from './file-region.js'
import { defaultOpenFiles, type OpenFiles, type SegmentFile } from './open-files.js'
import { SegmentFiles } from './segment-files.js'
import { TimeIndex } from './time-index.js'
import { TransactionIndex } from './txn-index.js'

const INT32_MAX = 0x7fffffffn
/** How many read positions a segment remembers (a few consumers per partition). */
const READ_HINTS = 16

export interface SegmentOptions {
  indexIntervalBytes: number
  /** segment.index.bytes */
  maxIndexSize: number
  /** Where the .log descriptor comes from (and the file system behind it); a shared default if absent. */
  files?: OpenFiles
}

/** A segment file held open beyond one call (see OpenFiles): release() when done (more calls are no-ops). */
export interface RetainedFile {
  readonly fd: number
  /** A positioned read on the thread pool. */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>
  release(): void
}

export interface SegmentRead {
  buf: Buffer
  /** Offset after the last batch returned. */
  nextOffset: bigint
}

/** Whole batches of a segment, as a byte range of its .log file. */
export interface SegmentSlice {
  position: number
  size: number
  /** Offset after the last batch in the slice (or of the first batch left out). */
  nextOffset: bigint
}

/** An offset beyond every real one: no high-watermark bound. */
const NO_BOUND = 1n << 63n
/** How much a header walk reads at a time: usually the few batches after an index entry. */
const WALK_BLOCK = 8 * 1024
/** Bytes of a batch header up to its lastOffsetDelta (what the walk needs). */
const LAST_OFFSET_DELTA_END = LAST_OFFSET_DELTA_OFFSET + 4
const EMPTY_BLOCK: Buffer = Buffer.alloc(0)

/** Where a batch sits: the first batch whose lastOffset >= the offset asked for. */
export interface BatchLocation {
  position: number
  size: number
  header: BatchHeader
}

export class LogSegment implements WriteTarget {
  readonly baseOffset: bigint
  /** File paths without the suffix, and the suffix (`''`, `.cleaned`, `.swap`, `.deleted`). */
  readonly #files: SegmentFiles
  #opts: SegmentOptions
  readonly #fs: StorageFs
  readonly #file: SegmentFile
  #size = 0
  /** Bytes from 0 that are in the file; below `size` while the writer has some in hand. */
  #writtenSize = 0
  #writer: LogWriter | undefined
  #nextOffset: bigint
  #offsetIndex!: OffsetIndex
  #timeIndex!: TimeIndex
  #txnIndex: TransactionIndex | undefined
  #bytesSinceLastIndexEntry = 0
  #maxTimestampSoFar = NO_TIMESTAMP
  /** lastOffset of the batch that holds maxTimestampSoFar (Kafka's shallow offset). */
  #offsetOfMaxTimestampSoFar = -1n
  /** maxTimestamp of the first batch: segment.ms is measured from it, as in Kafka. */
  #rollingBasedTimestamp: bigint | undefined
  readonly created = Date.now()
  #pendingFlush: Promise<void> = Promise.resolve()
  /** Bytes may be in the .log that no fsync has covered yet. */
  #unsynced: boolean
  /** Where recent reads ended: next offset -> file position of the batch starting there. */
  readonly #readHints = new Map<bigint, number>()

  private constructor(dir: string, baseOffset: bigint, opts: SegmentOptions, suffix: string, create: boolean) {
    this.baseOffset = baseOffset
    this.#opts = opts
    const files = opts.files ?? defaultOpenFiles
    this.#fs = files.fs
    this.#files = new SegmentFiles(this.#fs, dir, baseOffset, suffix)
    this.#nextOffset = baseOffset
    this.#file = create ? files.create(this.#files.paths.log) : files.file(this.#files.paths.log)
    this.#size = create ? 0 : this.#file.use((fd) => this.#fs.fstatSync(fd).size)
    this.#writtenSize = this.#size
    this.#unsynced = create
  }

  /** Hands this segment's future appends to the log's writer. */
  attachWriter(writer: LogWriter): void {
    this.#writer = writer
  }

  /** The .log's descriptor handle (pin it to keep it open). */
  get file(): SegmentFile {
    return this.#file
  }

  /**
   * Keeps the .log open for a reader that outlives this call, such as a response that reads
   * the file as its socket drains. It stays readable after the segment is renamed or deleted,
   * until released.
   */
  retainFile(): RetainedFile {
    const shared = this.#file.retain()
    const fd = shared.fd
    let released = false
    return {
      fd,
      read: (buffer, offset, length, position) => {
        if (released) return Promise.reject(new StorageError('SAMSA_STORAGE_CLOSED', `${this.logPath} was released`))
        return this.#fs.read(fd, buffer, offset, length, position)
      },
      release: () => {
        if (released) return
        released = true
        shared.release()
      },
    }
  }

  /** Closes the .log's descriptor if nothing holds it (it reopens when next used). */
  closeIdleFile(): void {
    this.#file.closeFd()
  }

  /** Runs a synchronous read or write with the .log's descriptor. */
  #use<T>(fn: (fd: number) => T): T {
    return this.#file.use(fn)
  }

  #scan(from: number, to: number, withBody: boolean, fn: (batch: ScannedBatch) => boolean | void): ScanResult {
    return this.#use((fd) => scanBatches(this.#fs, fd, from, to, withBody, fn))
  }

  get writtenSize(): number {
    return this.#writtenSize
  }

  markWritten(end: number): void {
    if (end > this.#writtenSize) this.#writtenSize = end
  }

  /** Resolves once every byte appended so far is in the file. */
  whenWritten(): Promise<void> {
    return this.#writer?.whenWritten() ?? Promise.resolve()
  }

  /** For readers that need every appended byte: writes what the writer still holds, now. */
  #catchUp(): void {
    if (this.#writtenSize < this.#size) this.#writer?.catchUp()
  }

  /**
   * A new, empty segment; leftover files with the same name are emptied. The cleaner builds its
   * output under a suffix (`<base>.log.cleaned` ...) and renames it later (changeFileSuffix).
   */
  static create(dir: string, baseOffset: bigint, opts: SegmentOptions, suffix = ''): LogSegment {
    const s = new LogSegment(dir, baseOffset, opts, suffix, true)
    s.#openIndexes(false)
    s.#offsetIndex.createFile()
    s.#timeIndex.createFile()
    s.txnIndex.reset()
    return s
  }

  /**
   * Opens an existing segment. With `recover` (unflushed data) every batch is CRC-checked and the
   * indexes rebuilt; otherwise the indexes are trusted after a sanity check and only the tail
   * after the last index entry is scanned, falling back to recovery if anything is off.
   * `truncatedBytes` tells how much of a torn or corrupt tail recovery cut off.
   */
  static open(
    dir: string,
    baseOffset: bigint,
    opts: SegmentOptions,
    recover: boolean,
    suffix = '',
  ): { segment: LogSegment; truncatedBytes: number; rebuilt: boolean } {
    const s = new LogSegment(dir, baseOffset, opts, suffix, false)
    // Past the recovery point the bytes may be in the page cache only: the next flush fsyncs them.
    s.#unsynced = recover
    s.#openIndexes(true)
    const missing = !s.#offsetIndex.existed || !s.#timeIndex.existed
    const indexError = s.#offsetIndex.loadError ?? s.#timeIndex.loadError ?? (missing && s.#size > 0 ? 'missing index' : null)
    if (!recover && indexError === null && s.#loadTail() === null) return { segment: s, truncatedBytes: 0, rebuilt: false }
    return { segment: s, truncatedBytes: s.recover(), rebuilt: true }
  }

  #openIndexes(load: boolean): void {
    // The index files follow the segment's renames: their paths are read when they are written.
    const files = this.#files
    this.#offsetIndex = new OffsetIndex(() => files.paths.index, this.baseOffset, this.#opts.maxIndexSize, load ? this.#size : 0, this.#fs, load)
    this.#timeIndex = new TimeIndex(() => files.paths.timeIndex, this.baseOffset, this.#opts.maxIndexSize, this.#fs, load)
  }

  get size(): number {
    return this.#size
  }

  /** Offset after the last batch, or baseOffset when empty. */
  get nextOffset(): bigint {
    return this.#nextOffset
  }

  get maxTimestamp(): bigint {
    return this.#maxTimestampSoFar
  }

  /** Path of the .log file (with the current suffix). */
  get logPath(): string {
    return this.#files.paths.log
  }

  get fileSuffix(): string {
    return this.#files.suffix
  }

  /** mtime of the .log file in ms. */
  get lastModified(): number {
    return this.#use((fd) => this.#fs.fstatSync(fd).mtimeMs)
  }

  /** Kafka's largestTimestamp: the max record timestamp, or the file's mtime when there is none. */
  get largestTimestamp(): number {
    return this.#maxTimestampSoFar >= 0n ? Number(this.#maxTimestampSoFar) : this.lastModified
  }

  /** maxTimestamp of the first batch, or -1 when empty (max.compaction.lag.ms is measured from it). */
  get firstBatchTimestamp(): bigint {
    return this.#rollingBasedTimestamp ?? NO_TIMESTAMP
  }

  get offsetOfMaxTimestamp(): bigint {
    return this.#offsetOfMaxTimestampSoFar
  }

  /** The aborted transactions whose markers are in this segment. */
  get txnIndex(): TransactionIndex {
    return (this.#txnIndex ??= new TransactionIndex(this.#fs, () => this.#files.paths.txnIndex))
  }

  get offsetIndex(): OffsetIndex {
    return this.#offsetIndex
  }

  get timeIndex(): TimeIndex {
    return this.#timeIndex
  }

  /** Kafka's LogSegment.shouldRoll, checked before appending `bytes` ending at `lastOffset`. */
  shouldRoll(bytes: number, maxTimestamp: bigint, lastOffset: bigint, now: number, segmentBytes: number, segmentMs: number): boolean {
    if (this.#size === 0) return false
    const waited =
      this.#rollingBasedTimestamp !== undefined && this.#rollingBasedTimestamp >= 0n ? Number(maxTimestamp - this.#rollingBasedTimestamp) : now - this.created
    return (
      waited > segmentMs || this.#size > segmentBytes - bytes || this.#offsetIndex.isFull || this.#timeIndex.isFull || lastOffset - this.baseOffset > INT32_MAX
    )
  }

  /**
   * Appends batches whose offsets are already assigned; indexes them every indexIntervalBytes.
   * With a writer the bytes go to the file later: `records` must not change until
   * whenWritten() resolves.
   */
  append(records: Buffer): void {
    const at = this.#size
    this.#unsynced = true
    if (this.#writer === undefined) {
      this.#use((fd) => writeFully(this.#fs, fd, records, at))
      this.#writtenSize = at + records.length
    }
    let pos = 0
    while (pos < records.length) {
      const size = batchSize(records, pos)
      const lastOffset = records.readBigInt64BE(pos) + BigInt(records.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET))
      this.#indexBatch(at + pos, size, lastOffset, records.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET))
      pos += size
    }
    this.#size = at + records.length
    this.#writer?.enqueue(this, records, at, this.#nextOffset)
  }

  /** Kafka's per-batch index bookkeeping, shared by append and recovery. */
  #indexBatch(position: number, size: number, lastOffset: bigint, maxTimestamp: bigint): void {
    if (this.#rollingBasedTimestamp === undefined) this.#rollingBasedTimestamp = maxTimestamp
    if (maxTimestamp > this.#maxTimestampSoFar) {
      this.#maxTimestampSoFar = maxTimestamp
      this.#offsetOfMaxTimestampSoFar = lastOffset
    }
    if (this.#bytesSinceLastIndexEntry > this.#opts.indexIntervalBytes) {
      this.#offsetIndex.append(lastOffset, position)
      this.#timeIndex.maybeAppend(this.#maxTimestampSoFar, this.#offsetOfMaxTimestampSoFar)
      this.#bytesSinceLastIndexEntry = 0
    }
    this.#bytesSinceLastIndexEntry += size
    this.#nextOffset = lastOffset + 1n
  }

  /**
   * Rebuilds the in-memory tail state from the indexes plus a header scan after the last offset
   * index entry. Returns an error when the bytes there do not frame as batches.
   */
  #loadTail(): string | null {
    const start = this.#offsetIndex.lastPosition
    const last = this.#timeIndex.lastEntry
    this.#maxTimestampSoFar = last?.timestamp ?? NO_TIMESTAMP
    this.#offsetOfMaxTimestampSoFar = last?.offset ?? -1n
    this.#nextOffset = this.baseOffset
    this.#rollingBasedTimestamp = undefined
    if (this.#size > 0) {
      const first = this.#use((fd) => readAt(this.#fs, fd, MAX_TIMESTAMP_OFFSET, 8))
      if (first.length === 8) this.#rollingBasedTimestamp = first.readBigInt64BE(0)
    }
    let error: string | null = null
    const indexedOffset = this.#offsetIndex.entries > 0 ? this.#offsetIndex.lastOffset : undefined
    let bytesSinceLastIndexEntry = 0
    const res = this.#scan(start, this.#size, false, (b) => {
      const lastOffset = lastOffsetOf(b.header)
      // Replaying the indexing rule: an entry due here but absent means the index lost entries.
      if (bytesSinceLastIndexEntry > this.#opts.indexIntervalBytes) {
        error = `offset index lacks an entry for the batch at ${b.position}`
        return false
      }
      bytesSinceLastIndexEntry += b.size
      if (b.position === start && indexedOffset !== undefined && lastOffset !== indexedOffset) {
        error = `offset index points at batch ${lastOffset}, expected ${indexedOffset}`
        return false
      }
      if (b.header.baseOffset < this.#nextOffset || lastOffset - this.baseOffset > INT32_MAX) {
        error = `batch at ${b.position} has out-of-order offset ${b.header.baseOffset}`
        return false
      }
      if (b.header.maxTimestamp > this.#maxTimestampSoFar) {
        this.#maxTimestampSoFar = b.header.maxTimestamp
        this.#offsetOfMaxTimestampSoFar = lastOffset
      }
      this.#nextOffset = lastOffset + 1n
    })
    this.#bytesSinceLastIndexEntry = this.#size - start
    if (last !== undefined && last.offset >= this.#nextOffset) error ??= 'time index points past the end of the log'
    return error ?? res.error ?? null
  }

  /**
   * Kafka's LogSegment.recover: validates every batch (framing, CRC, increasing offsets), drops
   * everything from the first bad batch on, and rebuilds both indexes. Returns bytes truncated.
   */
  recover(): number {
    this.#readHints.clear()
    this.#offsetIndex.reset()
    this.#timeIndex.reset()
    this.#bytesSinceLastIndexEntry = 0
    this.#maxTimestampSoFar = NO_TIMESTAMP
    this.#offsetOfMaxTimestampSoFar = -1n
    this.#rollingBasedTimestamp = undefined
    this.#nextOffset = this.baseOffset
    const res = this.#scan(0, this.#size, true, (b) => {
      const lastOffset = lastOffsetOf(b.header)
      if (!isCrcValid(b.buf, b.bufPos, b.size)) return false
      if (b.header.baseOffset < this.#nextOffset || b.header.lastOffsetDelta < 0) return false
      if (lastOffset - this.baseOffset > INT32_MAX) return false
      this.#indexBatch(b.position, b.size, lastOffset, b.header.maxTimestamp)
    })
    const truncated = this.#size - res.end
    if (truncated > 0) {
      this.#use((fd) => this.#fs.ftruncateSync(fd, res.end))
      this.#size = res.end
      this.#unsynced = true
    }
    this.#writtenSize = this.#size
    return truncated
  }

  /** The first batch whose lastOffset >= offset, found via the offset index then a scan. */
  translateOffset(offset: bigint): BatchLocation | undefined {
    this.#catchUp()
    return this.#locate(offset, this.#size)
  }

  /** translateOffset within the first `end` bytes. */
  #locate(offset: bigint, end: number): BatchLocation | undefined {
    const from = this.#offsetIndex.lookup(offset).position
    let found: BatchLocation | undefined
    this.#scan(from, end, false, (b) => {
      if (lastOffsetOf(b.header) < offset) return true
      found = { position: b.position, size: b.size, header: b.header }
      return false
    })
    return found
  }

  /** Calls `fn` with the header and file position of every batch from the one containing `offset` on. */
  forEachBatchHeader(offset: bigint, fn: (h: BatchHeader, position: number) => void): void {
    const loc = this.translateOffset(offset)
    if (loc !== undefined) this.#scan(loc.position, this.#size, false, (b) => fn(b.header, b.position))
  }

  /** Up to `length` bytes of the .log file at `position` (a control batch's record, on replay). */
  readBytes(position: number, length: number): Buffer {
    this.#catchUp()
    return this.#use((fd) => readAt(this.#fs, fd, position, Math.max(0, Math.min(length, this.#size - position))))
  }

  /**
   * Finds whole batches starting with the one containing `offset`, up to `maxBytes`; with
   * `minOneBatch` the first batch counts even if larger (KIP-74). Batches with offsets at or
   * above `maxOffset` (the high watermark) are never included. Only batch headers and the index
   * are read, never the records: the caller reads the slice (read()) or sends it as a region
   * (region()). With a maxOffset no higher than the writer's writtenEndOffset (a fetch) only
   * written bytes are covered; without one the writer catches up first. Undefined when no batch
   * contains or follows `offset`.
   */
  slice(offset: bigint, maxBytes: number, minOneBatch: boolean, maxOffset?: bigint): SegmentSlice | undefined {
    if (maxOffset === undefined) this.#catchUp()
    return this.#use((fd) => this.#slice(fd, offset, maxBytes, minOneBatch, maxOffset))
  }

  #slice(fd: number, offset: bigint, maxBytes: number, minOneBatch: boolean, maxOffset?: bigint): SegmentSlice | undefined {
    const limit = this.#writtenSize
    const bound = maxOffset ?? NO_BOUND
    let position: number | undefined
    let header: BatchHeader | undefined
    // A consumer goes on where its last fetch ended: start there without an index lookup and a scan.
    const hinted = this.#readHints.get(offset)
    if (hinted !== undefined && hinted + RECORD_BATCH_OVERHEAD <= limit) {
      const h = readAt(this.#fs, fd, hinted, RECORD_BATCH_OVERHEAD)
      if (h.length === RECORD_BATCH_OVERHEAD && h.readBigInt64BE(0) === offset && h.readInt8(MAGIC_OFFSET) === CURRENT_MAGIC) {
        position = hinted
        header = readBatchHeader(h, 0)
      } else this.#readHints.delete(offset)
    }
    if (position === undefined || header === undefined) {
      const first = this.#locate(offset, limit)
      if (first === undefined) return undefined
      position = first.position
      header = first.header
    }
    const firstSize = header.batchLength + LOG_OVERHEAD
    if (lastOffsetOf(header) >= bound) return { position, size: 0, nextOffset: header.baseOffset }
    let end: number
    let nextOffset: bigint
    if (firstSize > maxBytes) {
      if (!minOneBatch) return { position, size: 0, nextOffset: header.baseOffset }
      end = position + firstSize
      nextOffset = lastOffsetOf(header) + 1n
    } else {
      ;({ end, nextOffset } = this.#batchesUpTo(fd, position + firstSize, lastOffsetOf(header) + 1n, Math.min(position + maxBytes, limit), limit, bound))
    }
    if (end > position) {
      if (this.#readHints.size >= READ_HINTS) this.#readHints.delete(this.#readHints.keys().next().value!)
      this.#readHints.set(nextOffset, end)
    }
    return { position, size: end - position, nextOffset }
  }

  /**
   * From a batch boundary `from` (after a batch ending below offset `next`), the end of the last
   * whole batch that ends at or before `target` and lies below offset `bound`, and the offset
   * after it. The offset index jumps close to `target`; from there batch headers are read.
   */
  #batchesUpTo(fd: number, from: number, next: bigint, target: number, limit: number, bound: bigint): { end: number; nextOffset: bigint } {
    let pos = from
    let nextOffset = next
    const jump = this.#offsetIndex.floorByPosition(target - 1, bound)
    // Entries point at batch starts; every batch before the entry's ends before it and below bound.
    if (jump !== undefined && jump.position > pos) pos = jump.position
    let block = EMPTY_BLOCK
    let blockStart = 0
    // Every batch that starts below `limit` is whole in the file, so its header can be read.
    while (pos < target) {
      if (pos < blockStart || pos + LAST_OFFSET_DELTA_END > blockStart + block.length) {
        block = readAt(this.#fs, fd, pos, Math.min(WALK_BLOCK, limit - pos))
        blockStart = pos
        if (block.length < LAST_OFFSET_DELTA_END) break
      }
      const at = pos - blockStart
      const size = block.readInt32BE(at + BATCH_LENGTH_OFFSET) + LOG_OVERHEAD
      const base = block.readBigInt64BE(at)
      const last = base + BigInt(block.readInt32BE(at + LAST_OFFSET_DELTA_OFFSET))
      if (pos + size > target || last >= bound) {
        nextOffset = base
        break
      }
      pos += size
      nextOffset = last + 1n
    }
    return { end: pos, nextOffset }
  }

  /**
   * Reads whole batches starting with the one containing `offset` (see slice()) into a buffer of
   * their own. For readers that keep the bytes; fetches send regions instead.
   */
  read(offset: bigint, maxBytes: number, minOneBatch: boolean, maxOffset?: bigint): SegmentRead | undefined {
    const s = this.slice(offset, maxBytes, minOneBatch, maxOffset)
    if (s === undefined) return undefined
    return { buf: s.size === 0 ? Buffer.alloc(0) : this.#use((fd) => readAt(this.#fs, fd, s.position, s.size)), nextOffset: s.nextOffset }
  }

  /**
   * The slice's bytes as a FileRegion: it keeps this segment's file open until released, even
   * if the segment is closed or deleted meanwhile (see file-region.ts).
   */
  region(slice: SegmentSlice): FileRegion {
    return this.#file.region(slice.position, slice.size)
  }

  /**
   * Kafka's findOffsetByTimestamp: the first record at or after `startingOffset` whose timestamp
   * >= ts. Uncompressed batches are walked record by record; for a compressed batch we return
   * its base offset (or startingOffset) with the batch's maxTimestamp, since we never inflate.
   */
  findOffsetByTimestamp(ts: bigint, startingOffset: bigint): { offset: bigint; timestamp: bigint } | undefined {
    this.#catchUp()
    const fromOffset = this.#timeIndex.lookup(ts).offset
    const from = this.#offsetIndex.lookup(fromOffset > startingOffset ? fromOffset : startingOffset).position
    let result: { offset: bigint; timestamp: bigint } | undefined
    this.#scan(from, this.#size, true, (b) => {
      if (b.header.maxTimestamp < ts || lastOffsetOf(b.header) < startingOffset) return true
      result = firstRecordAtOrAfter(b, ts, startingOffset)
      return result === undefined
    })
    return result
  }

  /** Drops batches from the one containing `offset` on; returns bytes removed. */
  truncateTo(offset: bigint): number {
    this.#readHints.clear()
    const loc = this.translateOffset(offset)
    if (loc === undefined) return 0
    const removed = this.#size - loc.position
    this.#use((fd) => this.#fs.ftruncateSync(fd, loc.position))
    this.#unsynced = true
    this.#size = loc.position
    this.#writtenSize = loc.position
    this.#offsetIndex.truncateTo(offset)
    this.#timeIndex.truncateTo(offset)
    this.#txnIndex?.truncateTo(offset)
    // Index entries point at batch starts; drop any that now point past the end.
    while (this.#offsetIndex.entries > 0 && this.#offsetIndex.lastPosition >= this.#size) {
      this.#offsetIndex.truncateTo(this.#offsetIndex.lastOffset)
    }
    const error = this.#loadTail()
    if (error !== null) this.recover()
    return removed
  }

  /** Called when a newer segment takes over: records the final max timestamp in the index. */
  onBecomeInactive(): void {
    if (this.#maxTimestampSoFar >= 0n) this.#timeIndex.maybeAppend(this.#maxTimestampSoFar, this.#offsetOfMaxTimestampSoFar, true)
  }

  /** True when a flush has something to fsync. */
  get unsynced(): boolean {
    return this.#unsynced || this.#writtenSize < this.#size || this.#offsetIndex.dirty || this.#timeIndex.dirty
  }

  /**
   * fsync of the log (when it has unsynced bytes) and of both indexes (written out first);
   * serialised so close() can wait for it.
   */
  flush(): Promise<void> {
    const run = async () => {
      await this.whenWritten()
      if (this.#file.disposed) return
      if (this.#unsynced) {
        // Cleared first: an append while the fsync runs marks the segment again.
        this.#unsynced = false
        const fd = this.#file.pin()
        try {
          await this.#fs.fsync(fd)
        } catch (err) {
          this.#unsynced = true
          throw new StorageError('SAMSA_STORAGE_FSYNC', `cannot fsync ${this.logPath}`, { cause: err })
        } finally {
          this.#file.unpin()
        }
      }
      await this.#offsetIndex.flush()
      await this.#timeIndex.flush()
      await this.#txnIndex?.flush()
    }
    this.#pendingFlush = this.#pendingFlush.then(run, run)
    return this.#pendingFlush
  }

  /** Closes the files at once; only for segments with no flush under way (loading, recovery). */
  closeSync(): void {
    this.#file.dispose()
    this.#offsetIndex.close()
    this.#timeIndex.close()
  }

  async close(): Promise<void> {
    // Wait for the writer and until no flush is queued: no write or fsync may run on a closed
    // (or reused) fd.
    await this.#writer?.idle()
    for (let p = this.#pendingFlush; ; p = this.#pendingFlush) {
      await p.catch(() => {})
      if (p === this.#pendingFlush) break
    }
    this.#file.dispose()
    this.#offsetIndex.close()
    this.#timeIndex.close()
  }

  get isDeleted(): boolean {
    return this.#files.deleted
  }

  /** Renames the files to `*.deleted` (synchronously, so a crash mid-delete is cleaned on open). */
  markDeleted(): void {
    try {
      this.#files.markDeleted()
    } finally {
      this.#file.path = this.#files.paths.log
    }
  }

  /** See SegmentFiles.changeSuffix. */
  changeFileSuffix(suffix: string, ignoreMissing = false): void {
    try {
      this.#files.changeSuffix(suffix, ignoreMissing)
    } finally {
      this.#file.path = this.#files.paths.log
    }
  }

  /** Closes and unlinks the files. */
  async deleteFiles(): Promise<void> {
    await this.close()
    await this.#files.unlink()
  }

  /** The record offset holding maxTimestamp (ListOffsets -3); the batch's lastOffset if compressed. */
  exactOffsetOfMaxTimestamp(): bigint {
    if (this.#offsetOfMaxTimestampSoFar < 0n) return -1n
    const loc = this.translateOffset(this.#offsetOfMaxTimestampSoFar)
    if (loc === undefined) return this.#offsetOfMaxTimestampSoFar
    let exact = this.#offsetOfMaxTimestampSoFar
    this.#scan(loc.position, loc.position + loc.size, true, (b) => {
      exact = firstRecordAtOrAfter(b, this.#maxTimestampSoFar, b.header.baseOffset)?.offset ?? exact
      return false
    })
    return exact
  }
}
