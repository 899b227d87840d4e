// Committed offsets: validation, standalone commits, fetch, delete, expiry, group deletion and
// the reload from the log.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { encodeConsumerProtocolSubscription } from '../../src/protocol/generated/consumer-protocol-subscription.js'
import { Writer } from '../../src/protocol/writer.js'
import type { CommitRequest } from '../../src/groups/offsets.js'
import { coordinator, joinReq, MemoryLog, Topics } from './helpers.js'

function commit(groupId: string, partitions: Array<[number, bigint, string?]>, over: Partial<CommitRequest> = {}, topic = 'orders'): CommitRequest {
  return {
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1n,
    apiVersion: 8,
    topics: [
      {
        name: topic,
        partitions: partitions.map(([p, o, m]) => ({
          partitionIndex: p,
          committedOffset: o,
          committedLeaderEpoch: -1,
          commitTimestamp: -1n,
          committedMetadata: m ?? null,
        })),
      },
    ],
    ...over,
  }
}

const codes = (r: ReturnType<typeof import('../../src/groups/offsets.js').OffsetManager.prototype.commit>) =>
  r.flatMap((t) => t.partitions.map((p) => p.errorCode))

test('standalone commits, fetch (all topics and named), metadata limits, unknown partitions', () => {
  const { c, topics } = coordinator()
  topics.add('orders', 3)
  const om = c.offsetManager
  assert.deepEqual(
    codes(
      om.commit(
        commit('solo', [
          [0, 5n, 'hello'],
          [1, 7n],
        ]),
      ),
    ),
    [0, 0],
  )
  assert.equal(c.groups.get('solo')?.type, 'classic')
  assert.deepEqual(
    codes(
      om.commit(
        commit('solo', [
          [2, 1n, 'x'.repeat(4097)],
          [5, 1n],
        ]),
      ),
    ),
    [ErrorCode.OFFSET_METADATA_TOO_LARGE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
  )
  assert.deepEqual(codes(om.commit(commit('solo', [[0, 1n]], {}, 'missing'))), [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION])
  assert.deepEqual(codes(om.commit(commit('nogroup', [[0, 1n]], { generationIdOrMemberEpoch: 3, memberId: 'm' }))), [ErrorCode.ILLEGAL_GENERATION])
  const all = om.fetch('solo', null, { requireStable: true, memberId: null, memberEpoch: -1 })
  assert.deepEqual(all.topics, [
    {
      name: 'orders',
      partitions: [
        { partitionIndex: 0, committedOffset: 5n, committedLeaderEpoch: -1, metadata: 'hello', errorCode: 0 },
        { partitionIndex: 1, committedOffset: 7n, committedLeaderEpoch: -1, metadata: '', errorCode: 0 },
      ],
    },
  ])
  const named = om.fetch('solo', [{ name: 'orders', partitionIndexes: [1, 2] }], { requireStable: false, memberId: null, memberEpoch: -1 })
  assert.deepEqual(
    named.topics[0]!.partitions.map((p) => p.committedOffset),
    [7n, -1n],
  )
  assert.deepEqual(om.fetch('unknown-group', null, { requireStable: false, memberId: null, memberEpoch: -1 }).topics, [])
  c.close()
})

test('members of a classic group commit with their generation; others are refused', async () => {
  const { c, topics } = coordinator()
  topics.add('orders', 1)
  const first = await c.classic.join(joinReq('g'))
  const j = await c.classic.join(joinReq('g', { memberId: first.memberId }))
  // CompletingRebalance: REBALANCE_IN_PROGRESS even for a valid member.
  assert.deepEqual(codes(c.offsetManager.commit(commit('g', [[0, 1n]], { generationIdOrMemberEpoch: 1, memberId: j.memberId }))), [
    ErrorCode.REBALANCE_IN_PROGRESS,
  ])
  await c.classic.sync({ groupId: 'g', generationId: 1, memberId: j.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] })
  assert.deepEqual(codes(c.offsetManager.commit(commit('g', [[0, 1n]], { generationIdOrMemberEpoch: 1, memberId: j.memberId }))), [0])
  assert.deepEqual(codes(c.offsetManager.commit(commit('g', [[0, 1n]], { generationIdOrMemberEpoch: 0, memberId: j.memberId }))), [
    ErrorCode.ILLEGAL_GENERATION,
  ])
  assert.deepEqual(codes(c.offsetManager.commit(commit('g', [[0, 1n]], { generationIdOrMemberEpoch: 1, memberId: 'ghost' }))), [ErrorCode.UNKNOWN_MEMBER_ID])
  // A standalone commit to a group with members is refused.
  assert.deepEqual(codes(c.offsetManager.commit(commit('g', [[0, 1n]]))), [ErrorCode.UNKNOWN_MEMBER_ID])
  // DeleteGroups: not while it has members.
  assert.deepEqual(c.deleteGroups(['g', 'nope']), [
    { groupId: 'g', errorCode: ErrorCode.NON_EMPTY_GROUP },
    { groupId: 'nope', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
  ])
  c.close()
})

test('OffsetDelete refuses subscribed topics; DeleteGroups removes an empty group and its offsets', async () => {
  const { c, topics, log } = coordinator()
  topics.add('orders', 1)
  topics.add('audit', 1)
  const w = new Writer()
  w.int16(1)
  encodeConsumerProtocolSubscription(w, 1, { topics: ['orders'], ownedPartitions: [] })
  const protocols = [{ name: 'range', metadata: w.toBuffer() }]
  const first = await c.classic.join(joinReq('g', { protocols }))
  const j = await c.classic.join(joinReq('g', { memberId: first.memberId, protocols }))
  await c.classic.sync({ groupId: 'g', generationId: 1, memberId: j.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] })
  c.offsetManager.commit(commit('g', [[0, 3n]], { generationIdOrMemberEpoch: 1, memberId: j.memberId }))
  c.offsetManager.commit(commit('g', [[0, 4n]], { generationIdOrMemberEpoch: 1, memberId: j.memberId }, 'audit'))
  const r = c.offsetManager.delete('g', [
    { name: 'orders', partitions: [0] },
    { name: 'audit', partitions: [0] },
  ])
  assert.equal(r.errorCode, 0)
  assert.deepEqual(
    r.topics.map((t) => t.partitions[0]!.errorCode),
    [ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, 0],
  )
  assert.equal(c.offsets.get('g', 'audit', 0), undefined)
  assert.equal(c.offsetManager.delete('nope', []).errorCode, ErrorCode.GROUP_ID_NOT_FOUND)
  assert.deepEqual(c.classic.leave('g', [{ memberId: j.memberId, groupInstanceId: null }]), [0])
  await new Promise((resolve) => setTimeout(resolve, 10))
  assert.deepEqual(c.deleteGroups(['g']), [{ groupId: 'g', errorCode: 0 }])
  assert.equal(c.groups.has('g'), false)
  assert.equal(c.offsets.hasOffsets('g'), false)
  // The log ends with tombstones, so a reload has no trace of the group.
  const { c: c2 } = coordinator({}, new MemoryLog(), topics)
  c2.load(log.records)
  assert.equal(c2.groups.has('g'), false)
  c.close()
  c2.close()
})

