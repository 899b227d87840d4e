/**
 * The log of one partition (Kafka's UnifiedLog/LocalLog): a directory `<topic>-<partition>` of
 * segments with contiguous offsets from logStartOffset to logEndOffset.
 *
 * Durability: append() hands the bytes to the log's LogWriter, which writes them into the page
 * cache off the event loop; acknowledgements wait for whenWritten(), so anything acknowledged
 * survives a process crash (kill -9). Only fsync makes it survive an OS crash or
 * power loss: that happens on segment roll, on close, after `flush.messages` messages, when the
 * log manager sees `flush.ms` elapsed, or on an explicit flush(); all default to "never forced",
 * as in Kafka, which relies on replication instead. recoveryPoint is the offset below which the
 * log is known to be fsynced; after an unclean shutdown everything above it is re-validated.
 *
 * State changes (offsets, segment list) happen synchronously on the event loop; fsyncs, checkpoint
 * writes and file deletions are awaited outside them.
 *
 * A failed write or fsync takes the log out of service (LogFailure): every request answers
 * KAFKA_STORAGE_ERROR and nothing more is acknowledged. After a full disk (ENOSPC, EDQUOT on a
 * write) the log manager brings it back once space is free again, by reloading it from disk as
 * a restart would (recover()); after any other failure it stays out until the broker restarts.
 */
