/**
 * The controller of a single broker, in-process: the broker is its own controller and the only
 * replica of every partition, so every partition is led by it at the initial epochs. It tells
 * the broker its partitions with the same calls the ZooKeeper controller's requests arrive as
 * (LeaderAndIsr, UpdateMetadata, StopReplica), so a single broker runs the cluster code path.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'
import {
  INITIAL_LEADER_EPOCH,
  INITIAL_PARTITION_EPOCH,
  LEADER_DURING_DELETE,
  NO_LEADER,
  UNKNOWN_BROKER_EPOCH,
  type BrokerListener,
  type ControlledBroker,
  type ControlResult,
  type ControllerIdentity,
  type PartitionLeadership,
} from './control.js'

/** A topic as the controller lays it out: replicas of each partition, by index. */
export interface TopicLayout {
  name: string
  topicId: string
  assignment: readonly (readonly number[])[]
}

export class SingleNodeController {
  /** The epoch a single node's controller acts under (there is never another). */
  static readonly EPOCH = 1
  readonly #nodeId: number
  readonly #broker: ControlledBroker
  readonly #topics = new Map<string, TopicLayout>()
  #listeners: BrokerListener[] = []
  #rack: string | null = null

  constructor(nodeId: number, broker: ControlledBroker) {
    this.#nodeId = nodeId
    this.#broker = broker
  }

  get #identity(): ControllerIdentity {
    return { controllerId: this.#nodeId, controllerEpoch: SingleNodeController.EPOCH, brokerEpoch: UNKNOWN_BROKER_EPOCH }
  }

  #states(t: TopicLayout, from = 0): PartitionLeadership[] {
    const out: PartitionLeadership[] = []
    for (let p = from; p < t.assignment.length; p++) {
      const replicas = t.assignment[p]!
      const leader = replicas.includes(this.#nodeId) ? this.#nodeId : NO_LEADER
      out.push({
        topic: t.name,
        topicId: t.topicId,
        partition: p,
        leader,
        leaderEpoch: INITIAL_LEADER_EPOCH,
        isr: leader === NO_LEADER ? [] : [leader],
        partitionEpoch: INITIAL_PARTITION_EPOCH,
        replicas,
        addingReplicas: [],
        removingReplicas: [],
        leaderRecoveryState: 0,
      })
    }
    return out
  }

  /**
   * LeaderAndIsr for the broker's partitions and UpdateMetadata for all of them. A new topic is
   * published once its partitions are open (clients see it when it can be served); on start the
   * cluster's picture comes first, as Kafka's controller sends it to a starting broker, so the
   * coordinators loading their partitions see every topic.
   */
  async #lead(states: PartitionLeadership[], opts: { full: boolean; isNew: boolean }): Promise<void> {
    const mine = states.filter((s) => s.replicas.includes(this.#nodeId))
    if (opts.full) await this.#publish(states)
    if (mine.length > 0 || opts.full) {
      check(await this.#broker.leaderAndIsr({ ...this.#identity, full: opts.full, partitions: mine.map((s) => ({ ...s, isNew: opts.isNew })) }))
    }
    if (!opts.full) await this.#publish(states)
  }

  async #publish(states: PartitionLeadership[]): Promise<void> {
    const offline = (s: PartitionLeadership): number[] => s.replicas.filter((r) => r !== this.#nodeId)
    check(
      await this.#broker.updateMetadata({
        ...this.#identity,
        brokers: [{ id: this.#nodeId, rack: this.#rack, endpoints: this.#listeners }],
        partitions: states.map((s) => ({ ...s, offlineReplicas: offline(s) })),
      }),
    )
  }

  /** Hands the broker every stored topic (on start). */
  async start(topics: Iterable<TopicLayout>): Promise<void> {
    const states: PartitionLeadership[] = []
    for (const t of topics) {
      this.#topics.set(t.name, t)
      states.push(...this.#states(t))
    }
    await this.#lead(states, { full: true, isNew: false })
  }

  /** The broker's listeners are bound: it is alive with these endpoints. */
  async brokerRegistered(listeners: BrokerListener[], rack: string | null): Promise<void> {
    this.#listeners = listeners
    this.#rack = rack
    await this.#publish([])
  }

  async topicCreated(t: TopicLayout): Promise<void> {
    this.#topics.set(t.name, t)
    await this.#lead(this.#states(t), { full: false, isNew: true })
  }

  /** `t` with its new, larger assignment. */
  async partitionsAdded(t: TopicLayout): Promise<void> {
    const before = this.#topics.get(t.name)?.assignment.length ?? 0
    this.#topics.set(t.name, t)
    await this.#lead(this.#states(t, before), { full: false, isNew: true })
  }

  /**
   * Takes back the partitions from `keep` on (adding them failed): out of the broker's metadata,
   * then their logs deleted.
   */
  async partitionsRemoved(name: string, keep: number): Promise<void> {
    const t = this.#topics.get(name)
    if (t === undefined || t.assignment.length <= keep) return
    const removed = this.#states(t, keep)
    this.#topics.set(name, { ...t, assignment: t.assignment.slice(0, keep) })
    await this.#publish(removed.map((s) => ({ ...s, leader: LEADER_DURING_DELETE })))
    check(
      await this.#broker.stopReplica({
        ...this.#identity,
        partitions: removed.map((s) => ({ topic: s.topic, partition: s.partition, leaderEpoch: s.leaderEpoch, delete: true })),
      }),
    )
  }

  /** Removes the topic from the broker's metadata, then its partitions and their logs. */
  async topicDeleted(name: string): Promise<void> {
    const t = this.#topics.get(name)
    if (t === undefined) return
    this.#topics.delete(name)
    const states = this.#states(t)
    await this.#publish(states.map((s) => ({ ...s, leader: LEADER_DURING_DELETE })))
    check(
      await this.#broker.stopReplica({
        ...this.#identity,
        partitions: states.map((s) => ({ topic: s.topic, partition: s.partition, leaderEpoch: s.leaderEpoch, delete: true })),
      }),
    )
  }
}

/** A failed partition makes the change fail (a single node has no other replica to fall back on). */
function check(r: ControlResult): void {
  if (r.errorCode !== ErrorCode.NONE) throw new KafkaError(r.errorCode, "the broker refused its controller's request")
  const failed = r.partitions.find((p) => p.errorCode !== ErrorCode.NONE)
  if (failed !== undefined) throw new KafkaError(failed.errorCode, `partition ${failed.topic}-${failed.partition} could not be opened`)
}
