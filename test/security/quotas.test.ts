/**
 * Client quotas as Kafka's ClientQuotaManager: AlterClientQuotas and DescribeClientQuotas with
 * Kafka's entity matching, the precedence of user and client-id entities, and a producer held to
 * its producer_byte_rate: over 10 s the broker appends within 10 % of the quota, the answers
 * carry throttle_time_ms, and the connection is muted while throttled (KIP-219); a consumer held
 * to its consumer_byte_rate the same way (the bytes it was served over 10 s); a client over its
 * request_percentage (the broker's time on its requests) told throttle_time_ms and muted.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Consumer, Producer } from '../../src/client/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import type { Connection } from '../../src/client/index.js'
import { connect, startSecureBroker, type SecureBroker } from './helpers.js'

let b: SecureBroker
let admin: Connection

before(async () => {
  // A quota is a rate over the quota window (quota.window.num samples of one second): Kafka's
  // default of 11 lets a new client send 11 s worth at once. Ten samples make the window the
  // 10 s the test measures.
  b = await startSecureBroker('PLAINTEXT://127.0.0.1:0', { 'quota.window.num': '10' })
  admin = await connect(b.at('PLAINTEXT'))
})
after(async () => {
  await admin?.close()
  await b?.close()
})

type Entity = Array<{ entityType: string; entityName: string | null }>

async function setQuota(entity: Entity, key: string, value: number | null): Promise<void> {
  const res = await admin.request('AlterClientQuotas', {
    entries: [{ entity, ops: [{ key, value: value ?? 0, remove: value === null }] }],
    validateOnly: false,
  })
  assert.equal(res.entries[0]!.errorCode, 0, res.entries[0]!.errorMessage ?? '')
}

test('AlterClientQuotas validates as Kafka; DescribeClientQuotas matches EXACT, DEFAULT and ANY, strictly or not', async () => {
  const bad = await admin.request('AlterClientQuotas', {
    entries: [
      { entity: [{ entityType: 'user', entityName: 'u' }], ops: [{ key: 'bogus_rate', value: 1, remove: false }] },
      { entity: [{ entityType: 'user', entityName: 'u' }], ops: [{ key: 'producer_byte_rate', value: 1.5, remove: false }] },
      {
        entity: [
          { entityType: 'user', entityName: 'u' },
          { entityType: 'user', entityName: 'v' },
        ],
        ops: [{ key: 'producer_byte_rate', value: 1, remove: false }],
      },
      { entity: [{ entityType: 'user', entityName: 'u' }], ops: [{ key: 'request_percentage', value: -1, remove: false }] },
    ],
    validateOnly: false,
  })
  assert.deepEqual(
    bad.entries.map((e) => e.errorCode),
    [ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST],
  )
  await setQuota([{ entityType: 'user', entityName: 'alice' }], 'consumer_byte_rate', 2048)
  await setQuota(
    [
      { entityType: 'user', entityName: 'alice' },
      { entityType: 'client-id', entityName: 'app' },
    ],
    'producer_byte_rate',
    4096,
  )
  await setQuota([{ entityType: 'user', entityName: null }], 'request_percentage', 50)
  await setQuota([{ entityType: 'client-id', entityName: null }], 'producer_byte_rate', 8192)
  const describe = async (components: Array<{ entityType: string; matchType: number; match: string | null }>, strict: boolean) => {
    const r = await admin.request('DescribeClientQuotas', { components, strict })
    assert.equal(r.errorCode, 0)
    return (r.entries ?? [])
      .map((e) => e.entity.map((x) => `${x.entityType}=${x.entityName ?? '<default>'}`).join('/') + ':' + e.values.map((v) => `${v.key}=${v.value}`).join(','))
      .sort()
  }
  assert.deepEqual(await describe([{ entityType: 'user', matchType: 0, match: 'alice' }], false), [
    'user=alice/client-id=app:producer_byte_rate=4096',
    'user=alice:consumer_byte_rate=2048',
  ])
  assert.deepEqual(await describe([{ entityType: 'user', matchType: 0, match: 'alice' }], true), ['user=alice:consumer_byte_rate=2048'])
  assert.deepEqual(await describe([{ entityType: 'user', matchType: 1, match: null }], false), ['user=<default>:request_percentage=50'])
  assert.deepEqual(await describe([{ entityType: 'client-id', matchType: 2, match: null }], false), [
    'client-id=<default>:producer_byte_rate=8192',
    'user=alice/client-id=app:producer_byte_rate=4096',
  ])
  // Removing a quota removes the entity once nothing is left.
  await setQuota([{ entityType: 'user', entityName: 'alice' }], 'consumer_byte_rate', null)
  assert.deepEqual(await describe([{ entityType: 'user', matchType: 0, match: 'alice' }], true), [])
  for (const e of [
    [
      { entityType: 'user', entityName: 'alice' },
      { entityType: 'client-id', entityName: 'app' },
    ],
    [{ entityType: 'user', entityName: null }],
    [{ entityType: 'client-id', entityName: null }],
  ] as Entity[]) {
    const key = e.length === 2 ? 'producer_byte_rate' : e[0]!.entityType === 'user' ? 'request_percentage' : 'producer_byte_rate'
    await setQuota(e, key, null)
  }
})

test("the precedence of quota entities is Kafka's", async () => {
  const quotas = b.broker.running.broker.security.quotas
  await setQuota([{ entityType: 'client-id', entityName: null }], 'producer_byte_rate', 1)
  await setQuota([{ entityType: 'client-id', entityName: 'c' }], 'producer_byte_rate', 2)
  assert.equal(quotas.quotaFor('produce', 'u', 'c'), 2)
  assert.equal(quotas.quotaFor('produce', 'u', 'other'), 1)
  await setQuota([{ entityType: 'user', entityName: null }], 'producer_byte_rate', 3)
  assert.equal(quotas.quotaFor('produce', 'u', 'c'), 3, 'users/<default> comes before clients/<client-id>')
  await setQuota(
    [
      { entityType: 'user', entityName: null },
      { entityType: 'client-id', entityName: 'c' },
    ],
    'producer_byte_rate',
    4,
  )
  assert.equal(quotas.quotaFor('produce', 'u', 'c'), 4)
  await setQuota([{ entityType: 'user', entityName: 'u' }], 'producer_byte_rate', 5)
  assert.equal(quotas.quotaFor('produce', 'u', 'c'), 5, 'users/<user> comes before users/<default>/clients/<client-id>')
  await setQuota(
    [
      { entityType: 'user', entityName: 'u' },
      { entityType: 'client-id', entityName: null },
    ],
    'producer_byte_rate',
    6,
  )
  assert.equal(quotas.quotaFor('produce', 'u', 'c'), 6)
  await setQuota(
    [
      { entityType: 'user', entityName: 'u' },
      { entityType: 'client-id', entityName: 'c' },
    ],
    'producer_byte_rate',
    7,
  )
  assert.equal(quotas.quotaFor('produce', 'u', 'c'), 7)
  assert.equal(quotas.quotaFor('produce', 'v', 'c'), 4)
  assert.equal(quotas.quotaFor('fetch', 'u', 'c'), undefined)
  for (const e of [
    [{ entityType: 'client-id', entityName: null }],
    [{ entityType: 'client-id', entityName: 'c' }],
    [{ entityType: 'user', entityName: null }],
    [
      { entityType: 'user', entityName: null },
      { entityType: 'client-id', entityName: 'c' },
    ],
    [{ entityType: 'user', entityName: 'u' }],
    [
      { entityType: 'user', entityName: 'u' },
      { entityType: 'client-id', entityName: null },
    ],
    [
      { entityType: 'user', entityName: 'u' },
      { entityType: 'client-id', entityName: 'c' },
    ],
  ] as Entity[])
    await setQuota(e, 'producer_byte_rate', null)
  assert.equal(quotas.enabled, false)
})

test('a producer is held within 10 % of its producer_byte_rate over 10 s, told throttle_time_ms and muted', async (t) => {
  const QUOTA = 1024 * 1024
  await setQuota([{ entityType: 'client-id', entityName: 'throttled' }], 'producer_byte_rate', QUOTA)
  const created = await admin.request('CreateTopics', { topics: [{ name: 'q', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 10000 })
  assert.equal(created.topics[0]!.errorCode, 0)
  const partition = b.broker.running.broker.replicas.partitions('q')[0]!
  // 64 KB batches: the client can send well above the quota with little CPU, so time it lost to a
  // busy machine is made up once the window's rate allows (the quota bounds the window, not each second).
  const producer = await Producer.connect({ bootstrap: b.at('PLAINTEXT'), clientId: 'throttled', acks: 1, batchSize: 64 * 1024, maxInFlight: 2 })
  const value = Buffer.alloc(1000, 7)
  const before = partition.log.size
  const started = Date.now()
  let sizeAt10s = -1
  const stopAt = setTimeout(() => {
    sizeAt10s = partition.log.size
  }, 10_000)
  try {
    while (sizeAt10s < 0) await producer.sendBatch(Array.from({ length: 64 }, () => ({ topic: 'q', partition: 0, value })))
  } finally {
    clearTimeout(stopAt)
    await producer.close()
  }
  const rate = (sizeAt10s - before) / 10
  assert.ok(Math.abs(rate - QUOTA) <= QUOTA * 0.1, `appended ${Math.round(rate)} B/s against a quota of ${QUOTA} B/s (over ${Date.now() - started} ms)`)
  t.diagnostic(`appended ${Math.round(rate)} B/s over 10 s against a quota of ${QUOTA} B/s`)
  // A raw Produce over the quota is answered with throttle_time_ms, and the connection is muted meanwhile.
  await setQuota([{ entityType: 'client-id', entityName: 'raw' }], 'producer_byte_rate', 100 * 1024)
  const c = await connect(b.at('PLAINTEXT'), { clientId: 'raw' })
  const { encodeBatch } = await import('../support/records.js')
  const big = encodeBatch([{ key: null, value: Buffer.alloc(600 * 1024) }])
  const produce = () =>
    c.request('Produce', { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'q', partitionData: [{ index: 0, records: big }] }] })
  // 600 KiB is under 10 s of 100 KiB/s; twice that is over: wait until 1.2 MiB fits (12 s), at most the window (10 s).
  assert.equal((await produce()).throttleTimeMs, 0)
  const res = await produce()
  assert.ok(res.throttleTimeMs > 9000 && res.throttleTimeMs <= 10_000, `throttle_time_ms ${res.throttleTimeMs}`)
  const conn = [...b.broker.running.server.connections].find((x) => x.muted)
  assert.ok(conn !== undefined, 'the throttled connection is muted')
  await c.close()
  await setQuota([{ entityType: 'client-id', entityName: 'throttled' }], 'producer_byte_rate', null)
  await setQuota([{ entityType: 'client-id', entityName: 'raw' }], 'producer_byte_rate', null)
})

test('a consumer is held within 10 % of its consumer_byte_rate over 10 s', async (t) => {
  const QUOTA = 512 * 1024
  await setQuota([{ entityType: 'client-id', entityName: 'reader' }], 'consumer_byte_rate', QUOTA)
  const created = await admin.request('CreateTopics', { topics: [{ name: 'fq', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 10000 })
  assert.equal(created.topics[0]!.errorCode, 0)
  // 7 MB of 10 KB records (their framing is under 1 % of that), more than 10 s at the quota.
  const loader = await Producer.connect({ bootstrap: b.at('PLAINTEXT'), clientId: 'loader', acks: 1 })
  const value = Buffer.alloc(10_000, 3)
  for (let i = 0; i < 7; i++) await loader.sendBatch(Array.from({ length: 100 }, () => ({ topic: 'fq', partition: 0, value })))
  await loader.close()
  const consumer = await Consumer.connect({
    bootstrap: b.at('PLAINTEXT'),
    clientId: 'reader',
    maxBytes: 64 * 1024,
    partitionMaxBytes: 64 * 1024,
    maxWaitMs: 100,
  })
  await consumer.assign([{ topic: 'fq', partition: 0, start: 'earliest' }])
  let served = 0
  let servedAt10s = -1
  const stopAt = setTimeout(() => {
    servedAt10s = served
  }, 10_000)
  try {
    while (servedAt10s < 0) for (const r of await consumer.poll()) served += r.value?.length ?? 0
  } finally {
    clearTimeout(stopAt)
    await consumer.close()
  }
  const rate = servedAt10s / 10
  assert.ok(served < 7_000_000, 'the consumer did not run out of records')
  assert.ok(Math.abs(rate - QUOTA) <= QUOTA * 0.1, `served ${Math.round(rate)} B/s against a quota of ${QUOTA} B/s`)
  t.diagnostic(`served ${Math.round(rate)} B/s over 10 s against a quota of ${QUOTA} B/s`)
  await setQuota([{ entityType: 'client-id', entityName: 'reader' }], 'consumer_byte_rate', null)
})

test("request_percentage: a client over its share of the broker's time is told throttle_time_ms and muted; another is not", async () => {
  // 0.01 % of a 10 s window is 1 ms of the broker's time on this client's requests.
  await setQuota([{ entityType: 'client-id', entityName: 'busy' }], 'request_percentage', 0.01)
  const busy = await connect(b.at('PLAINTEXT'), { clientId: 'busy' })
  const free = await connect(b.at('PLAINTEXT'), { clientId: 'free' })
  try {
    let throttled = 0
    for (let i = 0; i < 500 && throttled === 0; i++) {
      throttled = (await busy.request('Metadata', { topics: null })).throttleTimeMs
      assert.equal((await free.request('Metadata', { topics: null })).throttleTimeMs, 0)
    }
    assert.ok(throttled > 0 && throttled <= 10_000, `throttle_time_ms ${throttled}`)
    const clientIds = [...b.broker.running.server.connections].filter((x) => x.muted).length
    assert.equal(clientIds, 1, 'only the throttled connection is muted')
  } finally {
    await busy.close()
    await free.close()
    await setQuota([{ entityType: 'client-id', entityName: 'busy' }], 'request_percentage', null)
  }
})