test('OffsetDelete per Kafka (ClassicGroup.validateOffsetDelete, isSubscribedToTopic): lenient subscriptions, per-partition errors', async () => {
  const { c, topics } = coordinator()
  topics.add('orders', 2)
  topics.add('audit', 1)
  // A v1 header over a v0 body, as @platformatic/kafka writes it.
  const w = new Writer()
  w.int16(1)
  encodeConsumerProtocolSubscription(w, 0, { topics: ['orders'] })
  const join = async (groupId: string, protocolType: string, metadata: Buffer): Promise<string> => {
    const protocols = [{ name: 'range', metadata }]
    const first = await c.classic.join(joinReq(groupId, { protocolType, protocols }))
    const j = await c.classic.join(joinReq(groupId, { memberId: first.memberId, protocolType, protocols }))
    await c.classic.sync({ groupId, generationId: 1, memberId: j.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] })
    c.offsetManager.commit(
      commit(
        groupId,
        [
          [0, 3n],
          [1, 3n],
        ],
        { generationIdOrMemberEpoch: 1, memberId: j.memberId },
      ),
    )
    c.offsetManager.commit(commit(groupId, [[0, 4n]], { generationIdOrMemberEpoch: 1, memberId: j.memberId }, 'audit'))
    return j.memberId
  }
  await join('g', 'consumer', w.toBuffer())
  const r = c.offsetManager.delete('g', [
    { name: 'orders', partitions: [0, 1] },
    { name: 'audit', partitions: [0] },
  ])
  assert.equal(r.errorCode, 0)
  assert.deepEqual(
    r.topics.map((t) => t.partitions.map((p) => p.errorCode)),
    [[ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC], [0]],
  )
  assert.equal(c.offsets.get('g', 'audit', 0), undefined, "the unsubscribed topic's offset is gone")
  assert.equal(c.offsets.get('g', 'orders', 0)?.offset, 3n)

  // A consumer group whose subscription cannot be read counts as subscribed to every topic.
  await join('garbled', 'consumer', Buffer.from([0, 1, 0, 0, 0, 9]))
  const g = c.offsetManager.delete('garbled', [{ name: 'audit', partitions: [0] }])
  assert.deepEqual([g.errorCode, g.topics[0]!.partitions[0]!.errorCode], [0, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC])

  // A running group of another protocol type: the group is not empty.
  await join('connect', 'connect', Buffer.from('x'))
  assert.equal(c.offsetManager.delete('connect', [{ name: 'audit', partitions: [0] }]).errorCode, ErrorCode.NON_EMPTY_GROUP)
  c.close()
})

