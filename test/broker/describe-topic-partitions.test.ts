// DescribeTopicPartitions (API 75, KIP-966) with its cursor pagination, as Kafka's
// DescribeTopicPartitionsRequestHandler and KRaftMetadataCache.getTopicMetadataForDescribeTopicResponse:
// topics sorted by name from the cursor; all topics when none are named (unknown ones skipped);
// at most responsePartitionLimit partitions and a next cursor at the first one left out.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Connection, describeTopicPartitionsV0 } from '@platformatic/kafka'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

let broker: EmbeddedBroker
let c: RawConnection
before(async () => {
  broker = await startBroker({ port: 0 })
  c = await RawConnection.connect(broker.port)
  const topics = [
    ['dtp-a', 3],
    ['dtp-b', 5],
    ['dtp-c', 1],
  ].map(([name, n]) => ({ name, numPartitions: n, replicationFactor: 1, assignments: [], configs: [] }))
  await c.request(ApiKey.CreateTopics, 7, { topics, timeoutMs: 1000, validateOnly: false })
})
after(async () => {
  c.close()
  await broker.close()
})

type Topic = { name: string; errorCode: number; partitions: Array<{ partitionIndex: number }> }
const describe = async (names: string[], limit: number, cursor: { topicName: string; partitionIndex: number } | null = null) =>
  c.request(ApiKey.DescribeTopicPartitions, 0, { topics: names.map((name) => ({ name })), responsePartitionLimit: limit, cursor })
const shape = (topics: Topic[]) =>
  topics.filter((t) => t.name.startsWith('dtp-') || t.errorCode !== 0).map((t) => [t.name, t.errorCode, t.partitions.map((p) => p.partitionIndex)])

test('all topics, paged by partitions with a cursor', async () => {
  let r = await describe([], 4)
  assert.deepEqual(shape(r.topics), [
    ['dtp-a', 0, [0, 1, 2]],
    ['dtp-b', 0, [0]],
  ])
  assert.deepEqual([r.nextCursor.topicName, r.nextCursor.partitionIndex], ['dtp-b', 1])
  r = await describe([], 4, { topicName: 'dtp-b', partitionIndex: 1 })
  assert.deepEqual(shape(r.topics), [['dtp-b', 0, [1, 2, 3, 4]]])
  // The limit is used up exactly at the end of a topic: the cursor points at the next one.
  assert.equal(r.nextCursor.topicName, 'dtp-c')
  assert.equal(r.nextCursor.partitionIndex, 0)
  r = await describe([], 4, { topicName: 'dtp-c', partitionIndex: 0 })
  assert.deepEqual(shape(r.topics), [['dtp-c', 0, [0]]])
  assert.equal(r.nextCursor, null)
})

test('named topics: sorted, unknown and invalid names answered, a cursor outside the list refused', async () => {
  const r = await describe(['dtp-c', 'nope', 'dtp-a', 'bad name!'], 100)
  assert.deepEqual(
    r.topics.map((t: Topic) => [t.name, t.errorCode]),
    [
      ['bad name!', ErrorCode.INVALID_TOPIC_EXCEPTION],
      ['dtp-a', 0],
      ['dtp-c', 0],
      ['nope', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ],
  )
  assert.ok(r.topics[1].topicAuthorizedOperations > 0)
  const bad = await describe(['dtp-a'], 100, { topicName: 'dtp-b', partitionIndex: 0 })
  assert.deepEqual(
    bad.topics.map((t: Topic) => [t.name, t.errorCode]),
    [['dtp-a', ErrorCode.INVALID_REQUEST]],
  )
})

test("@platformatic/kafka's own codec reads the answer", async () => {
  const conn = new Connection('samsa-test')
  try {
    await conn.connect('127.0.0.1', broker.port)
    const r = await describeTopicPartitionsV0.api.async(conn, [{ name: 'dtp-b' }], 2)
    assert.deepEqual(
      r.topics.map((t) => [t.name, t.partitions.map((p) => p.partitionIndex)]),
      [['dtp-b', [0, 1]]],
    )
    assert.deepEqual(r.nextCursor, { topicName: 'dtp-b', partitionIndex: 2 })
  } finally {
    await conn.close()
  }
})
