/**
 * The cluster as a client sees it: bootstrap, Metadata (brokers, controller, topics, leaders),
 * one connection per broker (plus a separate one per group coordinator, so a long JoinGroup never
 * queues behind fetches), coordinator lookup with FindCoordinator, and a retry loop that
 * refreshes what a retriable error says is stale.
 */
import { ZERO_UUID } from '../protocol/codec-support.js'
import { Connection, type ConnectionOptions } from './connection.js'
import { ClientError, KafkaResponseError, check, isKafkaError } from './errors.js'

export interface ClusterOptions {
  /** `host:port`, a comma-separated list of them, or an array. */
  bootstrap: string | readonly string[]
  clientId?: string
  connectTimeoutMs?: number
  requestTimeoutMs?: number
  /** Retries of a retriable failure; default 5. */
  retries?: number
  /** First backoff; doubles up to 1 s. Default 100 ms. */
  retryBackoffMs?: number
  /** TLS for every connection (SSL and SASL_SSL listeners). */
  tls?: ConnectionOptions['tls']
  /** SASL for every connection (SASL_PLAINTEXT and SASL_SSL listeners). */
  sasl?: ConnectionOptions['sasl']
}

export interface BrokerInfo {
  nodeId: number
  host: string
  port: number
  rack: string | null
}

export interface PartitionInfo {
  partition: number
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  offline: number[]
  errorCode: number
}

export interface TopicInfo {
  name: string
  topicId: string
  isInternal: boolean
  partitions: PartitionInfo[]
}

export interface Address {
  host: string
  port: number
}

/** Parses `host:port[,host:port]`, IPv6 in brackets, an optional `PLAINTEXT://` prefix; port defaults to 9092. */
export function parseBootstrap(bootstrap: string | readonly string[]): Address[] {
  const items = typeof bootstrap === 'string' ? bootstrap.split(',') : bootstrap.flatMap((b) => b.split(','))
  const out: Address[] = []
  for (const raw of items) {
    const s = raw.trim().replace(/^[A-Za-z_]+:\/\//, '')
    if (s === '') continue
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s) ?? /^([^:]+)(?::(\d+))?$/.exec(s)
    const port = m?.[2] === undefined ? 9092 : Number(m[2])
    if (m === null || !(port > 0 && port < 65536)) {
      throw new ClientError('SAMSA_CLIENT_INVALID', `not a broker address: "${raw.trim()}" (expected host:port)`)
    }
    out.push({ host: m[1]!, port })
  }
  if (out.length === 0) throw new ClientError('SAMSA_CLIENT_INVALID', 'no bootstrap server given')
  return out
}

