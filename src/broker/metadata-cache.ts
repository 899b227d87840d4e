/**
 * Kafka's MetadataCache: what this broker tells clients about the cluster (the brokers and their
 * endpoints, the controller, every topic with its partitions' leaders, epochs and replicas).
 * Handlers read it; what changes it is the AdminManager today (topics created, deleted, grown)
 * and, once brokers form a cluster, the controller's UpdateMetadata requests. It holds no log
 * and no partition: the ReplicaManager owns those.
 */
import type { TopicMetadata } from '../metadata/metadata-store.js'

export interface BrokerEndpoint {
  listenerName: string
  host: string
  port: number
}

/** One partition as the controller describes it (Kafka's UpdateMetadataPartitionState). */
export interface PartitionState {
  readonly partition: number
  readonly leader: number
  readonly leaderEpoch: number
  readonly replicas: readonly number[]
  readonly isr: readonly number[]
}

export interface CachedTopic {
  readonly meta: TopicMetadata
  readonly partitions: readonly PartitionState[]
}

/** A new partition's first leader epoch, as the controller assigns it. */
export const INITIAL_LEADER_EPOCH = 0

export class MetadataCache {
  readonly nodeId: number
  readonly clusterId: string
  readonly rack: string | null
  #endpoints: BrokerEndpoint[] = []
  readonly #topics = new Map<string, CachedTopic>()
  readonly #byId = new Map<string, CachedTopic>()

  constructor(nodeId: number, clusterId: string, rack: string | null) {
    this.nodeId = nodeId
    this.clusterId = clusterId
    this.rack = rack
  }

  /** A single broker is its own controller. */
  get controllerId(): number {
    return this.nodeId
  }

  /** This broker's advertised endpoints, set once the listeners are bound. */
  setEndpoints(endpoints: BrokerEndpoint[]): void {
    this.#endpoints = endpoints
  }

  get endpoints(): readonly BrokerEndpoint[] {
    return this.#endpoints
  }

  /** The endpoint to advertise to a client that arrived on `listenerName`. */
  endpointFor(listenerName: string): BrokerEndpoint {
    return this.#endpoints.find((e) => e.listenerName === listenerName) ?? this.#endpoints[0]!
  }

  /** The live brokers as a client on `listenerName` reaches them. */
  aliveBrokers(listenerName: string): Array<{ nodeId: number, host: string, port: number, rack: string | null }> {
    const ep = this.endpointFor(listenerName)
    return [{ nodeId: this.nodeId, host: ep.host, port: ep.port, rack: this.rack }]
  }

  topic(name: string): CachedTopic | undefined {
    return this.#topics.get(name)
  }

  topicById(topicId: string): CachedTopic | undefined {
    return this.#byId.get(topicId)
  }

  topics(): IterableIterator<CachedTopic> {
    return this.#topics.values()
  }

  get topicCount(): number {
    return this.#topics.size
  }

  /**
   * The partition states of `meta`'s partitions: those already known keep theirs, new ones are
   * led by this broker from INITIAL_LEADER_EPOCH (the only assignment a single broker makes).
   */
  partitionStates(meta: TopicMetadata): PartitionState[] {
    const known = this.#topics.get(meta.name)?.partitions ?? []
    const partitions: PartitionState[] = []
    for (let i = 0; i < meta.partitions; i++) {
      partitions.push(known[i] ?? { partition: i, leader: this.nodeId, leaderEpoch: INITIAL_LEADER_EPOCH, replicas: [this.nodeId], isr: [this.nodeId] })
    }
    return partitions
  }

  /** Adds or updates a topic. */
  updateTopic(meta: TopicMetadata, partitions: readonly PartitionState[] = this.partitionStates(meta)): CachedTopic {
    const topic: CachedTopic = { meta, partitions }
    this.#topics.set(meta.name, topic)
    this.#byId.set(meta.topicId, topic)
    return topic
  }

  removeTopic(name: string): void {
    const t = this.#topics.get(name)
    if (t === undefined) return
    this.#topics.delete(name)
    this.#byId.delete(t.meta.topicId)
  }
}
