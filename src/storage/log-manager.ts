/**
 * Owns the log directories (Kafka's LogManager): loads every `<topic>-<partition>` directory on
 * start, creates and deletes partition logs, runs the periodic flush.ms / producer-expiry checks,
 * the retention check (log.retention.check.interval.ms) and the log cleaner, and keeps a
 * clean-shutdown marker so a restart knows whether to re-validate unflushed data.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { StorageError } from '../errors.js'
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config.js'
import { parseTopicPartitionDir, topicPartitionDir } from './log-files.js'
import { silentLogger, type StorageLogger } from './logger.js'
import { PartitionLog } from './partition-log.js'
import { LogCleanerManager, type CleanerConfig } from './cleaner/cleaner-manager.js'

/** Written on clean shutdown, removed once the logs are loaded (Kafka: `.kafka_cleanshutdown`). */
export const CLEAN_SHUTDOWN_FILE = '.samsa_cleanshutdown'
const DELETE_DIR_SUFFIX = '-delete'

export interface LogManagerOptions {
  /** log.dirs; new partitions go to the first one for now. */
  logDirs: readonly string[]
  defaultConfig?: LogConfig
  /** Per-topic overrides (topic configs); consulted when a log is loaded or created. */
  topicConfig?: (topic: string) => Partial<LogConfig> | undefined
  logger?: StorageLogger
  /** log.flush.scheduler.interval.ms: how often flush.ms and producer expiry are checked. */
  flushCheckIntervalMs?: number
  /** log.retention.check.interval.ms (Kafka: 300000); 0 or less turns the check off. */
  retentionCheckIntervalMs?: number
  /** The log cleaner for compacted logs (log.cleaner.*); on unless `enabled: false`. */
  cleaner?: CleanerConfig & { enabled?: boolean }
}

export interface TopicPartition {
  topic: string
  partition: number
}

const key = (topic: string, partition: number): string => topicPartitionDir(topic, partition)

export class LogManager {
  readonly logDirs: readonly string[]
  #logs = new Map<string, { tp: TopicPartition; log: PartitionLog }>()
  #opts: LogManagerOptions
  #logger: StorageLogger
  #timer: NodeJS.Timeout | undefined
  #retentionTimer: NodeJS.Timeout | undefined
  #retentionRun: Promise<number> | undefined
  #cleaner: LogCleanerManager | undefined
  #shutDown = false

  private constructor(opts: LogManagerOptions) {
    if (opts.logDirs.length === 0) throw new StorageError('SAMSA_STORAGE_CONFIG', 'log.dirs is empty')
    this.logDirs = opts.logDirs
    this.#opts = opts
    this.#logger = opts.logger ?? silentLogger
  }

  /** Loads all logs in every log dir, then starts the flush scheduler, retention and the cleaner. */
  static async start(opts: LogManagerOptions): Promise<LogManager> {
    const m = new LogManager(opts)
    for (const dir of m.logDirs) await m.#loadDir(dir)
    m.#startScheduler()
    m.#startRetention()
    if (opts.cleaner?.enabled !== false) {
      m.#cleaner = new LogCleanerManager(() => [...m.#logs.values()].map((e) => e.log), opts.cleaner ?? {}, m.#logger)
      m.#cleaner.start()
    }
    return m
  }

  /** The log cleaner, unless disabled. */
  get cleaner(): LogCleanerManager | undefined {
    return this.#cleaner
  }

