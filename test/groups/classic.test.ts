// The classic group state machine: joins, syncs, heartbeats, leaves, timeouts, static members
// and the errors each bad input gets.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import type { ClassicGroup } from '../../src/groups/classic-group.js'
import type { GroupCoordinator } from '../../src/groups/group-coordinator.js'
import type { JoinRequest } from '../../src/groups/classic-group.js'
import { coordinator, joinReq, sleep } from './helpers.js'

const group = (c: GroupCoordinator, id: string): ClassicGroup => c.groups.get(id) as ClassicGroup

/**
 * Joins a new member, a dynamic one through MEMBER_ID_REQUIRED (static members join at once);
 * resolves when its JoinGroup is answered.
 */
async function join(c: GroupCoordinator, groupId: string, overrides: Partial<JoinRequest> = {}) {
  if (overrides.groupInstanceId) return c.classic.join(joinReq(groupId, overrides))
  const first = await c.classic.join(joinReq(groupId, overrides))
  assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED)
  assert.ok(first.memberId.startsWith(`${overrides.clientId ?? 'test-client'}-`))
  return c.classic.join(joinReq(groupId, { ...overrides, memberId: first.memberId }))
}

test('one member: MEMBER_ID_REQUIRED, join, sync, heartbeat', async () => {
  const { c, log } = coordinator()
  const j = await join(c, 'g')
  assert.equal(j.errorCode, ErrorCode.NONE)
  assert.equal(j.generationId, 1)
  assert.equal(j.leader, j.memberId)
  assert.equal(j.protocolName, 'range')
  assert.equal(j.members.length, 1)
  assert.equal(group(c, 'g').state, 'CompletingRebalance')
  const s = await c.classic.sync({
    groupId: 'g',
    generationId: 1,
    memberId: j.memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'range',
    assignments: [{ memberId: j.memberId, assignment: Buffer.from('A') }],
  })
  assert.equal(s.errorCode, ErrorCode.NONE)
  assert.equal(s.assignment.toString(), 'A')
  assert.equal(group(c, 'g').state, 'Stable')
  assert.equal(c.classic.heartbeat('g', 1, j.memberId, null), ErrorCode.NONE)
  const stored = log.records.filter((r) => r.type === 'group')
  assert.equal(stored.length, 1)
  c.close()
})

