/**
 * The broker's state: topics and their partitions, on one thread. Handlers read and change it
 * synchronously on the event loop; only disk work that can wait (directory creation, deletion,
 * fsync) is awaited.
 */
import type { BrokerConfig } from '../config/broker-config.js'
import { resolveTopicConfig, type ResolvedTopicConfig } from '../config/topic-config.js'
import type { DescribedConfig } from '../config/config-def.js'
import { ProducerIdManager } from '../transactions/producer-id-manager.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'
import type { Logger } from '../logger.js'
import { MetadataStore, type TopicMetadata } from '../metadata/metadata-store.js'
import { collisionKey, isInternalTopic, topicNameError } from '../metadata/topic-name.js'
import { LogManager } from '../storage/log-manager.js'
import { toLogConfig } from './topic-log-config.js'
import { Partition } from './partition.js'
import { FetchSessionCache } from './fetch-session.js'
import { openGroupCoordinator, type GroupService } from '../groups/offsets-topic.js'

export interface TopicState {
  readonly meta: TopicMetadata
  readonly partitions: Partition[]
}

export interface Endpoint {
  listenerName: string
  host: string
  port: number
}

export interface CreateTopicOptions {
  partitions?: number
  replicationFactor?: number
  configs?: Record<string, string>
  validateOnly?: boolean
}

export class Broker {
  readonly config: BrokerConfig
  readonly log: Logger
  /** Parked long-polling fetches: close() ends them at once instead of leaving their timers running. */
  readonly parkedFetches = new Set<() => void>()
  readonly metadata: MetadataStore
  readonly logManager: LogManager
  readonly topics = new Map<string, TopicState>()
  /** Advertised endpoints, filled in once the listeners are bound. */
  endpoints: Endpoint[] = []
  readonly startedAt = Date.now()
  readonly fetchSessions = new FetchSessionCache()
  readonly producerIds: ProducerIdManager
  /** Consumer groups and committed offsets (src/groups), loaded from __consumer_offsets in open(). */
  groups!: GroupService
  readonly #creating = new Map<string, Promise<TopicState>>()

  private constructor(config: BrokerConfig, log: Logger, metadata: MetadataStore, logManager: LogManager) {
    this.config = config
    this.log = log
    this.metadata = metadata
    this.logManager = logManager
    this.producerIds = new ProducerIdManager(metadata.dir)
  }

  static async open(config: BrokerConfig, log: Logger): Promise<Broker> {
    const v = config.values
    const metadata = MetadataStore.open(v.logDirs[0]!, { nodeId: v.nodeId, clusterId: v.clusterId ?? undefined })
    const topicLogConfig = (topic: string) => {
      const meta = metadata.topic(topic)
      return meta === undefined ? undefined : toLogConfig(resolveTopicConfig(meta.configs, config).values, v)
    }
    const logManager = await LogManager.start({
      logDirs: v.logDirs,
      defaultConfig: toLogConfig(resolveTopicConfig({}, config).values, v),
      topicConfig: topicLogConfig,
      logger: log.child({ component: 'storage' }),
      // Kafka's default interval is Long.MAX (never); we still check flush.ms and producer expiry each second.
      flushCheckIntervalMs: Math.min(v.logFlushSchedulerIntervalMs, 1000),
      retentionCheckIntervalMs: v.logRetentionCheckIntervalMs,
      cleaner: {
        enabled: v.logCleanerEnable && Number(config.get('log.cleaner.threads')) > 0,
        backoffMs: Number(config.get('log.cleaner.backoff.ms')),
        dedupeBufferBytes: Number(config.get('log.cleaner.dedupe.buffer.size')),
        ioBufferBytes: Number(config.get('log.cleaner.io.buffer.size')),
        ioMaxBytesPerSecond: Number(config.get('log.cleaner.io.max.bytes.per.second')),
      },
    })
    const broker = new Broker(config, log, metadata, logManager)
    for (const meta of metadata.topics()) await broker.#openTopic(meta)
    // Logs of topics the metadata does not know were being deleted when the broker stopped.
    for (const l of logManager.allLogs()) {
      if (metadata.topic(l.topic) === undefined) await logManager.deleteLog(l.topic, l.partition)
    }
    broker.groups = openGroupCoordinator(broker)
    return broker
  }

  get nodeId(): number {
    return this.metadata.nodeId
  }

  get clusterId(): string {
    return this.metadata.clusterId
  }

  /** The endpoint to advertise to a client that arrived on `listenerName`. */
  endpointFor(listenerName: string): Endpoint {
    return this.endpoints.find((e) => e.listenerName === listenerName) ?? this.endpoints[0]!
  }

  topicConfig(meta: TopicMetadata): ResolvedTopicConfig {
    return resolveTopicConfig(meta.configs, this.config)
  }

