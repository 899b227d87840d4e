// KIP-848 consumer groups: joining, server-side assignment, revocation before reassignment,
// epochs and their errors, static members, regex subscriptions, reload from the log.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import type { ConsumerHeartbeatRequest } from '../../src/groups/consumer-protocol.js'
import type { ConsumerGroup } from '../../src/groups/consumer-group.js'
import { coordinator, joinReq, MemoryLog, sleep } from './helpers.js'

function hb(groupId: string, over: Partial<ConsumerHeartbeatRequest> = {}): ConsumerHeartbeatRequest {
  return {
    groupId,
    memberId: '',
    memberEpoch: 0,
    instanceId: null,
    rackId: null,
    rebalanceTimeoutMs: -1,
    subscribedTopicNames: null,
    subscribedTopicRegex: null,
    serverAssignor: null,
    topicPartitions: null,
    clientId: 'c',
    clientHost: '/127.0.0.1',
    ...over,
  }
}
const joinHb = (groupId: string, over: Partial<ConsumerHeartbeatRequest> = {}) =>
  hb(groupId, { rebalanceTimeoutMs: 5000, subscribedTopicNames: ['t'], topicPartitions: [], ...over })
const count = (a: { topicPartitions: Array<{ partitions: number[] }> } | null) => a?.topicPartitions.reduce((n, t) => n + t.partitions.length, 0) ?? 0

test('two members: the second gets partitions only after the first revokes them', () => {
  const { c, topics } = coordinator()
  const t = topics.add('t', 4)
  const a = c.consumer.heartbeat(joinHb('g'))
  assert.equal(a.errorCode, 0)
  assert.equal(a.memberEpoch, 1)
  assert.equal(count(a.assignment), 4)
  const aOwned = a.assignment!.topicPartitions
  const b = c.consumer.heartbeat(joinHb('g', { memberId: 'member-b' }))
  assert.equal(b.memberId, 'member-b', 'a client-chosen member id (ConsumerGroupHeartbeat v1) is kept')
  assert.equal(b.memberEpoch, 2)
  assert.equal(count(b.assignment), 0, 'nothing is free yet')
  assert.equal((c.groups.get('g') as ConsumerGroup).state, 'Reconciling')
  // a's next heartbeat tells it to revoke two partitions; its epoch waits.
  const a2 = c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: 1, topicPartitions: aOwned }))
  assert.equal(a2.memberEpoch, 1)
  assert.equal(count(a2.assignment), 2)
  // Still owning them: nothing changes.
  const b2 = c.consumer.heartbeat(hb('g', { memberId: 'member-b', memberEpoch: 2 }))
  assert.equal(b2.assignment, null)
  // a acknowledges the revocation and moves to epoch 2; b then gets the released partitions.
  const a3 = c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: 1, topicPartitions: a2.assignment!.topicPartitions }))
  assert.equal(a3.memberEpoch, 2)
  const b3 = c.consumer.heartbeat(hb('g', { memberId: 'member-b', memberEpoch: 2, topicPartitions: [] }))
  assert.equal(count(b3.assignment), 2)
  assert.equal(b3.assignment!.topicPartitions[0]!.topicId, t.topicId)
  const mine = new Set([...a2.assignment!.topicPartitions[0]!.partitions, ...b3.assignment!.topicPartitions[0]!.partitions])
  assert.equal(mine.size, 4)
  assert.equal((c.groups.get('g') as ConsumerGroup).state, 'Stable')
  // Leaving (epoch -1) hands everything back to a.
  const left = c.consumer.heartbeat(hb('g', { memberId: 'member-b', memberEpoch: -1 }))
  assert.equal(left.memberEpoch, -1)
  const a4 = c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: 2, topicPartitions: a2.assignment!.topicPartitions }))
  assert.equal(a4.memberEpoch, 3)
  assert.equal(count(a4.assignment), 4)
  c.close()
})

test('errors: fenced epochs, unknown members, bad requests, unsupported assignors, invalid regex, instance ids', async () => {
  const { c, topics } = coordinator()
  topics.add('t', 2)
  const a = c.consumer.heartbeat(joinHb('g', { instanceId: 'i1' }))
  assert.equal(c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: 7 })).errorCode, ErrorCode.FENCED_MEMBER_EPOCH)
  assert.equal(c.consumer.heartbeat(hb('g', { memberId: 'ghost', memberEpoch: 1 })).errorCode, ErrorCode.UNKNOWN_MEMBER_ID)
  assert.equal(c.consumer.heartbeat(hb('nope', { memberId: 'ghost', memberEpoch: 1 })).errorCode, ErrorCode.UNKNOWN_MEMBER_ID)
  assert.equal(c.consumer.heartbeat(hb('g')).errorCode, ErrorCode.INVALID_REQUEST, 'a join needs a rebalance timeout and a subscription')
  assert.equal(c.consumer.heartbeat(hb('')).errorCode, ErrorCode.INVALID_REQUEST)
  assert.equal(c.consumer.heartbeat(joinHb('g', { serverAssignor: 'sticky' })).errorCode, ErrorCode.UNSUPPORTED_ASSIGNOR)
  assert.equal(c.consumer.heartbeat(joinHb('g', { subscribedTopicNames: null, subscribedTopicRegex: '(' })).errorCode, ErrorCode.INVALID_REGULAR_EXPRESSION)
  assert.equal(c.consumer.heartbeat(joinHb('g', { instanceId: 'i1' })).errorCode, ErrorCode.UNRELEASED_INSTANCE_ID)
  // A classic client cannot join a KIP-848 group that has members.
  assert.equal((await c.classic.join(joinReq('g'))).errorCode, ErrorCode.INCONSISTENT_GROUP_PROTOCOL)
  // Commits and fetches from a member with a stale epoch.
  c.offsetManager
    .commit({
      groupId: 'g',
      generationIdOrMemberEpoch: 5,
      memberId: a.memberId!,
      groupInstanceId: null,
      retentionTimeMs: -1n,
      apiVersion: 9,
      topics: [
        { name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: null }] },
      ],
    })
    .forEach((tp) => assert.equal(tp.partitions[0]!.errorCode, ErrorCode.STALE_MEMBER_EPOCH))
  assert.equal(c.offsetManager.fetch('g', null, { requireStable: false, memberId: a.memberId!, memberEpoch: 5 }).errorCode, ErrorCode.STALE_MEMBER_EPOCH)
  c.close()
})

