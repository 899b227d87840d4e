/**
 * Committed offsets: OffsetCommit (group, generation or member-epoch checks; standalone commits
 * with generation -1), OffsetFetch, OffsetDelete and the expiry of `offsets.retention.minutes`.
 * A commit is acknowledged only after its records are in `__consumer_offsets`.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { subscribedTopics } from '../protocol/consumer-protocol.js'
import { ClassicGroup, validateMember } from './classic-group.js'
import type { CoordinatorCore, Group } from './core.js'
import type { GroupRecord, OffsetValue } from './records.js'

export interface CommitPartition {
  partitionIndex: number
  committedOffset: bigint
  committedLeaderEpoch: number
  commitTimestamp: bigint
  committedMetadata: string | null
}

export interface CommitRequest {
  groupId: string
  generationIdOrMemberEpoch: number
  memberId: string
  groupInstanceId: string | null
  retentionTimeMs: bigint
  topics: Array<{ name: string; partitions: CommitPartition[] }>
  apiVersion: number
}

/** TxnOffsetCommit: a commit inside the producer's transaction (Kafka's handleTxnCommitOffsets). */
export interface TxnCommitRequest {
  groupId: string
  producerId: bigint
  producerEpoch: number
  /** v3+; -1, '' and null before */
  generationId: number
  memberId: string
  groupInstanceId: string | null
  topics: Array<{
    name: string
    partitions: Array<{ partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; committedMetadata: string | null }>
  }>
}

export interface PartitionError {
  partitionIndex: number
  errorCode: number
}

export type CommitResult = Array<{ name: string; partitions: PartitionError[] }>

export interface FetchedPartition {
  partitionIndex: number
  committedOffset: bigint
  committedLeaderEpoch: number
  metadata: string
  errorCode: number
}

export interface FetchResult {
  errorCode: number
  topics: Array<{ name: string; partitions: FetchedPartition[] }>
}

export interface FetchOptions {
  requireStable: boolean
  memberId: string | null
  memberEpoch: number
}

const NO_OFFSET = { committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.NONE }

export class OffsetManager {
  readonly #core: CoordinatorCore

  constructor(core: CoordinatorCore) {
    this.#core = core
  }

