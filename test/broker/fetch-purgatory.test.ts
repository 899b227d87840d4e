// Fetch on the purgatory (Kafka's DelayedFetch in ReplicaManager's fetch purgatory): a fetch that
// finds fewer than min.bytes waits, watched by each of its partitions; appends to any of them
// let it try again; a deleted partition answers it at once.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { partitionKey } from '../../src/broker/replica-manager.js'

let broker: EmbeddedBroker
let c: RawConnection

before(async () => {
  broker = await startBroker({ port: 0 })
  c = await RawConnection.connect(broker.port)
  for (const name of ['two', 'doomed']) {
    const r = await c.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: 2, replicationFactor: 1 }], timeoutMs: 1000 })
    assert.equal(r.topics[0].errorCode, 0)
  }
})
after(async () => {
  c.close()
  await broker.close()
})

const purgatory = () => broker.running.broker.replicas.fetchPurgatory

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10))
  assert.ok(cond(), `timed out waiting until ${what}`)
}

async function produce(topic: string, partition: number, value: Buffer): Promise<void> {
  const records = encodeRecordBatch({ records: [{ value }] })
  const r = await c.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] })
  assert.equal(r.responses[0].partitionResponses[0].errorCode, 0)
}

function fetchBoth(conn: RawConnection, topic: string, minBytes: number): Promise<any> {
  // Ten minutes of max.wait.ms: only a wake-up answers it before the client gives up.
  return conn.request(
    ApiKey.Fetch,
    12,
    {
      maxWaitMs: 600_000,
      minBytes,
      maxBytes: 1 << 20,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic, partitions: [0, 1].map((partition) => ({ partition, fetchOffset: 0n, partitionMaxBytes: 1 << 20 })) }],
    },
    20_000,
  )
}

test('a fetch waits, watched by each partition, until appends to them add up to min.bytes', async () => {
  const other = await RawConnection.connect(broker.port)
  const pending = fetchBoth(other, 'two', 3000)
  await until('the fetch is parked', () => purgatory().delayed === 1)
  assert.equal(purgatory().watched(partitionKey('two', 0)), 1)
  assert.equal(purgatory().watched(partitionKey('two', 1)), 1)
  await produce('two', 0, Buffer.alloc(2000, 1))
  // The append woke the fetch, which found ~2 KB and went on waiting.
  assert.equal(purgatory().delayed, 1)
  await produce('two', 1, Buffer.alloc(2000, 2))
  const res = await pending
  const parts = res.responses[0].partitions
  assert.deepEqual(
    parts.map((p: any) => p.errorCode),
    [0, 0],
  )
  assert.ok(parts[0].records.length > 2000 && parts[1].records.length > 2000, 'records of both partitions')
  assert.equal(purgatory().delayed, 0)
  assert.equal(purgatory().watched(partitionKey('two', 0)) + purgatory().watched(partitionKey('two', 1)), 0)
  other.close()
})

test('deleting a topic answers the fetches waiting on it at once', async () => {
  const other = await RawConnection.connect(broker.port)
  const pending = fetchBoth(other, 'doomed', 1)
  await until('the fetch is parked', () => purgatory().delayed === 1)
  const del = await c.request(ApiKey.DeleteTopics, 4, { topicNames: ['doomed'], timeoutMs: 1000 })
  assert.equal(del.responses[0].errorCode, 0)
  const res = await pending
  assert.deepEqual(
    res.responses[0].partitions.map((p: any) => p.errorCode),
    [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
  )
  assert.equal(purgatory().delayed, 0)
  other.close()
})

test('a fetch with max.wait.ms 0 or min.bytes already there never enters the purgatory', async () => {
  await produce('two', 0, Buffer.from('x'))
  const now = await c.request(ApiKey.Fetch, 12, {
    maxWaitMs: 0,
    minBytes: 1 << 20,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic: 'two', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
  })
  assert.equal(now.responses[0].partitions[0].errorCode, 0)
  const enough = await fetchBoth(c, 'two', 1)
  assert.ok(enough.responses[0].partitions[0].records.length > 0)
  assert.equal(purgatory().delayed, 0)
})
