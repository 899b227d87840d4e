/**
 * The classic group protocol: JoinGroup, SyncGroup, Heartbeat and LeaveGroup driving Kafka's
 * group state machine (Empty, PreparingRebalance, CompletingRebalance, Stable, Dead), with
 * member ids required on first join (KIP-394), static membership (KIP-345), session and
 * rebalance timeouts and the initial rebalance delay. All state changes happen synchronously;
 * JoinGroup and SyncGroup answer with a promise that a later state change resolves.
 */
import { randomUUID } from 'node:crypto'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { EMPTY } from '../protocol/codec-support.js'
import {
  ClassicGroup,
  ClassicMember,
  validateMember,
  type JoinRequest,
  type JoinResult,
  type MemberRef,
  type SyncRequest,
  type SyncResult,
} from './classic-group.js'
import type { CoordinatorCore } from './core.js'

const joinError = (errorCode: number, memberId = ''): JoinResult => ({
  errorCode,
  generationId: -1,
  protocolType: null,
  protocolName: null,
  leader: '',
  memberId,
  skipAssignment: false,
  members: [],
})
const syncError = (errorCode: number): SyncResult => ({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY })

export class ClassicProtocol {
  readonly #core: CoordinatorCore

  constructor(core: CoordinatorCore) {
    this.#core = core
  }