  /** DescribeConfigs-style entries for a topic with the given overrides. */
  describeTopicConfig(overrides: Record<string, string>): DescribedConfig[] {
    return resolveTopicConfig(overrides, this.config).describe()
  }

  async #openTopic(meta: TopicMetadata): Promise<TopicState> {
    const logConfig = toLogConfig(this.topicConfig(meta).values, this.config.values)
    const partitions: Partition[] = []
    for (let i = 0; i < meta.partitions; i++) {
      const plog = await this.logManager.getOrCreateLog(meta.name, i, logConfig)
      plog.updateConfig(logConfig)
      partitions.push(new Partition(meta.name, i, plog))
    }
    const state: TopicState = { meta, partitions }
    this.topics.set(meta.name, state)
    return state
  }

  topicById(topicId: string): TopicState | undefined {
    for (const t of this.topics.values()) if (t.meta.topicId === topicId) return t
    return undefined
  }

  partition(topic: string, index: number): Partition | undefined {
    return this.topics.get(topic)?.partitions[index]
  }

  /** Checks a CreateTopics request's arguments; returns a Kafka error or null. */
  validateNewTopic(name: string, opts: CreateTopicOptions): KafkaError | null {
    const nameError = topicNameError(name)
    if (nameError !== null) return new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError)
    if (this.topics.has(name) || this.#creating.has(name)) return new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`)
    const key = collisionKey(name)
    for (const other of this.topics.keys()) {
      if (collisionKey(other) === key) return new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${other}`)
    }
    const partitions = opts.partitions ?? -1
    if (partitions !== -1 && partitions <= 0) return new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.')
    if (partitions > 100000) return new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions is too large.')
    const rf = opts.replicationFactor ?? -1
    if (rf !== -1 && rf <= 0) return new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.')
    if (rf > 1) return new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, `Unable to replicate the partition ${rf} time(s): The target replication factor of ${rf} cannot be reached because only 1 broker(s) are registered.`)
    return null
  }

  /** Creates a topic (validated by the caller with validateNewTopic). */
  async createTopic(name: string, opts: CreateTopicOptions = {}): Promise<TopicState> {
    const pending = this.#creating.get(name)
    if (pending !== undefined) return pending
    const existing = this.topics.get(name)
    if (existing !== undefined) return existing
    const partitions = opts.partitions === undefined || opts.partitions === -1 ? this.config.values.numPartitions : opts.partitions
    const creating = (async () => {
      const meta = this.metadata.createTopic({ name, partitions, replicationFactor: 1, configs: opts.configs ?? {}, internal: isInternalTopic(name) })
      const state = await this.#openTopic(meta)
      this.log.info({ topic: name, partitions }, 'created topic')
      return state
    })()
    this.#creating.set(name, creating)
    try {
      return await creating
    } finally {
      this.#creating.delete(name)
    }
  }

  /** Auto-creation on Metadata/Produce: returns the topic, or a Kafka error code. */
  async autoCreateTopic(name: string): Promise<TopicState | number> {
    const existing = this.topics.get(name)
    if (existing !== undefined) return existing
    if (!this.config.values.autoCreateTopicsEnable) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    const err = this.validateNewTopic(name, {})
    if (err !== null && err.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) return err.errorCode
    return this.createTopic(name, {})
  }

  async deleteTopic(name: string): Promise<void> {
    const state = this.topics.get(name)
    if (state === undefined) return
    this.topics.delete(name)
    this.metadata.deleteTopic(name)
    this.groups.coordinator.onTopicDeleted(name)
    for (const p of state.partitions) {
      p.notifyAppend()
      await this.logManager.deleteLog(name, p.index)
    }
    this.log.info({ topic: name }, 'deleted topic')
  }

  async createPartitions(name: string, count: number): Promise<void> {
    const state = this.topics.get(name)
    if (state === undefined) return
    const logConfig = toLogConfig(this.topicConfig(state.meta).values, this.config.values)
    for (let i = state.partitions.length; i < count; i++) {
      const plog = await this.logManager.getOrCreateLog(name, i, logConfig)
      state.partitions.push(new Partition(name, i, plog))
    }
    this.metadata.setPartitionCount(name, count)
  }

  /** Replaces a topic's config overrides and applies them to its open logs. */
  setTopicConfigs(name: string, configs: Record<string, string>): void {
    const state = this.topics.get(name)
    if (state === undefined) return
    this.metadata.setConfigs(name, configs)
    const logConfig = toLogConfig(this.topicConfig(state.meta).values, this.config.values)
    for (const p of state.partitions) p.log.updateConfig(logConfig)
  }

  async close(): Promise<void> {
    for (const end of [...this.parkedFetches]) end()
    this.parkedFetches.clear()
    this.groups?.close()
    await this.logManager.shutdown()
  }
}
