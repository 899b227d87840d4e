/**
 * A KIP-848 consumer group: members with epochs, the group's target assignment, and the
 * reconciliation rules that move each member from its current assignment toward its target
 * (Kafka's CurrentAssignmentBuilder): partitions to revoke are revoked first, with the member's
 * epoch held back; partitions still owned by another member (unreleased) are given only once
 * that member has let them go.
 */
import type { ConsumerMemberAssignmentValue, ConsumerMemberMetadataValue, TopicIdPartitions } from './records.js'

export type ConsumerGroupState = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable' | 'Dead'

/** Kafka's MemberState codes, as stored in the assignment record. */
export const MemberState = { STABLE: 1, UNREVOKED_PARTITIONS: 2, UNRELEASED_PARTITIONS: 3 } as const

/** memberEpoch -2: a static member that left temporarily and keeps its assignment. */
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2

export class ConsumerMember implements ConsumerMemberMetadataValue {
  readonly memberId: string
  instanceId: string | null = null
  rackId: string | null = null
  clientId = ''
  clientHost = ''
  subscribedTopicNames: string[] = []
  subscribedTopicRegex: string | null = null
  rebalanceTimeoutMs = 300000
  serverAssignor: string | null = null
  memberEpoch = 0
  previousMemberEpoch = 0
  state: number = MemberState.STABLE
  assigned: TopicIdPartitions = new Map()
  pendingRevocation: TopicIdPartitions = new Map()

  constructor(memberId: string) {
    this.memberId = memberId
  }

  metadataValue(): ConsumerMemberMetadataValue {
    return {
      instanceId: this.instanceId,
      rackId: this.rackId,
      clientId: this.clientId,
      clientHost: this.clientHost,
      subscribedTopicNames: this.subscribedTopicNames,
      subscribedTopicRegex: this.subscribedTopicRegex,
      rebalanceTimeoutMs: this.rebalanceTimeoutMs,
      serverAssignor: this.serverAssignor,
    }
  }

  assignmentValue(): ConsumerMemberAssignmentValue {
    return {
      memberEpoch: this.memberEpoch,
      previousMemberEpoch: this.previousMemberEpoch,
      state: this.state,
      assigned: this.assigned,
      pendingRevocation: this.pendingRevocation,
    }
  }

  applyMetadata(v: ConsumerMemberMetadataValue): void {
    Object.assign(this, v)
  }

  applyAssignment(v: ConsumerMemberAssignmentValue): void {
    this.memberEpoch = v.memberEpoch
    this.previousMemberEpoch = v.previousMemberEpoch
    this.state = v.state
    this.assigned = v.assigned
    this.pendingRevocation = v.pendingRevocation
  }
}

export class ConsumerGroup {
  readonly type = 'consumer' as const
  readonly groupId: string
  groupEpoch = 0
  assignmentEpoch = 0
  /** When the group last became empty or non-empty (offset expiry counts from it). */
  stateTimestamp: number
  dead = false
  readonly members = new Map<string, ConsumerMember>()
  readonly staticMembers = new Map<string, string>()
  /** Target assignment by member id, computed for assignmentEpoch. */
  targetAssignment = new Map<string, TopicIdPartitions>()
  /** Which member epoch holds each partition ("topicId:partition"), assigned or pending revocation. */
  readonly partitionEpochs = new Map<string, number>()
  /** Partition counts of the subscribed topics when the target was last computed. */
  metadataSignature = ''
  /** The server assignor that computed the target assignment. */
  assignorName = 'uniform'

  constructor(groupId: string, now: number) {
    this.groupId = groupId
    this.stateTimestamp = now
  }

  get isEmpty(): boolean {
    return this.members.size === 0
  }

  get state(): ConsumerGroupState {
    if (this.dead) return 'Dead'
    if (this.members.size === 0) return 'Empty'
    if (this.groupEpoch > this.assignmentEpoch) return 'Assigning'
    for (const m of this.members.values()) {
      if (m.memberEpoch !== this.assignmentEpoch || m.state !== MemberState.STABLE) return 'Reconciling'
    }
    return 'Stable'
  }

  addMember(m: ConsumerMember): void {
    this.members.set(m.memberId, m)
    if (m.instanceId !== null) this.staticMembers.set(m.instanceId, m.memberId)
  }

