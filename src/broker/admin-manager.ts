/**
 * Kafka's (Zk)AdminManager: topic administration. Creating a topic records it in the metadata
 * store, makes this broker the leader of its partitions (the ReplicaManager opens their logs)
 * and then publishes it in the MetadataCache, so clients see a topic only once it can be served.
 * Deletion goes the other way. Topic configs resolve against the broker's (Kafka's LogConfig
 * with broker-level synonyms).
 */
import type { BrokerConfig } from '../config/broker-config.js'
import { resolveTopicConfig, type ResolvedTopicConfig } from '../config/topic-config.js'
import type { DescribedConfig } from '../config/config-def.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'
import type { Logger } from '../logger.js'
import type { MetadataStore, TopicMetadata } from '../metadata/metadata-store.js'
import { collisionKey, isInternalTopic, topicNameError } from '../metadata/topic-name.js'
import type { LogConfig } from '../storage/log-config.js'
import type { CachedTopic, MetadataCache } from './metadata-cache.js'
import type { ReplicaManager } from './replica-manager.js'
import { toLogConfig } from './topic-log-config.js'

export interface CreateTopicOptions {
  partitions?: number
  replicationFactor?: number
  configs?: Record<string, string>
  validateOnly?: boolean
}

export interface AdminManagerOptions {
  config: BrokerConfig
  store: MetadataStore
  metadata: MetadataCache
  replicas: ReplicaManager
  log: Logger
}

export class AdminManager {
  readonly #config: BrokerConfig
  readonly #store: MetadataStore
  readonly #metadata: MetadataCache
  readonly #replicas: ReplicaManager
  readonly #log: Logger
  readonly #creating = new Map<string, Promise<CachedTopic>>()
  readonly #onDeleted: Array<(topic: string) => void> = []

  constructor(opts: AdminManagerOptions) {
    this.#config = opts.config
    this.#store = opts.store
    this.#metadata = opts.metadata
    this.#replicas = opts.replicas
    this.#log = opts.log
  }

  /** Opens every stored topic's partitions (on startup), then deletes logs no topic owns. */
  async loadTopics(): Promise<void> {
    for (const meta of this.#store.topics()) await this.#publish(meta)
    await this.#replicas.deleteStrayLogs()
  }

  /** Runs `fn` after a topic is deleted (the group coordinator drops its committed offsets). */
  onTopicDeleted(fn: (topic: string) => void): void {
    this.#onDeleted.push(fn)
  }

  topicConfig(meta: TopicMetadata): ResolvedTopicConfig {
    return resolveTopicConfig(meta.configs, this.#config)
  }

  /** DescribeConfigs-style entries for a topic with the given overrides. */
  describeTopicConfig(overrides: Record<string, string>): DescribedConfig[] {
    return resolveTopicConfig(overrides, this.#config).describe()
  }

  #logConfig(meta: TopicMetadata): LogConfig {
    return toLogConfig(this.topicConfig(meta).values, this.#config.values)
  }

  /** Leads the topic's partitions, then makes it visible to clients. */
  async #publish(meta: TopicMetadata): Promise<CachedTopic> {
    const states = this.#metadata.partitionStates(meta)
    await this.#replicas.makeLeaders(meta.name, states, this.#logConfig(meta))
    return this.#metadata.updateTopic(meta, states)
  }

  /** Checks a CreateTopics request's arguments; returns a Kafka error or null. */
  validateNewTopic(name: string, opts: CreateTopicOptions): KafkaError | null {
    const nameError = topicNameError(name)
    if (nameError !== null) return new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError)
    if (this.#metadata.topic(name) !== undefined || this.#creating.has(name)) return new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`)
    const key = collisionKey(name)
    for (const other of this.#metadata.topics()) {
      if (collisionKey(other.meta.name) === key) return new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${other.meta.name}`)
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
  async createTopic(name: string, opts: CreateTopicOptions = {}): Promise<CachedTopic> {
    const pending = this.#creating.get(name)
    if (pending !== undefined) return pending
    const existing = this.#metadata.topic(name)
    if (existing !== undefined) return existing
    const partitions = opts.partitions === undefined || opts.partitions === -1 ? this.#config.values.numPartitions : opts.partitions
    const creating = (async () => {
      const meta = this.#store.createTopic({ name, partitions, replicationFactor: 1, configs: opts.configs ?? {}, internal: isInternalTopic(name) })
      const topic = await this.#publish(meta)
      this.#log.info({ topic: name, partitions }, 'created topic')
      return topic
    })()
    this.#creating.set(name, creating)
    try {
      return await creating
    } finally {
      this.#creating.delete(name)
    }
  }

  /** Auto-creation on Metadata/Produce: returns the topic, or a Kafka error code. */
  async autoCreateTopic(name: string): Promise<CachedTopic | number> {
    const existing = this.#metadata.topic(name)
    if (existing !== undefined) return existing
    if (!this.#config.values.autoCreateTopicsEnable) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    const err = this.validateNewTopic(name, {})
    if (err !== null && err.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) return err.errorCode
    return this.createTopic(name, {})
  }

  async deleteTopic(name: string): Promise<void> {
    if (this.#metadata.topic(name) === undefined) return
    this.#metadata.removeTopic(name)
    this.#store.deleteTopic(name)
    for (const fn of this.#onDeleted) fn(name)
    await this.#replicas.stopReplicas(name)
    this.#log.info({ topic: name }, 'deleted topic')
  }

  async createPartitions(name: string, count: number): Promise<void> {
    const topic = this.#metadata.topic(name)
    if (topic === undefined) return
    const grown = { ...topic.meta, partitions: count }
    await this.#replicas.makeLeaders(name, this.#metadata.partitionStates(grown), this.#logConfig(topic.meta))
    this.#store.setPartitionCount(name, count)
    this.#metadata.updateTopic(this.#store.topic(name) ?? grown)
  }

  /** Replaces a topic's config overrides and applies them to its open logs. */
  setTopicConfigs(name: string, configs: Record<string, string>): void {
    const topic = this.#metadata.topic(name)
    if (topic === undefined) return
    this.#store.setConfigs(name, configs)
    this.#replicas.updateLogConfig(name, this.#logConfig(topic.meta))
  }
}