  commit(req: CommitRequest): CommitResult {
    const core = this.#core
    const all = (errorCode: number): CommitResult =>
      req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) }))
    if (req.groupId === '') return all(ErrorCode.INVALID_GROUP_ID)
    let group = core.groups.get(req.groupId)
    let created = false
    if (group === undefined) {
      // A consumer that manages its own partitions commits with generation -1 to a group that need not exist.
      if (req.generationIdOrMemberEpoch >= 0) return all(ErrorCode.ILLEGAL_GENERATION)
      group = new ClassicGroup(req.groupId, core.now())
      created = true
    } else {
      const err = this.#validateCommit(group, req)
      if (err !== ErrorCode.NONE) return all(err)
    }
    const now = BigInt(core.now())
    const records: GroupRecord[] = []
    const result: CommitResult = req.topics.map((t) => {
      const topic = core.topics.byName(t.name)
      return {
        name: t.name,
        partitions: t.partitions.map((p) => {
          const metadata = p.committedMetadata ?? ''
          if (Buffer.byteLength(metadata) > core.config.offsetMetadataMaxBytes) {
            return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE }
          }
          if (topic === undefined || p.partitionIndex < 0 || p.partitionIndex >= topic.partitions) {
            return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
          }
          const commitTimestamp = p.commitTimestamp >= 0n ? p.commitTimestamp : now
          const value: OffsetValue = {
            offset: p.committedOffset,
            leaderEpoch: p.committedLeaderEpoch,
            metadata,
            commitTimestamp,
            expireTimestamp: req.retentionTimeMs >= 0n ? commitTimestamp + req.retentionTimeMs : null,
          }
          records.push({ type: 'offset', groupId: req.groupId, topic: t.name, partition: p.partitionIndex, value })
          return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE }
        }),
      }
    })
    if (records.length === 0) return result
    const err = core.write(req.groupId, records)
    if (err !== ErrorCode.NONE) {
      for (const t of result) for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE) p.errorCode = err
      return result
    }
    if (created) core.groups.set(req.groupId, group)
    for (const r of records) if (r.type === 'offset') core.offsets.set(r.groupId, r.topic, r.partition, r.value!)
    return result
  }

  /**
   * TxnOffsetCommit: the offsets are written in the producer's transaction and stay pending
   * (invisible to OffsetFetch) until its commit marker (onTransactionCompleted). As Kafka's
   * validateOffsetCommit with isTransactional: a producer that names no member may commit to a
   * group that has members, and a rebalance in progress is no obstacle.
   */
  txnCommit(req: TxnCommitRequest): CommitResult {
    const core = this.#core
    const all = (errorCode: number): CommitResult =>
      req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) }))
    if (req.groupId === '') return all(ErrorCode.INVALID_GROUP_ID)
    const group = core.groups.get(req.groupId)
    if (group !== undefined) {
      const err = this.#validateCommit(
        group,
        {
          groupId: req.groupId,
          generationIdOrMemberEpoch: req.generationId,
          memberId: req.memberId,
          groupInstanceId: req.groupInstanceId,
          retentionTimeMs: -1n,
          topics: [],
          apiVersion: 0,
        },
        true,
      )
      if (err !== ErrorCode.NONE) return all(err)
    }
    const now = BigInt(core.now())
    const records: GroupRecord[] = []
    const result: CommitResult = req.topics.map((t) => {
      const topic = core.topics.byName(t.name)
      return {
        name: t.name,
        partitions: t.partitions.map((p) => {
          const metadata = p.committedMetadata ?? ''
          if (Buffer.byteLength(metadata) > core.config.offsetMetadataMaxBytes)
            return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE }
          if (topic === undefined || p.partitionIndex < 0 || p.partitionIndex >= topic.partitions)
            return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
          const value: OffsetValue = { offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata, commitTimestamp: now, expireTimestamp: null }
          records.push({ type: 'offset', groupId: req.groupId, topic: t.name, partition: p.partitionIndex, value })
          return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE }
        }),
      }
    })
    if (records.length === 0) return result
    const err = core.write(req.groupId, records, { producerId: req.producerId, producerEpoch: req.producerEpoch })
    if (err !== ErrorCode.NONE) {
      for (const t of result) for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE) p.errorCode = err
      return result
    }
    for (const r of records) {
      if (r.type === 'offset') core.pendingTxnOffsets.add(req.producerId, { groupId: r.groupId, topic: r.topic, partition: r.partition, value: r.value! })
    }
    return result
  }

  #validateCommit(group: Group, req: CommitRequest, isTransactional = false): number {
    const generation = req.generationIdOrMemberEpoch
    if (group.type === 'consumer') {
      if (group.dead) return ErrorCode.COORDINATOR_NOT_AVAILABLE
      if (generation < 0 && req.memberId === '') return ErrorCode.NONE
      const member = group.members.get(req.memberId)
      if (isTransactional && member !== undefined && generation !== member.memberEpoch) return ErrorCode.ILLEGAL_GENERATION
      if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID
      if (generation !== member.memberEpoch) return req.apiVersion >= 9 ? ErrorCode.STALE_MEMBER_EPOCH : ErrorCode.ILLEGAL_GENERATION
      return ErrorCode.NONE
    }
    if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE
    if (generation < 0 && group.state === 'Empty') return ErrorCode.NONE
    if (generation >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
      const err = validateMember(group, req.memberId, req.groupInstanceId)
      if (err !== ErrorCode.NONE) return err
      if (generation !== group.generationId) return ErrorCode.ILLEGAL_GENERATION
    } else if (group.state !== 'Empty' && !isTransactional) {
      return ErrorCode.UNKNOWN_MEMBER_ID
    }
    if (group.state === 'CompletingRebalance' && !isTransactional) return ErrorCode.REBALANCE_IN_PROGRESS
    return ErrorCode.NONE
  }

  /** OffsetFetch for one group; `topics` null means every committed topic. */
  fetch(groupId: string, topics: Array<{ name: string; partitionIndexes: number[] }> | null, opts: FetchOptions): FetchResult {
    const core = this.#core
    const group = core.groups.get(groupId)
    if (group?.type === 'consumer' && opts.memberId !== null && opts.memberEpoch >= 0) {
      const member = group.members.get(opts.memberId)
      if (member === undefined) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, topics: [] }
      if (member.memberEpoch !== opts.memberEpoch) return { errorCode: ErrorCode.STALE_MEMBER_EPOCH, topics: [] }
    }
    const committed = core.offsets.topics(groupId)
    // require_stable (KIP-447): a partition with a transactional commit in flight has no answer yet.
    const unstable = (topic: string, p: number): boolean => opts.requireStable && core.pendingTxnOffsets.has(groupId, topic, p)
    const unstableOffset = (p: number): FetchedPartition => ({ partitionIndex: p, ...NO_OFFSET, errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT })
    if (topics === null) {
      return {
        errorCode: ErrorCode.NONE,
        topics: [...committed].map(([name, partitions]) => ({
          name,
          partitions: [...partitions].sort((a, b) => a[0] - b[0]).map(([p, v]) => (unstable(name, p) ? unstableOffset(p) : fetched(p, v))),
        })),
      }
    }
    return {
      errorCode: ErrorCode.NONE,
      topics: topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((p) => {
          if (unstable(t.name, p)) return unstableOffset(p)
          const v = committed.get(t.name)?.get(p)
          return v === undefined ? { partitionIndex: p, ...NO_OFFSET } : fetched(p, v)
        }),
      })),
    }
  }

  /**
   * OffsetDelete (KIP-496), as Kafka's ClassicGroup.validateOffsetDelete / isSubscribedToTopic:
   * a running classic group that is not a consumer group (no subscriptions to look at) answers
   * NON_EMPTY_GROUP; otherwise each topic is checked on its own, and only a topic the group
   * subscribes to answers GROUP_SUBSCRIBED_TO_TOPIC per partition. A consumer group whose
   * subscriptions do not decode is treated as subscribed to everything, as Kafka does.
   */
  delete(groupId: string, topics: Array<{ name: string; partitions: number[] }>): { errorCode: number; topics: CommitResult } {
    const core = this.#core
    const group = core.groups.get(groupId)
    const none = { errorCode: ErrorCode.NONE, topics: [] as CommitResult }
    if (group === undefined || (group.type === 'classic' && group.state === 'Dead')) return { ...none, errorCode: ErrorCode.GROUP_ID_NOT_FOUND }
    let isSubscribed: (topic: string) => boolean
    if (group.type === 'classic') {
      const consumer = group.protocolType === 'consumer'
      if (group.state !== 'Empty' && !consumer) return { ...none, errorCode: ErrorCode.NON_EMPTY_GROUP }
      const subscribed = group.state === 'Empty' ? new Set<string>() : classicSubscribedTopics(group)
      isSubscribed = subscribed === null ? () => consumer : (t) => subscribed.has(t)
    } else {
      const subscribed = consumerSubscribedTopics(core, group)
      isSubscribed = (t) => subscribed.has(t)
    }
    const records: GroupRecord[] = []
    const result: CommitResult = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        if (isSubscribed(t.name)) return { partitionIndex: p, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC }
        if (core.topics.byName(t.name) === undefined) return { partitionIndex: p, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }
        if (core.offsets.get(groupId, t.name, p) !== undefined) records.push({ type: 'offset', groupId, topic: t.name, partition: p, value: null })
        return { partitionIndex: p, errorCode: ErrorCode.NONE }
      }),
    }))
    if (records.length > 0) {
      const err = core.write(groupId, records)
      if (err !== ErrorCode.NONE) return { ...none, errorCode: err }
      for (const r of records) if (r.type === 'offset') core.offsets.delete(groupId, r.topic, r.partition)
    }
    return { errorCode: ErrorCode.NONE, topics: result }
  }

  /**
   * offsets.retention.minutes: offsets of an empty group expire that long after it became empty
   * (after their commit for a group that never had members); offsets of topics a live group no
   * longer subscribes to expire that long after their commit; an explicit retention time from
   * OffsetCommit v2-4 wins. An empty group left without offsets is removed.
   */
  expire(): void {
    const core = this.#core
    const now = core.now()
    const retention = BigInt(core.config.offsetsRetentionMs)
    for (const [groupId, group] of [...core.groups]) {
      const empty = group.type === 'classic' ? group.state === 'Empty' : group.isEmpty
      const hadMembers = group.type === 'consumer' || group.protocolType !== null
      // A live group whose subscriptions cannot be known keeps every offset, as in Kafka.
      const subscribed = empty ? null : group.type === 'consumer' ? consumerSubscribedTopics(core, group) : classicSubscribedTopics(group)
      if (!empty && subscribed === null) continue
      const records: GroupRecord[] = []
      for (const [topic, partition, v] of core.offsets.entries(groupId)) {
        let expired: boolean
        if (v.expireTimestamp !== null) expired = BigInt(now) >= v.expireTimestamp
        else if (empty && hadMembers) expired = BigInt(now - group.stateTimestamp) >= retention
        else if (subscribed?.has(topic)) expired = false
        else expired = BigInt(now) - v.commitTimestamp >= retention
        if (expired) records.push({ type: 'offset', groupId, topic, partition, value: null })
      }
      // An empty group left without offsets is removed, as Kafka does.
      const dropGroup = empty && records.length === [...core.offsets.entries(groupId)].length
      if (dropGroup) records.push(group.type === 'classic' ? { type: 'group', groupId, value: null } : { type: 'consumer-group', groupId, value: null })
      if (records.length === 0) continue
      if (core.write(groupId, records) !== ErrorCode.NONE) continue
      for (const r of records) if (r.type === 'offset') core.offsets.delete(groupId, r.topic, r.partition)
      if (dropGroup) {
        if (group.type === 'classic') group.transitionTo('Dead', now)
        else group.dead = true
        core.groups.delete(groupId)
      }
      core.logger.info({ group: groupId, expired: records.length }, 'expired committed offsets')
    }
  }
}

