// kafkajs 2.2.4 transactions (InitProducerId v1, AddPartitionsToTxn v1, AddOffsetsToTxn v1,
// TxnOffsetCommit v1, EndTxn v1, Fetch v11 read_committed): commit and abort; a read_committed
// consumer sees committed records in order and never an aborted one (read_uncommitted sees both);
// a consume-transform-produce loop with sendOffsets gives each input exactly once; a second
// producer with the same transactional id fences the first (KIP-98); a transaction left open
// past transaction.timeout.ms is aborted by the coordinator.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs'
import { startTestBroker, type TestBroker } from '../support/broker.js'

let broker: TestBroker
let kafka: Kafka
const cleanup: Array<() => Promise<void>> = []

before(async () => {
  broker = await startTestBroker({ 'transaction.abort.timed.out.transaction.cleanup.interval.ms': 200 })
  kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'samsa-txn', logLevel: logLevel.NOTHING })
})
after(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {})
  await broker?.close()
})

async function createTopics(...topics: Array<[string, number]>): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics: topics.map(([topic, numPartitions]) => ({ topic, numPartitions })) })
  } finally {
    await admin.disconnect()
  }
}

async function txnProducer(transactionalId: string, transactionTimeout = 60_000): Promise<Producer> {
  const p = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout })
  await p.connect()
  cleanup.push(() => p.disconnect())
  return p
}

/** Every record of `topic` a consumer of the isolation level reads until it has `expected` (or 10 s pass). */
async function readAll(topic: string, readUncommitted: boolean, expected: number): Promise<Array<{ partition: number; offset: string; value: string }>> {
  const c: Consumer = kafka.consumer({ groupId: `reader-${topic}-${readUncommitted}-${Math.random()}`, readUncommitted, maxWaitTimeInMs: 200 })
  await c.connect()
  const out: Array<{ partition: number; offset: string; value: string }> = []
  try {
    await c.subscribe({ topic, fromBeginning: true })
    await c.run({
      eachMessage: async ({ partition, message }) => {
        out.push({ partition, offset: message.offset, value: message.value!.toString() })
      },
    })
    const deadline = Date.now() + 10_000
    while (out.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    // A little longer: anything beyond `expected` would be a defect.
    await new Promise((r) => setTimeout(r, 500))
  } finally {
    await c.disconnect()
  }
  return out
}

describe('kafkajs transactions', () => {
  it('commits and aborts; read_committed sees only committed records, in order', async () => {
    await createTopics(['ca', 2])
    const p = await txnProducer('kjs-commit-abort')
    const expected: string[][] = [[], []]
    for (let i = 0; i < 6; i++) {
      const t = await p.transaction()
      const commit = i % 3 !== 1
      const messages = [0, 1].flatMap((partition) => [0, 1, 2].map((j) => ({ partition, value: `${commit ? 'c' : 'a'}-${i}-${partition}-${j}` })))
      await t.send({ topic: 'ca', messages })
      if (commit) {
        await t.commit()
        for (const m of messages) expected[m.partition]!.push(m.value)
      } else {
        await t.abort()
      }
    }
    const committed = await readAll('ca', false, 24)
    for (const partition of [0, 1]) {
      assert.deepEqual(
        committed.filter((r) => r.partition === partition).map((r) => r.value),
        expected[partition],
        `partition ${partition}: committed records, in order`,
      )
    }
    const all = await readAll('ca', true, 36)
    assert.equal(all.length, 36, 'read_uncommitted sees the aborted records too, and no marker')
  })

  it('consume-transform-produce with sendOffsets gives every input exactly once', async () => {
    await createTopics(['ctp-in', 3], ['ctp-out', 3])
    const input = kafka.producer()
    await input.connect()
    cleanup.push(() => input.disconnect())
    const N = 300
    await input.send({ topic: 'ctp-in', messages: Array.from({ length: N }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) })
    const p = await txnProducer('kjs-loop')
    const consumer = kafka.consumer({ groupId: 'kjs-loop-group', readUncommitted: false, maxWaitTimeInMs: 200 })
    await consumer.connect()
    cleanup.push(() => consumer.disconnect())
    await consumer.subscribe({ topic: 'ctp-in', fromBeginning: true })
    let done = 0
    let aborts = 0
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        if (batch.messages.length === 0) return
        const t = await p.transaction()
        await t.send({ topic: 'ctp-out', messages: batch.messages.map((m) => ({ key: m.key, value: `${m.value!.toString()}!` })) })
        const next = String(BigInt(batch.messages.at(-1)!.offset) + 1n)
        await t.sendOffsets({ consumerGroupId: 'kjs-loop-group', topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] })
        // Every third transaction is aborted once: its records must never show, and are redone.
        if (aborts < 3 && done % 3 === 1) {
          aborts++
          await t.abort()
          throw new Error('aborted on purpose: the batch is read again')
        }
        await t.commit()
        for (const m of batch.messages) resolveOffset(m.offset)
        done += batch.messages.length
      },
    })
    const deadline = Date.now() + 30_000
    while (done < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    assert.equal(done, N)
    const out = await readAll('ctp-out', false, N)
    const values = out.map((r) => r.value).sort()
    assert.deepEqual(values, Array.from({ length: N }, (_, i) => `v${i}!`).sort(), 'each input once, none twice, no aborted one')
    const admin = kafka.admin()
    await admin.connect()
    const offsets = await admin.fetchOffsets({ groupId: 'kjs-loop-group', topics: ['ctp-in'] })
    await admin.disconnect()
    const total = offsets[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0)
    assert.equal(total, N, 'the committed offsets cover every input')
  })

  it('a second producer with the same transactional id fences the first', async () => {
    await createTopics(['fence', 1])
    const first = await txnProducer('kjs-fence')
    const t1 = await first.transaction()
    await t1.send({ topic: 'fence', messages: [{ value: 'from-first' }] })
    const second = await txnProducer('kjs-fence')
    // kafkajs sends the transactional InitProducerId with its first transaction: that aborts the
    // first producer's open transaction under a new epoch, which fences it.
    const t2 = await second.transaction()
    await assert.rejects(
      async () => {
        await t1.send({ topic: 'fence', messages: [{ value: 'late' }] })
        await t1.commit()
      },
      (err: Error) =>
        /fenced|epoch|ProducerFenced|INVALID_PRODUCER_EPOCH|PRODUCER_FENCED/i.test(`${err.name} ${err.message} ${(err as { type?: string }).type ?? ''}`),
    )
    await t2.send({ topic: 'fence', messages: [{ value: 'from-second' }] })
    await t2.commit()
    const out = await readAll('fence', false, 1)
    assert.deepEqual(
      out.map((r) => r.value),
      ['from-second'],
    )
  })

  it('a transaction left open past its timeout is aborted', async () => {
    await createTopics(['timeout', 1])
    const stuck = await txnProducer('kjs-stuck', 1000)
    const t = await stuck.transaction()
    await t.send({ topic: 'timeout', messages: [{ value: 'never-committed' }] })
    // Later transactions of another producer become visible only once the open one is aborted.
    const other = await txnProducer('kjs-other')
    const t2 = await other.transaction()
    await t2.send({ topic: 'timeout', messages: [{ value: 'committed-later' }] })
    await t2.commit()
    const out = await readAll('timeout', false, 1)
    assert.deepEqual(
      out.map((r) => r.value),
      ['committed-later'],
    )
    await assert.rejects(() => t.commit(), 'the timed-out producer was fenced by the abort')
  })
})
