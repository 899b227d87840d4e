// @platformatic/kafka 1.x transactions (InitProducerId v5, AddPartitionsToTxn v5? as it picks,
// AddOffsetsToTxn v4, TxnOffsetCommit v4, EndTxn v4, Produce v11, Fetch v17 read_committed, its
// default isolation level): commit and abort seen by a read_committed consumer in order;
// consume-transform-produce with the consumer's offsets in the transaction (addConsumer/addOffset)
// gives each input exactly once; a transaction left open past its timeout (the client sends its
// `timeout` as InitProducerId's transaction timeout) is aborted by the broker.
//
// Two limits of the client (1.35), not of the broker, shape these tests: its read_committed
// filter keeps one aborted range per producer in a fetch response, so a second aborted
// transaction of the same producer in one response shows (one abort here); and its
// InitProducerId v3+ sends producer id 0 and epoch 0 instead of -1/-1, which Kafka (and Samsa)
// take as "the producer this client had", so a second instance of a transactional id that
// exists is refused with PRODUCER_FENCED instead of fencing the first (kafkajs and librdkafka
// cover fencing).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { waitFor } from './groups-helpers.js'

let broker: TestBroker
before(async () => {
  broker = await startTestBroker({ 'transaction.abort.timed.out.transaction.cleanup.interval.ms': 200 })
})
after(async () => {
  await broker?.close()
})

const base = () => ({ clientId: 'samsa-platformatic-txn', bootstrapBrokers: [broker.bootstrap], retries: 5, retryDelay: 100, requestTimeout: 10_000 })

async function createTopics(partitions: number, ...topics: string[]): Promise<void> {
  const admin = new Admin(base())
  try {
    await admin.createTopics({ topics, partitions, replicas: 1 })
  } finally {
    await admin.close()
  }
}

function txnProducer(transactionalId: string): Producer<string, string, string, string> {
  return new Producer({ ...base(), transactionalId, idempotent: true, serializers: stringSerializers })
}

/** What a read_committed (or read_uncommitted) consumer without a group reads of `topic` from the start. */
async function readAll(topic: string, partitions: number, isolationLevel: 0 | 1, expected: number): Promise<Array<{ partition: number; value: string }>> {
  const consumer = new Consumer({
    ...base(),
    groupId: `reader-${topic}-${isolationLevel}-${Date.now()}`,
    deserializers: stringDeserializers,
    maxWaitTime: 200,
    isolationLevel,
  })
  const out: Array<{ partition: number; value: string }> = []
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false })
  stream.on('data', (m) => {
    out.push({ partition: m.partition, value: m.value })
  })
  try {
    await waitFor(`${expected} records of ${topic}`, () => out.length >= expected, 20_000).catch(() => {})
    await new Promise((r) => setTimeout(r, 500))
  } finally {
    await stream.close()
    await (consumer.close as (force?: boolean) => Promise<void>).call(consumer, true)
  }
  void partitions
  return out
}