test('reload from the log restores offsets and a stable group; expiry drops offsets of empty groups', async () => {
  let now = 1_000_000
  const log = new MemoryLog()
  const topics = new Topics()
  topics.add('orders', 2)
  const { c } = coordinator({ offsetsRetentionMs: 60_000 }, log, topics, () => now)
  const first = await c.classic.join(joinReq('g'))
  const j = await c.classic.join(joinReq('g', { memberId: first.memberId }))
  await c.classic.sync({
    groupId: 'g',
    generationId: 1,
    memberId: j.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [{ memberId: j.memberId, assignment: Buffer.from('A') }],
  })
  c.offsetManager.commit(
    commit(
      'g',
      [
        [0, 10n, 'meta'],
        [1, 20n],
      ],
      { generationIdOrMemberEpoch: 1, memberId: j.memberId },
    ),
  )
  c.offsetManager.commit(commit('solo', [[0, 1n]]))
  c.offsetManager.commit(commit('short', [[0, 1n]], { apiVersion: 2, retentionTimeMs: 1000n }))
  c.close()

  const { c: c2 } = coordinator({ offsetsRetentionMs: 60_000 }, log, topics, () => now)
  c2.load(log.records)
  const g = c2.groups.get('g')
  assert.ok(g !== undefined && g.type === 'classic')
  assert.equal(g.state, 'Stable')
  assert.equal(g.generationId, 1)
  // The member carries on without rejoining.
  assert.equal(c2.classic.heartbeat('g', 1, j.memberId, null), ErrorCode.NONE)
  const s = await c2.classic.sync({
    groupId: 'g',
    generationId: 1,
    memberId: j.memberId,
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  })
  assert.equal(s.assignment.toString(), 'A')
  assert.equal(c2.offsets.get('g', 'orders', 0)?.metadata, 'meta')
  assert.equal(c2.offsets.get('g', 'orders', 1)?.offset, 20n)

  now += 2_000
  c2.offsetManager.expire()
  assert.equal(c2.offsets.get('short', 'orders', 0), undefined, 'an explicit retention time expires first')
  assert.equal(c2.groups.has('short'), false)
  assert.ok(c2.offsets.get('solo', 'orders', 0) !== undefined)
  now += 60_000
  c2.offsetManager.expire()
  assert.equal(c2.offsets.get('solo', 'orders', 0), undefined, 'standalone offsets expire after the retention')
  assert.ok(c2.offsets.get('g', 'orders', 0) !== undefined, 'a live group keeps its offsets')
  c2.classic.leave('g', [{ memberId: j.memberId, groupInstanceId: null }])
  await new Promise((resolve) => setTimeout(resolve, 10))
  now += 30_000
  c2.offsetManager.expire()
  assert.ok(c2.offsets.get('g', 'orders', 0) !== undefined, 'an empty group keeps its offsets until the retention has passed')
  now += 31_000
  c2.offsetManager.expire()
  assert.equal(c2.offsets.hasOffsets('g'), false)
  assert.equal(c2.groups.has('g'), false)
  c2.close()
})

test("deleting a topic drops every group's offsets of it", () => {
  const { c, topics, log } = coordinator()
  topics.add('orders', 2)
  topics.add('audit', 1)
  c.offsetManager.commit(
    commit('a', [
      [0, 1n],
      [1, 2n],
    ]),
  )
  c.offsetManager.commit(commit('b', [[0, 1n]], {}, 'audit'))
  c.onTopicDeleted('orders')
  assert.equal(c.offsets.hasOffsets('a'), false)
  assert.equal(c.offsets.get('b', 'audit', 0)?.offset, 1n)
  assert.equal(log.records.filter((r) => r.type === 'offset' && r.value === null).length, 2)
  c.close()
})
