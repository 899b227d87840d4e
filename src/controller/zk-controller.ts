/**
 * The ZooKeeper-mode controller (Kafka's KafkaController), active on the one broker that won
 * /controller. It reads the cluster from ZooKeeper, watches it (brokers coming and going, new
 * topics and partitions, deletion requests), decides every partition's leader and ISR, writes
 * them to the partition state znodes (fenced by its epoch), and tells the brokers with
 * LeaderAndIsr, UpdateMetadata and StopReplica. It also serves ControlledShutdown and
 * AlterPartition. Events are handled one at a time, in order (Kafka's ControllerEventManager).
 */
import type { Logger } from '../logger.js'
import type { ZooKeeperClient } from '../zookeeper/client.js'
import { watchChildren, watchData, type WatchHandle } from '../zookeeper/recipes.js'
import { ZkPaths } from '../metadata/zk/znodes.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { NO_LEADER, type PartitionLeadership } from './control.js'
import { ControllerContext, electLeader, initialState, withoutReplica, type StateRecord, type TopicPartition } from './controller-context.js'
import { ControllerChannelManager } from './channel.js'
import type { InterBrokerSecurity } from './broker-connection.js'
import { interBrokerEndpoint } from './broker-connection.js'
import { ControllerRequestBatch } from './request-batch.js'
import { inParallel, ZkStateStore, type FencedMulti } from './zk-state-store.js'
import { ReassignmentManager, type ControllerOps, type OngoingPartitionReassignment, type PartitionError, type ReassignmentRequest } from './reassignment.js'
import { electLeaders, imbalancedPartitions, ElectionType, type ElectionResult, type ElectionTypeValue } from './preferred-election.js'

export interface ZkControllerOptions {
  zk: ZooKeeperClient
  brokerId: number
  controllerEpoch: number
  fencedMulti: FencedMulti
  interBrokerListener: string
  /** unclean.leader.election.enable for a topic (its override, else the broker's) */
  uncleanLeaderElection: (topic: string) => Promise<boolean>
  /** controller.socket.timeout.ms */
  requestTimeoutMs: number
  /** TLS and SASL on the inter-broker listener. */
  security?: InterBrokerSecurity
  /** auto.leader.rebalance.enable: how often to check (leader.imbalance.check.interval.seconds) and the imbalance allowed */
  autoLeaderRebalance?: { intervalMs: number; imbalancePercentage: number }
  log: Logger
}

export interface ShutdownResult {
  errorCode: number
  remaining: TopicPartition[]
}

export interface AlterPartitionItem {
  topic: string
  partition: number
  leaderEpoch: number
  newIsr: number[]
  partitionEpoch: number
  leaderRecoveryState: number
}

export interface AlterPartitionOutcome {
  errorCode: number
  partitions: Array<{
    topic: string
    partition: number
    errorCode: number
    leaderId: number
    leaderEpoch: number
    isr: number[]
    partitionEpoch: number
    leaderRecoveryState: number
  }>
}

export class ZkController {
  readonly brokerId: number
  readonly epoch: number
  readonly #zk: ZooKeeperClient
  readonly #store: ZkStateStore
  readonly #ctx = new ControllerContext()
  readonly #channel: ControllerChannelManager
  readonly #listener: string
  readonly #unclean: (topic: string) => Promise<boolean>
  readonly #log: Logger
  readonly #watches: WatchHandle[] = []
  readonly #topicWatches = new Map<string, WatchHandle>()
  #queue: Promise<unknown> = Promise.resolve()
  #stopped = false
  readonly #ops: ControllerOps
  readonly #reassignments: ReassignmentManager
  readonly #rebalance: ZkControllerOptions['autoLeaderRebalance']
  #rebalanceTimer: NodeJS.Timeout | undefined

