/**
 * The log of one partition (Kafka's UnifiedLog/LocalLog): a directory `<topic>-<partition>` of
 * segments with contiguous offsets from logStartOffset to logEndOffset.
 *
 * Durability: append() writes into the page cache synchronously before it returns, so anything
 * acknowledged survives a process crash (kill -9). Only fsync makes it survive an OS crash or
 * power loss: that happens on segment roll, on close, after `flush.messages` messages, when the
 * log manager sees `flush.ms` elapsed, or on an explicit flush(); all default to "never forced",
 * as in Kafka, which relies on replication instead. recoveryPoint is the offset below which the
 * log is known to be fsynced; after an unclean shutdown everything above it is re-validated.
 *
 * State changes (offsets, segment list) happen synchronously on the event loop; fsyncs, checkpoint
 * writes and file deletions are awaited outside them.
 */
import { rm } from 'node:fs/promises'
import { KafkaError } from '../errors.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import {
  PRODUCER_ID_OFFSET,
  assignOffsets,
  batchSize,
  readBatchHeader,
  type BatchHeader,
  type TimestampType,
} from '../protocol/record-batch.js'
import type { LogConfig } from './log-config.js'
import { writeCheckpoint } from './log-checkpoint.js'
import { loadSegments, replayProducerState, segmentOptions } from './log-loader.js'
import { silentLogger, type StorageLogger } from './logger.js'
import { deleteSnapshotsAfter, deleteSnapshotsBefore, writeSnapshot } from './producer-snapshot.js'
import { ProducerStateManager } from './producer-state.js'
import { LogSegment } from './segment.js'

export interface OpenOptions {
  logger?: StorageLogger
  /** Set by the log manager when the previous shutdown was clean: skips recovery. */
  hadCleanShutdown?: boolean
}

export interface AppendOptions {
  /** Defaults to the topic's message.timestamp.type. */
  timestampType?: TimestampType
  /** Wall clock in ms; defaults to Date.now(). */
  now?: bigint
  /** Written into each batch's partitionLeaderEpoch. */
  leaderEpoch?: number
  /** Per-batch max record timestamps from validateBatches (CreateTime). */
  maxTimestamps?: readonly bigint[]
  /** Check idempotent producer sequences first; duplicates are acked, not appended. */
  validateProducer?: boolean
}

export interface AppendResult {
  baseOffset: bigint
  lastOffset: bigint
  /** The append time for LogAppendTime, else -1. */
  logAppendTime: bigint
  maxTimestamp: bigint
  recordCount: number
  /** True when the batch was a retry of one already in the log (nothing appended). */
  duplicate: boolean
}

export interface ReadOptions {
  /** Return the first batch even if larger than maxBytes (KIP-74). */
  minOneBatch: boolean
  /** Exclusive bound (high watermark): batches with offsets at or above it are not returned. */
  maxOffset?: bigint
}

export interface ReadResult {
  /** Whole batches, byte ranges of segment files, in offset order. */
  records: Buffer[]
  bytes: number
}

