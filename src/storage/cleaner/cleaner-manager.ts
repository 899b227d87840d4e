/**
 * Schedules the log cleaner (Kafka's LogCleaner thread + LogCleanerManager), on the event loop:
 * every log.cleaner.backoff.ms it picks the filthiest compacted log, cleans it (one pass, sliced
 * so requests keep flowing), and goes on with the next until none is due, then sleeps again.
 *
 * A log is due when its dirty ratio exceeds min.cleanable.dirty.ratio, when its oldest dirty
 * record is older than max.compaction.lag.ms, or when a kept tombstone's delete horizon has
 * passed (so idle logs still drop expired tombstones). Config is read from the log at every
 * pick, so AlterConfigs changes apply at the next pass. A pass holds the log's lifecycle lock
 * (PartitionLog.runExclusive), so retention never runs on the same log at the same time.
 */
import type { StorageLogger } from '../logger.js'
import { isCompacted } from '../log-config.js'
import type { PartitionLog } from '../partition-log.js'
import { readCleanerCheckpoint, type CleanerCheckpoint } from './cleaner-checkpoint.js'
import { cleanLog, cleanableRange, type CleanStats, type CleanableRange } from './log-cleaner.js'

export interface CleanerConfig {
  /** log.cleaner.backoff.ms: sleep when nothing is due (Kafka: 15000). */
  backoffMs?: number
  /** log.cleaner.dedupe.buffer.size (Kafka: 128 MiB). */
  dedupeBufferBytes?: number
  /** log.cleaner.io.buffer.size (Kafka: 512 KiB). */
  ioBufferBytes?: number
  /** Longest synchronous stretch of cleaner work before yielding (default 4 ms). */
  sliceMs?: number
  /** log.cleaner.io.max.bytes.per.second (Kafka: unlimited). */
  ioMaxBytesPerSecond?: number
}

export interface CleanedLog {
  log: PartitionLog
  stats: CleanStats
}

export class LogCleanerManager {
  readonly backoffMs: number
  readonly #dedupeBufferBytes: number
  readonly #ioBufferBytes: number
  readonly #sliceMs: number
  readonly #ioMaxBytesPerSecond: number
  readonly #logs: () => Iterable<PartitionLog>
  readonly #logger: StorageLogger
  /** Cached cleaner checkpoints; null = read, none on disk. */
  #checkpoints = new WeakMap<PartitionLog, CleanerCheckpoint | null>()
  /** Logs whose cleaning failed: skipped until restart, as Kafka marks them uncleanable. */
  #failed = new WeakSet<PartitionLog>()
  #timer: NodeJS.Timeout | undefined
  #running: Promise<unknown> | undefined
  #stopped = false
  #passes = 0

  constructor(logs: () => Iterable<PartitionLog>, config: CleanerConfig, logger: StorageLogger) {
    this.#logs = logs
    this.#logger = logger
    this.backoffMs = config.backoffMs ?? 15_000
    this.#dedupeBufferBytes = config.dedupeBufferBytes ?? 128 * 1024 * 1024
    this.#ioBufferBytes = Math.max(64 * 1024, config.ioBufferBytes ?? 512 * 1024)
    this.#sliceMs = config.sliceMs ?? 4
    const rate = config.ioMaxBytesPerSecond ?? Infinity
    this.#ioMaxBytesPerSecond = rate > 0 && rate < Number.MAX_VALUE ? rate : Infinity
  }

  /** Passes completed since start. */
  get passes(): number {
    return this.#passes
  }

  start(): void {
    this.#schedule()
  }

  #schedule(): void {
    if (this.#stopped) return
    this.#timer = setTimeout(
      () => {
        this.#running = this.cleanDue().finally(() => {
          this.#running = undefined
          this.#schedule()
        })
      },
      Math.min(this.backoffMs, 0x7fffffff),
    )
    this.#timer.unref()
  }

  /** Stops scheduling and waits for a pass under way to give up. */
  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#running?.catch(() => {})
  }

  #checkpoint(log: PartitionLog): CleanerCheckpoint | undefined {
    let cp = this.#checkpoints.get(log)
    if (cp === undefined) {
      cp = readCleanerCheckpoint(log.fs, log.dir) ?? null
      this.#checkpoints.set(log, cp)
    }
    return cp ?? undefined
  }

  /** Kafka's grabFilthiestCompactedLog: the due log with the highest dirty ratio. */
  grabFilthiestLog(nowMs: number, skip: ReadonlySet<PartitionLog> = new Set()): { log: PartitionLog; range: CleanableRange } | undefined {
    let best: { log: PartitionLog; range: CleanableRange; score: number } | undefined
    for (const log of this.#logs()) {
      if (log.closed || !isCompacted(log.config) || this.#failed.has(log) || skip.has(log)) continue
      const range = cleanableRange(log, this.#checkpoint(log), nowMs)
      const dirty = range.dirtyBytes > 0
      const due = (dirty && (range.needCompactionNow || range.dirtyRatio > log.config.minCleanableDirtyRatio)) || range.tombstonesDue
      if (!due) continue
      // Forced cleanings (max lag, expired tombstones) go first, then the dirtiest.
      const score = range.needCompactionNow || range.tombstonesDue ? 2 + range.dirtyRatio : range.dirtyRatio
      if (best === undefined || score > best.score) best = { log, range, score }
    }
    return best
  }

  /** Cleans due logs, filthiest first, each at most once; returns what was cleaned. */
  async cleanDue(nowMs?: () => number): Promise<CleanedLog[]> {
    const now = nowMs ?? Date.now
    const done: CleanedLog[] = []
    const tried = new Set<PartitionLog>()
    while (!this.#stopped) {
      const target = this.grabFilthiestLog(now(), tried)
      if (target === undefined) break
      tried.add(target.log)
      const stats = await this.cleanOne(target.log, now())
      if (stats !== undefined) done.push({ log: target.log, stats })
    }
    return done
  }

  /** One pass over `log` if it is compacted (whatever its dirty ratio); undefined if abandoned. */
  async cleanOne(log: PartitionLog, nowMs = Date.now()): Promise<CleanStats | undefined> {
    return log.runExclusive(async () => {
      if (log.closed || !isCompacted(log.config) || this.#stopped) return undefined
      const range = cleanableRange(log, this.#checkpoint(log), nowMs)
      try {
        const stats = await cleanLog(log, range, nowMs, {
          dedupeBufferBytes: this.#dedupeBufferBytes,
          ioBufferBytes: this.#ioBufferBytes,
          sliceMs: this.#sliceMs,
          ioMaxBytesPerSecond: this.#ioMaxBytesPerSecond,
          logger: this.#logger,
          stopped: () => this.#stopped,
        })
        if (stats === undefined) return undefined
        this.#passes++
        this.#checkpoints.set(log, { firstDirtyOffset: stats.endOffset, deleteHorizonMs: stats.deleteHorizonMs })
        this.#logger.info(
          {
            dir: log.dir,
            endOffset: stats.endOffset,
            segmentsIn: stats.segmentsIn,
            segmentsOut: stats.segmentsOut,
            bytesRead: stats.bytesRead,
            bytesWritten: stats.bytesWritten,
            recordsRemoved: stats.recordsRemoved,
            ms: Math.round(stats.durationMs),
          },
          'cleaned log',
        )
        return stats
      } catch (err) {
        this.#failed.add(log)
        this.#logger.error({ err, dir: log.dir }, 'log cleaning failed; not cleaning this log again until restart')
        return undefined
      }
    })
  }
}