  constructor(opts: ZkControllerOptions) {
    this.brokerId = opts.brokerId
    this.epoch = opts.controllerEpoch
    this.#zk = opts.zk
    this.#store = new ZkStateStore(opts.zk, opts.fencedMulti)
    this.#listener = opts.interBrokerListener
    this.#unclean = opts.uncleanLeaderElection
    this.#log = opts.log
    this.#channel = new ControllerChannelManager(opts.brokerId, opts.log, opts.requestTimeoutMs, opts.security)
    this.#ops = {
      ctx: this.#ctx,
      store: this.#store,
      epoch: this.epoch,
      log: this.#log,
      write: (tp, next, prev) => this.#write(tp, next, prev),
      batch: () => this.#batch(),
    }
    this.#reassignments = new ReassignmentManager(this.#ops)
    this.#rebalance = opts.autoLeaderRebalance
  }

  get context(): ControllerContext {
    return this.#ctx
  }

  /** Runs `fn` after every event queued before it (Kafka's ControllerEventManager). */
  #enqueue<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      if (this.#stopped) throw new Error('the controller has stopped')
      const started = Date.now()
      try {
        return await fn()
      } finally {
        const ms = Date.now() - started
        if (ms > 1000) this.#log.info({ event: name, ms }, 'slow controller event')
      }
    })
    this.#queue = run.catch((err: unknown) => {
      if (!this.#stopped) this.#log.error({ err, event: name }, 'controller event failed')
    })
    return run
  }

  #batch(): ControllerRequestBatch {
    return new ControllerRequestBatch({
      ctx: this.#ctx,
      channel: this.#channel,
      controllerId: this.brokerId,
      controllerEpoch: this.epoch,
      listener: this.#listener,
      log: this.#log,
      onStopped: (topic, brokerId, errorCode) => this.#onStopped(topic, brokerId, errorCode),
    })
  }

  /** Takes over (Kafka's onControllerFailover); resolves once the brokers were told. */
  async start(): Promise<void> {
    const started = Date.now()
    const ready = this.#enqueue('failover', () => this.#failover())
    // Watches report the current state at once; the events diff it against what failover read.
    this.#watches.push(
      watchChildren(
        this.#zk,
        ZkPaths.brokerIds,
        () => {
          void this.#enqueue('broker change', () => this.#brokerChange())
        },
        { logger: this.#log },
      ),
    )
    this.#watches.push(
      watchChildren(
        this.#zk,
        ZkPaths.topics,
        () => {
          void this.#enqueue('topic change', () => this.#topicChange())
        },
        { logger: this.#log },
      ),
    )
    this.#watches.push(
      watchChildren(
        this.#zk,
        ZkPaths.deleteTopics,
        () => {
          void this.#enqueue('topic deletion', () => this.#topicDeletion())
        },
        { logger: this.#log },
      ),
    )
    await ready
    this.#scheduleRebalance()
    this.#log.info(
      { controllerEpoch: this.epoch, brokers: this.#ctx.brokers.size, topics: this.#ctx.topics.size, ms: Date.now() - started },
      'controller ready',
    )
  }

  /** Stops acting (resigned or closing): no more writes, requests or watches. */
  stop(): void {
    if (this.#stopped) return
    this.#stopped = true
    clearTimeout(this.#rebalanceTimer)
    for (const w of this.#watches) w.close()
    for (const w of this.#topicWatches.values()) w.close()
    this.#topicWatches.clear()
    this.#channel.close()
  }

  get stopped(): boolean {
    return this.#stopped
  }

  #watchTopic(name: string): void {
    if (this.#topicWatches.has(name) || this.#stopped) return
    let first = true
    this.#topicWatches.set(
      name,
      watchData(
        this.#zk,
        ZkPaths.topic(name),
        () => {
          // The first call reports the assignment just read.
          if (first) {
            first = false
            return
          }
          void this.#enqueue('partition modification', () => this.#partitionModification(name))
        },
        { logger: this.#log },
      ),
    )
  }

  // ---- failover -------------------------------------------------------------------------------

  async #failover(): Promise<void> {
    const ctx = this.#ctx
    for (const id of await this.#store.brokerIds()) {
      const b = await this.#store.readBroker(id)
      if (b !== undefined) ctx.brokers.set(id, b)
    }
    const names = await this.#store.topicNames()
    const topics = await inParallel(names, (n) => this.#store.readTopic(n))
    for (const t of topics) {
      if (t === undefined) continue
      ctx.topics.set(t.name, t)
      for (const [p, r] of t.moving) ctx.setReassignment(t.name, p, r)
    }
    const all = [...ctx.partitions()]
    const states = await inParallel(all, (p) => this.#store.readState(p.topic, p.partition))
    all.forEach((p, i) => {
      if (states[i] !== undefined) ctx.setState(p.topic, p.partition, states[i]!)
    })
    for (const t of await this.#store.topicsToDelete()) if (ctx.topics.has(t)) ctx.deleting.add(t)
    for (const name of ctx.topics.keys()) this.#watchTopic(name)
    for (const b of ctx.brokers.values()) this.#addToChannel(b.info.id)

    // The picture first, to every broker; then leaders for what has none; then each broker's
    // full set of partitions.
    const batch = this.#batch()
    batch.updateMetadata([...ctx.brokers.keys()], [...ctx.partitions()])
    batch.send()
    // Replicas on brokers that died while no controller watched leave the ISR (Kafka's replica
    // state machine starts them OfflineReplica), or acks=all waits on them until the leader's
    // replica.lag.time.max.ms; then every partition without a live leader gets one.
    const dead = new Set<number>()
    for (const p of ctx.partitions()) for (const r of p.replicas) if (!ctx.isLive(r)) dead.add(r)
    const shrunk =
      dead.size === 0
        ? []
        : await this.#removeFromIsr(
            [...ctx.partitions()].filter((p) => p.replicas.some((r) => dead.has(r))),
            [...dead],
          )
    const changed = dedupe([...shrunk, ...(await this.#onlinePartitions([...ctx.partitions()]))])
    const after = this.#batch()
    for (const id of ctx.brokers.keys()) after.fullLeaderAndIsr(id)
    after.updateMetadata([...ctx.brokers.keys()], changed)
    after.send()
    for (const t of ctx.deleting) this.#startDeletion(t)
    await this.#reassignments.resume()
  }

  #addToChannel(id: number): void {
    const b = this.#ctx.brokers.get(id)
    if (b === undefined) return
    const ep = interBrokerEndpoint(b.info, this.#listener)
    if (ep === undefined) {
      this.#log.error({ broker: id, listener: this.#listener }, 'broker has no inter-broker listener; the controller cannot reach it')
      return
    }
    this.#channel.addBroker(ep)
  }

  /**
   * Gives every partition without a live leader one when it can (new partitions their first
   * state, offline ones an election). Returns the partitions whose state changed.
   */
  async #onlinePartitions(parts: readonly TopicPartition[]): Promise<TopicPartition[]> {
    const ctx = this.#ctx
    const canLead = (id: number): boolean => ctx.canLead(id)
    // New partitions first, many states to a ZooKeeper multi.
    const fresh = new Map<string, Array<{ partition: number; state: Omit<StateRecord, 'zkVersion'> }>>()
    for (const tp of parts) {
      if (ctx.deleting.has(tp.topic) || ctx.state(tp.topic, tp.partition) !== undefined) continue
      const first = initialState(ctx.replicas(tp.topic, tp.partition), canLead, this.epoch)
      if (first === null) continue
      let list = fresh.get(tp.topic)
      if (list === undefined) fresh.set(tp.topic, (list = []))
      list.push({ partition: tp.partition, state: first })
    }
    const created: TopicPartition[] = []
    for (const [topic, states] of fresh) {
      for (const [partition, s] of await this.#store.createStates(topic, states)) {
        ctx.setState(topic, partition, s)
        created.push({ topic, partition })
      }
    }
    const createdKeys = new Set(created.map((tp) => `${tp.topic}\u0000${tp.partition}`))
    // Then elections for partitions whose leader is gone.
    const changed = await inParallel(parts, async (tp): Promise<TopicPartition | undefined> => {
      if (ctx.deleting.has(tp.topic) || createdKeys.has(`${tp.topic}\u0000${tp.partition}`)) return undefined
      const replicas = ctx.replicas(tp.topic, tp.partition)
      const s = ctx.state(tp.topic, tp.partition)
      if (s === undefined) return undefined
      if (s.leader !== NO_LEADER && canLead(s.leader)) return undefined
      // Unclean election only when no in-sync replica can lead, and the topic allows it.
      const elected =
        electLeader(replicas, s.isr, canLead, false) ??
        (replicas.some(canLead) && (await this.#unclean(tp.topic)) ? electLeader(replicas, s.isr, canLead, true) : null)
      if (elected === null) {
        if (s.leader === NO_LEADER) return undefined
        // The leader is gone and nobody in the ISR can take over: offline.
        return (await this.#write(tp, { ...s, ...withoutReplica(s, s.leader), leaderEpoch: s.leaderEpoch + 1, controllerEpoch: this.epoch }, s))
          ? tp
          : undefined
      }
      if (elected.unclean)
        this.#log.warn(
          { topic: tp.topic, partition: tp.partition, leader: elected.leader, lastIsr: s.isr, leaderEpoch: s.leaderEpoch + 1 },
          'unclean leader election (data loss): an out-of-sync replica leads; records only the last in-sync replicas had are lost',
        )
      return (await this.#write(tp, { ...s, leader: elected.leader, isr: elected.isr, leaderEpoch: s.leaderEpoch + 1, controllerEpoch: this.epoch }, s))
        ? tp
        : undefined
    })
    return [...created, ...changed.filter((c): c is TopicPartition => c !== undefined)]
  }

  /** Writes a partition's new state at the version last seen; re-reads it when it moved on. */
  async #write(tp: TopicPartition, next: StateRecord, prev: StateRecord): Promise<boolean> {
    const { zkVersion: _, ...data } = next
    const written = await this.#store.updateState(tp.topic, tp.partition, data, prev.zkVersion)
    if (written === undefined) {
      this.#log.warn({ topic: tp.topic, partition: tp.partition }, 'partition state changed under the controller; re-reading it')
      const fresh = await this.#store.readState(tp.topic, tp.partition)
      if (fresh !== undefined) this.#ctx.setState(tp.topic, tp.partition, fresh)
      return false
    }
    this.#ctx.setState(tp.topic, tp.partition, written)
    return true
  }

  // ---- brokers --------------------------------------------------------------------------------

  async #brokerChange(): Promise<void> {
    const ctx = this.#ctx
    const ids = new Set(await this.#store.brokerIds())
    const dead: number[] = []
    const born: number[] = []
    for (const id of ctx.brokers.keys()) if (!ids.has(id)) dead.push(id)
    for (const id of ids) {
      const b = await this.#store.readBroker(id)
      if (b === undefined) continue
      const known = ctx.brokers.get(id)
      if (known === undefined) born.push(id)
      else if (known.epoch !== b.epoch) {
        // Restarted within the session timeout: it lost its state, so it is new again.
        dead.push(id)
        born.push(id)
      }
    }
    if (dead.length > 0) await this.#onBrokerFailure(dead)
    if (born.length > 0) await this.#onBrokerStartup(born)
  }

  async #onBrokerFailure(dead: number[]): Promise<void> {
    const ctx = this.#ctx
    this.#log.info({ brokers: dead }, 'brokers left the cluster')
    for (const id of dead) {
      ctx.brokers.delete(id)
      ctx.shuttingDown.delete(id)
      this.#channel.removeBroker(id)
    }
    const affected = [...ctx.partitions()].filter((p) => p.replicas.some((r) => dead.includes(r)))
    const changed = await this.#removeFromIsr(affected, dead)
    const online = await this.#onlinePartitions(affected)
    const batch = this.#batch()
    const all = dedupe([...changed, ...online])
    batch.leaderAndIsr(all)
    batch.updateMetadata([...ctx.brokers.keys()], all)
    batch.send()
    await this.#reassignments.maybeComplete()
  }

  /** Drops `gone` brokers from the ISR of `parts` (leaders lose leadership); returns what changed. */
  async #removeFromIsr(parts: readonly TopicPartition[], gone: readonly number[]): Promise<TopicPartition[]> {
    const ctx = this.#ctx
    const changed = await inParallel(parts, async (tp) => {
      const s = ctx.state(tp.topic, tp.partition)
      if (s === undefined) return undefined
      let next = { leader: s.leader, isr: s.isr }
      for (const g of gone) next = withoutReplica({ ...s, ...next }, g)
      if (next.leader === s.leader && sameList(next.isr, s.isr)) return undefined
      return (await this.#write(tp, { ...s, ...next, leaderEpoch: s.leaderEpoch + 1, controllerEpoch: this.epoch }, s)) ? tp : undefined
    })
    return changed.filter((c): c is TopicPartition => c !== undefined)
  }

  async #onBrokerStartup(born: number[]): Promise<void> {
    const ctx = this.#ctx
    for (const id of born) {
      const b = await this.#store.readBroker(id)
      if (b === undefined) continue
      ctx.brokers.set(id, b)
      this.#addToChannel(id)
    }
    this.#log.info({ brokers: born }, 'brokers joined the cluster')
    // The new brokers get the whole picture, the others the new broker list.
    const first = this.#batch()
    first.updateMetadata(born, [...ctx.partitions()])
    first.updateMetadata(
      [...ctx.brokers.keys()].filter((id) => !born.includes(id)),
      [],
    )
    first.send()
    const theirs = [...ctx.partitions()].filter((p) => p.replicas.some((r) => born.includes(r)))
    const online = await this.#onlinePartitions(theirs)
    const batch = this.#batch()
    batch.leaderAndIsr(online)
    for (const id of born) batch.fullLeaderAndIsr(id)
    batch.updateMetadata([...ctx.brokers.keys()], online)
    batch.send()
    await this.#reassignments.maybeComplete()
  }

  // ---- topics ---------------------------------------------------------------------------------

  async #topicChange(): Promise<void> {
    const ctx = this.#ctx
    const names = new Set(await this.#store.topicNames())
    for (const name of [...ctx.topics.keys()]) {
      if (!names.has(name)) {
        ctx.removeTopic(name)
        this.#topicWatches.get(name)?.close()
        this.#topicWatches.delete(name)
      }
    }
    const added = [...names].filter((n) => !ctx.topics.has(n))
    if (added.length === 0) return
    const topics = await inParallel(added, (n) => this.#store.readTopic(n))
    const fresh: TopicPartition[] = []
    for (const t of topics) {
      if (t === undefined) continue
      ctx.topics.set(t.name, t)
      this.#watchTopic(t.name)
      for (let p = 0; p < t.assignment.length; p++) fresh.push({ topic: t.name, partition: p })
    }
    await this.#onNewPartitions(fresh)
  }

  async #partitionModification(name: string): Promise<void> {
    const ctx = this.#ctx
    const known = ctx.topics.get(name)
    if (known === undefined || ctx.deleting.has(name)) return
    const t = await this.#store.readTopic(name)
    if (t === undefined) return
    const before = known.assignment.length
    if (t.assignment.length <= before) return
    // Partitions were added (reassignment of existing ones is not handled here).
    known.assignment.push(...t.assignment.slice(before))
    const fresh: TopicPartition[] = []
    for (let p = before; p < t.assignment.length; p++) fresh.push({ topic: name, partition: p })
    await this.#onNewPartitions(fresh)
  }

  async #onNewPartitions(fresh: TopicPartition[]): Promise<void> {
    const started = Date.now()
    const online = await this.#onlinePartitions(fresh)
    const batch = this.#batch()
    batch.leaderAndIsr(online, { isNew: true })
    batch.updateMetadata([...this.#ctx.brokers.keys()], fresh)
    batch.send()
    this.#log.info({ partitions: fresh.length, led: online.length, ms: Date.now() - started }, 'new partitions')
  }

  // ---- deletion -------------------------------------------------------------------------------

  /** replicas still to confirm a deletion, by topic */
  readonly #pendingDeletes = new Map<string, Set<number>>()

  async #topicDeletion(): Promise<void> {
    const ctx = this.#ctx
    for (const t of await this.#store.topicsToDelete()) {
      if (!ctx.topics.has(t)) {
        await this.#store.dropDeletionRequest(t)
        continue
      }
      if (!ctx.deleting.has(t)) {
        ctx.deleting.add(t)
        this.#startDeletion(t)
      }
    }
  }

  /**
   * Kafka's TopicDeletionManager, simplified: every broker drops the topic from its metadata,
   * the live replicas stop and delete their partitions, and once they confirmed the znodes go.
   * Replicas on brokers that are down delete theirs when they come back (a full LeaderAndIsr
   * no longer names them).
   */
  #startDeletion(topic: string): void {
    const ctx = this.#ctx
    const t = ctx.topics.get(topic)
    if (t === undefined) return
    this.#log.info({ topic }, 'deleting topic')
    const batch = this.#batch()
    const parts = t.assignment.map((_, partition) => ({ topic, partition }))
    batch.updateMetadata([...ctx.brokers.keys()], parts, { deleting: true })
    const replicas = new Set<number>()
    for (const [partition, rs] of t.assignment.entries()) {
      for (const r of rs) {
        if (!ctx.isLive(r)) continue
        replicas.add(r)
        batch.stopReplica(r, { topic, partition, leaderEpoch: ctx.state(topic, partition)?.leaderEpoch ?? -1, delete: true })
      }
    }
    this.#pendingDeletes.set(topic, replicas)
    batch.send()
    if (replicas.size === 0) void this.#enqueue('topic deletion done', () => this.#finishDeletion(topic))
  }

  #onStopped(topic: string, brokerId: number, errorCode: number): void {
    const pending = this.#pendingDeletes.get(topic)
    if (pending === undefined) return
    if (errorCode !== ErrorCode.NONE)
      this.#log.warn({ topic, broker: brokerId, errorCode }, 'a replica could not delete its partitions; it will when it restarts')
    pending.delete(brokerId)
    if (pending.size === 0) void this.#enqueue('topic deletion done', () => this.#finishDeletion(topic))
  }

  async #finishDeletion(topic: string): Promise<void> {
    if (!this.#pendingDeletes.delete(topic)) return
    await this.#store.deleteTopicZNodes(topic)
    this.#ctx.removeTopic(topic)
    this.#topicWatches.get(topic)?.close()
    this.#topicWatches.delete(topic)
    this.#log.info({ topic }, 'deleted topic')
  }

  // ---- requests served by the controller ------------------------------------------------------

  /**
   * Kafka's ControlledShutdown: leadership of the broker's partitions moves to another in-sync
   * replica, the broker leaves the ISR of the partitions it follows. Returns the partitions it
   * still leads (those with more than one replica and nobody else in sync).
   */
  controlledShutdown(brokerId: number, brokerEpoch: bigint): Promise<ShutdownResult> {
    return this.#enqueue('controlled shutdown', async () => {
      const ctx = this.#ctx
      const b = ctx.brokers.get(brokerId)
      if (b === undefined) return { errorCode: ErrorCode.BROKER_NOT_AVAILABLE, remaining: [] }
      if (brokerEpoch !== -1n && brokerEpoch !== b.epoch) return { errorCode: ErrorCode.STALE_BROKER_EPOCH, remaining: [] }
      ctx.shuttingDown.add(brokerId)
      const canLead = (id: number): boolean => ctx.canLead(id)
      const led: TopicPartition[] = []
      const followed: TopicPartition[] = []
      for (const p of ctx.partitions()) {
        if (!p.replicas.includes(brokerId) || p.replicas.length < 2) continue
        const s = ctx.state(p.topic, p.partition)
        if (s === undefined) continue
        if (s.leader === brokerId) led.push(p)
        else if (s.isr.includes(brokerId)) followed.push(p)
      }
      const moved = await inParallel(led, async (tp) => {
        const s = ctx.state(tp.topic, tp.partition)!
        const elected = electLeader(
          ctx.replicas(tp.topic, tp.partition),
          s.isr.filter((r) => r !== brokerId),
          canLead,
          false,
        )
        if (elected === null) return undefined
        return (await this.#write(tp, { ...s, leader: elected.leader, isr: elected.isr, leaderEpoch: s.leaderEpoch + 1, controllerEpoch: this.epoch }, s))
          ? tp
          : undefined
      })
      const shrunk = await this.#removeFromIsr(followed, [brokerId])
      const changed = dedupe([...moved.filter((m): m is TopicPartition => m !== undefined), ...shrunk])
      const batch = this.#batch()
      // The stopping broker is told too: it follows the new leader at once and answers clients
      // NOT_LEADER_OR_FOLLOWER, rather than accepting writes its followers no longer copy.
      batch.leaderAndIsr(changed)
      for (const tp of shrunk) batch.stopReplica(brokerId, { ...tp, leaderEpoch: ctx.state(tp.topic, tp.partition)?.leaderEpoch ?? -1, delete: false })
      batch.updateMetadata([...ctx.brokers.keys()], changed)
      batch.send()
      const remaining = led.filter((tp) => ctx.state(tp.topic, tp.partition)?.leader === brokerId)
      this.#log.info({ broker: brokerId, moved: changed.length, remaining: remaining.length }, 'controlled shutdown')
      return { errorCode: ErrorCode.NONE, remaining }
    })
  }

  /**
   * Kafka's AlterPartition (KIP-497): a leader's new ISR, accepted when it comes from the current
   * leader at the current leader epoch and partition epoch and names only live replicas.
   */
  alterPartition(brokerId: number, brokerEpoch: bigint, items: readonly AlterPartitionItem[]): Promise<AlterPartitionOutcome> {
    return this.#enqueue('alter partition', async () => {
      const ctx = this.#ctx
      const b = ctx.brokers.get(brokerId)
      if (b === undefined || (brokerEpoch !== -1n && brokerEpoch !== b.epoch)) return { errorCode: ErrorCode.STALE_BROKER_EPOCH, partitions: [] }
      const changed: TopicPartition[] = []
      const partitions = await inParallel(items, async (it) => {
        const fail = (errorCode: number) => ({
          topic: it.topic,
          partition: it.partition,
          errorCode,
          leaderId: -1,
          leaderEpoch: -1,
          isr: [],
          partitionEpoch: -1,
          leaderRecoveryState: 0,
        })
        const s = ctx.topics.has(it.topic) && !ctx.deleting.has(it.topic) ? ctx.state(it.topic, it.partition) : undefined
        if (s === undefined) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
        if (s.leader !== brokerId) return fail(ErrorCode.NOT_LEADER_OR_FOLLOWER)
        if (it.leaderEpoch < s.leaderEpoch) return fail(ErrorCode.FENCED_LEADER_EPOCH)
        if (it.leaderEpoch > s.leaderEpoch) return fail(ErrorCode.UNKNOWN_LEADER_EPOCH)
        if (it.partitionEpoch !== s.zkVersion) return fail(ErrorCode.INVALID_UPDATE_VERSION)
        const replicas = ctx.replicas(it.topic, it.partition)
        if (!it.newIsr.includes(brokerId) || it.newIsr.some((r) => !replicas.includes(r) || !ctx.canLead(r))) return fail(ErrorCode.INELIGIBLE_REPLICA)
        let next: StateRecord = s
        if (!sameList(it.newIsr, s.isr) || it.leaderRecoveryState !== s.leaderRecoveryState) {
          const tp = { topic: it.topic, partition: it.partition }
          if (!(await this.#write(tp, { ...s, isr: [...it.newIsr], leaderRecoveryState: it.leaderRecoveryState, controllerEpoch: this.epoch }, s)))
            return fail(ErrorCode.INVALID_UPDATE_VERSION)
          next = ctx.state(it.topic, it.partition)!
          changed.push(tp)
        }
        return {
          topic: it.topic,
          partition: it.partition,
          errorCode: ErrorCode.NONE,
          leaderId: next.leader,
          leaderEpoch: next.leaderEpoch,
          isr: next.isr,
          partitionEpoch: next.zkVersion,
          leaderRecoveryState: next.leaderRecoveryState,
        }
      })
      if (changed.length > 0) {
        const batch = this.#batch()
        batch.updateMetadata([...ctx.brokers.keys()], changed)
        batch.send()
        await this.#reassignments.maybeComplete(changed)
      }
      return { errorCode: ErrorCode.NONE, partitions }
    })
  }

  /** ElectLeaders (KIP-460): preferred or unclean elections for `parts` (null: every partition). */
  electLeaders(type: ElectionTypeValue, parts: ReadonlyArray<{ topic: string; partition: number }> | null): Promise<ElectionResult[]> {
    return this.#enqueue('replica leader election', () => electLeaders(this.#ops, type, parts))
  }

  /** AlterPartitionReassignments (KIP-455): starts, replaces or cancels reassignments. */
  alterPartitionReassignments(items: readonly ReassignmentRequest[]): Promise<PartitionError[]> {
    return this.#enqueue('partition reassignment', () => this.#reassignments.alter(items))
  }

  /** ListPartitionReassignments: the ongoing reassignments (of `wanted`, or all). */
  listPartitionReassignments(wanted: ReadonlyArray<{ topic: string; partitions: readonly number[] }> | null): Promise<OngoingPartitionReassignment[]> {
    return this.#enqueue('list partition reassignments', async () => this.#reassignments.list(wanted))
  }

  /** auto.leader.rebalance.enable: the imbalance check every leader.imbalance.check.interval.seconds. */
  #scheduleRebalance(): void {
    const r = this.#rebalance
    if (r === undefined || this.#stopped) return
    this.#rebalanceTimer = setTimeout(() => {
      void this.#enqueue('auto leader balance', async () => {
        const parts = imbalancedPartitions(this.#ctx, r.imbalancePercentage)
        if (parts.length > 0) {
          this.#log.info({ partitions: parts.length }, 'leaders off their preferred replicas: rebalancing')
          await electLeaders(this.#ops, ElectionType.PREFERRED, parts)
        }
      })
        .catch(() => {})
        .finally(() => this.#scheduleRebalance())
    }, r.intervalMs)
    this.#rebalanceTimer.unref()
  }

  /** The partitions as the controller describes them (for tests and tools). */
  describe(topic: string): PartitionLeadership[] {
    const t = this.#ctx.topics.get(topic)
    return t === undefined ? [] : t.assignment.map((_, p) => this.#ctx.leadership(topic, p))
  }
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

function dedupe(parts: readonly TopicPartition[]): TopicPartition[] {
  const seen = new Set<string>()
  return parts.filter((p) => {
    const k = `${p.topic}\u0000${p.partition}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