  async #loadDir(dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true })
    const marker = join(dir, CLEAN_SHUTDOWN_FILE)
    const hadCleanShutdown = existsSync(marker)
    if (!hadCleanShutdown) this.#logger.info({ dir }, 'no clean shutdown marker: recovering unflushed segments')
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (name.endsWith(DELETE_DIR_SUFFIX)) {
        // A delete interrupted by a crash: finish it.
        rmSync(path, { recursive: true, force: true })
        continue
      }
      const tp = parseTopicPartitionDir(name)
      if (tp === undefined || !statSync(path).isDirectory()) continue
      const log = await PartitionLog.open(path, this.#configFor(tp.topic), { logger: this.#logger, hadCleanShutdown })
      this.#logs.set(key(tp.topic, tp.partition), { tp, log })
    }
    // From here on a crash is unclean until shutdown() writes the marker again.
    rmSync(marker, { force: true })
  }

  #configFor(topic: string, override?: Partial<LogConfig>): LogConfig {
    return { ...(this.#opts.defaultConfig ?? DEFAULT_LOG_CONFIG), ...this.#opts.topicConfig?.(topic), ...override }
  }

  getLog(topic: string, partition: number): PartitionLog | undefined {
    return this.#logs.get(key(topic, partition))?.log
  }

  async getOrCreateLog(topic: string, partition: number, config?: Partial<LogConfig>): Promise<PartitionLog> {
    const existing = this.getLog(topic, partition)
    if (existing !== undefined) return existing
    if (this.#shutDown) throw new StorageError('SAMSA_STORAGE_CLOSED', 'log manager is shut down')
    if (topic.length === 0 || topic.includes('/') || topic === '.' || topic === '..') {
      throw new StorageError('SAMSA_STORAGE_CONFIG', `invalid topic name ${JSON.stringify(topic)}`)
    }
    const dir = join(this.logDirs[0]!, topicPartitionDir(topic, partition))
    const log = await PartitionLog.open(dir, this.#configFor(topic, config), { logger: this.#logger, hadCleanShutdown: true })
    // Another caller may have created it while we awaited.
    const raced = this.getLog(topic, partition)
    if (raced !== undefined) {
      await log.close()
      return raced
    }
    this.#logs.set(key(topic, partition), { tp: { topic, partition }, log })
    return log
  }

  allLogs(): { topic: string; partition: number; log: PartitionLog }[] {
    return [...this.#logs.values()].map(({ tp, log }) => ({ ...tp, log }))
  }

  /**
   * Deletes a partition's log: renamed to `<name>.<uuid>-delete` at once (so it is gone for
   * readers and a restart), then removed in the background, as Kafka does.
   */
  async deleteLog(topic: string, partition: number): Promise<boolean> {
    const entry = this.#logs.get(key(topic, partition))
    if (entry === undefined) return false
    this.#logs.delete(key(topic, partition))
    const dir = entry.log.dir
    const doomed = `${dir}.${randomUUID().replaceAll('-', '')}${DELETE_DIR_SUFFIX}`
    await entry.log.closeFiles()
    renameSync(dir, doomed)
    await rm(doomed, { recursive: true, force: true })
    return true
  }

  /** One pass of the scheduler: flush.ms and producer.id.expiration.ms. */
  async runScheduledTasks(nowMs = Date.now()): Promise<void> {
    const flushes: Promise<void>[] = []
    for (const { log } of this.#logs.values()) {
      const p = log.maybeFlush(nowMs)
      if (p !== undefined) flushes.push(p)
      log.removeExpiredProducers(BigInt(nowMs))
    }
    const results = await Promise.allSettled(flushes)
    for (const r of results) if (r.status === 'rejected') this.#logger.error({ err: r.reason }, 'scheduled flush failed')
  }

  /**
   * One retention check over every log (PartitionLog.deleteOldSegments), each under its log's
   * lifecycle lock so it never overlaps a cleaning of that log. Returns segments deleted.
   */
  runRetention(nowMs = Date.now()): Promise<number> {
    if (this.#retentionRun !== undefined) return this.#retentionRun
    const run = this.#retentionPass(nowMs)
    this.#retentionRun = run
    run
      .finally(() => {
        if (this.#retentionRun === run) this.#retentionRun = undefined
      })
      .catch(() => {})
    return run
  }

  async #retentionPass(nowMs: number): Promise<number> {
    let deleted = 0
    for (const { log } of [...this.#logs.values()]) {
      if (this.#shutDown) break
      try {
        deleted += await log.runExclusive(() => log.deleteOldSegments(nowMs))
      } catch (err) {
        this.#logger.error({ err, dir: log.dir }, 'retention check failed')
      }
    }
    return deleted
  }

  #startRetention(): void {
    const interval = this.#opts.retentionCheckIntervalMs ?? 300_000
    if (!Number.isFinite(interval) || interval <= 0) return
    this.#retentionTimer = setInterval(() => void this.runRetention(), Math.min(interval, 0x7fffffff))
    this.#retentionTimer.unref()
  }

  #startScheduler(): void {
    const interval = this.#opts.flushCheckIntervalMs ?? 1000
    if (!Number.isFinite(interval) || interval <= 0) return
    this.#timer = setInterval(() => void this.runScheduledTasks(), interval)
    this.#timer.unref()
  }

  /** Flushes and closes every log, then writes the clean-shutdown marker in each log dir. */
  async shutdown(): Promise<void> {
    if (this.#shutDown) return
    this.#shutDown = true
    clearInterval(this.#timer)
    clearInterval(this.#retentionTimer)
    await this.#cleaner?.stop()
    await this.#retentionRun?.catch(() => {})
    const results = await Promise.allSettled([...this.#logs.values()].map(({ log }) => log.close()))
    this.#logs.clear()
    const failed = results.filter((r) => r.status === 'rejected')
    if (failed.length > 0) {
      // Without the marker the next start re-validates unflushed data, which is what we want.
      this.#logger.error({ errors: failed.length }, 'some logs did not close cleanly')
      return
    }
    for (const dir of this.logDirs) writeFileSync(join(dir, CLEAN_SHUTDOWN_FILE), '')
  }
}
