/**
 * KIP-848's ConsumerGroupHeartbeat: joining (epoch 0), leaving (-1, or -2 for a static member
 * that will come back), subscriptions by names or regex, the group epoch bumped on every change
 * of membership, subscription or subscribed topics' metadata, a server-side target assignment
 * (uniform or range) and each member reconciled toward it one heartbeat at a time.
 */
import { randomBytes } from 'node:crypto'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { ConsumerGroup, ConsumerMember, LEAVE_GROUP_STATIC_MEMBER_EPOCH, MemberState, sameAssignment } from './consumer-group.js'
import type { CoordinatorCore, TopicInfo } from './core.js'
import { compileRegex } from './offsets.js'
import type { GroupRecord, TopicIdPartitions } from './records.js'
import type { Assignor } from './assignors/assignor.js'
import { rangeAssignor } from './assignors/range.js'
import { uniformAssignor } from './assignors/uniform.js'

const ASSIGNORS = new Map<string, Assignor>([
  [uniformAssignor.name, uniformAssignor],
  [rangeAssignor.name, rangeAssignor],
])

export interface ConsumerHeartbeatRequest {
  groupId: string
  memberId: string
  memberEpoch: number
  instanceId: string | null
  rackId: string | null
  rebalanceTimeoutMs: number
  subscribedTopicNames: string[] | null
  subscribedTopicRegex: string | null
  serverAssignor: string | null
  topicPartitions: Array<{ topicId: string; partitions: number[] }> | null
  clientId: string
  clientHost: string
}

export interface ConsumerHeartbeatResult {
  errorCode: number
  errorMessage: string | null
  memberId: string | null
  memberEpoch: number
  heartbeatIntervalMs: number
  assignment: { topicPartitions: Array<{ topicId: string; partitions: number[] }> } | null
}

export class ConsumerProtocol {
  readonly #core: CoordinatorCore

  constructor(core: CoordinatorCore) {
    this.#core = core
  }

