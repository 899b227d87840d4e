/**
 * Owns the log directories (Kafka's LogManager): loads every `<topic>-<partition>` directory on
 * start, creates and deletes partition logs, runs the periodic flush.ms / producer-expiry checks,
 * the retention check (log.retention.check.interval.ms) and the log cleaner, and keeps a
 * clean-shutdown marker so a restart knows whether to re-validate unflushed data. It also owns
 * the descriptors of segment files (OpenFiles, bounded by the process's limit) and brings logs
 * that a full disk took out of service back once space is free.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { StorageError } from '../errors.js'
import { descriptorBudget } from './descriptor-budget.js'
import { nodeFs, unlinkIfExists, writeFileSync, type StorageFs } from './file-system.js'
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config.js'
import { parseTopicPartitionDir, topicPartitionDir } from './log-files.js'
import { silentLogger, type StorageLogger } from './logger.js'
import { OpenFiles } from './open-files.js'
import { PartitionLog } from './partition-log.js'
import { LogCleanerManager, type CleanerConfig } from './cleaner/cleaner-manager.js'
import { hwKey, readReplicationCheckpoint, writeReplicationCheckpoint } from './replication-checkpoint.js'

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
  /** The file system (tests inject failures here); node:fs by default. */
  fs?: StorageFs
  /** Most partition logs, and segment descriptors kept open; from the process's limit by default (descriptorBudget). */
  maxLogs?: number
  /** Logs closed at once at shutdown. */
  closeConcurrency?: number
  /** replica.high.watermark.checkpoint.interval.ms (Kafka: 5000): how often high watermarks are written. */
  highWatermarkCheckpointIntervalMs?: number
}

export interface TopicPartition {
  topic: string
  partition: number
}

const key = (topic: string, partition: number): string => topicPartitionDir(topic, partition)

export class LogManager {
  readonly logDirs: readonly string[]
  #logs = new Map<string, { tp: TopicPartition; log: PartitionLog; logDir: string }>()
  #opts: LogManagerOptions
  #logger: StorageLogger
  #timer: NodeJS.Timeout | undefined
  #retentionTimer: NodeJS.Timeout | undefined
  #retentionRun: Promise<number> | undefined
  #cleaner: LogCleanerManager | undefined
  #shutDown = false
  readonly #fs: StorageFs
  readonly #files: OpenFiles
  /** Most partition logs this manager takes (see descriptorBudget). */
  readonly maxLogs: number
  #recovering: Promise<void> | undefined
  #hwTimer: NodeJS.Timeout | undefined
  /** What each log dir's replication-offset-checkpoint holds, as last written. */
  readonly #hwWritten = new Map<string, string>()
  #hwWrite: Promise<void> = Promise.resolve()

  private constructor(opts: LogManagerOptions) {
    if (opts.logDirs.length === 0) throw new StorageError('SAMSA_STORAGE_CONFIG', 'log.dirs is empty')
    this.logDirs = opts.logDirs
    this.#opts = opts
    this.#logger = opts.logger ?? silentLogger
    this.#fs = opts.fs ?? nodeFs
    this.maxLogs = opts.maxLogs ?? descriptorBudget().maxLogs
    this.#files = new OpenFiles(this.#fs, { capacity: this.maxLogs })
  }

  /** Segment descriptors open now (for diagnostics and tests). */
  get openFileCount(): number {
    return this.#files.openCount
  }

  /** Partition logs held now. */
  get logCount(): number {
    return this.#logs.size
  }

