// kafka-python 2.0.2 (Debian's python3-kafka) has no transactional producer and reads with
// isolation_level read_uncommitted only (Fetch v4). kafka-python 2.1+, which has both (and
// send_offsets_to_transaction), is not packaged for Debian 12, and CI installs Python packages
// from Debian only; the transactional producer's path is covered by librdkafka's clients
// (confluent-kafka-python, node-rdkafka), kafkajs and @platformatic/kafka. What it must do with transactional data is
// read it: batches of committed and aborted transactions (written here by kafkajs) come back as
// the records they hold, in offset order, and it reads on past every marker to the end. 2.0.2 does
// not skip control batches (a client bug, fixed in kafka-python 2.1): it hands out each marker's
// record too, as Kafka's own log gives them to it; those must be exactly the markers, in place.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Kafka, logLevel } from 'kafkajs'
import { requireTool, tools } from '../support/env.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { pythonDriver } from '../support/python-driver.js'
import type { ReadRecord } from '../support/dataset.js'

const skip = requireTool(tools.kafkaPython())
let broker: TestBroker
before(async () => {
  if (skip === false) broker = await startTestBroker()
})
after(async () => {
  await broker?.close()
})

test('kafka-python reads a topic written in transactions (read_uncommitted): every record in order, and each marker in place', {
  skip,
  timeout: 120_000,
}, async () => {
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'samsa-txn', logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'kp-txn', numPartitions: 2 }] })
  await admin.disconnect()
  const producer = kafka.producer({ transactionalId: 'kp-writer', idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  const written: Array<{ partition: number; value: string }> = []
  try {
    for (let i = 0; i < 8; i++) {
      const t = await producer.transaction()
      const messages = [0, 1].flatMap((partition) =>
        [0, 1].map((j) => ({ partition, value: `${i % 3 === 1 ? 'aborted' : 'committed'}-${i}-${partition}-${j}` })),
      )
      await t.send({ topic: 'kp-txn', messages })
      written.push(...messages)
      if (i % 3 === 1) await t.abort()
      else await t.commit()
    }
  } finally {
    await producer.disconnect()
  }
  const driver = pythonDriver('kafka-python', 'kafka_python_client.py', ['none'])
  const res = await driver.consume(broker.bootstrap, 'kp-txn', 2, written.length)
  assert.ok(Array.isArray(res), 'read')
  const read = res as ReadRecord[]
  // A marker's record: key = version 0 | type (0 abort, 1 commit), value = version 0 | coordinator epoch.
  const marker = (r: ReadRecord): string | undefined =>
    r.key?.length === 4 && r.key.readInt16BE(0) === 0 && r.value?.length === 6 ? (r.key.readInt16BE(2) === 1 ? 'COMMIT' : 'ABORT') : undefined
  for (const p of [0, 1]) {
    const got = read.filter((r) => r.partition === p)
    assert.deepEqual(
      got.filter((r) => marker(r) === undefined).map((r) => r.value?.toString()),
      written.filter((w) => w.partition === p).map((w) => w.value),
      `partition ${p}: every data record in order`,
    )
    const expectedMarkers = Array.from({ length: 8 }, (_, i) => (i % 3 === 1 ? 'ABORT' : 'COMMIT'))
    assert.deepEqual(
      got.map(marker).filter((m) => m !== undefined),
      expectedMarkers,
      `partition ${p}: one marker per transaction, after its records`,
    )
    for (let i = 0; i < got.length; i++)
      if (marker(got[i]!) !== undefined) assert.ok(i >= 2 && marker(got[i - 1]!) === undefined, "a marker follows its transaction's records")
  }
})
