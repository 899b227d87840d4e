// Transactions through the console API: transactional ids with their state, the partitions an
// open transaction holds back (LSO below the high watermark), a hanging transaction (no
// coordinator will end it) and its abort.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Kafka, logLevel } from 'kafkajs'
import { call, setup, type Setup } from './helpers.js'
import { ensureTransactionFixtures } from '../cli/transaction-fixtures.js'

let s: Setup
let base: string
before(async () => {
  s = await setup()
  base = s.console.url
  await ensureTransactionFixtures(s.broker)
})
after(() => s.close())

test('transactional ids, held-back partitions, a hanging transaction and its abort', async () => {
  const kafka = new Kafka({ brokers: [s.broker.bootstrap], clientId: 'console-test', logLevel: logLevel.NOTHING })
  const open = kafka.producer({ transactionalId: 'open-c', idempotent: true, maxInFlightRequests: 1 })
  await open.connect()
  try {
    const t = await open.transaction()
    await t.send({ topic: 'payments', messages: [{ key: 'o', value: 'pending' }] })
    const list = await call(base, '/api/transactions')
    assert.equal(list.status, 200)
    const byId = new Map(list.body.transactions.map((x: { transactionalId: string }) => [x.transactionalId, x]))
    const o = byId.get('open-c') as { state: string; partitions: unknown[]; openMs: number }
    assert.equal(o.state, 'Ongoing')
    assert.deepEqual(o.partitions, [{ topic: 'payments', partition: 0 }])
    assert.ok(o.openMs >= 0)
    assert.equal((byId.get('payments-1') as { state: string }).state, 'CompleteCommit')
    await t.abort()
  } finally {
    await open.disconnect()
  }
  const parts = await call(base, '/api/transactions/partitions?maxTimeoutMs=60000')
  assert.equal(parts.status, 200)
  assert.deepEqual(
    parts.body.unstable.map((u: { topic: string; lastStableOffset: number }) => [u.topic, u.lastStableOffset]),
    [['payments', 0]],
  )
  assert.deepEqual(
    parts.body.hanging.map((h: { topic: string; partition: number; producerId: number; startOffset: number }) => [
      h.topic,
      h.partition,
      h.producerId,
      h.startOffset,
    ]),
    [['payments', 0, 999999, 0]],
  )
  const aborted = await call(base, '/api/transactions/abort', { method: 'POST', body: { topic: 'payments', partition: 0, startOffset: 0 } })
  assert.equal(aborted.status, 200, JSON.stringify(aborted.body))
  const after = await call(base, '/api/transactions/partitions?maxTimeoutMs=60000')
  assert.deepEqual(after.body, { unstable: [], hanging: [] })
})