  /** Loads all logs in every log dir, then starts the flush scheduler, retention and the cleaner. */
  static async start(opts: LogManagerOptions): Promise<LogManager> {
    const m = new LogManager(opts)
    try {
      for (const dir of m.logDirs) await m.#loadDir(dir)
    } catch (err) {
      await Promise.allSettled([...m.#logs.values()].map(({ log }) => log.closeFiles()))
      throw err
    }
    m.#startScheduler()
    m.#startRetention()
    m.#startHighWatermarkCheckpoints()
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
    const fs = this.#fs
    fs.mkdirSync(dir)
    const marker = join(dir, CLEAN_SHUTDOWN_FILE)
    const hadCleanShutdown = fs.statSync(marker) !== undefined
    const names = fs.readdirSync(dir)
    // A first start on an empty directory has nothing to recover.
    if (!hadCleanShutdown && names.some((n) => /-\d+$/.test(n))) this.#logger.info({ dir }, 'no clean shutdown marker: recovering unflushed segments')
    // Resolved once per topic, not per partition: it is most of the CPU a start costs otherwise.
    const configs = new Map<string, LogConfig>()
    const hws = readReplicationCheckpoint(fs, dir)
    for (const name of names) {
      const path = join(dir, name)
      if (name.endsWith(DELETE_DIR_SUFFIX)) {
        // A delete interrupted by a crash: finish it.
        fs.rmSync(path)
        continue
      }
      const tp = parseTopicPartitionDir(name)
      if (tp === undefined || fs.statSync(path)?.isDirectory() !== true) continue
      let config = configs.get(tp.topic)
      if (config === undefined) configs.set(tp.topic, (config = this.#configFor(tp.topic)))
      const log = await PartitionLog.open(path, config, { logger: this.#logger, hadCleanShutdown, files: this.#files, create: false })
      const hw = hws.get(hwKey(tp.topic, tp.partition))
      if (hw !== undefined) log.updateHighWatermark(hw)
      this.#logs.set(key(tp.topic, tp.partition), { tp, log, logDir: dir })
    }
    // From here on a crash is unclean until shutdown() writes the marker again.
    unlinkIfExists(fs, marker)
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
    if (this.#logs.size >= this.maxLogs) {
      throw new StorageError('SAMSA_STORAGE_LIMIT', `cannot hold more than ${this.maxLogs} partition logs under this process's file descriptor limit`)
    }
    const dir = join(this.logDirs[0]!, topicPartitionDir(topic, partition))
    const existed = this.#fs.statSync(dir) !== undefined
    let log: PartitionLog
    try {
      log = await PartitionLog.open(dir, this.#configFor(topic, config), { logger: this.#logger, hadCleanShutdown: true, files: this.#files })
    } catch (err) {
      // A new partition that could not be made leaves no directory behind.
      if (!existed) await this.#fs.rm(dir).catch(() => {})
      throw err
    }
    // Another caller may have created it while we awaited.
    const raced = this.getLog(topic, partition)
    if (raced !== undefined) {
      await log.close()
      return raced
    }
    this.#logs.set(key(topic, partition), { tp: { topic, partition }, log, logDir: this.logDirs[0]! })
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
    this.#fs.renameSync(dir, doomed)
    await this.#fs.rm(doomed)
    return true
  }

  /** One pass of the scheduler: flush.ms and producer.id.expiration.ms. */
  async runScheduledTasks(nowMs = Date.now()): Promise<void> {
    const flushes: Promise<void>[] = []
    const failed: PartitionLog[] = []
    for (const { log } of this.#logs.values()) {
      if (log.failure !== undefined) {
        failed.push(log)
        continue
      }
      const p = log.maybeFlush(nowMs)
      if (p !== undefined) flushes.push(p)
      log.removeExpiredProducers(BigInt(nowMs))
    }
    this.#files.closeIdle(nowMs)
    if (failed.length > 0) this.recoverFailedLogs(failed)
    // A failed flush took its log out of service and said so.
    await Promise.allSettled(flushes)
  }

  /**
   * Tries to bring logs that a full disk took out of service back (PartitionLog.recoverFromFailure),
   * one at a time; a pass already under way is not started twice.
   */
  recoverFailedLogs(
    logs = this.allLogs()
      .map((l) => l.log)
      .filter((l) => l.failure !== undefined),
  ): Promise<void> {
    this.#recovering ??= (async () => {
      // Space first: segments retention deleted may still wait out file.delete.delay.ms.
      if (logs.some((l) => l.failure?.recoverable === true)) {
        await Promise.allSettled(this.allLogs().map(({ log }) => log.deletePendingFiles()))
      }
      for (const log of logs) {
        if (this.#shutDown) break
        try {
          await log.recoverFromFailure()
        } catch (err) {
          this.#logger.error({ err, dir: log.dir }, 'cannot bring the log back into service')
        }
      }
    })().finally(() => {
      this.#recovering = undefined
    })
    return this.#recovering
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
      if (log.failure !== undefined && !log.failure.recoverable) continue
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

  /**
   * Writes each log dir's replication-offset-checkpoint when a high watermark changed; one write
   * at a time. A failed write is logged and tried again next time.
   */
  checkpointHighWatermarks(): Promise<void> {
    const write = async (): Promise<void> => {
      const byDir = new Map<string, Map<string, bigint>>(this.logDirs.map((d) => [d, new Map()]))
      for (const { tp, log, logDir } of this.#logs.values()) byDir.get(logDir)?.set(hwKey(tp.topic, tp.partition), log.highWatermark)
      for (const [dir, hws] of byDir) {
        const text = [...hws].map(([k, v]) => `${k} ${v}`).join('\n')
        if (this.#hwWritten.get(dir) === text) continue
        try {
          await writeReplicationCheckpoint(this.#fs, dir, hws)
          this.#hwWritten.set(dir, text)
        } catch (err) {
          this.#logger.warn({ err, dir }, 'cannot write the high watermark checkpoint')
        }
      }
    }
    this.#hwWrite = this.#hwWrite.then(write, write)
    return this.#hwWrite
  }

  #startHighWatermarkCheckpoints(): void {
    const interval = this.#opts.highWatermarkCheckpointIntervalMs ?? 5000
    if (!Number.isFinite(interval) || interval <= 0) return
    this.#hwTimer = setInterval(() => void this.checkpointHighWatermarks(), Math.min(interval, 0x7fffffff))
    this.#hwTimer.unref()
  }

  #startScheduler(): void {
    const interval = this.#opts.flushCheckIntervalMs ?? 1000
    if (!Number.isFinite(interval) || interval <= 0) return
    this.#timer = setInterval(() => void this.runScheduledTasks(), interval)
    this.#timer.unref()
  }

  /**
   * Flushes and closes every log, a few at a time (each close may open files and fsync; all at
   * once would meet the descriptor limit), then writes the clean-shutdown marker in each log dir.
   */
  async shutdown(): Promise<void> {
    if (this.#shutDown) return
    this.#shutDown = true
    clearInterval(this.#timer)
    clearInterval(this.#retentionTimer)
    clearInterval(this.#hwTimer)
    await this.#cleaner?.stop()
    await this.#retentionRun?.catch(() => {})
    await this.#recovering
    await this.checkpointHighWatermarks()
    const logs = [...this.#logs.values()].map(({ log }) => log)
    this.#logs.clear()
    let failed = 0
    let next = 0
    const worker = async () => {
      while (next < logs.length) {
        const log = logs[next++]!
        try {
          await log.close()
        } catch (err) {
          failed++
          this.#logger.error({ err, dir: log.dir }, 'log did not close cleanly')
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.#opts.closeConcurrency ?? 16, logs.length) }, worker))
    if (failed > 0) {
      // Without the marker the next start re-validates unflushed data, which is what we want.
      this.#logger.error({ logs: failed }, 'some logs did not close cleanly')
      return
    }
    for (const dir of this.logDirs) {
      try {
        writeFileSync(this.#fs, join(dir, CLEAN_SHUTDOWN_FILE), new Uint8Array(0))
      } catch (err) {
        this.#logger.error({ err, dir }, 'cannot write the clean shutdown marker; the next start recovers')
      }
    }
  }
}