test('bad input gets Kafka error codes and the group carries on', async () => {
  const { c } = coordinator({ maxSize: 2 })
  assert.equal((await c.classic.join(joinReq('g', { sessionTimeoutMs: 5 }))).errorCode, ErrorCode.INVALID_SESSION_TIMEOUT)
  assert.equal((await c.classic.join(joinReq('g', { sessionTimeoutMs: 1_800_001 }))).errorCode, ErrorCode.INVALID_SESSION_TIMEOUT)
  assert.equal((await c.classic.join(joinReq(''))).errorCode, ErrorCode.INVALID_GROUP_ID)
  assert.equal((await c.classic.join(joinReq('nope', { memberId: 'ghost' }))).errorCode, ErrorCode.UNKNOWN_MEMBER_ID)
  assert.equal((await c.classic.join(joinReq('g', { protocols: [] }))).errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  const a = await join(c, 'g')
  assert.equal((await c.classic.join(joinReq('g', { protocolType: 'connect' }))).errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  assert.equal(
    (await c.classic.join(joinReq('g', { protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] }))).errorCode,
    ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
  )
  assert.equal(c.classic.heartbeat('g', a.generationId + 1, a.memberId, null), ErrorCode.ILLEGAL_GENERATION)
  assert.equal(c.classic.heartbeat('g', a.generationId, 'ghost', null), ErrorCode.UNKNOWN_MEMBER_ID)
  assert.equal(c.classic.heartbeat('other', 1, a.memberId, null), ErrorCode.UNKNOWN_MEMBER_ID)
  const badSync = await c.classic.sync({
    groupId: 'g',
    generationId: 99,
    memberId: a.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  assert.equal(badSync.errorCode, ErrorCode.ILLEGAL_GENERATION)
  const wrongProtocol = await c.classic.sync({
    groupId: 'g',
    generationId: a.generationId,
    memberId: a.memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocolName: 'roundrobin',
    assignments: [],
  })
  assert.equal(wrongProtocol.errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  // group.max.size 2: one pending id plus one member fill it.
  const pending = await c.classic.join(joinReq('g'))
  assert.equal(pending.errorCode, ErrorCode.MEMBER_ID_REQUIRED)
  assert.equal((await c.classic.join(joinReq('g'))).errorCode, ErrorCode.GROUP_MAX_SIZE_REACHED)
  assert.deepEqual(
    c.classic.leave('g', [
      { memberId: 'ghost', groupInstanceId: null },
      { memberId: pending.memberId, groupInstanceId: null },
    ]),
    [ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.NONE],
  )
  // The group still works: its member syncs and is Stable.
  const s = await c.classic.sync({
    groupId: 'g',
    generationId: a.generationId,
    memberId: a.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  assert.equal(s.errorCode, ErrorCode.NONE)
  assert.equal(group(c, 'g').state, 'Stable')
  c.close()
})

test('a second member triggers a rebalance; the first learns it from its heartbeat and rejoins', async () => {
  const { c } = coordinator()
  const a = await join(c, 'g')
  await c.classic.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] })
  const bJoin = join(c, 'g', { clientId: 'b' })
  await sleep(5)
  assert.equal(group(c, 'g').state, 'PreparingRebalance')
  assert.equal(c.classic.heartbeat('g', 1, a.memberId, null), ErrorCode.REBALANCE_IN_PROGRESS)
  const aJoin = c.classic.join(joinReq('g', { memberId: a.memberId }))
  const [a2, b2] = await Promise.all([aJoin, bJoin])
  assert.equal(a2.generationId, 2)
  assert.equal(b2.generationId, 2)
  assert.equal(a2.leader, a.memberId)
  assert.equal(a2.members.length, 2)
  assert.equal(b2.members.length, 0)
  const bSync = c.classic.sync({
    groupId: 'g',
    generationId: 2,
    memberId: b2.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  const aSync = c.classic.sync({
    groupId: 'g',
    generationId: 2,
    memberId: a.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [
      { memberId: a.memberId, assignment: Buffer.from('a') },
      { memberId: b2.memberId, assignment: Buffer.from('b') },
    ],
  })
  assert.equal((await bSync).assignment.toString(), 'b')
  assert.equal((await aSync).assignment.toString(), 'a')
  // A clean leave rebalances the group down to one member.
  assert.deepEqual(c.classic.leave('g', [{ memberId: b2.memberId, groupInstanceId: null }]), [ErrorCode.NONE])
  assert.equal(group(c, 'g').state, 'PreparingRebalance')
  const a3 = await c.classic.join(joinReq('g', { memberId: a.memberId }))
  assert.equal(a3.generationId, 3)
  assert.equal(a3.members.length, 1)
  c.close()
})

test('a member that never heartbeats expires after its session timeout; other groups are untouched', async () => {
  const { c } = coordinator()
  const a = await join(c, 'g', { sessionTimeoutMs: 60 })
  await c.classic.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] })
  const other = await join(c, 'other', { sessionTimeoutMs: 10_000 })
  await sleep(150)
  assert.equal(group(c, 'g').state, 'Empty')
  assert.equal(group(c, 'g').generationId, 2)
  assert.equal(c.classic.heartbeat('g', 1, a.memberId, null), ErrorCode.UNKNOWN_MEMBER_ID)
  assert.equal(group(c, 'other').members.has(other.memberId), true)
  c.close()
})

test('a member that joins and vanishes mid-rebalance is dropped at the rebalance timeout', async () => {
  const { c } = coordinator()
  const a = await join(c, 'g', { rebalanceTimeoutMs: 80, sessionTimeoutMs: 5_000 })
  await c.classic.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] })
  // b joins; a never rejoins.
  const b = await join(c, 'g', { clientId: 'b', rebalanceTimeoutMs: 80 })
  assert.equal(b.errorCode, ErrorCode.NONE)
  assert.equal(b.generationId, 2)
  assert.equal(b.leader, b.memberId)
  assert.equal(group(c, 'g').members.has(a.memberId), false)
  // b then vanishes before SyncGroup: the sync deadline removes it and the group empties.
  await sleep(200)
  assert.equal(group(c, 'g').state, 'Empty')
  c.close()
})

