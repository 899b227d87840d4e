// The client against a real Samsa broker: admin, producer (partitioning, gzip, acks=0),
// consumer in assign mode and as two group members sharing partitions.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { Admin, Consumer, Producer, partitionForKey } from '../../src/client/index.js'
import { ApiKey } from '../../src/protocol/generated/index.js'

let broker: EmbeddedBroker
let admin: Admin
before(async () => {
  broker = await startBroker({ port: 0 })
  admin = await Admin.connect({ bootstrap: broker.bootstrap })
  await admin.createTopics([
    { name: 'keys', partitions: 4 },
    { name: 'gz', partitions: 1 },
    { name: 'shared', partitions: 4 },
  ])
})
after(async () => {
  await admin.close()
  await broker.close()
})

async function readAll(topic: string, partitions: number): Promise<Awaited<ReturnType<Consumer['poll']>>> {
  const c = await Consumer.connect({ bootstrap: broker.bootstrap, maxWaitMs: 50 })
  try {
    await c.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, start: 'earliest' as const })))
    const out = []
    while (!c.caughtUp()) out.push(...(await c.poll()))
    return out
  } finally {
    await c.close()
  }
}

test('keyed records land where Java clients would put them', async () => {
  const p = await Producer.connect({ bootstrap: broker.bootstrap })
  const keys = Array.from({ length: 20 }, (_, i) => `user-${i}`)
  const meta = await p.sendBatch(keys.map((key) => ({ topic: 'keys', key, value: key })))
  await p.close()
  meta.forEach((m, i) => assert.equal(m.partition, partitionForKey(Buffer.from(keys[i]!), 4)))
  const got = await readAll('keys', 4)
  assert.equal(got.length, 20)
  for (const r of got) assert.equal(r.partition, partitionForKey(r.key!, 4))
  const d = await admin.describeTopics(['keys'])
  assert.equal(
    d[0]!.partitions.reduce((n, x) => n + Number(x.endOffset - x.startOffset), 0),
    20,
  )
})

test('gzip batches and acks=0 round-trip', async () => {
  const gz = await Producer.connect({ bootstrap: broker.bootstrap, compression: 'gzip' })
  await gz.sendBatch(
    Array.from({ length: 50 }, (_, i) => ({ topic: 'gz', value: `compressed ${i} ${'x'.repeat(200)}`, headers: [{ key: 'i', value: String(i) }] })),
  )
  await gz.close()
  const fire = await Producer.connect({ bootstrap: broker.bootstrap, acks: 0 })
  const m = await fire.send({ topic: 'gz', value: 'fire and forget' })
  assert.equal(m.offset, -1n)
  await fire.close()
  let got = await readAll('gz', 1)
  for (let i = 0; i < 20 && got.length < 51; i++) got = await readAll('gz', 1)
  assert.equal(got.length, 51)
  assert.equal(got[49]!.headers[0]!.value!.toString(), '49')
  assert.equal(got[50]!.value!.toString(), 'fire and forget')
})

test('two group members split the partitions with the range assignor', async (t) => {
  const conn = await admin.cluster.anyConnection()
  if (!conn.versions.has(ApiKey.JoinGroup)) return t.skip('the broker does not serve consumer groups yet')
  const p = await Producer.connect({ bootstrap: broker.bootstrap })
  await p.sendBatch(Array.from({ length: 40 }, (_, i) => ({ topic: 'shared', value: `m${i}`, partition: i % 4 })))
  await p.close()
  const opts = { bootstrap: broker.bootstrap, groupId: 'pair', autoOffsetReset: 'earliest' as const, maxWaitMs: 50, heartbeatIntervalMs: 200 }
  const a = await Consumer.connect(opts)
  const b = await Consumer.connect(opts)
  try {
    await a.subscribe(['shared'])
    const joinB = b.subscribe(['shared'])
    const seen = new Map<string, string>()
    const deadline = Date.now() + 20_000
    let joined = false
    joinB.then(
      () => (joined = true),
      () => {},
    )
    while ((seen.size < 40 || !joined || a.assignment().length !== 2) && Date.now() < deadline) {
      for (const [name, c] of [
        ['a', a],
        ['b', b],
      ] as const) {
        if (name === 'b' && !joined) continue
        for (const r of await c.poll()) seen.set(r.value!.toString(), name)
      }
    }
    await joinB
    assert.equal(seen.size, 40)
    // The range assignor orders members by member id, so either member may get the first half.
    const halves = [a, b]
      .map((c) =>
        c
          .assignment()
          .map((x) => x.partition)
          .sort(),
      )
      .sort((x, y) => x[0]! - y[0]!)
    assert.deepEqual(halves, [
      [0, 1],
      [2, 3],
    ])
  } finally {
    await a.close()
    await b.close()
  }
  const offsets = await admin.listGroupOffsets('pair')
  assert.equal(
    offsets.reduce((n, o) => n + Number(o.offset), 0),
    40,
  )
})