function fetched(partitionIndex: number, v: OffsetValue): FetchedPartition {
  return { partitionIndex, committedOffset: v.offset, committedLeaderEpoch: v.leaderEpoch, metadata: v.metadata, errorCode: ErrorCode.NONE }
}

/**
 * Topics named in the members' subscriptions for the selected protocol, read leniently (the V0
 * prefix every version starts with, as Kafka's ClassicGroup.computeSubscribedTopics); null when
 * the group is not a consumer group or a subscription does not decode even so.
 */
function classicSubscribedTopics(group: ClassicGroup): Set<string> | null {
  if (group.protocolType !== 'consumer') return null
  const topics = new Set<string>()
  for (const m of group.members.values()) {
    try {
      for (const t of subscribedTopics(m.metadataFor(group.protocolName ?? ''))) topics.add(t)
    } catch {
      return null
    }
  }
  return topics
}

function consumerSubscribedTopics(core: CoordinatorCore, group: Group): Set<string> {
  const topics = new Set<string>()
  if (group.type !== 'consumer') return topics
  for (const m of group.members.values()) {
    for (const t of m.subscribedTopicNames) topics.add(t)
    if (m.subscribedTopicRegex !== null) {
      const re = compileRegex(m.subscribedTopicRegex)
      if (re !== null) for (const t of core.topics.all()) if (re.test(t.name)) topics.add(t.name)
    }
  }
  return topics
}

/** A subscription regex, matched against whole topic names as RE2/J's matches() does. */
export function compileRegex(source: string): RegExp | null {
  try {
    return new RegExp(`^(?:${source})$`)
  } catch {
    return null
  }
}
