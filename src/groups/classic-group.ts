/**
 * A classic (JoinGroup/SyncGroup) group and its members: the data and the small rules that need
 * no timers (state transitions, protocol selection, who has joined). The rebalance lifecycle that
 * drives it lives in classic-protocol.ts.
 */
import { EMPTY } from '../protocol/codec-support.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { GroupMetadataValue } from './records.js'

export type ClassicGroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead'

/** Kafka's allowed predecessors of each state. */
const VALID_PREVIOUS: Record<ClassicGroupState, readonly ClassicGroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
}

export interface Protocol {
  name: string
  metadata: Buffer
}

export interface JoinRequest {
  groupId: string
  memberId: string
  groupInstanceId: string | null
  sessionTimeoutMs: number
  rebalanceTimeoutMs: number
  protocolType: string
  protocols: Protocol[]
  clientId: string
  clientHost: string
  /** JoinGroup v4+: a member without an id first gets one with MEMBER_ID_REQUIRED. */
  requireKnownMemberId: boolean
  /** JoinGroup v9+: a rejoining static leader can be told to skip the assignment. */
  supportsSkipAssignment: boolean
  reason?: string | null
}

export interface SyncRequest {
  groupId: string
  generationId: number
  memberId: string
  groupInstanceId: string | null
  protocolType: string | null
  protocolName: string | null
  assignments: Array<{ memberId: string; assignment: Buffer }>
}

export interface MemberRef {
  memberId: string
  groupInstanceId: string | null
}

export interface JoinResult {
  errorCode: number
  generationId: number
  protocolType: string | null
  protocolName: string | null
  leader: string
  memberId: string
  skipAssignment: boolean
  members: Array<{ memberId: string; groupInstanceId: string | null; metadata: Buffer }>
}

export interface SyncResult {
  errorCode: number
  protocolType: string | null
  protocolName: string | null
  assignment: Buffer
}

export class ClassicMember {
  memberId: string
  readonly groupInstanceId: string | null
  clientId: string
  clientHost: string
  rebalanceTimeoutMs: number
  sessionTimeoutMs: number
  protocolType: string
  protocols: Protocol[]
  assignment: Buffer = EMPTY
  joinWaiter: ((r: JoinResult) => void) | null = null
  syncWaiter: ((r: SyncResult) => void) | null = null

  constructor(init: {
    memberId: string
    groupInstanceId: string | null
    clientId: string
    clientHost: string
    rebalanceTimeoutMs: number
    sessionTimeoutMs: number
    protocolType: string
    protocols: Protocol[]
  }) {
    this.memberId = init.memberId
    this.groupInstanceId = init.groupInstanceId
    this.clientId = init.clientId
    this.clientHost = init.clientHost
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs
    this.sessionTimeoutMs = init.sessionTimeoutMs
    this.protocolType = init.protocolType
    this.protocols = init.protocols
  }

  metadataFor(protocol: string): Buffer {
    return this.protocols.find((p) => p.name === protocol)?.metadata ?? EMPTY
  }

  /** Whether a rejoin carries the same protocols, in the same order, with the same metadata. */
  sameProtocols(protocols: readonly Protocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every((p, i) => p.name === this.protocols[i]!.name && p.metadata.equals(this.protocols[i]!.metadata))
    )
  }

  completeJoin(r: JoinResult): void {
    const w = this.joinWaiter
    this.joinWaiter = null
    w?.(r)
  }

  completeSync(r: SyncResult): void {
    const w = this.syncWaiter
    this.syncWaiter = null
    w?.(r)
  }
}

export class ClassicGroup {
  readonly type = 'classic' as const
  readonly groupId: string
  state: ClassicGroupState = 'Empty'
  /** When the group entered its state, ms since the epoch (offset expiry of empty groups counts from it). */
  stateTimestamp: number
  generationId = 0
  protocolType: string | null = null
  protocolName: string | null = null
  leaderId: string | null = null
  readonly members = new Map<string, ClassicMember>()
  /** group.instance.id to the member id that currently holds it (KIP-345). */
  readonly staticMembers = new Map<string, string>()
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet (KIP-394). */
  readonly pendingMembers = new Set<string>()
  /** Members of the current generation that have not sent SyncGroup yet. */
  readonly pendingSync = new Set<string>()
  /** Set while the first rebalance of an empty group waits group.initial.rebalance.delay.ms. */
  initialDelay: { remainingMs: number; newMemberAdded: boolean } | null = null

  constructor(groupId: string, now: number) {
    this.groupId = groupId
    this.stateTimestamp = now
  }

  transitionTo(state: ClassicGroupState, now: number): void {
    if (!VALID_PREVIOUS[state].includes(this.state)) {
      throw new Error(`group ${this.groupId}: invalid transition ${this.state} -> ${state}`)
    }
    this.state = state
    this.stateTimestamp = now
  }

  get isEmpty(): boolean {
    return this.members.size === 0
  }