import { KafkaError, StorageError } from '../errors.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { PRODUCER_ID_OFFSET, assignOffsets, batchSize, readBatchHeader, type BatchHeader, type TimestampType } from '../protocol/record-batch.js'
import { hasDeletePolicy, isCompacted, type LogConfig } from './log-config.js'
import { writeCheckpoint, type LogCheckpoint } from './log-checkpoint.js'
import type { StorageFs } from './file-system.js'
import { LogFailure } from './log-failure.js'
import { loadEpochCache, loadSegments, replayProducerState, segmentOptions, type LoadedLog } from './log-loader.js'
import { type LeaderEpochCache, PersistedEpochCache, UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from './leader-epoch-cache.js'
import { silentLogger, type StorageLogger } from './logger.js'
import { defaultOpenFiles, type OpenFiles } from './open-files.js'
import { deleteSnapshotsAfter, deleteSnapshotsBefore, writeSnapshot } from './producer-snapshot.js'
import { ProducerStateManager, type MarkerFields } from './producer-state.js'
import { encodeEndTxnMarker } from '../protocol/control-record.js'
import type { AbortedTxn } from './txn-index.js'
import {
  floorSegment,
  maxTimestampOffset,
  offsetForTimestamp,
  sliceSegments,
  type ReadOptions,
  type ReadResult,
  type RegionsResult,
  type TimestampAndOffset,
} from './log-read.js'
import type { FileRegion } from './file-region.js'
import { LogWriter } from './log-writer.js'
import { LogSegment, type SegmentOptions, type SegmentSlice } from './segment.js'
import { applyReplicatedProducerState, parseReplicatedBatches } from './replicated-batches.js'

export interface OpenOptions {
  logger?: StorageLogger
  /** Set by the log manager when the previous shutdown was clean: skips recovery. */
  hadCleanShutdown?: boolean
  /** The log manager's descriptor cache (and file system); a shared default if absent. */
  files?: OpenFiles
  /** The directory may not exist yet (a new partition): make it. */
  create?: boolean
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
  /** Write the bytes before returning instead of leaving them to the writer (group metadata). */
  writeNow?: boolean
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

export type { ReadOptions, ReadResult, RegionsResult } from './log-read.js'

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
  /** What log.checkpoint holds (as far as we know): written only when it changes. */
  #checkpointed: LogCheckpoint | undefined
  /** Appends or truncations since the producer snapshot at close was last written. */
  #producerStateChanged = false
  #closed = false
  /** Retention and cleaning of this log run one at a time (see runExclusive). */
  #lifecycleChain: Promise<unknown> = Promise.resolve()
  /** Deleted segments whose files wait out file.delete.delay.ms. */
  #pendingDeletes = new Map<LogSegment, NodeJS.Timeout>()
  #writer!: LogWriter
  #onWritten: (() => void) | undefined
  /** Set when a write or fsync failed: the log is out of service. */
  #failure: LogFailure | undefined
  readonly #files: OpenFiles
  #epochs!: PersistedEpochCache
  /**
   * The high watermark as replication sets it (Kafka's UnifiedLog.highWatermark); null until it
   * does, when the written end counts as committed (a log nobody replicates).
   */
  #highWatermark: bigint | null = null

  private constructor(dir: string, config: LogConfig, logger: StorageLogger, files: OpenFiles, loaded: LoadedLog) {
    this.dir = dir
    this.#config = config
    this.#logger = logger
    this.#files = files
    this.#segments = []
    this.#logStartOffset = 0n
    this.#logEndOffset = 0n
    this.#recoveryPoint = 0n
    this.#install(loaded)
  }

  /** Takes over what the loader found on disk (at open, and when recovering from a failure). */
  #install(loaded: LoadedLog): void {
    this.#segments = loaded.segments
    this.#logStartOffset = loaded.logStartOffset
    this.#logEndOffset = loaded.segments.at(-1)!.nextOffset
    this.#recoveryPoint = loaded.recoveryPoint
    this.#checkpointed = loaded.checkpoint
    this.#unflushedMessages = 0
    this.#writer = new LogWriter(this.#files.fs, this.#logEndOffset)
    this.#writer.onWritten = this.#onWritten
    this.#writer.onError = (err) => this.#fail(err)
    for (const s of loaded.segments) s.attachWriter(this.#writer)
    replayProducerState(
      this.#files.fs,
      this.dir,
      this.#segments,
      this.producerState,
      this.#logStartOffset,
      this.#logEndOffset,
      loaded.snapshots,
      loaded.recoveredFrom,
    )
    const epochs = loadEpochCache(this.#files.fs, this.dir, this.#segments, this.#logStartOffset, this.#logEndOffset, this.#recoveryPoint)
    this.#epochs = new PersistedEpochCache(this.#files.fs, this.dir, epochs.cache)
    if (epochs.rewrite) this.#saveEpochs()
    if (this.#highWatermark !== null) this.#highWatermark = this.#clampHighWatermark(this.#highWatermark)
    // Loading read every segment: give the descriptors back until a request needs them.
    for (const s of this.#segments) s.closeIdleFile()
  }

  /**
   * Opens (or creates) the log in `dir`. Writes nothing to an existing log unless recovery
   * must repair it, so a broker starts on a full disk.
   */
  static async open(dir: string, config: LogConfig, opts: OpenOptions = {}): Promise<PartitionLog> {
    const logger = opts.logger ?? silentLogger
    const files = opts.files ?? defaultOpenFiles
    const loaded = loadSegments(files, dir, config, opts.hadCleanShutdown ?? false, logger, opts.create ?? true)
    try {
      return new PartitionLog(dir, config, logger, files, loaded)
    } catch (err) {
      for (const s of loaded.segments) s.closeSync()
      throw err
    }
  }

  /** The file system the log's files are on. */
  get fs(): StorageFs {
    return this.#files.fs
  }

  /** Segment options for this log's config (the cleaner builds segments with them). */
  get segmentOptions(): SegmentOptions {
    return segmentOptions(this.#config, this.#files)
  }

  /** Why the log is out of service, if it is. */
  get failure(): LogFailure | undefined {
    return this.#failure
  }

  /** Takes the log out of service (once); see LogFailure. */
  #fail(cause: unknown): LogFailure {
    if (this.#failure !== undefined) return this.#failure
    const failure = new LogFailure(cause)
    this.#failure = failure
    this.#logger.error(
      { dir: this.dir, err: cause, recoverable: failure.recoverable },
      failure.recoverable
        ? 'log out of service: the disk is full; it comes back once space is free'
        : 'log out of service after a failed write or fsync; it comes back when the broker restarts',
    )
    return failure
  }

  /** The KafkaError a request gets from a failed log. */
  #storageError(failure: LogFailure): KafkaError {
    return new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `log ${this.dir} is out of service: ${failure.message}`, { cause: failure.cause })
  }

  /**
   * Brings a log taken out by a full disk back once at least message.max.bytes are free: it is
   * reloaded from its files as at a restart after a crash (segments past the recovery point
   * checked, a partly written tail truncated, producer state rebuilt), so nothing that was not
   * acknowledged survives. Returns true when the log serves again.
   */
  async recoverFromFailure(): Promise<boolean> {
    const failure = this.#failure
    if (failure === undefined || !failure.recoverable || this.#closed) return false
    if (this.#files.fs.availableBytes(this.dir) < this.#config.maxMessageBytes) return false
    return this.runExclusive(async () => {
      if (this.#closed || this.#failure !== failure) return false
      await this.#writer.idle()
      for (const s of this.#segments) await s.close()
      const loaded = loadSegments(this.#files, this.dir, this.#config, false, this.#logger)
      this.#install(loaded)
      this.#producerStateChanged = true
      this.#failure = undefined
      this.#logger.warn({ dir: this.dir, logEndOffset: this.#logEndOffset }, 'log back in service: disk space is available again')
      return true
    })
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

  /** Offset up to which appended records are in the page cache: the most a fetch may see. */
  get writtenEndOffset(): bigint {
    return this.#writer.writtenEndOffset
  }

  /** Resolves once every record appended so far is written (acks wait for this). */
  whenWritten(): Promise<void> {
    return this.#writer.whenWritten()
  }

  /** Called whenever writtenEndOffset moves. */
  set onWritten(fn: (() => void) | undefined) {
    this.#onWritten = fn
    this.#writer.onWritten = fn
  }

  // ---- replication: the high watermark and leader epochs -----------------------------------

  /**
   * Offsets below it are committed (on every in-sync replica): consumers read below it. Until
   * replication sets it, the written end of the log.
   */
  get highWatermark(): bigint {
    return this.#highWatermark ?? this.#writer.writtenEndOffset
  }

  /** Replication sets the high watermark (kept within [logStartOffset, logEndOffset]); returns it. */
  updateHighWatermark(hw: bigint): bigint {
    this.#highWatermark = this.#clampHighWatermark(hw)
    return this.#highWatermark
  }

  /** Moves the high watermark up to `hw`, never down; returns whether it moved. */
  maybeIncrementHighWatermark(hw: bigint): boolean {
    const next = this.#clampHighWatermark(hw)
    if (this.#highWatermark !== null && next <= this.#highWatermark) return false
    this.#highWatermark = next
    return true
  }

  #clampHighWatermark(hw: bigint): bigint {
    return hw < this.#logStartOffset ? this.#logStartOffset : hw > this.#logEndOffset ? this.#logEndOffset : hw
  }

  /** The partition's leader epochs (read them only; the log keeps them). */
  get leaderEpochs(): LeaderEpochCache {
    return this.#epochs.cache
  }

  /** The newest leader epoch this log has records (or a start) of; -1 when none. */
  get latestEpoch(): number {
    return this.#epochs.cache.latestEpoch
  }

  /**
   * Kafka's maybeAssignEpochStartOffset: a broker that becomes leader under `epoch` starts it at
   * its log end, so a follower asking where that epoch ends gets an answer before anything is
   * written in it.
   */
  assignEpochStartOffset(epoch: number, startOffset: bigint): void {
    if (this.#epochs.cache.assign(epoch, startOffset)) this.#saveEpochs()
  }

  /**
   * OffsetForLeaderEpoch (Kafka's UnifiedLog.endOffsetForEpoch): the largest epoch at or below
   * `epoch` this log knows and where it ends; undefined when there is none.
   */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: bigint } | undefined {
    const r = this.#epochs.cache.endOffsetFor(epoch, this.#logEndOffset)
    return r.endOffset === UNDEFINED_EPOCH_OFFSET || r.epoch === UNDEFINED_EPOCH ? undefined : r
  }

  /** The log start moved up: the high watermark and the epochs follow. */
  #logStartMoved(): void {
    if (this.#highWatermark !== null) this.#highWatermark = this.#clampHighWatermark(this.#highWatermark)
    if (this.#epochs.cache.truncateFromStart(this.#logStartOffset)) this.#saveEpochs()
  }

  #saveEpochs(): void {
    this.#epochs.changed().catch((err: unknown) => {
      // Rewritten at the next change or flush; until then recovery rescans the batches.
      this.#logger.warn({ err, dir: this.dir }, 'cannot write the leader epoch checkpoint')
    })
  }

  #assignEpochOf(epoch: number | undefined, startOffset: bigint): void {
    if (epoch !== undefined && epoch > this.#epochs.cache.latestEpoch) this.assignEpochStartOffset(epoch, startOffset)
  }

  /**
   * Appends batches copied from the leader (Kafka's appendAsFollower): taken with the offsets,
   * epochs and timestamps the leader gave them, after checks (see parseReplicatedBatches);
   * producer state, transactions and leader epochs follow. A trailing partial batch is left
   * out. Returns the offsets appended, or undefined when `records` held no whole batch.
   */
  appendAsFollower(records: Buffer, now = Date.now()): { firstOffset: bigint; lastOffset: bigint } | undefined {
    this.#ensureOpen()
    const batches = parseReplicatedBatches(records, this.#logEndOffset)
    if (batches === undefined) return undefined
    this.#io(() => {
      if (this.#active.shouldRoll(batches.bytes.length, batches.maxTimestamp, batches.lastOffset, now, this.#config.segmentBytes, this.#maxSegmentMs))
        this.#roll()
      this.#active.append(batches.bytes)
    })
    this.#logEndOffset = batches.lastOffset + 1n
    this.#producerStateChanged = true
    if (this.#failure !== undefined) throw this.#storageError(this.#failure)
    for (const h of batches.headers) this.#assignEpochOf(h.partitionLeaderEpoch >= 0 ? h.partitionLeaderEpoch : undefined, h.baseOffset)
    for (const txn of applyReplicatedProducerState(this.producerState, batches)) {
      this.#active.txnIndex.append({
        producerId: txn.producerId,
        firstOffset: txn.firstOffset,
        lastOffset: txn.lastOffset,
        lastStableOffset: this.producerState.lastStableOffsetAfter(txn),
      })
    }
    let count = 0
    for (const h of batches.headers) count += h.recordCount
    this.#unflushedMessages += count
    if (this.#unflushedMessages >= this.#config.flushMessages) this.#flushInBackground()
    return { firstOffset: batches.firstOffset, lastOffset: batches.lastOffset }
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

  get closed(): boolean {
    return this.#closed
  }

  /** The live segments, oldest first, the last one active. For the cleaner: do not mutate. */
  get segments(): readonly LogSegment[] {
    return this.#segments
  }

  /**
   * Runs background lifecycle work (a retention check, a cleaning pass) after the previous one
   * on this log has finished, so the two never interleave on one log.
   */
  runExclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lifecycleChain.then(fn, fn)
    this.#lifecycleChain = run.catch(() => {})
    return run
  }

  /**
   * segment.ms, or max.compaction.lag.ms when smaller on a compacted log: Kafka rolls the
   * active segment by then so that the cleaner, which never touches it, can get at its records.
   */
  get #maxSegmentMs(): number {
    const c = this.#config
    return isCompacted(c) ? Math.min(c.segmentMs, c.maxCompactionLagMs) : c.segmentMs
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
    if (this.#failure !== undefined) throw this.#storageError(this.#failure)
  }

  /** Runs a step that touches the files; a failure takes the log out of service. */
  #io<T>(fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      if (err instanceof KafkaError) throw err
      throw this.#storageError(this.#fail(err))
    }
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
    this.#io(() => {
      if (this.#active.shouldRoll(records.length, assigned.maxTimestamp, assigned.lastOffset, Number(now), this.#config.segmentBytes, this.#maxSegmentMs))
        this.#roll()
      this.#active.append(records)
    })
    this.#logEndOffset = assigned.lastOffset + 1n
    this.#producerStateChanged = true
    this.#assignEpochOf(opts.leaderEpoch, assigned.baseOffset)
    if (opts.writeNow) this.#writer.catchUp()
    if (this.#failure !== undefined) throw this.#storageError(this.#failure)
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

  /**
   * Writes a transaction marker (the coordinator's WriteTxnMarkers, Kafka's appendAsLeader with
   * origin COORDINATOR): the producer's open transaction here ends, and an aborted one is added
   * to the active segment's aborted-transaction index. Throws KafkaError when the marker is
   * fenced (INVALID_PRODUCER_EPOCH, TRANSACTION_COORDINATOR_FENCED).
   */
  appendEndTxnMarker(marker: MarkerFields & { commit: boolean }, opts: { now?: bigint; leaderEpoch?: number } = {}): AppendResult {
    this.#ensureOpen()
    const errorCode = this.producerState.checkMarker(marker)
    if (errorCode !== ErrorCode.NONE)
      throw new KafkaError(
        errorCode,
        `marker for producer ${marker.producerId} epoch ${marker.producerEpoch} (coordinator epoch ${marker.coordinatorEpoch}) is fenced`,
      )
    const now = opts.now ?? BigInt(Date.now())
    const batch = encodeEndTxnMarker({ ...marker, now, partitionLeaderEpoch: opts.leaderEpoch })
    const r = this.append(batch, { now, leaderEpoch: opts.leaderEpoch, timestampType: 'CreateTime' })
    const txn = this.producerState.completeTxn(marker, r.baseOffset, !marker.commit, now)
    if (txn?.isAborted === true)
      this.#active.txnIndex.append({
        producerId: txn.producerId,
        firstOffset: txn.firstOffset,
        lastOffset: txn.lastOffset,
        lastStableOffset: this.producerState.lastStableOffsetAfter(txn),
      })
    return r
  }

  /**
   * Kafka's lastStableOffset: the first offset of a transaction still open (or whose marker is
   * not yet below the high watermark), else the high watermark. read_committed consumers read
   * below it.
   */
  lastStableOffset(highWatermark: bigint = this.highWatermark): bigint {
    const unstable = this.firstUnstableOffset(highWatermark)
    return unstable !== undefined && unstable < highWatermark ? unstable : highWatermark
  }

  /** The first offset of a transaction still open (or not yet below the high watermark), if any. */
  firstUnstableOffset(highWatermark: bigint = this.highWatermark): bigint | undefined {
    this.producerState.onHighWatermark(highWatermark)
    return this.producerState.firstUnstableOffset
  }

  /**
   * The aborted transactions that overlap [fetchOffset, upperBoundOffset) (Kafka's
   * collectAbortedTransactions): entries sit in the segment of their marker, at or after the
   * segment that holds fetchOffset.
   */
  collectAbortedTransactions(fetchOffset: bigint, upperBoundOffset: bigint): AbortedTxn[] {
    const out: AbortedTxn[] = []
    for (let i = floorSegment(this.#segments, fetchOffset); i < this.#segments.length; i++) {
      this.#segments[i]!.txnIndex.collect(fetchOffset, upperBoundOffset, out)
    }
    return out
  }

  /** Starts a new active segment at logEndOffset (Kafka's roll). */
  #roll(): void {
    // The old segment's bytes go to its file first: were the process killed with them still in
    // hand, the new segment's base offset would leave a hole after recovery.
    this.#writer.catchUp()
    const old = this.#active
    old.onBecomeInactive()
    const next = LogSegment.create(this.dir, this.#logEndOffset, this.segmentOptions)
    next.attachWriter(this.#writer)
    this.#segments.push(next)
    try {
      writeSnapshot(this.#files.fs, this.dir, this.#logEndOffset, [...this.producerState.entries()])
    } catch (err) {
      // Only a shortcut for the next load, which replays the log without it.
      this.#logger.warn({ err, dir: this.dir }, 'cannot write the producer snapshot')
    }
    this.#logger.debug({ dir: this.dir, baseOffset: this.#logEndOffset }, 'rolled segment')
    this.#flushInBackground()
  }

  #flushInBackground(): void {
    // flush() has taken the log out of service on failure (and logged why).
    this.flush().catch(() => {})
  }

  /**
   * Reads whole batches from the one containing fetchOffset, across segments, up to maxBytes
   * (at least one batch with minOneBatch). Empty at logEndOffset; OFFSET_OUT_OF_RANGE outside
   * [logStartOffset, logEndOffset].
   */
  read(fetchOffset: bigint, maxBytes: number, opts: ReadOptions): ReadResult {
    const records: Buffer[] = []
    let bytes = 0
    for (const { segment, slice } of this.#slices(fetchOffset, maxBytes, opts)) {
      const r = segment.region(slice)
      try {
        records.push(r.toBuffer())
      } finally {
        r.release()
      }
      bytes += slice.size
    }
    return { records, bytes }
  }

  /**
   * What read() finds, as regions of the segment files that a fetch response sends as the socket
   * drains: no record byte is read here. The caller releases every region.
   */
  readRegions(fetchOffset: bigint, maxBytes: number, opts: ReadOptions): RegionsResult {
    const regions: FileRegion[] = []
    let bytes = 0
    let nextOffset = fetchOffset
    for (const { segment, slice } of this.#slices(fetchOffset, maxBytes, opts)) {
      regions.push(segment.region(slice))
      bytes += slice.size
      nextOffset = slice.nextOffset
    }
    return { regions, bytes, nextOffset }
  }

  #slices(fetchOffset: bigint, maxBytes: number, opts: ReadOptions): Array<{ segment: LogSegment; slice: SegmentSlice }> {
    this.#ensureOpen()
    if (fetchOffset < this.#logStartOffset || fetchOffset > this.#logEndOffset) {
      throw new KafkaError(ErrorCode.OFFSET_OUT_OF_RANGE, `offset ${fetchOffset} is outside [${this.#logStartOffset}, ${this.#logEndOffset}] of ${this.dir}`)
    }
    return this.#io(() => sliceSegments(this.#segments, fetchOffset, this.#logEndOffset, maxBytes, opts))
  }

  /**
   * ListOffsets by timestamp: the first record at or after logStartOffset with timestamp >= ts
   * (the batch's base offset for compressed batches, see LogSegment.findOffsetByTimestamp).
   */
  offsetForTimestamp(ts: bigint): TimestampAndOffset | null {
    this.#ensureOpen()
    return this.#io(() => offsetForTimestamp(this.#segments, this.#logStartOffset, ts))
  }

  /** ListOffsets MAX_TIMESTAMP (-3): the record with the largest timestamp (first one on ties). */
  maxTimestampOffset(): TimestampAndOffset | null {
    this.#ensureOpen()
    return this.#io(() => maxTimestampOffset(this.#segments, this.#logStartOffset))
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
    if (offset > this.#logStartOffset) {
      this.#logStartOffset = offset
      const doomed: LogSegment[] = []
      while (this.#segments.length > 1 && this.#segments[1]!.baseOffset <= offset) doomed.push(this.#segments.shift()!)
      this.producerState.truncateHead(offset)
      this.#logStartMoved()
      await this.#removeSegments(doomed)
      deleteSnapshotsBefore(this.#files.fs, this.dir, this.#segments[0]!.baseOffset)
    }
    // The answer says the new start is on disk: a checkpoint that failed (a full disk) is retried
    // by the next call rather than passed over.
    try {
      await this.#writeCheckpoint()
    } catch (err) {
      throw new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `cannot write the log start offset of ${this.dir}`, { cause: err })
    }
    return this.#logStartOffset
  }

  /**
   * Retention (Kafka's deleteOldSegments). With cleanup.policy delete (alone or with compact):
   * whole segments whose largest timestamp is older than retention.ms, then the oldest segments
   * while the log is larger than retention.bytes. With any policy: segments entirely below
   * logStartOffset. Each rule deletes from the oldest segment on and stops at the first one it
   * must keep. As in Kafka, when every segment is due (an idle log past retention.ms) the
   * active segment is rolled first and then deleted like the others, so the log is left with a
   * new empty segment at logEndOffset. logStartOffset moves up to the first remaining segment.
   * Returns the number of segments deleted.
   */
  async deleteOldSegments(nowMs = Date.now()): Promise<number> {
    if (this.#closed) return 0
    const cfg = this.#config
    let deleted = 0
    if (hasDeletePolicy(cfg)) {
      if (cfg.retentionMs >= 0) {
        deleted += await this.#deleteSegmentsWhile((s) => nowMs - s.largestTimestamp > cfg.retentionMs, 'retention.ms')
      }
      if (cfg.retentionBytes >= 0) {
        let excess = this.size - cfg.retentionBytes
        deleted += await this.#deleteSegmentsWhile((s) => {
          if (excess - s.size < 0) return false
          excess -= s.size
          return true
        }, 'retention.bytes')
      }
    }
    deleted += await this.#deleteSegmentsWhile((_s, next) => next !== undefined && next.baseOffset <= this.#logStartOffset, 'log start offset')
    return deleted
  }

  async #deleteSegmentsWhile(due: (s: LogSegment, next: LogSegment | undefined) => boolean, reason: string): Promise<number> {
    if (this.#closed) return 0
    const doomed: LogSegment[] = []
    for (let i = 0; i < this.#segments.length; i++) {
      const s = this.#segments[i]!
      const next = this.#segments[i + 1]
      if ((next === undefined && s.size === 0) || !due(s, next)) break
      doomed.push(s)
    }
    if (doomed.length === 0) return 0
    if (doomed.length === this.#segments.length) {
      // A log out of service (a full disk) keeps its active segment: rolling would write; so
      // does a log whose roll fails (the disk is full): the older segments go all the same.
      if (this.#failure !== undefined) doomed.pop()
      else {
        try {
          this.#roll()
        } catch (err) {
          this.#logger.warn({ err, dir: this.dir }, 'cannot roll the active segment; keeping it')
          doomed.pop()
        }
      }
    }
    if (doomed.length === 0) return 0
    this.#segments.splice(0, doomed.length)
    const first = this.#segments[0]!.baseOffset
    if (first > this.#logStartOffset) this.#logStartOffset = first
    this.producerState.truncateHead(this.#logStartOffset)
    this.#logStartMoved()
    this.#logger.info({ dir: this.dir, reason, segments: doomed.length, logStartOffset: this.#logStartOffset }, 'deleting segments past retention')
    await this.#removeSegments(doomed)
    deleteSnapshotsBefore(this.#files.fs, this.dir, this.#segments[0]!.baseOffset)
    return doomed.length
  }

  /**
   * The cleaner's commit: puts `cleaned` in place of `old`, a run of consecutive non-active
   * segments it was built from. `cleaned` holds the same offsets (minus removed records), ends
   * at the same next offset, has files named `<base>.*.cleaned`, and is fsynced. Synchronous, so
   * a read sees either the old segments or the new one. Returns false, changing nothing, when
   * `old` is no longer a run of live non-active segments (retention, DeleteRecords, truncation
   * or close got there first); the caller then deletes `cleaned`.
   *
   * Crash safety, as Kafka: the files are renamed `.cleaned` -> `.swap` (the .log last: a
   * `<base>.log.swap` on disk is the commit point, and recovery then completes the swap), the
   * old segments to `.deleted`, and the `.swap` files to their final names.
   */
  replaceSegments(old: readonly LogSegment[], cleaned: LogSegment): boolean {
    if (this.#closed || old.length === 0) return false
    const at = this.#segments.indexOf(old[0]!)
    if (at < 0 || at + old.length > this.#segments.length - 1) return false
    for (let k = 1; k < old.length; k++) if (this.#segments[at + k] !== old[k]) return false
    cleaned.changeFileSuffix('.swap')
    for (const s of old) s.markDeleted()
    cleaned.changeFileSuffix('')
    this.#segments.splice(at, old.length, cleaned)
    this.#deleteFilesLater(old)
    return true
  }

  /**
   * Drops everything at and above `offset` (replication's truncation). Works at batch
   * granularity: the batch containing `offset` goes entirely, so logEndOffset may end below it.
   * Below the log start it empties the log and starts it at `offset`. `stillAllowed` is asked
   * once the pending writes are done, right before the truncation: false leaves the log alone
   * (its owner's role changed meanwhile). Returns whether the log was truncated.
   */
  async truncateTo(offset: bigint, stillAllowed?: () => boolean): Promise<boolean> {
    this.#ensureOpen()
    if (offset >= this.#logEndOffset) {
      // An epoch started at the log end by a leader that wrote nothing in it conflicts with the
      // new leader's history: it goes even when no record does (as in Kafka's truncateTo).
      if (this.#epochs.cache.truncateFromEnd(this.#logEndOffset)) this.#saveEpochs()
      return false
    }
    // No write may land after the truncation.
    await this.#writer.whenWritten()
    if (stillAllowed?.() === false) return false
    this.#ensureOpen()
    if (offset >= this.#logEndOffset) return false
    await this.#removeSegments(this.#truncate(offset, offset < this.#logStartOffset))
    return true
  }

  /**
   * Kafka's truncateFullyAndStartAt: empties the log and starts it at `offset` (a follower
   * whose log ends below its leader's log start). `stillAllowed` as for truncateTo.
   */
  async truncateFullyAndStartAt(offset: bigint, stillAllowed?: () => boolean): Promise<boolean> {
    this.#ensureOpen()
    await this.#writer.whenWritten()
    if (stillAllowed?.() === false) return false
    this.#ensureOpen()
    await this.#removeSegments(this.#truncate(offset, true))
    return true
  }

  /** The in-memory part of a truncation (synchronous); returns the segments to delete. */
  #truncate(offset: bigint, full: boolean): LogSegment[] {
    let doomed: LogSegment[]
    if (full) {
      // Rename the old files first: one may share the new name.
      doomed = this.#segments
      for (const s of doomed) s.markDeleted()
      this.#segments = [LogSegment.create(this.dir, offset, this.segmentOptions)]
      this.#active.attachWriter(this.#writer)
      this.#logStartOffset = offset
      deleteSnapshotsAfter(this.#files.fs, this.dir, -1n)
    } else {
      doomed = this.#segments.filter((s) => s.baseOffset > offset)
      this.#segments = this.#segments.filter((s) => s.baseOffset <= offset)
      this.#active.truncateTo(offset)
    }
    this.#logEndOffset = this.#active.nextOffset
    this.#writer.truncatedTo(this.#logEndOffset)
    if (this.#recoveryPoint > this.#logEndOffset || full) this.#recoveryPoint = this.#logEndOffset
    if (this.#highWatermark !== null) this.#highWatermark = this.#clampHighWatermark(this.#highWatermark)
    const epochs = this.#epochs.cache
    if (full ? epochs.clear() : epochs.truncateFromEnd(this.#logEndOffset)) this.#saveEpochs()
    replayProducerState(this.#files.fs, this.dir, this.#segments, this.producerState, this.#logStartOffset, this.#logEndOffset)
    this.#producerStateChanged = true
    return doomed
  }

  /**
   * Rename first (a crash leaves *.deleted files that open removes), then checkpoint, then
   * unlink. Renames and unlinks need no free space; the checkpoint does, so on a full disk it
   * is left for later (the loader takes the first segment's base offset as the start anyway):
   * deleting old segments is how a full disk gets space back.
   */
  async #removeSegments(doomed: LogSegment[]): Promise<void> {
    try {
      for (const s of doomed) s.markDeleted()
    } catch (err) {
      // The segment list no longer matches the files: out of service until reloaded.
      throw this.#storageError(this.#fail(err))
    }
    try {
      await this.#writeCheckpoint()
    } catch (err) {
      this.#logger.warn({ err, dir: this.dir }, 'cannot write the log checkpoint; deleting the segments anyway')
    }
    await this.#deleteFilesLater(doomed)
  }

  /**
   * Unlinks renamed (`.deleted`) segments after file.delete.delay.ms, or now when it is 0, the
   * log is closing, or the disk is nearly full (less than message.max.bytes free): then the
   * space matters more, and a reader still using a file holds its descriptor (retainFile),
   * which survives the unlink.
   */
  #deleteFilesLater(doomed: readonly LogSegment[]): Promise<void> {
    const delay = this.#config.fileDeleteDelayMs
    if (delay <= 0 || this.#closed || this.#spaceIsShort()) return this.#deleteFilesNow(doomed)
    for (const s of doomed) {
      const timer = setTimeout(() => void this.#deleteFilesNow([s]), Math.min(delay, 0x7fffffff))
      timer.unref()
      this.#pendingDeletes.set(s, timer)
    }
    return Promise.resolve()
  }

  #spaceIsShort(): boolean {
    try {
      return this.#files.fs.availableBytes(this.dir) < this.#config.maxMessageBytes
    } catch {
      return false
    }
  }

  /** Unlinks the segments waiting out file.delete.delay.ms now (the disk is full). */
  deletePendingFiles(): Promise<void> {
    return this.#deleteFilesNow([...this.#pendingDeletes.keys()])
  }

  async #deleteFilesNow(doomed: readonly LogSegment[]): Promise<void> {
    for (const s of doomed) {
      clearTimeout(this.#pendingDeletes.get(s))
      this.#pendingDeletes.delete(s)
    }
    const results = await Promise.allSettled(doomed.map((s) => s.deleteFiles()))
    for (const r of results) if (r.status === 'rejected') this.#logger.error({ err: r.reason, dir: this.dir }, 'cannot delete segment files')
  }

  /**
   * fsyncs every segment that may hold data above the recovery point, then checkpoints it. A
   * failed fsync or index write takes the log out of service (and rejects); a failed checkpoint
   * only leaves the recovery point behind (more to check after a crash).
   */
  async flush(): Promise<void> {
    if (this.#closed || this.#failure !== undefined) return
    const upTo = this.#logEndOffset
    // Past the recovery point everything may be unsynced; before it, a rebuilt index may be.
    const from = floorSegment(this.#segments, this.#recoveryPoint)
    const segments = this.#segments.filter((s, i) => i >= from || s.unsynced)
    this.#unflushedMessages = 0
    this.#lastFlushMs = Date.now()
    if (upTo === this.#recoveryPoint && !segments.some((s) => s.unsynced)) return
    try {
      await Promise.all(segments.map((s) => s.flush()))
    } catch (err) {
      throw this.#storageError(this.#fail(new StorageError('SAMSA_STORAGE_FLUSH', `cannot flush ${this.dir}`, { cause: err })))
    }
    if (this.#closed) return // closed without flushing meanwhile (deletion): leave the dir alone
    // Leader epochs that start below the recovery point must be on disk: a restart rescans only above it.
    try {
      await this.#epochs.flushed()
    } catch (err) {
      this.#logger.warn({ err, dir: this.dir }, 'cannot write the leader epoch checkpoint; the recovery point stays')
      return
    }
    if (upTo > this.#recoveryPoint) this.#recoveryPoint = upTo
    try {
      await this.#writeCheckpoint()
    } catch (err) {
      this.#logger.warn({ err, dir: this.dir }, 'cannot write the log checkpoint')
    }
  }

  /** flush.ms policy, called periodically by the log manager. */
  maybeFlush(nowMs: number): Promise<void> | undefined {
    if (this.#unflushedMessages === 0 || nowMs - this.#lastFlushMs < this.#config.flushMs) return undefined
    return this.flush()
  }

  /** Forgets idle idempotent producers (producer.id.expiration.ms). */
  removeExpiredProducers(nowMs: bigint): number {
    const removed = this.producerState.removeExpired(nowMs, this.#config.producerIdExpirationMs)
    if (removed > 0) this.#producerStateChanged = true
    return removed
  }

  /** Writes log.checkpoint when it differs from what is on disk; serialised. */
  #writeCheckpoint(): Promise<void> {
    const write = async () => {
      // A log out of service writes nothing more: its memory may be ahead of its files.
      if (this.#failure !== undefined) return
      const c = { logStartOffset: this.#logStartOffset, recoveryPoint: this.#recoveryPoint }
      const on = this.#checkpointed
      if (on !== undefined && on.logStartOffset === c.logStartOffset && on.recoveryPoint === c.recoveryPoint) return
      await writeCheckpoint(this.#files.fs, this.dir, c)
      this.#checkpointed = c
    }
    this.#checkpointChain = this.#checkpointChain.then(write, write)
    return this.#checkpointChain
  }

  /**
   * Clean close: fsync, producer snapshot at logEndOffset, checkpoint, close files. A log that
   * nothing changed since it was opened writes nothing. Rejects when the log could not be
   * closed cleanly (it failed, or the flush did): the log manager then leaves the
   * clean-shutdown marker out, so the next start recovers.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    if (this.#failure !== undefined) {
      await this.closeFiles()
      throw this.#storageError(this.#failure)
    }
    try {
      await this.flush()
      await this.#epochs.flushed()
      if (this.#producerStateChanged) writeSnapshot(this.#files.fs, this.dir, this.#logEndOffset, [...this.producerState.entries()])
    } catch (err) {
      await this.closeFiles()
      throw err
    }
    this.#closed = true
    await this.#checkpointChain.catch(() => {})
    await this.#deleteFilesNow([...this.#pendingDeletes.keys()])
    await Promise.all(this.#segments.map((s) => s.close()))
  }

  /** Closes the files without flushing (the log is about to be deleted). */
  async closeFiles(): Promise<void> {
    this.#closed = true
    await this.#checkpointChain.catch(() => {})
    await this.#deleteFilesNow([...this.#pendingDeletes.keys()])
    await Promise.all(this.#segments.map((s) => s.close()))
  }

  /** Closes without flushing and removes the directory. */
  async delete(): Promise<void> {
    await this.closeFiles()
    await this.#files.fs.rm(this.dir)
  }
}
