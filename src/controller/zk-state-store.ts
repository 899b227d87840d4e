/**
 * What the controller reads from and writes to ZooKeeper, in Kafka's znode layout: live broker
 * registrations, topic assignments, partition states. Every write is fenced by the controller
 * epoch (a multi that checks /controller_epoch's version first), and a partition state is
 * updated only at the version the controller last saw (its partition epoch), as Kafka's
 * KafkaZkClient.updateLeaderAndIsr does.
 */
import { randomUUID } from 'node:crypto'
import type { Op, OpResult, ZooKeeperClient } from '../zookeeper/client.js'
import { isZooKeeperError, ZooKeeperMultiError } from '../zookeeper/errors.js'
import { BrokerIdZNode, PartitionStateZNode, TopicZNode, ZkPaths } from '../metadata/zk/znodes.js'
import { fromKafkaUuid, toKafkaUuid } from '../metadata/topic-id.js'
import type { BrokerRecord, OngoingReassignment, StateRecord, TopicRecord } from './controller-context.js'

/** Runs ops fenced by the controller epoch (throws ControllerMovedError when deposed). */
export type FencedMulti = (ops: readonly Op[]) => Promise<OpResult[]>

/** How many ZooKeeper requests the controller keeps in flight (they are pipelined on one connection). */
const PARALLEL = 256
/** New partition states written in one multi (about 150 bytes each, far below jute.maxbuffer). */
const STATE_BATCH = 200

/** Runs `fn` over `items` with at most PARALLEL in flight; results in order. */
export async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker))
  return out
}

export class ZkStateStore {
  readonly #zk: ZooKeeperClient
  readonly #fenced: FencedMulti
  /** topics whose .../partitions znode exists (or is being created), so each is made once */
  readonly #partitionsPaths = new Map<string, Promise<unknown>>()

  constructor(zk: ZooKeeperClient, fenced: FencedMulti) {
    this.#zk = zk
    this.#fenced = fenced
  }

  /** A broker's registration, or undefined when it is gone. */
  async readBroker(id: number): Promise<BrokerRecord | undefined> {
    try {
      const { data, stat } = await this.#zk.getData(ZkPaths.brokerId(id))
      const info = BrokerIdZNode.decode(id, data)
      return {
        info: {
          id,
          rack: info.rack,
          endpoints: info.endpoints.map((e) => ({ listener: e.listener, host: e.host, port: e.port, securityProtocol: e.securityProtocol })),
        },
        epoch: stat.czxid,
      }
    } catch (err) {
      if (isZooKeeperError(err, 'NONODE')) return undefined
      throw err
    }
  }

  async brokerIds(): Promise<number[]> {
    const { children } = await this.#zk.getChildren(ZkPaths.brokerIds)
    return children
      .map(Number)
      .filter((n) => Number.isInteger(n))
      .sort((a, b) => a - b)
  }