test('static member: leaving with epoch -2 keeps its partitions for its return under a new member id', () => {
  const { c, topics } = coordinator()
  topics.add('t', 2)
  const a = c.consumer.heartbeat(joinHb('g', { instanceId: 'i1' }))
  const epoch = (c.groups.get('g') as ConsumerGroup).groupEpoch
  assert.equal(c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: -2, instanceId: 'i1' })).memberEpoch, -2)
  const back = c.consumer.heartbeat(joinHb('g', { instanceId: 'i1', memberId: 'new-id' }))
  assert.equal(back.errorCode, 0)
  assert.equal(back.memberId, 'new-id')
  assert.equal(count(back.assignment), 2)
  assert.equal((c.groups.get('g') as ConsumerGroup).groupEpoch, epoch, 'no rebalance')
  c.close()
})

test('regex subscriptions follow new topics; a member that stops heartbeating is fenced', async () => {
  const { c, topics } = coordinator({ consumerSessionTimeoutMs: 50 })
  topics.add('events-a', 1)
  topics.add('other', 1)
  const a = c.consumer.heartbeat(joinHb('g', { subscribedTopicNames: null, subscribedTopicRegex: 'events-.*' }))
  assert.equal(count(a.assignment), 1)
  topics.add('events-b', 2)
  const a2 = c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: a.memberEpoch, topicPartitions: a.assignment!.topicPartitions }))
  assert.equal(count(a2.assignment), 3)
  assert.equal(a2.memberEpoch, a.memberEpoch + 1)
  await sleep(120)
  assert.equal((c.groups.get('g') as ConsumerGroup).state, 'Empty')
  assert.equal(c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: a2.memberEpoch })).errorCode, ErrorCode.UNKNOWN_MEMBER_ID)
  c.close()
})

test('a consumer group reloads from the log with its members, epochs and assignments', () => {
  const log = new MemoryLog()
  const { c, topics } = coordinator({}, log)
  topics.add('t', 3)
  const a = c.consumer.heartbeat(joinHb('g', { serverAssignor: 'range' }))
  c.close()
  const { c: c2 } = coordinator({}, new MemoryLog(), topics)
  c2.load(log.records)
  const [d] = c2.describeConsumerGroups(['g'])
  assert.equal(d!.groupState, 'Stable')
  assert.equal(d!.assignorName, 'range')
  assert.equal(d!.members![0]!.memberEpoch, a.memberEpoch)
  const again = c2.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: a.memberEpoch, topicPartitions: a.assignment!.topicPartitions }))
  assert.equal(again.errorCode, 0)
  assert.equal(again.assignment, null, 'nothing changed')
  assert.deepEqual(c2.describeConsumerGroups(['classic-or-missing'])[0]!.errorCode, ErrorCode.GROUP_ID_NOT_FOUND)
  c2.close()
})

test('an empty KIP-848 group turns classic on a classic join, and stays classic after a reload', async () => {
  const log = new MemoryLog()
  const { c, topics } = coordinator({}, log)
  topics.add('t', 1)
  const a = c.consumer.heartbeat(joinHb('g'))
  c.consumer.heartbeat(hb('g', { memberId: a.memberId!, memberEpoch: -1 }))
  const first = await c.classic.join(joinReq('g'))
  assert.equal(first.errorCode, ErrorCode.MEMBER_ID_REQUIRED)
  assert.equal(c.groups.get('g')?.type, 'classic')
  const j = await c.classic.join(joinReq('g', { memberId: first.memberId }))
  await c.classic.sync({
    groupId: 'g',
    generationId: j.generationId,
    memberId: j.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  c.close()
  const { c: c2 } = coordinator({}, new MemoryLog(), topics)
  c2.load(log.records)
  assert.equal(c2.groups.get('g')?.type, 'classic')
  // A KIP-848 join is refused while the classic group has members.
  assert.equal(c2.consumer.heartbeat(joinHb('g')).errorCode, ErrorCode.GROUP_ID_NOT_FOUND)
  c2.close()
})