test('static membership: a restarted member gets its assignment back without a rebalance; the old id is fenced', async () => {
  const { c } = coordinator()
  const leader = await join(c, 'g', { groupInstanceId: 'i-leader' })
  await c.classic.sync({
    groupId: 'g',
    generationId: 1,
    memberId: leader.memberId,
    groupInstanceId: 'i-leader',
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  const fJoin = c.classic.join(joinReq('g', { groupInstanceId: 'i-follower', clientId: 'f' }))
  await sleep(5)
  const [l2, f2] = await Promise.all([c.classic.join(joinReq('g', { memberId: leader.memberId, groupInstanceId: 'i-leader' })), fJoin])
  assert.equal(f2.errorCode, ErrorCode.NONE)
  assert.ok(f2.memberId.startsWith('i-follower-'))
  const fSync = c.classic.sync({
    groupId: 'g',
    generationId: 2,
    memberId: f2.memberId,
    groupInstanceId: 'i-follower',
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  await c.classic.sync({
    groupId: 'g',
    generationId: 2,
    memberId: l2.memberId,
    groupInstanceId: 'i-leader',
    protocolType: null,
    protocolName: null,
    assignments: [
      { memberId: l2.memberId, assignment: Buffer.from('L') },
      { memberId: f2.memberId, assignment: Buffer.from('F') },
    ],
  })
  assert.equal((await fSync).assignment.toString(), 'F')

  // The follower restarts: unknown member id, same instance id.
  const again = await c.classic.join(joinReq('g', { groupInstanceId: 'i-follower', clientId: 'f' }))
  assert.equal(again.errorCode, ErrorCode.NONE)
  assert.equal(again.generationId, 2)
  assert.notEqual(again.memberId, f2.memberId)
  assert.equal(group(c, 'g').state, 'Stable')
  const s = await c.classic.sync({
    groupId: 'g',
    generationId: 2,
    memberId: again.memberId,
    groupInstanceId: 'i-follower',
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  assert.equal(s.assignment.toString(), 'F')
  // The old incarnation is fenced.
  assert.equal(c.classic.heartbeat('g', 2, f2.memberId, 'i-follower'), ErrorCode.FENCED_INSTANCE_ID)
  assert.deepEqual(c.classic.leave('g', [{ memberId: f2.memberId, groupInstanceId: 'i-follower' }]), [ErrorCode.FENCED_INSTANCE_ID])
  assert.equal(c.classic.heartbeat('g', 2, again.memberId, 'i-follower'), ErrorCode.NONE)
  // The restarted leader on JoinGroup v9 is told to skip the assignment.
  const leaderAgain = await c.classic.join(joinReq('g', { groupInstanceId: 'i-leader' }))
  assert.equal(leaderAgain.generationId, 2)
  assert.equal(leaderAgain.skipAssignment, true)
  assert.equal(leaderAgain.leader, leaderAgain.memberId)
  c.close()
})

test('a failed write of the assignment answers the sync with an error and rebalances', async () => {
  const { c, log } = coordinator()
  const a = await join(c, 'g')
  log.fail = true
  const s = await c.classic.sync({
    groupId: 'g',
    generationId: 1,
    memberId: a.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  assert.equal(s.errorCode, ErrorCode.COORDINATOR_NOT_AVAILABLE)
  assert.equal(group(c, 'g').state, 'PreparingRebalance')
  log.fail = false
  const again = await c.classic.join(joinReq('g', { memberId: a.memberId }))
  assert.equal(again.generationId, 2)
  c.close()
})

test('group.initial.rebalance.delay.ms: members joining a new group within the delay share its first generation', async () => {
  const { c } = coordinator({ initialRebalanceDelayMs: 100 })
  const started = Date.now()
  const a = join(c, 'g')
  await sleep(40)
  assert.equal(group(c, 'g').state, 'PreparingRebalance')
  const b = join(c, 'g', { clientId: 'b' })
  const [ra, rb] = await Promise.all([a, b])
  assert.equal(ra.generationId, 1)
  assert.equal(rb.generationId, 1)
  assert.equal(ra.members.length + rb.members.length, 2)
  // The delay restarted when b arrived: about 40 + 100 ms, and never beyond the rebalance timeout.
  assert.ok(Date.now() - started >= 130)
  c.close()
})
