/**
 * Kafka's MetadataCache: what this broker tells clients about the cluster (the live brokers and
 * their endpoints, the controller, every topic with its partitions' leaders, epochs, replicas and
 * ISR). Its only writer is the controller's UpdateMetadata (in-process for a single node, over
 * the wire from the ZooKeeper controller): handlers read it. It holds no log and no partition:
 * the ReplicaManager owns those.
 */
import type { BrokerListener, LiveBroker, PartitionLeadership, UpdateMetadataEvent } from '../controller/control.js'
import { LEADER_DURING_DELETE } from '../controller/control.js'
import { isInternalTopic } from '../metadata/topic-name.js'

export interface BrokerEndpoint {
  listenerName: string
  host: string
  port: number
  /** PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL */
  securityProtocol?: string
}

/** One partition as the controller describes it (Kafka's UpdateMetadataPartitionState). */
export interface PartitionState {
  readonly partition: number
  readonly leader: number
  readonly leaderEpoch: number
  readonly replicas: readonly number[]
  readonly isr: readonly number[]
  readonly offlineReplicas: readonly number[]
  readonly partitionEpoch: number
}

export interface CachedTopic {
  readonly meta: { readonly name: string; readonly topicId: string; readonly internal: boolean }
  /** by partition index */
  readonly partitions: readonly PartitionState[]
}

export interface AliveBroker {
  nodeId: number
  host: string
  port: number
  rack: string | null
}

export class MetadataCache {
  readonly nodeId: number
  readonly clusterId: string
  readonly rack: string | null
  #endpoints: BrokerEndpoint[] = []
  #controllerId = -1
  #brokers = new Map<number, LiveBroker>()
  readonly #topics = new Map<string, CachedTopic>()
  readonly #byId = new Map<string, CachedTopic>()

  constructor(nodeId: number, clusterId: string, rack: string | null) {
    this.nodeId = nodeId
    this.clusterId = clusterId
    this.rack = rack
  }

  /** The active controller as last announced, -1 when unknown. */
  get controllerId(): number {
    return this.#controllerId
  }

  /** This broker's advertised endpoints, set once the listeners are bound. */
  setEndpoints(endpoints: BrokerEndpoint[]): void {
    this.#endpoints = endpoints
  }

  get endpoints(): readonly BrokerEndpoint[] {
    return this.#endpoints
  }

  /** This broker's endpoints as a controller announces them. */
  get listeners(): BrokerListener[] {
    return this.#endpoints.map((e) => ({ listener: e.listenerName, host: e.host, port: e.port, securityProtocol: e.securityProtocol ?? 'PLAINTEXT' }))
  }

  /** The endpoint to advertise to a client that arrived on `listenerName`. */
  endpointFor(listenerName: string): BrokerEndpoint {
    return this.#endpoints.find((e) => e.listenerName === listenerName) ?? this.#endpoints[0]!
  }

  /**
   * The live brokers as a client on `listenerName` reaches them; a broker without that listener
   * is left out, as Kafka does.
   */
  aliveBrokers(listenerName: string): AliveBroker[] {
    const out: AliveBroker[] = []
    for (const b of this.#brokers.values()) {
      const ep = b.endpoints.find((e) => e.listener === listenerName)
      if (ep !== undefined) out.push({ nodeId: b.id, host: ep.host, port: ep.port, rack: b.rack })
    }
    return out.sort((a, b) => a.nodeId - b.nodeId)
  }

  /** A live broker's endpoint on `listenerName`, undefined when it is not alive or has none. */
  brokerEndpoint(brokerId: number, listenerName: string): AliveBroker | undefined {
    const b = this.#brokers.get(brokerId)
    const ep = b?.endpoints.find((e) => e.listener === listenerName)
    return b === undefined || ep === undefined ? undefined : { nodeId: b.id, host: ep.host, port: ep.port, rack: b.rack }
  }

  /** Live brokers with their racks (for replica assignment). */
  liveBrokers(): LiveBroker[] {
    return [...this.#brokers.values()].sort((a, b) => a.id - b.id)
  }

  isAlive(brokerId: number): boolean {
    return this.#brokers.has(brokerId)
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

  /** The partition's state, undefined when unknown. */
  partition(topic: string, partition: number): PartitionState | undefined {
    return this.#topics.get(topic)?.partitions[partition]
  }

  /**
   * Applies an UpdateMetadata (Kafka's ZkMetadataCache.updateMetadata): the live brokers are
   * replaced, the listed partitions' states taken over, and partitions marked
   * LEADER_DURING_DELETE removed. Returns the removed partitions.
   */
  update(event: UpdateMetadataEvent): Array<{ topic: string; partition: number }> {
    this.#controllerId = event.controllerId
    this.#brokers = new Map(event.brokers.map((b) => [b.id, b]))
    const deleted: Array<{ topic: string; partition: number }> = []
    const byTopic = new Map<string, Array<PartitionLeadership & { offlineReplicas: readonly number[] }>>()
    for (const p of event.partitions) {
      let list = byTopic.get(p.topic)
      if (list === undefined) byTopic.set(p.topic, (list = []))
      list.push(p)
    }
    for (const [name, states] of byTopic) {
      const known = this.#topics.get(name)
      const partitions: PartitionState[] = known === undefined || known.meta.topicId !== states[0]!.topicId ? [] : [...known.partitions]
      for (const s of states) {
        if (s.leader === LEADER_DURING_DELETE) {
          if (partitions[s.partition] !== undefined) deleted.push({ topic: name, partition: s.partition })
          delete partitions[s.partition]
          continue
        }
        partitions[s.partition] = {
          partition: s.partition,
          leader: s.leader,
          leaderEpoch: s.leaderEpoch,
          replicas: s.replicas,
          isr: s.isr,
          offlineReplicas: s.offlineReplicas,
          partitionEpoch: s.partitionEpoch,
        }
      }
      if (known !== undefined) this.#remove(name)
      // A topic is published once it has a dense set of partitions (they arrive together).
      const present = partitions.filter((p) => p !== undefined)
      if (present.length === 0) continue
      const topic: CachedTopic = { meta: { name, topicId: states[0]!.topicId, internal: isInternalTopic(name) }, partitions: present }
      this.#topics.set(name, topic)
      this.#byId.set(topic.meta.topicId, topic)
    }
    return deleted
  }

  #remove(name: string): void {
    const t = this.#topics.get(name)
    if (t === undefined) return
    this.#topics.delete(name)
    this.#byId.delete(t.meta.topicId)
  }
}