  join(req: JoinRequest): JoinResult | Promise<JoinResult> {
    const core = this.#core
    const cfg = core.config
    if (req.groupId === '') return joinError(ErrorCode.INVALID_GROUP_ID, req.memberId)
    if (req.sessionTimeoutMs < cfg.minSessionTimeoutMs || req.sessionTimeoutMs > cfg.maxSessionTimeoutMs) {
      return joinError(ErrorCode.INVALID_SESSION_TIMEOUT, req.memberId)
    }
    let group = core.groups.get(req.groupId)
    if (group !== undefined && group.type !== 'classic') {
      // An empty KIP-848 group turns classic on the first classic join, as Kafka converts it.
      if (!group.isEmpty) return joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId)
      // The tombstone keeps a reload from bringing the KIP-848 group back.
      const err = core.write(req.groupId, [{ type: 'consumer-group', groupId: req.groupId, value: null }])
      if (err !== ErrorCode.NONE) return joinError(err, req.memberId)
      core.groups.delete(req.groupId)
      group = undefined
    }
    if (group === undefined) {
      if (req.memberId !== '') return joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId)
      group = new ClassicGroup(req.groupId, core.now())
      core.groups.set(req.groupId, group)
    }
    if (group.state === 'Dead') return joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, req.memberId)
    if (!group.supportsProtocols(req.protocolType, req.protocols)) return joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId)
    return req.memberId === '' ? this.#joinUnknown(group, req) : this.#joinKnown(group, req)
  }

  #isFull(group: ClassicGroup): boolean {
    return group.members.size + group.pendingMembers.size >= this.#core.config.maxSize
  }

  #joinUnknown(group: ClassicGroup, req: JoinRequest): JoinResult | Promise<JoinResult> {
    const newMemberId = `${req.groupInstanceId ?? req.clientId}-${randomUUID()}`
    if (req.groupInstanceId !== null) {
      const existing = group.staticMembers.get(req.groupInstanceId)
      if (existing !== undefined) return this.#replaceStaticMember(group, existing, newMemberId, req)
      if (this.#isFull(group)) return joinError(ErrorCode.GROUP_MAX_SIZE_REACHED)
      return this.#addMemberAndRebalance(group, newMemberId, req)
    }
    if (this.#isFull(group)) return joinError(ErrorCode.GROUP_MAX_SIZE_REACHED)
    if (req.requireKnownMemberId) {
      group.pendingMembers.add(newMemberId)
      this.#core.scheduler.schedule(pendingKey(group, newMemberId), req.sessionTimeoutMs, () => this.#expirePending(group, newMemberId))
      return joinError(ErrorCode.MEMBER_ID_REQUIRED, newMemberId)
    }
    return this.#addMemberAndRebalance(group, newMemberId, req)
  }

  #joinKnown(group: ClassicGroup, req: JoinRequest): JoinResult | Promise<JoinResult> {
    if (group.pendingMembers.has(req.memberId)) {
      group.pendingMembers.delete(req.memberId)
      this.#core.scheduler.cancel(pendingKey(group, req.memberId))
      return this.#addMemberAndRebalance(group, req.memberId, req)
    }
    const err = validateMember(group, req.memberId, req.groupInstanceId)
    if (err !== ErrorCode.NONE) return joinError(err, req.memberId)
    const member = group.members.get(req.memberId)!
    switch (group.state) {
      case 'PreparingRebalance':
        return this.#updateMemberAndRebalance(group, member, req)
      case 'CompletingRebalance':
        if (member.sameProtocols(req.protocols)) return this.#currentGeneration(group, member, false)
        return this.#updateMemberAndRebalance(group, member, req)
      case 'Stable':
        if (group.leaderId === member.memberId || !member.sameProtocols(req.protocols)) return this.#updateMemberAndRebalance(group, member, req)
        this.#heartbeat(group, member)
        return this.#currentGeneration(group, member, false)
      default:
        return joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId)
    }
  }

  #currentGeneration(group: ClassicGroup, member: ClassicMember, skipAssignment: boolean): JoinResult {
    const isLeader = group.leaderId === member.memberId
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      skipAssignment,
      members: isLeader ? group.memberMetadata() : [],
    }
  }

  #awaitJoin(member: ClassicMember): Promise<JoinResult> {
    // A member that sends JoinGroup again while one is parked gets the newer answer only.
    member.completeJoin(joinError(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId))
    return new Promise((resolve) => {
      member.joinWaiter = resolve
    })
  }

  #addMemberAndRebalance(group: ClassicGroup, memberId: string, req: JoinRequest): Promise<JoinResult> {
    const member = new ClassicMember({
      memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      sessionTimeoutMs: req.sessionTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols,
    })
    group.add(member)
    if (group.initialDelay !== null) group.initialDelay.newMemberAdded = true
    const joined = this.#awaitJoin(member)
    this.#heartbeat(group, member)
    this.#maybePrepareRebalance(group, `member ${memberId} joined`)
    return joined
  }

  #updateMemberAndRebalance(group: ClassicGroup, member: ClassicMember, req: JoinRequest): Promise<JoinResult> {
    member.protocols = req.protocols
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs
    member.sessionTimeoutMs = req.sessionTimeoutMs
    member.clientId = req.clientId
    member.clientHost = req.clientHost
    const joined = this.#awaitJoin(member)
    this.#heartbeat(group, member)
    this.#maybePrepareRebalance(group, `member ${member.memberId} rejoined`)
    return joined
  }

  #replaceStaticMember(group: ClassicGroup, oldId: string, newId: string, req: JoinRequest): JoinResult | Promise<JoinResult> {
    const core = this.#core
    const old = group.members.get(oldId)!
    old.completeJoin(joinError(ErrorCode.FENCED_INSTANCE_ID, oldId))
    old.completeSync(syncError(ErrorCode.FENCED_INSTANCE_ID))
    core.scheduler.cancel(heartbeatKey(group, oldId))
    const previous = { protocols: old.protocols, rebalanceTimeoutMs: old.rebalanceTimeoutMs, sessionTimeoutMs: old.sessionTimeoutMs }
    const member = group.replaceMemberId(oldId, newId)
    member.protocols = req.protocols
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs
    member.sessionTimeoutMs = req.sessionTimeoutMs
    member.clientId = req.clientId
    member.clientHost = req.clientHost
    core.logger.info({ group: group.groupId, instance: req.groupInstanceId, oldMemberId: oldId, memberId: newId }, 'static member replaced')
    if (group.state === 'Stable') {
      const isLeader = group.leaderId === newId
      if (group.selectProtocol() === group.protocolName && (!isLeader || req.supportsSkipAssignment)) {
        const err = core.write(group.groupId, [{ type: 'group', groupId: group.groupId, value: group.toRecordValue() }])
        if (err !== ErrorCode.NONE) {
          // Put the old member back, as Kafka reverts a failed static replacement.
          group.replaceMemberId(newId, oldId)
          Object.assign(member, previous)
          this.#heartbeat(group, member)
          return joinError(err)
        }
        this.#heartbeat(group, member)
        return this.#currentGeneration(group, member, isLeader)
      }
    }
    const joined = this.#awaitJoin(member)
    this.#heartbeat(group, member)
    if (group.state === 'PreparingRebalance') this.#tryCompleteJoin(group)
    else this.#maybePrepareRebalance(group, `static member ${req.groupInstanceId} rejoined`)
    return joined
  }

  sync(req: SyncRequest): SyncResult | Promise<SyncResult> {
    const group = this.#core.groups.get(req.groupId)
    if (group === undefined || group.type !== 'classic') return syncError(ErrorCode.UNKNOWN_MEMBER_ID)
    if (group.state === 'Dead') return syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE)
    const err = validateMember(group, req.memberId, req.groupInstanceId)
    if (err !== ErrorCode.NONE) return syncError(err)
    if (req.generationId !== group.generationId) return syncError(ErrorCode.ILLEGAL_GENERATION)
    if ((req.protocolType !== null && req.protocolType !== group.protocolType) || (req.protocolName !== null && req.protocolName !== group.protocolName)) {
      return syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
    }
    const member = group.members.get(req.memberId)!
    switch (group.state) {
      case 'PreparingRebalance':
        return syncError(ErrorCode.REBALANCE_IN_PROGRESS)
      case 'Stable':
        this.#synced(group, member)
        return { errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment }
      case 'CompletingRebalance': {
        member.completeSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS))
        const synced = new Promise<SyncResult>((resolve) => {
          member.syncWaiter = resolve
        })
        this.#synced(group, member)
        if (group.leaderId === member.memberId) this.#applyAssignments(group, req.assignments)
        return synced
      }
      default:
        return syncError(ErrorCode.UNKNOWN_MEMBER_ID)
    }
  }

  #synced(group: ClassicGroup, member: ClassicMember): void {
    group.pendingSync.delete(member.memberId)
    if (group.pendingSync.size === 0) this.#core.scheduler.cancel(syncKey(group))
    this.#heartbeat(group, member)
  }

  /** The leader's SyncGroup: store the assignments, then answer every member waiting on them. */
  #applyAssignments(group: ClassicGroup, assignments: SyncRequest['assignments']): void {
    const byMember = new Map(assignments.map((a) => [a.memberId, a.assignment]))
    const previous = new Map([...group.members].map(([id, m]) => [id, m.assignment]))
    for (const m of group.members.values()) m.assignment = byMember.get(m.memberId) ?? EMPTY
    const err = this.#core.write(group.groupId, [{ type: 'group', groupId: group.groupId, value: group.toRecordValue() }])
    if (err !== ErrorCode.NONE) {
      for (const m of group.members.values()) {
        m.assignment = previous.get(m.memberId) ?? EMPTY
        m.completeSync(syncError(err))
      }
      this.#prepareRebalance(group, 'storing the assignment failed')
      return
    }
    group.transitionTo('Stable', this.#core.now())
    for (const m of group.members.values()) {
      m.completeSync({ errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: m.assignment })
    }
    this.#core.logger.info({ group: group.groupId, generation: group.generationId, members: group.members.size }, 'group stable')
  }

  heartbeat(groupId: string, generationId: number, memberId: string, groupInstanceId: string | null): number {
    const group = this.#core.groups.get(groupId)
    if (group === undefined || group.type !== 'classic') return ErrorCode.UNKNOWN_MEMBER_ID
    if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE
    const err = validateMember(group, memberId, groupInstanceId)
    if (err !== ErrorCode.NONE) return err
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION
    if (group.state === 'Empty') return ErrorCode.UNKNOWN_MEMBER_ID
    this.#heartbeat(group, group.members.get(memberId)!)
    return group.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE
  }

  /** LeaveGroup for a batch of members; returns each one's error code. */
  leave(groupId: string, members: MemberRef[]): number[] {
    const group = this.#core.groups.get(groupId)
    if (group === undefined || group.type !== 'classic') return members.map(() => ErrorCode.UNKNOWN_MEMBER_ID)
    return members.map((ref) => {
      let memberId = ref.memberId
      if (ref.groupInstanceId !== null) {
        const holder = group.staticMembers.get(ref.groupInstanceId)
        if (holder === undefined) return ErrorCode.UNKNOWN_MEMBER_ID
        if (memberId !== '' && memberId !== holder) return ErrorCode.FENCED_INSTANCE_ID
        memberId = holder
      } else if (group.pendingMembers.delete(memberId)) {
        this.#core.scheduler.cancel(pendingKey(group, memberId))
        if (group.state === 'PreparingRebalance') this.#tryCompleteJoin(group)
        return ErrorCode.NONE
      }
      const member = group.members.get(memberId)
      if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID
      this.removeMember(group, member, 'left the group')
      return ErrorCode.NONE
    })
  }

  /** Removes a member (left, expired, or never synced) and moves the group on. */
  removeMember(group: ClassicGroup, member: ClassicMember, reason: string): void {
    this.#core.logger.info({ group: group.groupId, memberId: member.memberId, reason }, 'member removed')
    this.#core.scheduler.cancel(heartbeatKey(group, member.memberId))
    group.remove(member.memberId)
    member.completeJoin(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId))
    member.completeSync(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.#prepareRebalance(group, `${member.memberId} ${reason}`)
    else if (group.state === 'PreparingRebalance') this.#tryCompleteJoin(group)
  }

  /** Drops every member and pending id (DeleteGroups, shutdown); callers mark the group Dead. */
  cancelTimers(group: ClassicGroup): void {
    const s = this.#core.scheduler
    s.cancel(joinKey(group))
    s.cancel(syncKey(group))
    for (const id of group.members.keys()) s.cancel(heartbeatKey(group, id))
    for (const id of group.pendingMembers) s.cancel(pendingKey(group, id))
  }

  /**
   * This broker stopped coordinating the group (Kafka's onResignation): its timers stop and
   * members parked in JoinGroup or SyncGroup are told NOT_COORDINATOR, so they find the new one.
   */
  unload(group: ClassicGroup): void {
    this.cancelTimers(group)
    for (const m of group.members.values()) {
      m.completeJoin(joinError(ErrorCode.NOT_COORDINATOR, m.memberId))
      m.completeSync(syncError(ErrorCode.NOT_COORDINATOR))
    }
    group.transitionTo('Dead', this.#core.now())
  }

  /** Starts the session timer of every member of a group loaded from the log. */
  resumeLoaded(group: ClassicGroup): void {
    for (const m of group.members.values()) this.#heartbeat(group, m)
  }

  #heartbeat(group: ClassicGroup, member: ClassicMember): void {
    this.#core.scheduler.schedule(heartbeatKey(group, member.memberId), member.sessionTimeoutMs, () => {
      if (group.members.get(member.memberId) !== member) return
      // A member parked in JoinGroup or SyncGroup is alive until that request is answered.
      if (member.joinWaiter !== null || member.syncWaiter !== null) this.#heartbeat(group, member)
      else this.removeMember(group, member, 'session timed out')
    })
  }

  #expirePending(group: ClassicGroup, memberId: string): void {
    if (!group.pendingMembers.delete(memberId)) return
    this.#core.logger.debug({ group: group.groupId, memberId }, 'pending member expired')
    if (group.state === 'PreparingRebalance') this.#tryCompleteJoin(group)
  }

  #maybePrepareRebalance(group: ClassicGroup, reason: string): void {
    if (group.state === 'PreparingRebalance') this.#tryCompleteJoin(group)
    else if (group.state !== 'Dead') this.#prepareRebalance(group, reason)
  }

  #prepareRebalance(group: ClassicGroup, reason: string): void {
    const core = this.#core
    if (group.state === 'CompletingRebalance') {
      for (const m of group.members.values()) {
        m.assignment = EMPTY
        m.completeSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS))
      }
    }
    core.scheduler.cancel(syncKey(group))
    group.pendingSync.clear()
    const initial = group.state === 'Empty'
    group.transitionTo('PreparingRebalance', core.now())
    core.logger.info({ group: group.groupId, generation: group.generationId, reason }, 'preparing rebalance')
    const timeout = group.rebalanceTimeoutMs()
    if (initial) {
      const delay = Math.min(core.config.initialRebalanceDelayMs, timeout)
      group.initialDelay = { remainingMs: timeout - delay, newMemberAdded: false }
      core.scheduler.schedule(joinKey(group), delay, () => this.#initialDelayExpired(group))
      return
    }
    core.scheduler.schedule(joinKey(group), timeout, () => this.#completeJoin(group))
    this.#tryCompleteJoin(group)
  }

  /** Kafka's InitialDelayedJoin: keep waiting while new members arrive, up to the rebalance timeout. */
  #initialDelayExpired(group: ClassicGroup): void {
    const d = group.initialDelay
    if (d === null || group.state !== 'PreparingRebalance') return
    if (d.newMemberAdded && d.remainingMs > 0) {
      const delay = Math.min(this.#core.config.initialRebalanceDelayMs, d.remainingMs)
      group.initialDelay = { remainingMs: d.remainingMs - delay, newMemberAdded: false }
      this.#core.scheduler.schedule(joinKey(group), delay, () => this.#initialDelayExpired(group))
      return
    }
    group.initialDelay = null
    this.#completeJoin(group)
  }

  #tryCompleteJoin(group: ClassicGroup): void {
    if (group.state === 'PreparingRebalance' && group.initialDelay === null && group.allMembersJoined()) this.#completeJoin(group)
  }

  #completeJoin(group: ClassicGroup): void {
    const core = this.#core
    if (group.state !== 'PreparingRebalance') return
    core.scheduler.cancel(joinKey(group))
    group.initialDelay = null
    for (const m of [...group.members.values()]) {
      if (m.joinWaiter === null) {
        core.logger.info({ group: group.groupId, memberId: m.memberId }, 'member did not rejoin in time')
        core.scheduler.cancel(heartbeatKey(group, m.memberId))
        group.remove(m.memberId)
        m.completeSync(syncError(ErrorCode.UNKNOWN_MEMBER_ID))
      }
    }
    group.generationId++
    if (group.isEmpty) {
      group.protocolName = null
      group.leaderId = null
      group.transitionTo('Empty', core.now())
      const err = core.write(group.groupId, [{ type: 'group', groupId: group.groupId, value: group.toRecordValue() }])
      if (err !== ErrorCode.NONE) core.logger.warn({ group: group.groupId, errorCode: err }, 'could not store empty group')
      return
    }
    group.protocolName = group.selectProtocol()
    group.transitionTo('CompletingRebalance', core.now())
    for (const m of group.members.values()) {
      group.pendingSync.add(m.memberId)
      const isLeader = m.memberId === group.leaderId
      m.completeJoin({ ...this.#currentGeneration(group, m, false), members: isLeader ? group.memberMetadata() : [] })
      this.#heartbeat(group, m)
    }
    core.scheduler.schedule(syncKey(group), group.rebalanceTimeoutMs(), () => this.#syncExpired(group))
  }

  #syncExpired(group: ClassicGroup): void {
    if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return
    for (const id of [...group.pendingSync]) {
      const m = group.members.get(id)
      if (m !== undefined) this.removeMember(group, m, 'did not sync in time')
    }
    group.pendingSync.clear()
  }
}

const heartbeatKey = (g: ClassicGroup, memberId: string): string => `classic-hb:${g.groupId}:${memberId}`
const pendingKey = (g: ClassicGroup, memberId: string): string => `classic-pending:${g.groupId}:${memberId}`
const joinKey = (g: ClassicGroup): string => `classic-join:${g.groupId}`
const syncKey = (g: ClassicGroup): string => `classic-sync:${g.groupId}`