describe('@platformatic/kafka transactions', () => {
  it('commits and aborts; read_committed sees only committed records, in order', async () => {
    await createTopics(2, 'pl-ca')
    const p = txnProducer('pl-ca')
    const expected: string[][] = [[], []]
    try {
      for (let i = 0; i < 6; i++) {
        const commit = i !== 1
        const t = await p.beginTransaction()
        const messages = [0, 1].flatMap((partition) =>
          [0, 1, 2].map((j) => ({ topic: 'pl-ca', partition, key: `k${j}`, value: `${commit ? 'c' : 'a'}-${i}-${partition}-${j}` })),
        )
        await t.send({ messages })
        if (commit) {
          await t.commit()
          for (const m of messages) expected[m.partition]!.push(m.value)
        } else {
          await t.abort()
        }
      }
    } finally {
      await p.close()
    }
    const committed = await readAll('pl-ca', 2, 1, 30)
    for (const partition of [0, 1]) {
      assert.deepEqual(
        committed.filter((r) => r.partition === partition).map((r) => r.value),
        expected[partition],
        `partition ${partition}`,
      )
    }
    const all = await readAll('pl-ca', 2, 0, 36)
    assert.equal(all.length, 36, 'read_uncommitted sees the aborted records too, and no marker')
  })

  it('consume-transform-produce with the consumer offsets in the transaction gives every input exactly once', async () => {
    await createTopics(2, 'pl-in', 'pl-out')
    const N = 120
    const input = new Producer({ ...base(), serializers: stringSerializers })
    await input.send({ messages: Array.from({ length: N }, (_, i) => ({ topic: 'pl-in', partition: i % 2, key: `k${i}`, value: `v${i}` })) })
    await input.close()
    const consumer = new Consumer({
      ...base(),
      groupId: 'pl-loop',
      deserializers: stringDeserializers,
      maxWaitTime: 200,
      sessionTimeout: 6000,
      heartbeatInterval: 300,
    })
    const p = txnProducer('pl-loop')
    const stream = await consumer.consume({ topics: ['pl-in'], mode: 'committed', fallbackMode: 'earliest', autocommit: false })
    let done = 0
    let failure: unknown
    const queue: Array<{ key: string; value: string; partition: number; offset: bigint; topic: string }> = []
    stream.on('data', (m) => {
      queue.push(m as never)
    })
    const loop = (async () => {
      while (done < N) {
        if (queue.length === 0) {
          await new Promise((r) => setTimeout(r, 20))
          continue
        }
        const batch = queue.splice(0, 7)
        const t = await p.beginTransaction()
        await t.send({ messages: batch.map((m) => ({ topic: 'pl-out', partition: m.partition, key: m.key, value: `${m.value}!` })) })
        await t.addConsumer(consumer)
        for (const m of batch) await t.addOffset(m as never)
        await t.commit()
        done += batch.length
      }
    })().catch((err: unknown) => {
      failure = err
    })
    try {
      await waitFor(`${N} inputs processed`, () => done >= N || failure !== undefined, 60_000)
      await loop
      assert.equal(failure, undefined, String(failure))
    } finally {
      await stream.close()
      await (consumer.close as (force?: boolean) => Promise<void>).call(consumer, true)
      await p.close()
    }
    const out = await readAll('pl-out', 2, 1, N)
    assert.deepEqual(out.map((r) => r.value).sort(), Array.from({ length: N }, (_, i) => `v${i}!`).sort(), 'each input once')
    const admin = new Admin(base())
    try {
      const offsets = await admin.listConsumerGroupOffsets({ groups: [{ groupId: 'pl-loop', topics: [{ name: 'pl-in', partitionIndexes: [0, 1] }] }] })
      const total = offsets[0]!.topics[0]!.partitions.reduce((n, x) => n + Number(x.committedOffset), 0)
      assert.equal(total, N, 'the committed offsets cover every input')
    } finally {
      await admin.close()
    }
  })

  it('a transaction left open past its timeout is aborted', async () => {
    await createTopics(1, 'pl-timeout')
    const stuck = new Producer({ ...base(), transactionalId: 'pl-stuck', idempotent: true, timeout: 1000, serializers: stringSerializers })
    const other = txnProducer('pl-other')
    try {
      const t = await stuck.beginTransaction()
      await t.send({ messages: [{ topic: 'pl-timeout', partition: 0, key: 'k', value: 'never-committed' }] })
      // Another producer's later transaction becomes visible once the open one is aborted.
      const t2 = await other.beginTransaction()
      await t2.send({ messages: [{ topic: 'pl-timeout', partition: 0, key: 'k', value: 'committed-later' }] })
      await t2.commit()
      const out = await readAll('pl-timeout', 1, 1, 1)
      assert.deepEqual(
        out.map((r) => r.value),
        ['committed-later'],
      )
      await assert.rejects(() => t.commit(), 'the timed-out producer was fenced by the abort')
    } finally {
      await stuck.close().catch(() => {})
      await other.close()
    }
  })
})