export const tpKey = (topic: string, partition: number): string => `${topic}:${partition}`

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const STALE_METADATA = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'NOT_CONTROLLER',
  'KAFKA_STORAGE_ERROR',
  'REPLICA_NOT_AVAILABLE',
  'BROKER_NOT_AVAILABLE',
])
const STALE_COORDINATOR = new Set(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE'])
/** Retriable by Kafka's table, but for a tool "no such topic" should fail at once. */
const NOT_RETRIED = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID'])

export class Cluster {
  readonly options: Readonly<ClusterOptions>
  readonly bootstrap: readonly Address[]
  clusterId: string | null = null
  controllerId = -1
  readonly brokers = new Map<number, BrokerInfo>()
  readonly topics = new Map<string, TopicInfo>()
  #conns = new Map<string, Promise<Connection>>()
  #coordinators = new Map<string, BrokerInfo>()
  #closed = false

  constructor(options: ClusterOptions) {
    this.options = options
    this.bootstrap = parseBootstrap(options.bootstrap)
  }

  /** Connects to the first reachable bootstrap server and reads the broker list. */
  async connect(): Promise<this> {
    await this.refreshMetadata([])
    return this
  }

  /** Any live connection: an open one if there is one, else the known brokers, else bootstrap. */
  async anyConnection(): Promise<Connection> {
    for (const p of this.#conns.values()) {
      const c = await p.catch(() => undefined)
      if (c !== undefined && !c.closed) return c
    }
    const candidates: Address[] = [...this.brokers.values(), ...this.bootstrap]
    let lastError: unknown
    for (const a of candidates) {
      try {
        return await this.#connect(`${a.host}:${a.port}`, a)
      } catch (err) {
        lastError = err
      }
    }
    if (candidates.length === 1) throw lastError
    const list = candidates.map((a) => `${a.host}:${a.port}`).join(', ')
    throw new ClientError('SAMSA_CLIENT_CONNECT', `no broker reachable at ${list}`, { cause: lastError })
  }

  /** Connection to a broker by node id. */
  async connection(nodeId: number): Promise<Connection> {
    let b = this.brokers.get(nodeId)
    if (b === undefined) {
      await this.refreshMetadata([])
      b = this.brokers.get(nodeId)
    }
    if (b === undefined) throw new KafkaResponseError(8 /* BROKER_NOT_AVAILABLE */, { broker: String(nodeId) })
    return this.#connect(`${b.host}:${b.port}`, b)
  }

  /** The controller, for CreateTopics, DeleteTopics, CreatePartitions. */
  async controllerConnection(): Promise<Connection> {
    if (this.controllerId < 0) await this.refreshMetadata([])
    return this.controllerId >= 0 && this.brokers.has(this.controllerId) ? this.connection(this.controllerId) : this.anyConnection()
  }

  /**
   * Reads metadata for the named topics, all topics (null) or none ([]); updates brokers,
   * controller and the topic cache, and returns each topic's error code with its info.
   */
  async refreshMetadata(
    topics: readonly string[] | null,
    opts: { allowAutoCreate?: boolean } = {},
  ): Promise<Map<string, { errorCode: number; info: TopicInfo }>> {
    const conn = await this.anyConnection()
    const res = await conn.request('Metadata', (v) => ({
      topics: topics === null ? (v === 0 ? [] : null) : topics.map((name) => ({ name })),
      allowAutoTopicCreation: opts.allowAutoCreate ?? false,
    }))
    this.brokers.clear()
    for (const b of res.brokers) this.brokers.set(b.nodeId, { nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })
    this.clusterId = res.clusterId
    this.controllerId = res.controllerId
    if (topics === null) this.topics.clear()
    const out = new Map<string, { errorCode: number; info: TopicInfo }>()
    for (const t of res.topics) {
      if (t.name === null) continue
      const info: TopicInfo = {
        name: t.name,
        topicId: t.topicId ?? ZERO_UUID,
        isInternal: t.isInternal,
        partitions: t.partitions
          .map((p) => ({
            partition: p.partitionIndex,
            leader: p.leaderId,
            leaderEpoch: p.leaderEpoch,
            replicas: p.replicaNodes,
            isr: p.isrNodes,
            offline: p.offlineReplicas,
            errorCode: p.errorCode,
          }))
          .sort((a, b) => a.partition - b.partition),
      }
      out.set(t.name, { errorCode: t.errorCode, info })
      if (t.errorCode === 0) this.topics.set(t.name, info)
      else this.topics.delete(t.name)
    }
    return out
  }

  /** A topic's metadata, from cache unless `refresh`; throws UNKNOWN_TOPIC_OR_PARTITION and the like. */
  async topic(name: string, opts: { refresh?: boolean; allowAutoCreate?: boolean } = {}): Promise<TopicInfo> {
    const cached = this.topics.get(name)
    if (cached !== undefined && opts.refresh !== true) return cached
    const res = await this.refreshMetadata([name], opts)
    const t = res.get(name)
    if (t === undefined) throw new KafkaResponseError(3, { topic: name })
    check(t.errorCode, { topic: name })
    return t.info
  }

  /** Leader node of one partition; LEADER_NOT_AVAILABLE when there is none (retriable). */
  async leaderFor(topic: string, partition: number): Promise<number> {
    const t = await this.topic(topic)
    const p = t.partitions[partition]
    if (p === undefined || p.partition !== partition) {
      throw new KafkaResponseError(3, { topic, partition }, `topic ${topic} has ${t.partitions.length} partitions`)
    }
    if (p.leader < 0) throw new KafkaResponseError(5, { topic, partition })
    return p.leader
  }

  /** Groups items by their partition's leader. */
  async byLeader<T extends { topic: string; partition: number }>(items: readonly T[]): Promise<Map<number, T[]>> {
    const out = new Map<number, T[]>()
    for (const it of items) {
      const leader = await this.leaderFor(it.topic, it.partition)
      let list = out.get(leader)
      if (list === undefined) out.set(leader, (list = []))
      list.push(it)
    }
    return out
  }

  /** The coordinator of a group (keyType 0) or transactional id (1), on its own connection. */
  async coordinator(key: string, keyType = 0): Promise<Connection> {
    const cacheKey = `${keyType}:${key}`
    let b = this.#coordinators.get(cacheKey)
    if (b === undefined) {
      const conn = await this.anyConnection()
      const res = await conn.request('FindCoordinator', (v) => (v >= 4 ? { keyType, coordinatorKeys: [key] } : { key, keyType }))
      const c = res.coordinators[0]
      const found =
        c === undefined
          ? { errorCode: res.errorCode, message: res.errorMessage, nodeId: res.nodeId, host: res.host, port: res.port }
          : { errorCode: c.errorCode, message: c.errorMessage, nodeId: c.nodeId, host: c.host, port: c.port }
      check(found.errorCode, keyType === 0 ? { group: key, api: 'FindCoordinator' } : { resource: `transactional id ${key}` }, found.message)
      b = { nodeId: found.nodeId, host: found.host, port: found.port, rack: null }
      this.#coordinators.set(cacheKey, b)
    }
    return this.#connect(`coordinator/${b.host}:${b.port}`, b)
  }

  forgetCoordinator(key: string, keyType = 0): void {
    this.#coordinators.delete(`${keyType}:${key}`)
  }

  /**
   * Runs `fn` again after a retriable failure (a leader moved, a coordinator is loading, a
   * connection dropped), refreshing the stale metadata or coordinator first.
   */
  async retry<T>(fn: (attempt: number) => Promise<T>, opts: { retries?: number; retryUnknownTopic?: boolean } = {}): Promise<T> {
    const retries = opts.retries ?? this.options.retries ?? 5
    const base = this.options.retryBackoffMs ?? 100
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(attempt)
      } catch (err) {
        if (this.#closed || attempt >= retries || !isRetriable(err, opts.retryUnknownTopic === true)) throw err
        this.#recover(err)
        await sleep(Math.min(base * 2 ** attempt, 1000))
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    const conns = [...this.#conns.values()]
    this.#conns.clear()
    await Promise.all(conns.map(async (p) => (await p.catch(() => undefined))?.close()))
  }

  #recover(err: unknown): void {
    if (err instanceof KafkaResponseError) {
      if (STALE_COORDINATOR.has(err.errorName)) {
        if (err.context.group !== undefined) this.forgetCoordinator(err.context.group)
        else this.#coordinators.clear()
      }
      if (STALE_METADATA.has(err.errorName) || NOT_RETRIED.has(err.errorName)) {
        this.topics.clear()
        this.controllerId = -1
      }
    } else {
      this.topics.clear()
      this.#coordinators.clear()
    }
  }

  #connect(key: string, a: Address): Promise<Connection> {
    if (this.#closed) return Promise.reject(new ClientError('SAMSA_CLIENT_CLOSED', 'the client is closed'))
    const existing = this.#conns.get(key)
    if (existing !== undefined) {
      return existing.then((c) => {
        if (!c.closed) return c
        if (this.#conns.get(key) === existing) this.#conns.delete(key)
        return this.#connect(key, a)
      })
    }
    const p = Connection.connect({
      host: a.host,
      port: a.port,
      clientId: this.options.clientId ?? 'samsa',
      connectTimeoutMs: this.options.connectTimeoutMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
      tls: this.options.tls,
      sasl: this.options.sasl,
    })
    this.#conns.set(key, p)
    p.then(
      (c) => c.onClose(() => this.#conns.get(key) === p && this.#conns.delete(key)),
      () => this.#conns.get(key) === p && this.#conns.delete(key),
    )
    return p
  }
}

/** Whether a failure may go away by itself: Kafka's retriable codes, coordinator moves, dropped connections. */
export function isRetriable(err: unknown, retryUnknownTopic = false): boolean {
  if (err instanceof KafkaResponseError) {
    if (NOT_RETRIED.has(err.errorName)) return retryUnknownTopic
    return err.retriable || STALE_COORDINATOR.has(err.errorName) || isKafkaError(err, 'COORDINATOR_LOAD_IN_PROGRESS')
  }
  return err instanceof ClientError && err.code === 'SAMSA_CLIENT_DISCONNECTED'
}