function floorSegment(segments: readonly LogSegment[], offset: bigint): number {
  let lo = 0
  let hi = segments.length - 1
  let found = 0
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if (segments[mid]!.baseOffset <= offset) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

export class PartitionLog {
  readonly dir: string
  #config: LogConfig
  #logger: StorageLogger
  #segments: LogSegment[]
  #logStartOffset: bigint
  #logEndOffset: bigint
  #recoveryPoint: bigint
  readonly producerState = new ProducerStateManager()
  #unflushedMessages = 0
  #lastFlushMs = Date.now()
  #checkpointChain: Promise<void> = Promise.resolve()
  #closed = false

  private constructor(dir: string, config: LogConfig, logger: StorageLogger, segments: LogSegment[], logStartOffset: bigint, recoveryPoint: bigint) {
    this.dir = dir
    this.#config = config
    this.#logger = logger
    this.#segments = segments
    this.#logStartOffset = logStartOffset
    this.#logEndOffset = segments.at(-1)!.nextOffset
    this.#recoveryPoint = recoveryPoint
  }

  static async open(dir: string, config: LogConfig, opts: OpenOptions = {}): Promise<PartitionLog> {
    const logger = opts.logger ?? silentLogger
    const loaded = loadSegments(dir, config, opts.hadCleanShutdown ?? false, logger)
    const log = new PartitionLog(dir, config, logger, loaded.segments, loaded.logStartOffset, loaded.recoveryPoint)
    replayProducerState(dir, log.#segments, log.producerState, log.#logStartOffset, log.#logEndOffset)
    await log.#writeCheckpoint()
    return log
  }

  get config(): LogConfig {
    return this.#config
  }

  /** New settings apply to the next roll and append (segment.bytes, flush.*, ...). */
  updateConfig(config: LogConfig): void {
    this.#config = config
  }

  get logStartOffset(): bigint {
    return this.#logStartOffset
  }

  get logEndOffset(): bigint {
    return this.#logEndOffset
  }

  get recoveryPoint(): bigint {
    return this.#recoveryPoint
  }

  get size(): number {
    return this.#segments.reduce((n, s) => n + s.size, 0)
  }

  get segmentCount(): number {
    return this.#segments.length
  }

  /** Base offsets of the segments, oldest first (for tools and tests). */
  get segmentBaseOffsets(): bigint[] {
    return this.#segments.map((s) => s.baseOffset)
  }

  get #active(): LogSegment {
    return this.#segments.at(-1)!
  }

  #ensureOpen(): void {
    if (this.#closed) throw new KafkaError(ErrorCode.NOT_LEADER_OR_FOLLOWER, `log ${this.dir} is closed`)
  }

  /** Headers of the batches in `records` (already validated by the caller). */
  static #headers(records: Buffer): BatchHeader[] {
    const out: BatchHeader[] = []
    for (let pos = 0; pos < records.length; pos += batchSize(records, pos)) out.push(readBatchHeader(records, pos))
    return out
  }

  /**
   * Appends validated batches: assigns offsets in place from logEndOffset, rolls the active
   * segment first if needed, writes. Throws KafkaError for producer sequence/epoch errors.
   */
  append(records: Buffer, opts: AppendOptions = {}): AppendResult {
    this.#ensureOpen()
    const now = opts.now ?? BigInt(Date.now())
    if (opts.validateProducer) {
      const check = this.producerState.check(PartitionLog.#headers(records))
      if (check.kind === 'error') throw new KafkaError(check.errorCode, check.message)
      if (check.kind === 'duplicate') {
        return { baseOffset: check.baseOffset, lastOffset: check.lastOffset, logAppendTime: -1n, maxTimestamp: -1n, recordCount: 0, duplicate: true }
      }
    }
    const assigned = assignOffsets(records, this.#logEndOffset, {
      timestampType: opts.timestampType ?? this.#config.messageTimestampType,
      now,
      partitionLeaderEpoch: opts.leaderEpoch,
      maxTimestamps: opts.maxTimestamps,
    })
    const { segmentBytes, segmentMs } = this.#config
    if (this.#active.shouldRoll(records.length, assigned.maxTimestamp, assigned.lastOffset, Number(now), segmentBytes, segmentMs)) this.#roll()
    this.#active.append(records)
    this.#logEndOffset = assigned.lastOffset + 1n
    for (let pos = 0; pos < records.length; pos += batchSize(records, pos)) {
      if (records.readBigInt64BE(pos + PRODUCER_ID_OFFSET) >= 0n) this.producerState.update(readBatchHeader(records, pos))
    }
    this.#unflushedMessages += assigned.recordCount
    if (this.#unflushedMessages >= this.#config.flushMessages) this.#flushInBackground()
    return {
      baseOffset: assigned.baseOffset,
      lastOffset: assigned.lastOffset,
      logAppendTime: assigned.logAppendTime,
      maxTimestamp: assigned.maxTimestamp,
      recordCount: assigned.recordCount,
      duplicate: false,
    }
  }

  /** Starts a new active segment at logEndOffset (Kafka's roll). */
  #roll(): void {
    const old = this.#active
    old.onBecomeInactive()
    this.#segments.push(LogSegment.create(this.dir, this.#logEndOffset, segmentOptions(this.#config)))
    writeSnapshot(this.dir, this.#logEndOffset, [...this.producerState.entries()])
    this.#logger.debug({ dir: this.dir, baseOffset: this.#logEndOffset }, 'rolled segment')
    this.#flushInBackground()
  }

  #flushInBackground(): void {
    this.flush().catch((err: unknown) => this.#logger.error({ err, dir: this.dir }, 'background flush failed'))
  }

  /**
   * Reads whole batches from the one containing fetchOffset, across segments, up to maxBytes
   * (at least one batch with minOneBatch). Empty at logEndOffset; OFFSET_OUT_OF_RANGE outside
   * [logStartOffset, logEndOffset].
   */
  read(fetchOffset: bigint, maxBytes: number, opts: ReadOptions): ReadResult {
    this.#ensureOpen()
    if (fetchOffset < this.#logStartOffset || fetchOffset > this.#logEndOffset) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `offset ${fetchOffset} is outside [${this.#logStartOffset}, ${this.#logEndOffset}] of ${this.dir}`,
      )
    }
    const records: Buffer[] = []
    let bytes = 0
    let offset = fetchOffset
    let minOne = opts.minOneBatch
    for (let i = floorSegment(this.#segments, fetchOffset); i < this.#segments.length; i++) {
      if (offset >= this.#logEndOffset || (opts.maxOffset !== undefined && offset >= opts.maxOffset)) break
      const segment = this.#segments[i]!
      const r = segment.read(offset, maxBytes - bytes, minOne, opts.maxOffset)
      if (r === undefined) continue
      if (r.buf.length > 0) {
        records.push(r.buf)
        bytes += r.buf.length
        minOne = false
      }
      offset = r.nextOffset
      // Stopped inside this segment (maxBytes or maxOffset): a later, smaller batch must not jump the queue.
      if (r.nextOffset < segment.nextOffset) break
    }
    return { records, bytes }
  }

  /**
   * ListOffsets by timestamp: the first record at or after logStartOffset with timestamp >= ts
   * (the batch's base offset for compressed batches, see LogSegment.findOffsetByTimestamp).
   */
  offsetForTimestamp(ts: bigint): { offset: bigint; timestamp: bigint } | null {
    this.#ensureOpen()
    for (const segment of this.#segments) {
      if (segment.maxTimestamp < ts || segment.nextOffset <= this.#logStartOffset) continue
      const found = segment.findOffsetByTimestamp(ts, this.#logStartOffset)
      if (found !== undefined) return found
    }
    return null
  }

  /** ListOffsets MAX_TIMESTAMP (-3): the record with the largest timestamp (first one on ties). */
  maxTimestampOffset(): { offset: bigint; timestamp: bigint } | null {
    this.#ensureOpen()
    let best: LogSegment | undefined
    for (const s of this.#segments) {
      if (s.nextOffset > this.#logStartOffset && s.maxTimestamp >= 0n && (best === undefined || s.maxTimestamp > best.maxTimestamp)) best = s
    }
    return best === undefined ? null : { offset: best.exactOffsetOfMaxTimestamp(), timestamp: best.maxTimestamp }
  }

  /**
   * DeleteRecords: moves logStartOffset up to `offset` and deletes segments entirely below it
   * (never the active one). Returns the new logStartOffset (the low watermark).
   */
  async deleteRecordsBefore(offset: bigint): Promise<bigint> {
    this.#ensureOpen()
    if (offset > this.#logEndOffset || offset < 0n) {
      throw new KafkaError(ErrorCode.OFFSET_OUT_OF_RANGE, `cannot delete records before ${offset}: log end is ${this.#logEndOffset}`)
    }
    if (offset <= this.#logStartOffset) return this.#logStartOffset
    this.#logStartOffset = offset
    const doomed: LogSegment[] = []
    while (this.#segments.length > 1 && this.#segments[1]!.baseOffset <= offset) doomed.push(this.#segments.shift()!)
    this.producerState.truncateHead(offset)
    await this.#removeSegments(doomed)
    deleteSnapshotsBefore(this.dir, this.#segments[0]!.baseOffset)
    return this.#logStartOffset
  }

  /**
   * Drops everything at and above `offset` (replication's truncation). Works at batch
   * granularity: the batch containing `offset` goes entirely, so logEndOffset may end below it.
   */
  async truncateTo(offset: bigint): Promise<void> {
    this.#ensureOpen()
    if (offset >= this.#logEndOffset) return
    let doomed: LogSegment[]
    if (offset < this.#logStartOffset) {
      // Kafka's truncateFullyAndStartAt. Rename the old files first: one may share the new name.
      doomed = this.#segments
      for (const s of doomed) s.markDeleted()
      this.#segments = [LogSegment.create(this.dir, offset, segmentOptions(this.#config))]
      this.#logStartOffset = offset
      deleteSnapshotsAfter(this.dir, -1n)
    } else {
      doomed = this.#segments.filter((s) => s.baseOffset > offset)
      this.#segments = this.#segments.filter((s) => s.baseOffset <= offset)
      this.#active.truncateTo(offset)
    }
    this.#logEndOffset = this.#active.nextOffset
    if (this.#recoveryPoint > this.#logEndOffset) this.#recoveryPoint = this.#logEndOffset
    replayProducerState(this.dir, this.#segments, this.producerState, this.#logStartOffset, this.#logEndOffset)
    await this.#removeSegments(doomed)
  }

  async #removeSegments(doomed: LogSegment[]): Promise<void> {
    // Rename first (a crash leaves *.deleted files that open removes), then checkpoint, then unlink.
    for (const s of doomed) s.markDeleted()
    await this.#writeCheckpoint()
    await Promise.all(doomed.map((s) => s.deleteFiles()))
  }

  /** fsyncs every segment that may hold data above the recovery point, then checkpoints it. */
  async flush(): Promise<void> {
    if (this.#closed) return
    const upTo = this.#logEndOffset
    const segments = this.#segments.slice(floorSegment(this.#segments, this.#recoveryPoint))
    this.#unflushedMessages = 0
    this.#lastFlushMs = Date.now()
    await Promise.all(segments.map((s) => s.flush()))
    if (this.#closed) return // closed without flushing meanwhile (deletion): leave the dir alone
    if (upTo > this.#recoveryPoint) this.#recoveryPoint = upTo
    await this.#writeCheckpoint()
  }

  /** flush.ms policy, called periodically by the log manager. */
  maybeFlush(nowMs: number): Promise<void> | undefined {
    if (this.#unflushedMessages === 0 || nowMs - this.#lastFlushMs < this.#config.flushMs) return undefined
    return this.flush()
  }

  /** Forgets idle idempotent producers (producer.id.expiration.ms). */
  removeExpiredProducers(nowMs: bigint): number {
    return this.producerState.removeExpired(nowMs, this.#config.producerIdExpirationMs)
  }

  #writeCheckpoint(): Promise<void> {
    const write = () => writeCheckpoint(this.dir, { logStartOffset: this.#logStartOffset, recoveryPoint: this.#recoveryPoint })
    this.#checkpointChain = this.#checkpointChain.then(write, write)
    return this.#checkpointChain
  }

  /** Clean close: fsync, producer snapshot at logEndOffset, checkpoint, close files. */
  async close(): Promise<void> {
    if (this.#closed) return
    await this.flush()
    writeSnapshot(this.dir, this.#logEndOffset, [...this.producerState.entries()])
    this.#closed = true
    await this.#checkpointChain.catch(() => {})
    await Promise.all(this.#segments.map((s) => s.close()))
  }

  /** Closes the files without flushing (the log is about to be deleted). */
  async closeFiles(): Promise<void> {
    this.#closed = true
    await this.#checkpointChain.catch(() => {})
    await Promise.all(this.#segments.map((s) => s.close()))
  }

  /** Closes without flushing and removes the directory. */
  async delete(): Promise<void> {
    await this.closeFiles()
    await rm(this.dir, { recursive: true, force: true })
  }
}
