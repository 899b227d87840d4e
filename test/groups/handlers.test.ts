// The group APIs on the wire, across versions: FindCoordinator (batched keys), JoinGroup v0-v9,
// OffsetCommit/OffsetFetch (v1, v8 multi-group), ListGroups filters, DescribeGroups,
// DeleteGroups; and the time a three-member group takes from JoinGroup to Stable.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

let broker: EmbeddedBroker
let c: RawConnection

before(async () => {
  broker = await startBroker({ port: 0, config: { 'num.partitions': 2, 'offsets.topic.num.partitions': 5 } })
  c = await RawConnection.connect(broker.port)
})
after(async () => {
  c.close()
  await broker.close()
})

const protocols = [{ name: 'range', metadata: Buffer.from([0, 0, 0, 0, 0, 1, 0, 1, 116, 255, 255, 255, 255]) }]

test('FindCoordinator names this broker for groups and transactions, batched from v4', async () => {
  const v0 = await c.request(ApiKey.FindCoordinator, 0, { key: 'g' })
  assert.equal(v0.errorCode, 0)
  assert.equal(v0.nodeId, broker.running.broker.metadata.nodeId)
  assert.equal(v0.port, broker.port)
  assert.equal(broker.running.broker.metadata.topic('__consumer_offsets')?.partitions.length, 5)
  assert.equal(broker.running.broker.metadata.topic('__consumer_offsets')?.meta.internal, true)
  const v4 = await c.request(ApiKey.FindCoordinator, 4, { keyType: 0, coordinatorKeys: ['a', 'b'] })
  assert.deepEqual(
    v4.coordinators.map((x: { key: string; errorCode: number; port: number }) => [x.key, x.errorCode, x.port]),
    [
      ['a', 0, broker.port],
      ['b', 0, broker.port],
    ],
  )
  const txn = await c.request(ApiKey.FindCoordinator, 6, { keyType: 1, coordinatorKeys: ['tx'] })
  assert.equal(txn.coordinators[0].errorCode, 0)
  const share = await c.request(ApiKey.FindCoordinator, 6, { keyType: 2, coordinatorKeys: ['s'] })
  assert.equal(share.coordinators[0].errorCode, ErrorCode.INVALID_REQUEST)
})

test('JoinGroup at every version: member id required from v4, protocol name not null before v7', async () => {
  for (let v = 0; v <= 9; v++) {
    const groupId = `join-v${v}`
    const body = { groupId, sessionTimeoutMs: 10000, rebalanceTimeoutMs: 10000, memberId: '', groupInstanceId: null, protocolType: 'consumer', protocols }
    let r = await c.request(ApiKey.JoinGroup, v, body)
    if (v >= 4) {
      assert.equal(r.errorCode, ErrorCode.MEMBER_ID_REQUIRED, `v${v}`)
      r = await c.request(ApiKey.JoinGroup, v, { ...body, memberId: r.memberId })
    }
    assert.equal(r.errorCode, 0, `v${v}`)
    assert.equal(r.protocolName, 'range')
    assert.equal(r.members.length, 1)
    const s = await c.request(ApiKey.SyncGroup, Math.min(v, 5), {
      groupId,
      generationId: r.generationId,
      memberId: r.memberId,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: [{ memberId: r.memberId, assignment: Buffer.from('x') }],
    })
    assert.equal(s.errorCode, 0)
    assert.equal(Buffer.from(s.assignment).toString(), 'x')
    const h = await c.request(ApiKey.Heartbeat, Math.min(v, 4), { groupId, generationId: r.generationId, memberId: r.memberId })
    assert.equal(h.errorCode, 0)
    const l = await c.request(ApiKey.LeaveGroup, Math.min(v, 5), { groupId, memberId: r.memberId, members: [{ memberId: r.memberId }] })
    assert.equal(l.errorCode, 0)
  }
  const bad = await c.request(ApiKey.JoinGroup, 5, {
    groupId: 'j',
    sessionTimeoutMs: 10,
    rebalanceTimeoutMs: 10,
    memberId: '',
    protocolType: 'consumer',
    protocols,
  })
  assert.equal(bad.errorCode, ErrorCode.INVALID_SESSION_TIMEOUT)
  // Errors before v7 still carry a (non-null) protocol name.
  const unknown = await c.request(ApiKey.JoinGroup, 2, {
    groupId: 'j',
    sessionTimeoutMs: 10000,
    rebalanceTimeoutMs: 10000,
    memberId: 'ghost',
    protocolType: 'consumer',
    protocols,
  })
  assert.equal(unknown.errorCode, ErrorCode.UNKNOWN_MEMBER_ID)
  assert.equal(unknown.protocolName, '')
})