  removeMember(memberId: string): ConsumerMember | undefined {
    const m = this.members.get(memberId)
    if (m === undefined) return undefined
    this.members.delete(memberId)
    if (m.instanceId !== null && this.staticMembers.get(m.instanceId) === memberId) this.staticMembers.delete(m.instanceId)
    this.targetAssignment.delete(memberId)
    this.#release(m)
    return m
  }

  #release(m: ConsumerMember): void {
    for (const map of [m.assigned, m.pendingRevocation]) {
      for (const [topicId, ps] of map) for (const p of ps) this.partitionEpochs.delete(`${topicId}:${p}`)
    }
  }

  #claim(m: ConsumerMember): void {
    for (const map of [m.assigned, m.pendingRevocation]) {
      for (const [topicId, ps] of map) for (const p of ps) this.partitionEpochs.set(`${topicId}:${p}`, m.memberEpoch)
    }
  }

  /** Replaces a member's current assignment, keeping the partition-epoch map in step. */
  updateAssignment(m: ConsumerMember, next: ConsumerMemberAssignmentValue): void {
    this.#release(m)
    m.applyAssignment(next)
    this.#claim(m)
  }

  /**
   * One reconciliation step of Kafka's CurrentAssignmentBuilder. `owned` is what the member says
   * it owns (null when it did not say). Returns the member's next assignment state.
   */
  reconcile(m: ConsumerMember, owned: TopicIdPartitions | null): ConsumerMemberAssignmentValue {
    const target = this.targetAssignment.get(m.memberId) ?? new Map<string, number[]>()
    const current = m.assignmentValue()
    switch (m.state) {
      case MemberState.STABLE:
        if (m.memberEpoch === this.assignmentEpoch) return current
        return this.#nextAssignment(m, this.assignmentEpoch, target)
      case MemberState.UNREVOKED_PARTITIONS:
        if (owned === null || ownsAny(owned, m.pendingRevocation)) return current
        return this.#nextAssignment(m, this.assignmentEpoch, target)
      default:
        return this.#nextAssignment(m, this.assignmentEpoch, target)
    }
  }

  #nextAssignment(m: ConsumerMember, epoch: number, target: TopicIdPartitions): ConsumerMemberAssignmentValue {
    const assigned: TopicIdPartitions = new Map()
    const revoke: TopicIdPartitions = new Map()
    const add: TopicIdPartitions = new Map()
    let unreleased = false
    for (const topicId of new Set([...m.assigned.keys(), ...target.keys()])) {
      const want = new Set(target.get(topicId) ?? [])
      const have = m.assigned.get(topicId) ?? []
      const keep = have.filter((p) => want.has(p))
      const drop = have.filter((p) => !want.has(p))
      const haveSet = new Set(have)
      const gain: number[] = []
      for (const p of want) {
        if (haveSet.has(p)) continue
        const holder = this.partitionEpochs.get(`${topicId}:${p}`)
        if (holder === undefined) gain.push(p)
        else unreleased = true
      }
      if (keep.length > 0) assigned.set(topicId, keep)
      if (drop.length > 0) revoke.set(topicId, drop)
      if (gain.length > 0) add.set(topicId, gain)
    }
    if (revoke.size > 0) {
      return { memberEpoch: m.memberEpoch, previousMemberEpoch: m.memberEpoch, state: MemberState.UNREVOKED_PARTITIONS, assigned, pendingRevocation: revoke }
    }
    for (const [topicId, ps] of add)
      assigned.set(
        topicId,
        [...(assigned.get(topicId) ?? []), ...ps].sort((a, b) => a - b),
      )
    return {
      memberEpoch: epoch,
      previousMemberEpoch: m.memberEpoch,
      state: unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE,
      assigned,
      pendingRevocation: new Map(),
    }
  }
}

function ownsAny(owned: TopicIdPartitions, partitions: TopicIdPartitions): boolean {
  for (const [topicId, ps] of partitions) {
    const o = owned.get(topicId)
    if (o !== undefined && ps.some((p) => o.includes(p))) return true
  }
  return false
}

export function sameAssignment(a: TopicIdPartitions, b: TopicIdPartitions): boolean {
  const nonEmpty = (m: TopicIdPartitions) => [...m].filter(([, ps]) => ps.length > 0)
  const x = nonEmpty(a)
  const y = nonEmpty(b)
  if (x.length !== y.length) return false
  for (const [topicId, ps] of x) {
    const other = b.get(topicId)
    if (other === undefined || other.length !== ps.length) return false
    const set = new Set(other)
    if (!ps.every((p) => set.has(p))) return false
  }
  return true
}