  async topicNames(): Promise<string[]> {
    return (await this.#zk.getChildren(ZkPaths.topics)).children.sort()
  }

  async topicsToDelete(): Promise<string[]> {
    return (await this.#zk.getChildren(ZkPaths.deleteTopics)).children.sort()
  }

  /**
   * A topic's assignment, or undefined when it is gone. A topic written without an id (before
   * Kafka 2.8) gets one, as Kafka's controller does.
   */
  async readTopic(name: string): Promise<(TopicRecord & { moving: Map<number, OngoingReassignment> }) | undefined> {
    let got
    try {
      got = await this.#zk.getData(ZkPaths.topic(name))
    } catch (err) {
      if (isZooKeeperError(err, 'NONODE')) return undefined
      throw err
    }
    const a = TopicZNode.decode(name, got.data)
    const assignment: number[][] = []
    const moving = new Map<number, OngoingReassignment>()
    for (const [p, r] of a.partitions) {
      assignment[p] = r.replicas
      if (r.addingReplicas.length > 0 || r.removingReplicas.length > 0) moving.set(p, { adding: r.addingReplicas, removing: r.removingReplicas })
    }
    for (let p = 0; p < assignment.length; p++) assignment[p] ??= []
    let topicId = a.topicId
    if (topicId === null) {
      topicId = toKafkaUuid(randomUUID())
      await this.#fenced([{ type: 'setData', path: ZkPaths.topic(name), data: TopicZNode.encode({ ...a, topicId }), version: got.stat.version }])
    }
    return { name, topicId: fromKafkaUuid(topicId), assignment, moving }
  }

  /**
   * Rewrites some partitions' replicas (with the replicas being added and removed) in the topic
   * znode, as Kafka's controller does during a reassignment. The znode is read afresh and written
   * at that version, so partitions another broker added meanwhile are kept.
   */
  async writeAssignment(topic: string, changes: ReadonlyMap<number, { replicas: number[]; adding: number[]; removing: number[] }>): Promise<void> {
    for (;;) {
      const got = await this.#zk.getData(ZkPaths.topic(topic))
      const a = TopicZNode.decode(topic, got.data)
      for (const [p, c] of changes) a.partitions.set(p, { replicas: c.replicas, addingReplicas: c.adding, removingReplicas: c.removing })
      try {
        await this.#fenced([{ type: 'setData', path: ZkPaths.topic(topic), data: TopicZNode.encode(a), version: got.stat.version }])
        return
      } catch (err) {
        if (!(err instanceof ZooKeeperMultiError && err.zkCode === 'BADVERSION')) throw err
      }
    }
  }

  async readState(topic: string, partition: number): Promise<StateRecord | undefined> {
    try {
      const { data, stat } = await this.#zk.getData(ZkPaths.partitionState(topic, partition))
      const s = PartitionStateZNode.decode(topic, partition, data, stat)
      return {
        leader: s.leader,
        leaderEpoch: s.leaderEpoch,
        isr: s.isr,
        controllerEpoch: s.controllerEpoch,
        zkVersion: s.zkVersion,
        leaderRecoveryState: s.leaderRecoveryState,
      }
    } catch (err) {
      if (isZooKeeperError(err, 'NONODE')) return undefined
      throw err
    }
  }

  /**
   * Creates the first states of several partitions of one topic, many to a multi (one ZooKeeper
   * transaction, so one log write, per batch instead of per partition). A batch that fails (a
   * partition another controller already initialised) is done partition by partition.
   */
  async createStates(topic: string, states: ReadonlyArray<{ partition: number; state: Omit<StateRecord, 'zkVersion'> }>): Promise<Map<number, StateRecord>> {
    const out = new Map<number, StateRecord>()
    const batches: Array<typeof states> = []
    for (let i = 0; i < states.length; i += STATE_BATCH) batches.push(states.slice(i, i + STATE_BATCH))
    await this.#ensurePartitionsPath(topic)
    await inParallel(batches, async (batch) => {
      const ops: Op[] = batch.flatMap(({ partition, state }) => [
        { type: 'create' as const, path: ZkPaths.partition(topic, partition) },
        { type: 'create' as const, path: ZkPaths.partitionState(topic, partition), data: PartitionStateZNode.encode(state) },
      ])
      try {
        await this.#fenced(ops)
        for (const { partition, state } of batch) out.set(partition, { ...state, zkVersion: 0 })
      } catch (err) {
        if (!(err instanceof ZooKeeperMultiError) || err.zkCode !== 'NODEEXISTS') throw err
        for (const { partition, state } of batch) out.set(partition, await this.createState(topic, partition, state))
      }
    })
    return out
  }

  #ensurePartitionsPath(topic: string): Promise<unknown> {
    let parent = this.#partitionsPaths.get(topic)
    if (parent === undefined) {
      parent = this.#zk.createWithParents(ZkPaths.topicPartitions(topic), undefined, { ignoreExisting: true })
      this.#partitionsPaths.set(topic, parent)
      parent.catch(() => this.#partitionsPaths.delete(topic))
    }
    return parent
  }

  /**
   * Creates a new partition's state znode (and its parents). Returns the state written, or the
   * one found when another controller created it first.
   */
  async createState(topic: string, partition: number, s: Omit<StateRecord, 'zkVersion'>): Promise<StateRecord> {
    await this.#ensurePartitionsPath(topic)
    const data = PartitionStateZNode.encode(s)
    for (const withParent of [true, false]) {
      const ops: Op[] = withParent ? [{ type: 'create', path: ZkPaths.partition(topic, partition) }] : []
      ops.push({ type: 'create', path: ZkPaths.partitionState(topic, partition), data })
      try {
        await this.#fenced(ops)
        return { ...s, zkVersion: 0 }
      } catch (err) {
        if (!(err instanceof ZooKeeperMultiError) || err.zkCode !== 'NODEEXISTS') throw err
        if (err.opIndex === ops.length - 1) {
          const found = await this.readState(topic, partition)
          if (found !== undefined) return found
        }
      }
    }
    throw new Error(`cannot create the state of ${topic}-${partition}`)
  }

  /**
   * Writes a partition's new state at the version last seen. Returns the state with its new
   * version, or undefined when the znode moved on (the caller re-reads it).
   */
  async updateState(topic: string, partition: number, s: Omit<StateRecord, 'zkVersion'>, expectedVersion: number): Promise<StateRecord | undefined> {
    try {
      const [r] = await this.#fenced([
        { type: 'setData', path: ZkPaths.partitionState(topic, partition), data: PartitionStateZNode.encode(s), version: expectedVersion },
      ])
      return { ...s, zkVersion: r?.type === 'setData' ? r.stat.version : expectedVersion + 1 }
    } catch (err) {
      if (err instanceof ZooKeeperMultiError && (err.zkCode === 'BADVERSION' || err.zkCode === 'NONODE')) return undefined
      throw err
    }
  }

