/**
 * Kafka's (Zk)AdminManager: topic administration as a broker serves it. A change is recorded
 * through the cluster's coordination (the single-node store, or ZooKeeper's znodes); the
 * controller then carries it out on every broker (LeaderAndIsr, UpdateMetadata, StopReplica),
 * and requests that wait for the outcome (CreateTopics, CreatePartitions, DeleteTopics) wait for
 * it in this broker's MetadataCache, as Kafka's DelayedCreatePartitions / DelayedDeleteTopics do.
 *
 * Topic configs: each topic's overrides as last announced (the coordination tells every broker
 * when they change), resolved against the broker's configs (Kafka's LogConfig with broker-level
 * synonyms) and applied to the topic's open logs.
 *
 * A change that cannot be recorded or carried out (a full disk, EMFILE) changes nothing and is
 * answered with a Kafka error (topicChangeError); new partitions beyond what this broker's
 * open-file limit leaves room for are refused before anything is recorded.
 */
import { randomUUID } from 'node:crypto'
import type { BrokerConfig } from '../config/broker-config.js'
import { resolveTopicConfig, type ResolvedTopicConfig } from '../config/topic-config.js'
import { newTopicConfigs } from '../config/describe-configs.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError, StorageError } from '../errors.js'
import type { Logger } from '../logger.js'
import { collisionKey, topicNameError } from '../metadata/topic-name.js'
import { assignReplicasToBrokers, AssignmentError } from '../metadata/replica-assignment.js'
import type { LogConfig } from '../storage/log-config.js'
import type { Coordination } from '../cluster/coordination.js'
import type { CachedTopic, MetadataCache } from './metadata-cache.js'
import type { ReplicaManager } from './replica-manager.js'

/** A topic's log configuration: its own configs over the broker's (Kafka's LogConfig), plus producer id expiry. */
export function logConfigOf(topicConfigs: Readonly<Record<string, string>>, config: BrokerConfig): LogConfig {
  return { ...resolveTopicConfig(topicConfigs, config).values, producerIdExpirationMs: config.values.producerIdExpirationMs }
}

export interface CreateTopicOptions {
  partitions?: number
  replicationFactor?: number
  /** manual assignment: replicas of each partition, by index (then partitions and RF are -1) */
  assignment?: number[][]
  configs?: Record<string, string>
  /** how long to wait for the topic's partitions to have leaders; default 30 s */
  timeoutMs?: number
}

/**
 * The Kafka error for a failed change of topics (Kafka's ApiError.fromThrowable): a KafkaError as
 * it is; the partition limit as POLICY_VIOLATION (what Kafka's controller answers when an
 * operation would go past a bound it keeps: BoundedListTooLongException becomes a
 * PolicyViolationException; THROTTLING_QUOTA_EXCEEDED would tell clients to retry, and waiting
 * does not help); a failure of the log dir (a full disk, EMFILE, EIO) as KAFKA_STORAGE_ERROR,
 * Kafka's code for a KafkaStorageException; anything else as UNKNOWN_SERVER_ERROR.
 */
function topicChangeError(err: unknown, what: string): KafkaError {
  if (err instanceof KafkaError) return err
  if (err instanceof StorageError && err.code === 'SAMSA_STORAGE_LIMIT') return new KafkaError(ErrorCode.POLICY_VIOLATION, err.message, { cause: err })
  const code = (err as NodeJS.ErrnoException).code
  if (err instanceof StorageError || (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code))) {
    const cause = err instanceof StorageError && err.cause instanceof Error ? `: ${err.cause.message}` : ''
    return new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, `${what} failed, nothing was changed: ${(err as Error).message}${cause}`, { cause: err })
  }
  return new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `${what} failed: ${String((err as Error).message ?? err)}`, { cause: err })
}

export interface AdminManagerOptions {
  config: BrokerConfig
  coordination: Coordination
  metadata: MetadataCache
  replicas: ReplicaManager
  log: Logger
}

export interface CreatedTopic {
  topicId: string
  /** NONE, or REQUEST_TIMED_OUT when the partitions had no leaders in time */
  errorCode: number
}

/** Kafka's default request timeout for admin requests that wait for the controller. */
const DEFAULT_TIMEOUT_MS = 30_000

