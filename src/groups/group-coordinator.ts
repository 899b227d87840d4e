/**
 * The group coordinator: every consumer group (classic and KIP-848) and its committed offsets,
 * mutated synchronously on the event loop, written through to `__consumer_offsets` and rebuilt
 * from it. A coordinator serves the groups whose `__consumer_offsets` partition this broker
 * leads: it loads them when it becomes the leader (onElection) and drops them when it stops
 * being one (onResignation); requests for other groups get NOT_COORDINATOR.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'
import { ClassicProtocol } from './classic-protocol.js'
import { ClassicGroup } from './classic-group.js'
import { ConsumerProtocol } from './consumer-protocol.js'
import {
  DEFAULT_GROUP_CONFIG,
  type CoordinatorCore,
  type Group,
  type GroupConfig,
  type GroupLog,
  type GroupLogger,
  type GroupOverrides,
  type TopicView,
} from './core.js'
import { GroupLoader } from './loader.js'
import { OffsetManager } from './offsets.js'
import { OffsetStore } from './offset-store.js'
import type { GroupRecord, TopicIdPartitions } from './records.js'
import type { Input } from '../protocol/codec-support.js'
import type { DescribedGroup as ConsumerDescribedGroup } from '../protocol/generated/consumer-group-describe-response.js'
import { Scheduler } from './scheduler.js'
import { PendingTxnOffsets, type GroupLogEntry } from './txn-offsets.js'

export interface GroupCoordinatorOptions {
  config?: Partial<GroupConfig>
  log: GroupLog
  logger: GroupLogger
  topics: TopicView
  now?: () => number
}

export interface DescribedClassicGroup {
  errorCode: number
  groupId: string
  groupState: string
  protocolType: string
  protocolData: string
  members: Array<{ memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; memberMetadata: Buffer; memberAssignment: Buffer }>
}

export type DescribedConsumerGroup = Input<ConsumerDescribedGroup>

export interface ListedGroup {
  groupId: string
  protocolType: string
  groupState: string
  groupType: string
}

const EXPIRY_KEY = 'offsets-expiry'

export class GroupCoordinator implements CoordinatorCore {
  readonly config: GroupConfig
  readonly scheduler = new Scheduler()
  readonly groups = new Map<string, Group>()
  readonly offsets = new OffsetStore()
  readonly pendingTxnOffsets = new PendingTxnOffsets()
  readonly logger: GroupLogger
  readonly topics: TopicView
  readonly classic: ClassicProtocol
  readonly consumer: ConsumerProtocol
  readonly offsetManager: OffsetManager
  readonly #log: GroupLog
  readonly #now: () => number
  /** partition of `__consumer_offsets` -> the leader epoch this coordinator got it at */
  readonly #owned = new Map<number, number>()
  /** Groups' own configs, as the cluster stores them (Kafka's GroupConfigManager). */
  readonly #groupConfigs = new Map<string, GroupOverrides>()

  constructor(opts: GroupCoordinatorOptions) {
    this.config = { ...DEFAULT_GROUP_CONFIG, ...opts.config }
    this.#log = opts.log
    this.logger = opts.logger
    this.topics = opts.topics
    this.#now = opts.now ?? Date.now
    this.classic = new ClassicProtocol(this)
    this.consumer = new ConsumerProtocol(this)
    this.offsetManager = new OffsetManager(this)
  }

  now(): number {
    return this.#now()
  }

  /**
   * A group's configs changed where the cluster keeps them; members get them at their next
   * heartbeat (Kafka's GroupCoordinatorService reads them per heartbeat too).
   */
  setGroupConfig(groupId: string, overrides: GroupOverrides | null): void {
    if (overrides === null || Object.keys(overrides).length === 0) this.#groupConfigs.delete(groupId)
    else this.#groupConfigs.set(groupId, { ...overrides })
  }

  groupConfig(groupId: string): Required<GroupOverrides> {
    const own = this.#groupConfigs.get(groupId)
    return {
      consumerSessionTimeoutMs: own?.consumerSessionTimeoutMs ?? this.config.consumerSessionTimeoutMs,
      consumerHeartbeatIntervalMs: own?.consumerHeartbeatIntervalMs ?? this.config.consumerHeartbeatIntervalMs,
    }
  }

  /**
   * Resolves to NONE once group records can be written (creating `__consumer_offsets` on first
   * use), else COORDINATOR_NOT_AVAILABLE. With a group id, also NOT_COORDINATOR when this broker
   * does not coordinate that group (another broker leads its partition).
   */
  async whenReady(groupId?: string): Promise<number> {
    if (!this.#log.exists()) {
      try {
        await this.#log.create()
      } catch (err) {
        this.logger.warn({ err }, 'cannot create the group log')
        return ErrorCode.COORDINATOR_NOT_AVAILABLE
      }
      if (!this.#log.exists()) return ErrorCode.COORDINATOR_NOT_AVAILABLE
    }
    return groupId === undefined ? ErrorCode.NONE : this.groupError(groupId)
  }

  /** The `__consumer_offsets` partition of a group. */
  partitionFor(groupId: string): number {
    return this.#log.partitionFor(groupId)
  }

  /** NONE when this broker coordinates the group, else NOT_COORDINATOR (Kafka's isGroupLocal). */
  groupError(groupId: string): number {
    return this.#owned.has(this.#log.partitionFor(groupId)) ? ErrorCode.NONE : ErrorCode.NOT_COORDINATOR
  }

  /** The partitions whose groups this coordinator serves, with the leader epoch it got them at. */
  get ownedPartitions(): ReadonlyMap<number, number> {
    return this.#owned
  }

  /**
   * This broker became the leader of `partition` of `__consumer_offsets` (Kafka's onElection):
   * its groups are loaded from `records` (the partition's log) and served from now on.
   */
  onElection(partition: number, leaderEpoch: number, records: () => Iterable<GroupLogEntry>): void {
    if (this.#owned.has(partition)) {
      this.#owned.set(partition, leaderEpoch)
      return
    }
    this.#load(records(), (groupId) => this.#log.partitionFor(groupId) === partition)
    this.#owned.set(partition, leaderEpoch)
  }

  /**
   * This broker no longer leads `partition` (Kafka's onResignation): its groups are dropped,
   * members waiting in JoinGroup or SyncGroup are told NOT_COORDINATOR.
   */
  onResignation(partition: number): void {
    if (!this.#owned.delete(partition)) return
    let dropped = 0
    for (const [groupId, g] of [...this.groups]) {
      if (this.#log.partitionFor(groupId) !== partition) continue
      if (g.type === 'classic') this.classic.unload(g)
      else this.consumer.cancelTimers(g)
      this.groups.delete(groupId)
      dropped++
    }
    for (const groupId of [...this.offsets.groupIds()]) {
      if (this.#log.partitionFor(groupId) === partition) this.offsets.deleteGroup(groupId)
    }
    this.pendingTxnOffsets.dropGroups((groupId) => this.#log.partitionFor(groupId) === partition)
    this.logger.info({ partition, groups: dropped }, 'unloaded consumer groups')
  }

  write(groupId: string, records: GroupRecord[], txn?: { producerId: bigint; producerEpoch: number }): number {
    try {
      if (txn === undefined) this.#log.append(groupId, records)
      else this.#log.appendTransactional(groupId, records, txn.producerId, txn.producerEpoch)
      return ErrorCode.NONE
    } catch (err) {
      this.logger.warn({ err, group: groupId }, 'writing group records failed')
      if (err instanceof KafkaError) {
        // Kafka's mapping of log append errors for coordinator writes.
        if (err.errorCode === ErrorCode.MESSAGE_TOO_LARGE || err.errorCode === ErrorCode.RECORD_LIST_TOO_LARGE) return ErrorCode.INVALID_COMMIT_OFFSET_SIZE
        if (err.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) return ErrorCode.COORDINATOR_NOT_AVAILABLE
        if (err.errorCode === ErrorCode.NOT_COORDINATOR || err.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER) return ErrorCode.NOT_COORDINATOR
      }
      return ErrorCode.COORDINATOR_NOT_AVAILABLE
    }
  }

  /** Replays `__consumer_offsets` records (in log order) and resumes the loaded groups' timers. */
  load(records: Iterable<GroupLogEntry>): void {
    this.#load(records, () => true)
  }

  /**
   * A marker of `producerId`'s transaction was written to these partitions of
   * `__consumer_offsets` (Kafka's onTransactionCompleted): its offsets there become committed,
   * or are dropped on abort.
   */
  onTransactionCompleted(producerId: bigint, partitions: readonly number[], commit: boolean): void {
    const mine = new Set(partitions)
    for (const o of this.pendingTxnOffsets.take(producerId, (groupId) => mine.has(this.#log.partitionFor(groupId)))) {
      if (!commit) continue
      this.offsets.set(o.groupId, o.topic, o.partition, o.value)
      if (!this.groups.has(o.groupId)) this.groups.set(o.groupId, new ClassicGroup(o.groupId, this.now()))
    }
  }

  #load(records: Iterable<GroupLogEntry>, mine: (groupId: string) => boolean): void {
    const loader = new GroupLoader(this.offsets)
    let loaded = 0
    for (const r of records) loader.apply(r)
    this.pendingTxnOffsets.merge(loader.pendingTxnOffsets)
    for (const [groupId, group] of loader.groups(this.now())) {
      if (!mine(groupId) || this.groups.has(groupId)) continue
      this.groups.set(groupId, group)
      loaded++
      if (group.type === 'classic') this.classic.resumeLoaded(group)
      else this.consumer.resumeLoaded(group)
    }
    if (loaded > 0) this.logger.info({ groups: loaded }, 'loaded consumer groups')
  }

  /** Starts the periodic expiry of committed offsets. */
  start(): void {
    const tick = (): void => {
      this.offsetManager.expire()
      this.scheduler.schedule(EXPIRY_KEY, this.config.offsetsRetentionCheckIntervalMs, tick)
    }
    this.scheduler.schedule(EXPIRY_KEY, this.config.offsetsRetentionCheckIntervalMs, tick)
  }

  close(): void {
    this.scheduler.close()
  }

  describeGroups(groupIds: string[]): DescribedClassicGroup[] {
    return groupIds.map((groupId) => {
      const g = this.groups.get(groupId)
      const dead = { errorCode: ErrorCode.NONE, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] }
      if (g === undefined) return dead
      if (g.type === 'consumer') {
        // Kafka's DescribeGroups (v0-5) does not describe KIP-848 groups: see ConsumerGroupDescribe.
        return dead
      }
      const stable = g.state === 'Stable'
      return {
        errorCode: ErrorCode.NONE,
        groupId,
        groupState: g.state,
        protocolType: g.protocolType ?? '',
        protocolData: stable ? (g.protocolName ?? '') : '',
        members: [...g.members.values()].map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          clientHost: m.clientHost,
          memberMetadata: stable ? m.metadataFor(g.protocolName ?? '') : Buffer.alloc(0),
          memberAssignment: stable ? m.assignment : Buffer.alloc(0),
        })),
      }
    })
  }

  /** Drops every group's committed offsets of deleted topics, as Kafka does. */
  onTopicDeleted(topic: string): void {
    for (const groupId of [...this.offsets.groupIds()]) {
      const partitions = this.offsets.topics(groupId).get(topic)
      if (partitions === undefined) continue
      const records: GroupRecord[] = [...partitions.keys()].map((partition) => ({ type: 'offset', groupId, topic, partition, value: null }))
      if (this.write(groupId, records) !== ErrorCode.NONE) continue
      for (const partition of [...partitions.keys()]) this.offsets.delete(groupId, topic, partition)
    }
  }

  /** ConsumerGroupDescribe: KIP-848 groups only. */
  describeConsumerGroups(groupIds: string[]): DescribedConsumerGroup[] {
    const topicsOf = (m: TopicIdPartitions) =>
      [...m].filter(([, ps]) => ps.length > 0).map(([topicId, partitions]) => ({ topicId, topicName: this.topics.byId(topicId)?.name ?? '', partitions }))
    return groupIds.map((groupId) => {
      const g = this.groups.get(groupId)
      if (g === undefined || g.type !== 'consumer' || g.dead) {
        return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} not found.` }
      }
      return {
        groupId,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        groupState: g.state,
        groupEpoch: g.groupEpoch,
        assignmentEpoch: g.assignmentEpoch,
        assignorName: g.assignorName,
        members: [...g.members.values()].map((m) => ({
          memberId: m.memberId,
          instanceId: m.instanceId,
          rackId: m.rackId,
          memberEpoch: m.memberEpoch,
          clientId: m.clientId,
          clientHost: m.clientHost,
          subscribedTopicNames: m.subscribedTopicNames,
          subscribedTopicRegex: m.subscribedTopicRegex,
          assignment: { topicPartitions: topicsOf(m.assigned) },
          targetAssignment: { topicPartitions: topicsOf(g.targetAssignment.get(m.memberId) ?? new Map()) },
        })),
      }
    })
  }

  listGroups(statesFilter: string[], typesFilter: string[]): ListedGroup[] {
    const states = new Set(statesFilter.map((s) => s.toLowerCase()))
    const types = new Set(typesFilter.map((s) => s.toLowerCase()))
    const out: ListedGroup[] = []
    for (const g of this.groups.values()) {
      const listed =
        g.type === 'classic'
          ? { groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state, groupType: 'classic' }
          : { groupId: g.groupId, protocolType: 'consumer', groupState: g.state, groupType: 'consumer' }
      if (listed.groupState === 'Dead') continue
      if (states.size > 0 && !states.has(listed.groupState.toLowerCase())) continue
      if (types.size > 0 && !types.has(listed.groupType)) continue
      out.push(listed)
    }
    return out
  }

  deleteGroups(groupIds: string[]): Array<{ groupId: string; errorCode: number }> {
    return groupIds.map((groupId) => ({ groupId, errorCode: this.#deleteGroup(groupId) }))
  }

  #deleteGroup(groupId: string): number {
    const g = this.groups.get(groupId)
    if (g === undefined) return ErrorCode.GROUP_ID_NOT_FOUND
    if (g.type === 'classic' ? g.state === 'Dead' : g.dead) return ErrorCode.GROUP_ID_NOT_FOUND
    if (g.type === 'classic' ? g.state !== 'Empty' : !g.isEmpty) return ErrorCode.NON_EMPTY_GROUP
    const records: GroupRecord[] = []
    for (const [topic, partition] of this.offsets.entries(groupId)) records.push({ type: 'offset', groupId, topic, partition, value: null })
    records.push(g.type === 'classic' ? { type: 'group', groupId, value: null } : { type: 'consumer-group', groupId, value: null })
    const err = this.write(groupId, records)
    if (err !== ErrorCode.NONE) return err
    if (g.type === 'classic') {
      this.classic.cancelTimers(g)
      g.transitionTo('Dead', this.now())
    } else {
      this.consumer.cancelTimers(g)
      g.dead = true
    }
    this.groups.delete(groupId)
    this.offsets.deleteGroup(groupId)
    this.pendingTxnOffsets.dropGroups((id) => id === groupId)
    this.logger.info({ group: groupId }, 'deleted group')
    return ErrorCode.NONE
  }
}