  /**
   * Removes a deleted topic's znodes: partition states, the topic, its config and the deletion
   * request, in one fenced multi.
   */
  async deleteTopicZNodes(topic: string): Promise<void> {
    const ops: Op[] = []
    const children = async (path: string): Promise<string[]> => {
      try {
        return (await this.#zk.getChildren(path)).children
      } catch (err) {
        if (isZooKeeperError(err, 'NONODE')) return []
        throw err
      }
    }
    const partitions = await children(ZkPaths.topicPartitions(topic))
    const nested = await inParallel(partitions, async (p) => ({ p, kids: await children(`${ZkPaths.topicPartitions(topic)}/${p}`) }))
    for (const { p, kids } of nested) {
      for (const k of kids) ops.push({ type: 'delete', path: `${ZkPaths.topicPartitions(topic)}/${p}/${k}` })
      ops.push({ type: 'delete', path: `${ZkPaths.topicPartitions(topic)}/${p}` })
    }
    if ((await this.#zk.exists(ZkPaths.topicPartitions(topic))) !== null) ops.push({ type: 'delete', path: ZkPaths.topicPartitions(topic) })
    if ((await this.#zk.exists(ZkPaths.topic(topic))) !== null) ops.push({ type: 'delete', path: ZkPaths.topic(topic) })
    if ((await this.#zk.exists(ZkPaths.configEntity('topics', topic))) !== null) ops.push({ type: 'delete', path: ZkPaths.configEntity('topics', topic) })
    ops.push({ type: 'delete', path: ZkPaths.deleteTopic(topic) })
    await this.#fenced(ops)
    this.#partitionsPaths.delete(topic)
  }

  /** Drops a deletion request for a topic that does not exist. */
  async dropDeletionRequest(topic: string): Promise<void> {
    try {
      await this.#fenced([{ type: 'delete', path: ZkPaths.deleteTopic(topic) }])
    } catch (err) {
      if (!(err instanceof ZooKeeperMultiError && err.zkCode === 'NONODE')) throw err
    }
  }
}