interface Waiter {
  done(): boolean
  resolve(ok: boolean): void
}

export class AdminManager {
  readonly #config: BrokerConfig
  readonly #coordination: Coordination
  readonly #metadata: MetadataCache
  readonly #replicas: ReplicaManager
  readonly #log: Logger
  /** each topic's config overrides as last announced */
  readonly #overrides = new Map<string, Record<string, string>>()
  readonly #creating = new Map<string, Promise<CreatedTopic>>()
  /** internal topics whose creation waits for more live brokers (logged once) */
  readonly #waitingForBrokers = new Set<string>()
  readonly #waiters = new Set<Waiter>()
  readonly #stopConfigListener: () => void
  /** Partitions of changes under way, counted against the log capacity. */
  #partitionsInFlight = 0

  constructor(opts: AdminManagerOptions) {
    this.#config = opts.config
    this.#coordination = opts.coordination
    this.#metadata = opts.metadata
    this.#replicas = opts.replicas
    this.#log = opts.log
    // A dynamic broker config change (log.retention.ms for the cluster) reaches every topic that does not set its own.
    this.#stopConfigListener = this.#config.onChange(() => {
      for (const [topic, overrides] of this.#overrides) {
        if (this.#replicas.partitions(topic).length > 0) this.#replicas.updateLogConfig(topic, this.#logConfigOf(overrides))
      }
    })
  }

  /** Stops following broker config changes. */
  close(): void {
    this.#stopConfigListener()
  }

  /** The brokers new replicas go to: the controller's view when this broker is the controller. */
  #liveBrokers(): Array<{ id: number; rack: string | null }> {
    return (this.#coordination.controllerLiveBrokers() ?? this.#metadata.liveBrokers()).map((b) => ({ id: b.id, rack: b.rack }))
  }

  /** Whether this broker serves the controller-only admin APIs now (else NOT_CONTROLLER). */
  get isController(): boolean {
    return this.#coordination.isActiveController()
  }

  get mode(): 'single-node' | 'zookeeper' {
    return this.#coordination.mode
  }

  // ---- topic configs ------------------------------------------------------------------------

  /** A topic's overrides changed (or the topic is gone: null); open logs take the new config. */
  topicConfigChanged(topic: string, overrides: Record<string, string> | null): void {
    if (overrides === null) {
      this.#overrides.delete(topic)
      return
    }
    this.#overrides.set(topic, overrides)
    if (this.#replicas.partitions(topic).length > 0) this.#replicas.updateLogConfig(topic, this.#logConfigOf(overrides))
  }

  /** A topic's resolved config from its last announced overrides. */
  topicConfig(topic: string): ResolvedTopicConfig {
    return resolveTopicConfig(this.#overrides.get(topic) ?? {}, this.#config)
  }

  /** A topic's overrides as stored now (read from the coordination, as Kafka's ZooKeeper mode reads ZooKeeper). */
  async topicOverrides(topic: string): Promise<Record<string, string> | undefined> {
    return this.#coordination.topicConfigs(topic)
  }

  /** DescribeConfigs-style entries for a topic with the given overrides. */
  describeTopicConfig(overrides: Record<string, string>): ReturnType<typeof newTopicConfigs> {
    return newTopicConfigs(resolveTopicConfig(overrides, this.#config))
  }

  #logConfigOf(overrides: Record<string, string>): LogConfig {
    return logConfigOf(overrides, this.#config)
  }

  /** The log config for a topic's partitions opened on this broker (its overrides fetched when not yet known). */
  async logConfig(topic: string): Promise<LogConfig> {
    let overrides = this.#overrides.get(topic)
    if (overrides === undefined) {
      overrides = (await this.#coordination.topicConfigs(topic)) ?? {}
      this.#overrides.set(topic, overrides)
    }
    return this.#logConfigOf(overrides)
  }

  /**
   * Replaces the dynamic configs of a broker (`entity` its id) or of every broker (`<default>`);
   * the brokers concerned apply them once they are recorded.
   */
  async setBrokerConfigs(entity: string, configs: Record<string, string>): Promise<void> {
    try {
      await this.#coordination.setBrokerConfigs(entity, configs)
    } catch (err) {
      throw topicChangeError(err, `Altering the dynamic configs of broker ${entity}`)
    }
  }

  /** A consumer group's own configs (KIP-848) as stored now; empty when it has none. */
  async groupConfigs(group: string): Promise<Record<string, string>> {
    return this.#coordination.groupConfigs(group)
  }

  /** Replaces a group's configs; its coordinator applies them once they are recorded. */
  async setGroupConfigs(group: string, configs: Record<string, string>): Promise<void> {
    try {
      await this.#coordination.setGroupConfigs(group, configs)
    } catch (err) {
      throw topicChangeError(err, `Altering the configs of group ${group}`)
    }
  }

  /** Replaces a topic's overrides; every broker applies them once they are recorded. */
  async setTopicConfigs(topic: string, overrides: Record<string, string>): Promise<void> {
    try {
      await this.#coordination.setTopicConfigs(topic, overrides)
    } catch (err) {
      throw topicChangeError(err, `Altering the configs of ${topic}`)
    }
  }

  /**
   * Runs a change that adds `adding` partitions to this broker: refused with POLICY_VIOLATION
   * when the log manager could not hold them under the process's open-file limit (see
   * descriptorBudget), before anything is recorded; failures mapped by topicChangeError.
   */
  async #adding<T>(adding: number, what: string, change: () => Promise<T>): Promise<T> {
    const { used, max } = this.#replicas.logCapacity
    if (used + this.#partitionsInFlight + adding > max) {
      throw new KafkaError(
        ErrorCode.POLICY_VIOLATION,
        `This broker can hold at most ${max} partitions under its open-file limit (ulimit -n); ` +
          `${used + this.#partitionsInFlight} exist and ${adding} more were asked for. Raise the limit to add more.`,
      )
    }
    this.#partitionsInFlight += adding
    try {
      return await change()
    } catch (err) {
      throw topicChangeError(err, what)
    } finally {
      this.#partitionsInFlight -= adding
    }
  }

  // ---- waiting for the controller -----------------------------------------------------------

  /** Re-checks waiting requests: the MetadataCache changed. */
  metadataUpdated(): void {
    for (const w of [...this.#waiters]) {
      if (w.done()) {
        this.#waiters.delete(w)
        w.resolve(true)
      }
    }
  }

  /** Resolves true once `done()` holds (checked after every metadata update), false after `timeoutMs`. */
  #waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true)
    return new Promise((resolve) => {
      const waiter: Waiter = {
        done,
        resolve: (ok) => {
          clearTimeout(timer)
          resolve(ok)
        },
      }
      const timer = setTimeout(
        () => {
          this.#waiters.delete(waiter)
          resolve(false)
        },
        Math.max(0, timeoutMs),
      )
      timer.unref?.()
      this.#waiters.add(waiter)
    })
  }

  /** Whether the topic is known with `partitions` partitions, each with a leader. */
  #led(name: string, partitions: number): boolean {
    const t = this.#metadata.topic(name)
    return t !== undefined && t.partitions.length >= partitions && t.partitions.every((p) => p.leader >= 0)
  }

  // ---- topics -------------------------------------------------------------------------------

  /** Checks a CreateTopics request's arguments; returns a Kafka error or null. */
  validateNewTopic(name: string, opts: CreateTopicOptions): KafkaError | null {
    const nameError = topicNameError(name)
    if (nameError !== null) return new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError)
    if (this.#metadata.topic(name) !== undefined || this.#creating.has(name))
      return new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`)
    const key = collisionKey(name)
    for (const other of this.#metadata.topics()) {
      if (collisionKey(other.meta.name) === key)
        return new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${other.meta.name}`)
    }
    if (opts.assignment !== undefined) return this.#validateAssignment(opts.assignment)
    const partitions = opts.partitions ?? -1
    if (partitions !== -1 && partitions <= 0) return new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.')
    if (partitions > 100000) return new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions is too large.')
    const rf = opts.replicationFactor ?? -1
    if (rf !== -1 && rf <= 0) return new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.')
    const brokers = this.#liveBrokers().length
    const wanted = rf === -1 ? this.#config.values.defaultReplicationFactor : rf
    if (wanted > brokers) {
      return new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor: ${wanted} larger than available brokers: ${brokers}.`)
    }
    return null
  }

  /**
   * A manual assignment's checks (Kafka's AdminZkClient.validateTopicCreate): partitions numbered
   * from 0, the same number of replicas each, no broker twice. In ZooKeeper mode the brokers need
   * not be registered yet (Kafka does not check); a single node has only itself.
   */
  #validateAssignment(assignment: number[][]): KafkaError | null {
    const fail = (msg: string): KafkaError => new KafkaError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, msg)
    if (assignment.length === 0) return new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.')
    const rf = assignment[0]!.length
    for (const [p, replicas] of assignment.entries()) {
      if (replicas === undefined) return fail('Partitions must be numbered consecutively from 0.')
      if (replicas.length === 0) return new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor must be larger than 0 (partition ${p}).`)
      if (new Set(replicas).size !== replicas.length) return fail(`Duplicate replica assignment found: ${p} -> ${replicas.join(',')}`)
      if (replicas.length !== rf) return fail('All partitions should have the same number of replicas')
      if (replicas.some((id) => id < 0)) return fail(`Invalid broker id in replica assignment: ${replicas.join(',')}`)
      if (this.mode === 'single-node' && replicas.some((id) => id !== this.#metadata.nodeId)) {
        return fail(`Replica assignment must name only broker ${this.#metadata.nodeId}.`)
      }
    }
    return null
  }

  /** The assignment for a new topic: the given one, or Kafka's round robin over the live brokers. */
  #assign(opts: CreateTopicOptions, partitions: number, rf: number): number[][] {
    if (opts.assignment !== undefined) return opts.assignment
    return assignReplicasToBrokers(this.#liveBrokers(), partitions, rf)
  }

  /**
   * Creates a topic (validated by the caller with validateNewTopic) and waits until its
   * partitions have leaders: errorCode REQUEST_TIMED_OUT when they have none within the timeout
   * (the topic stays created, as in Kafka); a timeout of 0 or less does not wait.
   */
  async createTopic(name: string, opts: CreateTopicOptions = {}): Promise<CreatedTopic> {
    const pending = this.#creating.get(name)
    if (pending !== undefined) return pending
    const existing = this.#metadata.topic(name)
    if (existing !== undefined) return { topicId: existing.meta.topicId, errorCode: ErrorCode.NONE }
    const v = this.#config.values
    const partitions = opts.assignment?.length ?? (opts.partitions === undefined || opts.partitions === -1 ? v.numPartitions : opts.partitions)
    const rf =
      opts.assignment?.[0]?.length ??
      (opts.replicationFactor === undefined || opts.replicationFactor === -1 ? v.defaultReplicationFactor : opts.replicationFactor)
    const creating = (async (): Promise<CreatedTopic> => {
      let assignment: number[][]
      try {
        assignment = this.#assign(opts, partitions, rf)
      } catch (err) {
        if (err instanceof AssignmentError)
          throw new KafkaError(err.kind === 'partitions' ? ErrorCode.INVALID_PARTITIONS : ErrorCode.INVALID_REPLICATION_FACTOR, err.message)
        throw err
      }
      const topicId = randomUUID()
      const here = assignment.filter((replicas) => replicas.includes(this.#metadata.nodeId)).length
      await this.#adding(here, `Creating topic ${name}`, () => this.#coordination.createTopic({ name, topicId, assignment, configs: opts.configs ?? {} }))
      this.#log.info({ topic: name, partitions, replicationFactor: rf }, 'created topic')
      const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
      const led = timeoutMs <= 0 || (await this.#waitFor(() => this.#led(name, partitions), timeoutMs))
      return { topicId, errorCode: led ? ErrorCode.NONE : ErrorCode.REQUEST_TIMED_OUT }
    })()
    this.#creating.set(name, creating)
    try {
      return await creating
    } finally {
      this.#creating.delete(name)
    }
  }

  /**
   * Creates an internal topic on first use (any broker may, as Kafka's auto-creation writes to
   * ZooKeeper directly), once enough brokers are alive for its replication factor. Does not wait
   * for leaders: callers answer a retriable error until the topic exists and is led.
   */
  async createInternalTopic(name: string, opts: CreateTopicOptions & { replicationFactorConfig: string }): Promise<void> {
    if (this.#metadata.topic(name) !== undefined || this.#creating.has(name)) return
    // A single broker is the whole cluster: one replica whatever the setting. A cluster waits
    // until the configured replication factor can be met, as Kafka does (its coordinators answer
    // COORDINATOR_NOT_AVAILABLE meanwhile): capped, the topic would stay under-replicated forever.
    let rf = 1
    if (this.mode !== 'single-node') {
      rf = opts.replicationFactor ?? 1
      const live = this.#liveBrokers().length
      if (live < rf) {
        if (!this.#waitingForBrokers.has(name)) {
          this.#waitingForBrokers.add(name)
          this.#log.info(
            { topic: name, liveBrokers: live, replicationFactor: rf },
            `${name} is created once ${opts.replicationFactorConfig} (${rf}) brokers are alive; this can be ignored while the cluster starts`,
          )
        }
        return
      }
      this.#waitingForBrokers.delete(name)
    }
    try {
      await this.createTopic(name, { ...opts, replicationFactor: rf, timeoutMs: 0 })
    } catch (err) {
      if (err instanceof KafkaError && err.errorCode === ErrorCode.TOPIC_ALREADY_EXISTS) return
      throw err
    }
  }

  /**
   * Auto-creation on Metadata/Produce: returns the topic, or a Kafka error code
   * (LEADER_NOT_AVAILABLE while a topic created here has no leaders yet: clients retry).
   */
  async autoCreateTopic(name: string): Promise<CachedTopic | number> {
    const existing = this.#metadata.topic(name)
    if (existing !== undefined) return existing
    if (!this.#config.values.autoCreateTopicsEnable) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    const err = this.validateNewTopic(name, {})
    if (err !== null && err.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) return err.errorCode
    try {
      await this.createTopic(name, { timeoutMs: 0 })
      return this.#metadata.topic(name) ?? ErrorCode.LEADER_NOT_AVAILABLE
    } catch (e) {
      const err = topicChangeError(e, `Creating topic ${name}`)
      if (err.errorCode !== ErrorCode.TOPIC_ALREADY_EXISTS) this.#log.warn({ err: e, topic: name }, 'cannot create topic')
      return err.errorCode === ErrorCode.TOPIC_ALREADY_EXISTS ? ErrorCode.LEADER_NOT_AVAILABLE : err.errorCode
    }
  }

  /** Deletes a topic and waits until this broker no longer knows it (REQUEST_TIMED_OUT otherwise). */
  async deleteTopic(name: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    try {
      await this.#coordination.deleteTopic(name)
    } catch (err) {
      throw topicChangeError(err, `Deleting topic ${name}`)
    }
    this.#log.info({ topic: name }, 'deleted topic')
    return (await this.#waitFor(() => this.#metadata.topic(name) === undefined, timeoutMs)) ? ErrorCode.NONE : ErrorCode.REQUEST_TIMED_OUT
  }

  /**
   * Grows a topic to `count` partitions: the new ones get the given replicas or Kafka's round
   * robin continued from the existing partitions. Waits until they have leaders.
   */
  async createPartitions(name: string, count: number, assignment?: number[][], timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    const topic = this.#metadata.topic(name)
    if (topic === undefined) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    const current = topic.partitions.length
    let added = assignment
    if (added === undefined) {
      const rf = topic.partitions[0]?.replicas.length ?? 1
      // As Kafka's AdminZkClient.addPartitions: the round robin continues from partition 0's first replica.
      const brokers = this.#liveBrokers()
      const first = topic.partitions[0]?.replicas[0] ?? 0
      const start = Math.max(
        0,
        brokers.findIndex((b) => b.id >= first),
      )
      try {
        added = assignReplicasToBrokers(brokers, count - current, rf, { fixedStartIndex: start, startPartitionId: current })
      } catch (err) {
        if (err instanceof AssignmentError) throw new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, err.message)
        throw err
      }
    }
    const here = added.filter((replicas) => replicas.includes(this.#metadata.nodeId)).length
    await this.#adding(here, `Adding partitions to ${name}`, () => this.#coordination.addPartitions(name, added))
    return (await this.#waitFor(() => this.#led(name, count), timeoutMs)) ? ErrorCode.NONE : ErrorCode.REQUEST_TIMED_OUT
  }
}
