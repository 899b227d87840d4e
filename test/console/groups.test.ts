// Consumer groups through the console API: list with lag, detail per partition, offset resets
// (refused while the group has members, previewed, applied by each strategy) and deletion.
// Needs the group APIs; until the broker serves them, each test reports itself as TODO.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Consumer } from '../../src/client/index.js'
import { call, produceMany, setup, type Setup } from './helpers.js'

let s: Setup
let base: string
const T0 = 1_700_000_000_000

before(async () => {
  s = await setup()
  base = s.console.url
  await s.admin.createTopics([{ name: 'g', partitions: 2 }])
  await produceMany(s.producer, 'g', 20, (i) => ({ value: `v${i}`, partition: i % 2, timestamp: T0 + i * 1000 }))
  // Consume the first half of each partition and commit, then leave: an Empty group with lag 10.
  const c = await Consumer.connect({ bootstrap: s.broker.bootstrap, groupId: 'app', autoOffsetReset: 'earliest', autoCommit: false })
  await c.subscribe(['g'])
  await c.close()
  await s.admin.alterGroupOffsets('app', [
    { topic: 'g', partition: 0, offset: 5n },
    { topic: 'g', partition: 1, offset: 5n },
  ])
})
after(() => s.close())

test('list and detail show state, members, topics and lag', async () => {
  const list = await call(base, '/api/groups')
  const g = list.body.groups.find((x: { groupId: string }) => x.groupId === 'app')
  assert.deepEqual({ state: g.state, members: g.members, topics: g.topics, lag: g.lag }, { state: 'Empty', members: 0, topics: ['g'], lag: 10 })
  const detail = await call(base, '/api/groups/app')
  assert.deepEqual(
    detail.body.partitions.map((p: { partition: number; committed: number; end: number; lag: number }) => [p.partition, p.committed, p.end, p.lag]),
    [
      [0, 5, 10, 5],
      [1, 5, 10, 5],
    ],
  )
  const topic = await call(base, '/api/topics/g')
  assert.deepEqual(
    topic.body.groups.map((x: { groupId: string; lag: number }) => [x.groupId, x.lag]),
    [['app', 10]],
  )
  const unknown = await call(base, '/api/groups/nobody')
  assert.equal(unknown.body.state, 'Dead', 'DescribeGroups answers an unknown group as Dead, as Kafka does')
})

test('resets: preview, earliest, latest, offset (clamped), timestamp', async () => {
  const reset = (body: object) => call(base, '/api/groups/app/reset-offsets', { method: 'POST', body })
  const preview = await reset({ strategy: 'earliest', dryRun: true })
  assert.deepEqual(
    preview.body.offsets.map((o: { before: number; after: number }) => [o.before, o.after]),
    [
      [5, 0],
      [5, 0],
    ],
  )
  assert.equal((await call(base, '/api/groups/app')).body.totalLag, 10, 'a preview changes nothing')

  await reset({ strategy: 'latest', topic: 'g' })
  assert.equal((await call(base, '/api/groups/app')).body.totalLag, 0)
  await reset({ strategy: 'offset', offset: 3, topic: 'g', partition: 1 })
  assert.deepEqual(
    (await call(base, '/api/groups/app')).body.partitions.map((p: { committed: number }) => p.committed),
    [10, 3],
  )
  await reset({ strategy: 'offset', offset: 999 })
  assert.deepEqual(
    (await call(base, '/api/groups/app')).body.partitions.map((p: { committed: number }) => p.committed),
    [10, 10],
  )
  // Record 8 (partition 0, offset 4) is the first at or after T0 + 7.5 s there; partition 1's is record 9 (offset 4).
  await reset({ strategy: 'timestamp', timestamp: T0 + 7_500 })
  assert.deepEqual(
    (await call(base, '/api/groups/app')).body.partitions.map((p: { committed: number }) => p.committed),
    [4, 4],
  )
  assert.equal((await reset({ strategy: 'sideways' })).status, 400)
  // Shift by, as kafka-consumer-groups.sh --shift-by: relative to the committed offset, clamped, one partition or all.
  await reset({ strategy: 'shift', shift: -3, topic: 'g', partition: 0 })
  assert.deepEqual(
    (await call(base, '/api/groups/app')).body.partitions.map((p: { committed: number }) => p.committed),
    [1, 4],
  )
  await reset({ strategy: 'shift', shift: '-10' })
  assert.deepEqual(
    (await call(base, '/api/groups/app')).body.partitions.map((p: { committed: number }) => p.committed),
    [0, 0],
  )
  await reset({ strategy: 'shift', shift: 2 })
  assert.deepEqual(
    (await call(base, '/api/groups/app')).body.partitions.map((p: { committed: number }) => p.committed),
    [2, 2],
  )
  assert.equal((await reset({ strategy: 'shift', shift: 'x' })).status, 400)
})

test('a group with members cannot be reset; an empty one can be deleted', async () => {
  const c = await Consumer.connect({ bootstrap: s.broker.bootstrap, groupId: 'busy', autoOffsetReset: 'earliest' })
  try {
    await c.subscribe(['g'])
    await c.poll({ maxWaitMs: 100 })
    const refused = await call(base, '/api/groups/busy/reset-offsets', { method: 'POST', body: { strategy: 'earliest' } })
    assert.equal(refused.status, 409)
    assert.match(refused.body.error.message, /empty group|stop its consumers/)
    const detail = await call(base, '/api/groups/busy')
    assert.equal(detail.body.members.length, 1)
    assert.deepEqual(detail.body.members[0].assignment, [{ topic: 'g', partitions: [0, 1] }])
  } finally {
    await c.close()
  }
  assert.equal((await call(base, '/api/groups/busy', { method: 'DELETE' })).status, 200)
  assert.ok(!(await call(base, '/api/groups')).body.groups.some((g: { groupId: string }) => g.groupId === 'busy'))
})