test('OffsetCommit and OffsetFetch: v1, v2 topics=null, v8 with several groups; ListGroups, DescribeGroups, DeleteGroups', async () => {
  await c.request(ApiKey.Metadata, 9, { topics: [{ name: 'wire' }], allowAutoTopicCreation: true })
  const commit = (groupId: string, v: number, offset: bigint) =>
    c.request(ApiKey.OffsetCommit, v, {
      groupId,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      retentionTimeMs: -1n,
      topics: [
        {
          name: 'wire',
          partitions: [
            { partitionIndex: 0, committedOffset: offset, committedMetadata: 'meta' },
            { partitionIndex: 1, committedOffset: offset + 1n },
          ],
        },
      ],
    })
  for (const v of [0, 1, 2, 5, 7, 9]) {
    const r = await commit(`wire-${v}`, v, BigInt(v * 10))
    assert.deepEqual(
      r.topics[0].partitions.map((p: { errorCode: number }) => p.errorCode),
      [0, 0],
      `v${v}`,
    )
  }
  const v1 = await c.request(ApiKey.OffsetFetch, 1, { groupId: 'wire-1', topics: [{ name: 'wire', partitionIndexes: [0, 1] }] })
  assert.deepEqual(
    v1.topics[0].partitions.map((p: { committedOffset: bigint }) => p.committedOffset),
    [10n, 11n],
  )
  const all = await c.request(ApiKey.OffsetFetch, 3, { groupId: 'wire-2', topics: null })
  assert.deepEqual(
    all.topics.map((t: { name: string; partitions: unknown[] }) => [t.name, t.partitions.length]),
    [['wire', 2]],
  )
  assert.equal(all.topics[0].partitions[0].metadata, 'meta')
  const multi = await c.request(ApiKey.OffsetFetch, 8, {
    groups: [
      { groupId: 'wire-5', topics: null },
      { groupId: 'wire-9', topics: [{ name: 'wire', partitionIndexes: [1] }] },
      { groupId: 'none', topics: null },
    ],
    requireStable: true,
  })
  assert.deepEqual(
    multi.groups.map((g: { groupId: string; errorCode: number; topics: Array<{ partitions: Array<{ committedOffset: bigint }> }> }) => [
      g.groupId,
      g.errorCode,
      g.topics.flatMap((t) => t.partitions.map((p) => p.committedOffset)),
    ]),
    [
      ['wire-5', 0, [50n, 51n]],
      ['wire-9', 0, [91n]],
      ['none', 0, []],
    ],
  )

  const listed = await c.request(ApiKey.ListGroups, 5, { statesFilter: ['empty'], typesFilter: ['classic'] })
  const ids = listed.groups.map((g: { groupId: string }) => g.groupId)
  assert.ok(ids.includes('wire-0') && ids.includes('wire-9'))
  assert.ok(listed.groups.every((g: { groupState: string; groupType: string }) => g.groupState === 'Empty' && g.groupType === 'classic'))
  assert.equal(
    (await c.request(ApiKey.ListGroups, 5, { statesFilter: ['stable'], typesFilter: [] })).groups.filter((g: { groupId: string }) =>
      g.groupId.startsWith('wire'),
    ).length,
    0,
  )
  assert.equal(
    (await c.request(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: ['consumer'] })).groups.filter((g: { groupId: string }) =>
      g.groupId.startsWith('wire'),
    ).length,
    0,
  )

  const described = await c.request(ApiKey.DescribeGroups, 5, { groups: ['wire-1', 'never'], includeAuthorizedOperations: true })
  assert.deepEqual(
    described.groups.map((g: { groupId: string; groupState: string; errorCode: number }) => [g.groupId, g.groupState, g.errorCode]),
    [
      ['wire-1', 'Empty', 0],
      ['never', 'Dead', 0],
    ],
  )

  const deleted = await c.request(ApiKey.DeleteGroups, 2, { groupsNames: ['wire-1', 'never'] })
  assert.deepEqual(
    deleted.results.map((r: { errorCode: number }) => r.errorCode),
    [0, ErrorCode.GROUP_ID_NOT_FOUND],
  )
  const gone = await c.request(ApiKey.OffsetFetch, 5, { groupId: 'wire-1', topics: null })
  assert.deepEqual(gone.topics, [])
  const offsetDelete = await c.request(ApiKey.OffsetDelete, 0, { groupId: 'wire-2', topics: [{ name: 'wire', partitions: [{ partitionIndex: 0 }] }] })
  assert.equal(offsetDelete.errorCode, 0)
  assert.equal(offsetDelete.topics[0].partitions[0].errorCode, 0)
  const tooBig = await c.request(ApiKey.OffsetCommit, 8, {
    groupId: 'wire-2',
    generationIdOrMemberEpoch: -1,
    topics: [{ name: 'wire', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: 'x'.repeat(4097) }] }],
  })
  assert.equal(tooBig.topics[0].partitions[0].errorCode, ErrorCode.OFFSET_METADATA_TOO_LARGE)
})

test('a three-member group goes from JoinGroup to Stable in a few milliseconds', async (t) => {
  const clients = await Promise.all([0, 1, 2].map(() => RawConnection.connect(broker.port)))
  try {
    const body = { groupId: 'timed', sessionTimeoutMs: 10000, rebalanceTimeoutMs: 10000, groupInstanceId: null, protocolType: 'consumer', protocols }
    const ids = await Promise.all(clients.map(async (cl) => (await cl.request(ApiKey.JoinGroup, 9, { ...body, memberId: '' })).memberId as string))
    const start = process.hrtime.bigint()
    const joins = await Promise.all(clients.map((cl, i) => cl.request(ApiKey.JoinGroup, 9, { ...body, memberId: ids[i] })))
    assert.ok(joins.every((j) => j.errorCode === 0 && j.generationId === joins[0]!.generationId))
    const leader = joins.find((j) => j.members.length === 3)!
    const syncs = await Promise.all(
      clients.map((cl, i) =>
        cl.request(ApiKey.SyncGroup, 5, {
          groupId: 'timed',
          generationId: joins[i]!.generationId,
          memberId: ids[i],
          protocolType: 'consumer',
          protocolName: 'range',
          assignments: joins[i] === leader ? ids.map((id) => ({ memberId: id, assignment: Buffer.from(id) })) : [],
        }),
      ),
    )
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    assert.ok(syncs.every((s, i) => s.errorCode === 0 && Buffer.from(s.assignment).toString() === ids[i]))
    t.diagnostic(`3 members from JoinGroup to Stable (all SyncGroups answered): ${ms.toFixed(1)} ms`)
    assert.ok(ms < 1000)
  } finally {
    for (const cl of clients) cl.close()
  }
})