  #error(errorCode: number, errorMessage: string | null = null, memberId: string | null = null): ConsumerHeartbeatResult {
    return { errorCode, errorMessage, memberId, memberEpoch: -1, heartbeatIntervalMs: 0, assignment: null }
  }

  heartbeat(req: ConsumerHeartbeatRequest): ConsumerHeartbeatResult {
    const core = this.#core
    const invalid = this.#validate(req)
    if (invalid !== null) return invalid
    let group = core.groups.get(req.groupId)
    if (group?.type === 'classic') {
      if (!group.isEmpty) return this.#error(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${req.groupId} is not a consumer group.`)
      if (req.memberEpoch !== 0) return this.#error(ErrorCode.UNKNOWN_MEMBER_ID, null, req.memberId)
      // The tombstone keeps a reload from bringing the classic group back.
      const err = core.write(req.groupId, [{ type: 'group', groupId: req.groupId, value: null }])
      if (err !== ErrorCode.NONE) return this.#error(err, null, req.memberId)
      core.groups.delete(req.groupId)
      group = undefined
    }
    if (req.memberEpoch < 0) {
      if (group === undefined) return this.#error(ErrorCode.UNKNOWN_MEMBER_ID, null, req.memberId)
      return this.#leave(group, req)
    }
    if (group === undefined) {
      if (req.memberEpoch !== 0) return this.#error(ErrorCode.UNKNOWN_MEMBER_ID, null, req.memberId)
      group = new ConsumerGroup(req.groupId, core.now())
      core.groups.set(req.groupId, group)
    }
    const records: GroupRecord[] = []
    let member: ConsumerMember
    let bump = false
    if (req.memberEpoch === 0) {
      const joined = this.#join(group, req, records)
      if ('errorCode' in joined) {
        if (group.isEmpty && group.groupEpoch === 0) core.groups.delete(group.groupId)
        return joined
      }
      member = joined.member
      bump = joined.bump
    } else {
      const existing = group.members.get(req.memberId)
      if (existing === undefined) return this.#error(ErrorCode.UNKNOWN_MEMBER_ID, null, req.memberId)
      if (req.memberEpoch !== existing.memberEpoch) {
        const owned = toMap(req.topicPartitions)
        const lostResponse = req.memberEpoch === existing.previousMemberEpoch && owned !== null && isSubset(owned, existing.assigned)
        if (!lostResponse)
          return this.#error(ErrorCode.FENCED_MEMBER_EPOCH, `The member epoch ${req.memberEpoch} is fenced; current ${existing.memberEpoch}.`, req.memberId)
      }
      member = existing
    }
    if (this.#updateSubscription(member, req)) bump = true
    if (bump) records.push({ type: 'consumer-member', groupId: group.groupId, memberId: member.memberId, value: member.metadataValue() })
    const signature = this.#metadataSignature(group)
    if (bump || signature !== group.metadataSignature) {
      group.groupEpoch++
      records.push({ type: 'consumer-group', groupId: group.groupId, value: { epoch: group.groupEpoch } })
    }
    if (group.groupEpoch > group.assignmentEpoch) this.computeTargetAssignment(group)
    const owned = toMap(req.topicPartitions)
    const before = member.assignmentValue()
    const next = group.reconcile(member, owned)
    const changed =
      next.memberEpoch !== before.memberEpoch ||
      next.state !== before.state ||
      !sameAssignment(next.assigned, before.assigned) ||
      !sameAssignment(next.pendingRevocation, before.pendingRevocation)
    if (changed || req.memberEpoch === 0) {
      group.updateAssignment(member, next)
      records.push({ type: 'consumer-assignment', groupId: group.groupId, memberId: member.memberId, value: member.assignmentValue() })
    }
    if (records.length > 0) {
      const err = core.write(group.groupId, records)
      if (err !== ErrorCode.NONE) return this.#error(err, null, member.memberId)
    }
    this.#scheduleSession(group, member)
    this.#scheduleRevocation(group, member, before.state)
    const sendAssignment = req.memberEpoch === 0 || changed || (owned !== null && !sameAssignment(owned, member.assigned))
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: member.memberId,
      memberEpoch: member.memberEpoch,
      heartbeatIntervalMs: core.groupConfig(group.groupId).consumerHeartbeatIntervalMs,
      assignment: sendAssignment ? { topicPartitions: toList(member.assigned) } : null,
    }
  }

  #validate(req: ConsumerHeartbeatRequest): ConsumerHeartbeatResult | null {
    if (req.groupId === '') return this.#error(ErrorCode.INVALID_REQUEST, "GroupId can't be empty.")
    if (req.memberEpoch < LEAVE_GROUP_STATIC_MEMBER_EPOCH) return this.#error(ErrorCode.INVALID_REQUEST, `MemberEpoch ${req.memberEpoch} is invalid.`)
    if (req.memberEpoch !== 0 && req.memberId === '') return this.#error(ErrorCode.INVALID_REQUEST, "MemberId can't be empty.")
    if (req.memberEpoch === 0) {
      if (req.rebalanceTimeoutMs === -1) return this.#error(ErrorCode.INVALID_REQUEST, 'RebalanceTimeoutMs must be provided in first request.')
      if (req.topicPartitions !== null && req.topicPartitions.length > 0)
        return this.#error(ErrorCode.INVALID_REQUEST, 'TopicPartitions must be empty when (re-)joining.')
      if (req.subscribedTopicNames === null && req.subscribedTopicRegex === null) {
        return this.#error(ErrorCode.INVALID_REQUEST, 'SubscribedTopicNames or SubscribedTopicRegex must be set in first request.')
      }
    }
    if (req.serverAssignor !== null && !this.#core.config.consumerAssignors.includes(req.serverAssignor)) {
      return this.#error(
        ErrorCode.UNSUPPORTED_ASSIGNOR,
        `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ${this.#core.config.consumerAssignors.join(', ')}.`,
      )
    }
    if (req.subscribedTopicRegex !== null && req.subscribedTopicRegex !== '' && compileRegex(req.subscribedTopicRegex) === null) {
      return this.#error(ErrorCode.INVALID_REGULAR_EXPRESSION, `SubscribedTopicRegex \`${req.subscribedTopicRegex}\` is not a valid regular expression.`)
    }
    return null
  }

  #join(group: ConsumerGroup, req: ConsumerHeartbeatRequest, records: GroupRecord[]): { member: ConsumerMember; bump: boolean } | ConsumerHeartbeatResult {
    const core = this.#core
    if (req.instanceId !== null) {
      const holderId = group.staticMembers.get(req.instanceId)
      const holder = holderId === undefined ? undefined : group.members.get(holderId)
      if (holder !== undefined && holder.memberId !== req.memberId) {
        if (holder.memberEpoch !== LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
          return this.#error(
            ErrorCode.UNRELEASED_INSTANCE_ID,
            `Static member ${holder.memberId} with instance id ${req.instanceId} is not released yet.`,
            req.memberId,
          )
        }
        // The static member is back: the new member id takes over its assignment, no rebalance.
        const member = new ConsumerMember(req.memberId !== '' ? req.memberId : newMemberId())
        member.applyMetadata(holder.metadataValue())
        const target = group.targetAssignment.get(holder.memberId)
        this.#remove(group, holder, records)
        group.addMember(member)
        if (target !== undefined) group.targetAssignment.set(member.memberId, target)
        group.updateAssignment(member, { ...holder.assignmentValue(), memberEpoch: 0, previousMemberEpoch: 0, state: MemberState.STABLE })
        records.push({ type: 'consumer-member', groupId: group.groupId, memberId: member.memberId, value: member.metadataValue() })
        core.logger.info({ group: group.groupId, instance: req.instanceId, memberId: member.memberId }, 'static member rejoined')
        return { member, bump: false }
      }
    }
    const existing = req.memberId === '' ? undefined : group.members.get(req.memberId)
    if (existing !== undefined) {
      // Rejoining with epoch 0 resets the member: it gave up its partitions.
      group.updateAssignment(existing, { memberEpoch: 0, previousMemberEpoch: 0, state: MemberState.STABLE, assigned: new Map(), pendingRevocation: new Map() })
      return { member: existing, bump: true }
    }
    if (group.members.size >= core.config.consumerMaxSize) {
      return this.#error(
        ErrorCode.GROUP_MAX_SIZE_REACHED,
        `The consumer group has reached its maximum capacity of ${core.config.consumerMaxSize} members.`,
        req.memberId,
      )
    }
    const member = new ConsumerMember(req.memberId !== '' ? req.memberId : newMemberId())
    member.clientId = req.clientId
    member.clientHost = req.clientHost
    member.instanceId = req.instanceId
    group.addMember(member)
    if (group.members.size === 1) group.stateTimestamp = core.now()
    core.logger.info({ group: group.groupId, memberId: member.memberId }, 'consumer group member joined')
    return { member, bump: true }
  }

  /** Applies the fields a heartbeat sets (null means unchanged); true when the subscription changed. */
  #updateSubscription(m: ConsumerMember, req: ConsumerHeartbeatRequest): boolean {
    let changed = false
    if (req.rackId !== null) m.rackId = req.rackId
    if (req.rebalanceTimeoutMs > 0) m.rebalanceTimeoutMs = req.rebalanceTimeoutMs
    if (req.subscribedTopicNames !== null) {
      const names = [...new Set(req.subscribedTopicNames)].sort()
      if (names.join('\0') !== m.subscribedTopicNames.join('\0')) {
        m.subscribedTopicNames = names
        changed = true
      }
    }
    if (req.subscribedTopicRegex !== null) {
      const regex = req.subscribedTopicRegex === '' ? null : req.subscribedTopicRegex
      if (regex !== m.subscribedTopicRegex) {
        m.subscribedTopicRegex = regex
        changed = true
      }
    }
    if (req.serverAssignor !== null && req.serverAssignor !== m.serverAssignor) {
      m.serverAssignor = req.serverAssignor
      changed = true
    }
    return changed
  }

  #leave(group: ConsumerGroup, req: ConsumerHeartbeatRequest): ConsumerHeartbeatResult {
    const core = this.#core
    const member = group.members.get(req.memberId)
    if (member === undefined) return this.#error(ErrorCode.UNKNOWN_MEMBER_ID, null, req.memberId)
    const records: GroupRecord[] = []
    if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH && member.instanceId !== null) {
      // A static member leaving for a restart keeps its partitions until its session expires.
      member.memberEpoch = LEAVE_GROUP_STATIC_MEMBER_EPOCH
      records.push({ type: 'consumer-assignment', groupId: group.groupId, memberId: member.memberId, value: member.assignmentValue() })
    } else {
      this.#remove(group, member, records)
      this.#bumpAndAssign(group, records)
    }
    const err = core.write(group.groupId, records)
    if (err !== ErrorCode.NONE) return this.#error(err, null, req.memberId)
    return { errorCode: ErrorCode.NONE, errorMessage: null, memberId: req.memberId, memberEpoch: req.memberEpoch, heartbeatIntervalMs: 0, assignment: null }
  }

  #remove(group: ConsumerGroup, member: ConsumerMember, records: GroupRecord[]): void {
    group.removeMember(member.memberId)
    this.#core.scheduler.cancel(sessionKey(group, member.memberId))
    this.#core.scheduler.cancel(revocationKey(group, member.memberId))
    records.push({ type: 'consumer-assignment', groupId: group.groupId, memberId: member.memberId, value: null })
    records.push({ type: 'consumer-member', groupId: group.groupId, memberId: member.memberId, value: null })
    if (group.isEmpty) group.stateTimestamp = this.#core.now()
  }

  #bumpAndAssign(group: ConsumerGroup, records: GroupRecord[]): void {
    group.groupEpoch++
    records.push({ type: 'consumer-group', groupId: group.groupId, value: { epoch: group.groupEpoch } })
    this.computeTargetAssignment(group)
  }

  /** Removes a member that stopped heartbeating or did not revoke in time. */
  #fence(group: ConsumerGroup, member: ConsumerMember, reason: string): void {
    if (group.members.get(member.memberId) !== member) return
    this.#core.logger.info({ group: group.groupId, memberId: member.memberId, reason }, 'consumer group member fenced')
    const records: GroupRecord[] = []
    this.#remove(group, member, records)
    this.#bumpAndAssign(group, records)
    const err = this.#core.write(group.groupId, records)
    if (err !== ErrorCode.NONE) this.#core.logger.warn({ group: group.groupId, errorCode: err }, 'could not store fenced member')
  }

  #scheduleSession(group: ConsumerGroup, member: ConsumerMember): void {
    this.#core.scheduler.schedule(sessionKey(group, member.memberId), this.#core.groupConfig(group.groupId).consumerSessionTimeoutMs, () =>
      this.#fence(group, member, 'session timed out'),
    )
  }

  #scheduleRevocation(group: ConsumerGroup, member: ConsumerMember, previousState: number): void {
    const key = revocationKey(group, member.memberId)
    if (member.state !== MemberState.UNREVOKED_PARTITIONS) this.#core.scheduler.cancel(key)
    else if (previousState !== MemberState.UNREVOKED_PARTITIONS || !this.#core.scheduler.has(key)) {
      this.#core.scheduler.schedule(key, member.rebalanceTimeoutMs, () => this.#fence(group, member, 'did not revoke partitions in time'))
    }
  }

  /** Starts the session timers of a group loaded from the log and computes its target assignment. */
  resumeLoaded(group: ConsumerGroup): void {
    group.metadataSignature = this.#metadataSignature(group)
    this.computeTargetAssignment(group)
    for (const m of group.members.values()) this.#scheduleSession(group, m)
  }

  cancelTimers(group: ConsumerGroup): void {
    for (const id of group.members.keys()) {
      this.#core.scheduler.cancel(sessionKey(group, id))
      this.#core.scheduler.cancel(revocationKey(group, id))
    }
  }

  #subscribedTopics(m: ConsumerMember): TopicInfo[] {
    const topics = this.#core.topics
    const out = new Map<string, TopicInfo>()
    for (const name of m.subscribedTopicNames) {
      const t = topics.byName(name)
      if (t !== undefined) out.set(t.topicId, t)
    }
    if (m.subscribedTopicRegex !== null) {
      const re = compileRegex(m.subscribedTopicRegex)
      if (re !== null) for (const t of topics.all()) if (re.test(t.name)) out.set(t.topicId, t)
    }
    return [...out.values()]
  }

  #metadataSignature(group: ConsumerGroup): string {
    const parts = new Set<string>()
    for (const m of group.members.values()) for (const t of this.#subscribedTopics(m)) parts.add(`${t.topicId}:${t.partitions}`)
    return [...parts].sort().join(',')
  }

  computeTargetAssignment(group: ConsumerGroup): void {
    const votes = new Map<string, number>()
    for (const m of group.members.values()) if (m.serverAssignor !== null) votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1)
    let name = this.#core.config.consumerAssignors[0] ?? 'uniform'
    for (const [n, v] of votes) if (v > (votes.get(name) ?? 0)) name = n
    const assignor = ASSIGNORS.get(name) ?? uniformAssignor
    const topics = new Map<string, number>()
    const members = [...group.members.values()].map((m) => {
      const subscribed = this.#subscribedTopics(m)
      for (const t of subscribed) topics.set(t.topicId, t.partitions)
      return {
        memberId: m.memberId,
        subscribedTopicIds: new Set(subscribed.map((t) => t.topicId)),
        current: group.targetAssignment.get(m.memberId) ?? m.assigned,
      }
    })
    group.targetAssignment = assignor.assign(members, topics)
    group.assignmentEpoch = group.groupEpoch
    group.metadataSignature = this.#metadataSignature(group)
    group.assignorName = assignor.name
  }
}

function toMap(list: Array<{ topicId: string; partitions: number[] }> | null): TopicIdPartitions | null {
  if (list === null) return null
  const m: TopicIdPartitions = new Map()
  for (const t of list) m.set(t.topicId, [...(m.get(t.topicId) ?? []), ...t.partitions])
  return m
}

function toList(m: TopicIdPartitions): Array<{ topicId: string; partitions: number[] }> {
  return [...m].filter(([, ps]) => ps.length > 0).map(([topicId, partitions]) => ({ topicId, partitions }))
}

function isSubset(owned: TopicIdPartitions, assigned: TopicIdPartitions): boolean {
  for (const [topicId, ps] of owned) {
    const a = assigned.get(topicId) ?? []
    if (!ps.every((p) => a.includes(p))) return false
  }
  return true
}

/** A member id like Kafka's Uuid.toString(): 22 characters of URL-safe base64. */
function newMemberId(): string {
  return randomBytes(16).toString('base64url')
}

const sessionKey = (g: ConsumerGroup, memberId: string): string => `consumer-session:${g.groupId}:${memberId}`
const revocationKey = (g: ConsumerGroup, memberId: string): string => `consumer-revoke:${g.groupId}:${memberId}`