  add(member: ClassicMember): void {
    if (this.members.size === 0) this.protocolType = member.protocolType
    this.members.set(member.memberId, member)
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId)
    this.leaderId ??= member.memberId
  }

  remove(memberId: string): ClassicMember | undefined {
    const m = this.members.get(memberId)
    if (m === undefined) return undefined
    this.members.delete(memberId)
    this.pendingSync.delete(memberId)
    if (m.groupInstanceId !== null && this.staticMembers.get(m.groupInstanceId) === memberId) {
      this.staticMembers.delete(m.groupInstanceId)
    }
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? null
    return m
  }

  /** Moves a static member to a new member id, keeping its assignment (KIP-345 restart). */
  replaceMemberId(oldId: string, newId: string): ClassicMember {
    const m = this.members.get(oldId)!
    this.members.delete(oldId)
    m.memberId = newId
    this.members.set(newId, m)
    if (m.groupInstanceId !== null) this.staticMembers.set(m.groupInstanceId, newId)
    if (this.leaderId === oldId) this.leaderId = newId
    if (this.pendingSync.delete(oldId)) this.pendingSync.add(newId)
    return m
  }

  /** The protocols every member supports. */
  candidateProtocols(): Set<string> {
    let candidates: string[] | null = null
    for (const m of this.members.values()) {
      const names = new Set(m.protocols.map((p) => p.name))
      candidates = candidates === null ? [...names] : candidates.filter((n: string) => names.has(n))
    }
    return new Set(candidates ?? [])
  }

  /** Whether a member with these protocols may join (Kafka's supportsProtocols). */
  supportsProtocols(protocolType: string, protocols: readonly Protocol[]): boolean {
    if (this.members.size === 0) return protocolType !== '' && protocols.length > 0
    if (protocolType !== this.protocolType) return false
    const candidates = this.candidateProtocols()
    return protocols.some((p) => candidates.has(p.name))
  }

  /** Each member votes for its most preferred candidate; the most votes win, ties to the earliest vote. */
  selectProtocol(): string {
    const candidates = this.candidateProtocols()
    const votes = new Map<string, number>()
    for (const m of this.members.values()) {
      const choice = m.protocols.find((p) => candidates.has(p.name))
      if (choice !== undefined) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1)
    }
    let best: string | null = null
    for (const [name, n] of votes) if (best === null || n > votes.get(best)!) best = name
    if (best === null) throw new Error(`group ${this.groupId}: no protocol supported by all members`)
    return best
  }

  allMembersJoined(): boolean {
    if (this.pendingMembers.size > 0) return false
    for (const m of this.members.values()) if (m.joinWaiter === null) return false
    return true
  }

  rebalanceTimeoutMs(): number {
    let t = 0
    for (const m of this.members.values()) t = Math.max(t, m.rebalanceTimeoutMs)
    return t
  }

  /** The members' metadata for the selected protocol, as the leader receives it in JoinGroup. */
  memberMetadata(): JoinResult['members'] {
    const protocol = this.protocolName ?? ''
    return [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadataFor(protocol) }))
  }

  toRecordValue(): GroupMetadataValue {
    const protocol = this.protocolName ?? ''
    return {
      protocolType: this.protocolType ?? '',
      generation: this.generationId,
      protocol: this.protocolName,
      leader: this.leaderId,
      currentStateTimestamp: BigInt(this.stateTimestamp),
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: m.metadataFor(protocol),
        assignment: m.assignment,
      })),
    }
  }

  /** Rebuilds a group from its last GroupMetadataValue: Stable with its members, or Empty. */
  static fromRecord(groupId: string, v: GroupMetadataValue, now: number): ClassicGroup {
    const g = new ClassicGroup(groupId, v.currentStateTimestamp >= 0n ? Number(v.currentStateTimestamp) : now)
    g.generationId = v.generation
    g.protocolType = v.protocolType === '' ? null : v.protocolType
    g.protocolName = v.protocol
    for (const mv of v.members) {
      const m = new ClassicMember({
        memberId: mv.memberId,
        groupInstanceId: mv.groupInstanceId,
        clientId: mv.clientId,
        clientHost: mv.clientHost,
        rebalanceTimeoutMs: mv.rebalanceTimeoutMs,
        sessionTimeoutMs: mv.sessionTimeoutMs,
        protocolType: v.protocolType,
        protocols: [{ name: v.protocol ?? '', metadata: mv.subscription }],
      })
      m.assignment = mv.assignment
      g.add(m)
    }
    g.leaderId = v.leader !== null && g.members.has(v.leader) ? v.leader : g.leaderId
    if (g.members.size > 0) g.state = 'Stable'
    return g
  }
}

/** Kafka's member check: a static member must hold its instance id; a dynamic one must exist. */
export function validateMember(group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
  if (groupInstanceId !== null) {
    const holder = group.staticMembers.get(groupInstanceId)
    if (holder !== undefined && holder !== memberId) return ErrorCode.FENCED_INSTANCE_ID
  }
  return group.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID
}
