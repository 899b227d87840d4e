// `samsa transactions` against a broker with a committed transaction, an open one, and a hanging
// one (a transactional batch no coordinator knows, as kafka-transactions.sh find-hanging looks
// for): list, describe, producers, the LSO held back, find-hanging, abort, the LSO released.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { Kafka, logLevel } from 'kafkajs'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { samsa } from './helpers.js'
import { ensureTransactionFixtures } from './transaction-fixtures.js'

let broker: EmbeddedBroker
let b: string
before(async () => {
  broker = await startBroker({ port: 0 })
  b = broker.bootstrap
  await ensureTransactionFixtures(broker)
})
after(async () => broker.close())

async function json(args: string[]): Promise<any> {
  const r = await samsa([...args, '--json'], { bootstrap: b })
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

test('list, describe, producers and the last stable offset', async () => {
  const kafka = new Kafka({ brokers: [b], clientId: 'cli-test', logLevel: logLevel.NOTHING })
  const open = kafka.producer({ transactionalId: 'open-1', idempotent: true, maxInFlightRequests: 1 })
  await open.connect()
  try {
    const t = await open.transaction()
    await t.send({ topic: 'payments', messages: [{ key: 'o', value: 'pending' }] })
    const listed = await json(['transactions', 'list'])
    assert.deepEqual(
      listed.map((x: { transactionalId: string; state: string }) => [x.transactionalId, x.state]),
      [
        ['open-1', 'Ongoing'],
        ['payments-1', 'CompleteCommit'],
      ],
    )
    const ongoing = await json(['transactions', 'list', '--state', 'Ongoing'])
    assert.deepEqual(
      ongoing.map((x: { transactionalId: string }) => x.transactionalId),
      ['open-1'],
    )
    const d = await json(['transactions', 'describe', 'open-1'])
    assert.equal(d.state, 'Ongoing')
    assert.deepEqual(d.partitions, [{ topic: 'payments', partition: 0 }])
    const text = await samsa(['transactions', 'describe', 'open-1'], { bootstrap: b })
    assert.match(text.stdout, /State: Ongoing \(open for \d+s\)/)
    const producers = await json(['transactions', 'producers', 'payments'])
    assert.deepEqual(
      producers
        .filter((p: { currentTxnStartOffset: number }) => p.currentTxnStartOffset >= 0)
        .map((p: { producerId: number; currentTxnStartOffset: number }) => [p.producerId, p.currentTxnStartOffset])
        .sort(),
      [
        [999999, 0],
        [d.producerId, 3],
      ].sort(),
    )
    const [lso] = await json(['transactions', 'lso', 'payments'])
    assert.equal(lso.lastStableOffset, 0, 'the hanging transaction at offset 0 holds the LSO')
    assert.equal(lso.highWatermark, 4)
    await t.abort()
  } finally {
    await open.disconnect()
  }
  const missing = await samsa(['transactions', 'describe', 'nope'], { bootstrap: b })
  assert.equal(missing.code, 1)
  assert.match(missing.stderr, /TRANSACTIONAL_ID_NOT_FOUND|transactional id/i)
})

test('find-hanging lists the transaction no coordinator will end; abort ends it', async () => {
  const hanging = await json(['transactions', 'find-hanging', '--max-transaction-timeout', '60000'])
  assert.deepEqual(
    hanging.map((h: { topic: string; partition: number; producerId: number; currentTxnStartOffset: number }) => [
      h.topic,
      h.partition,
      h.producerId,
      h.currentTxnStartOffset,
    ]),
    [['payments', 0, 999999, 0]],
  )
  const wrong = await samsa(['transactions', 'abort', '--topic', 'payments', '--partition', '0', '--start-offset', '1'], { bootstrap: b })
  assert.equal(wrong.code, 1, 'no transaction starts at offset 1')
  const r = await samsa(['transactions', 'abort', '--topic', 'payments', '--partition', '0', '--start-offset', '0'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Aborted the transaction of producer 999999/)
  const [lso] = await json(['transactions', 'lso', 'payments'])
  assert.equal(lso.lastStableOffset, lso.highWatermark, 'nothing holds the LSO any more')
  assert.deepEqual(await json(['transactions', 'find-hanging', '--max-transaction-timeout', '60000']), [])
})
