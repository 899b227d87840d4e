/**
 * The kafka-python examples from the Kafka introduction (shared/seed) against a broker the test
 * starts: the producer exactly as written (topic auto-created with num.partitions=3, as the seed
 * describes), then the group consumer `user-group` reading from the earliest offset, and, after a
 * second produce, the same group resuming from its committed offsets.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { PYTHON, requireTool, sourcePath, tools } from '../support/env.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { runOk } from '../support/process.js'
import { TestClient } from '../support/raw-client.js'

const skip = requireTool(tools.kafkaPython())
let broker: TestBroker

before(async () => {
  if (skip === false) broker = await startTestBroker({ 'num.partitions': 3, 'auto.create.topics.enable': true, 'group.initial.rebalance.delay.ms': 0 })
})
after(async () => {
  await broker?.close()
})

/** The seed uses "localhost:9092"; the test gives the same name with the broker's port. */
const bootstrap = () => `localhost:${broker.port}`

async function produce(): Promise<{ partition: number; offset: number }> {
  const r = await runOk(PYTHON, [sourcePath('test/interop/py/seed_producer.py'), bootstrap()], { timeoutMs: 60_000 })
  return JSON.parse(r.stdout.toString().trim().split('\n').pop()!).acked
}

interface Consumed {
  partition: number
  offset: number
  message: string
}

async function consume(expected: number): Promise<{ messages: Consumed[]; extra: string[] }> {
  const r = await runOk(PYTHON, [sourcePath('test/interop/py/seed_consumer.py'), bootstrap(), String(expected)], { timeoutMs: 90_000 })
  const lines = r.stdout.toString().trim().split('\n')
  assert.equal(lines[lines.length - 1], 'DONE', `consumer did not finish:\n${r.stdout}\n${r.stderr}`)
  const messages: Consumed[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = /^Partition: (\d+), Offset: (\d+)$/.exec(lines[i]!)
    if (m !== null) messages.push({ partition: Number(m[1]), offset: Number(m[2]), message: lines[++i]! })
  }
  return { messages, extra: lines.filter((l) => l.startsWith('EXTRA')) }
}

test('seed producer: the topic is auto-created with 3 partitions and both sends are acknowledged', { skip }, async () => {
  const acked = await produce()
  assert.ok(acked.partition >= 0 && acked.partition < 3, `acked on partition ${acked.partition}`)
  const c = await TestClient.connect(broker.bootstrap)
  try {
    const md = await c.metadata(['user_created'])
    const t = md.topics.find((x: { name: string }) => x.name === 'user_created')
    assert.equal(t.errorCode, 0)
    assert.equal(t.partitions.length, 3, 'num.partitions=3 applies to the auto-created topic')
    let total = 0
    for (let p = 0; p < 3; p++) total += Number((await c.listOffset('user_created', p, -1n)).offset)
    assert.equal(total, 2, 'Alice and Bob stored once each')
  } finally {
    c.close()
  }
})

test('seed consumer: group user-group reads Alice and Bob, then resumes after its committed offsets', { skip, timeout: 240_000 }, async () => {
  const first = await consume(2)
  assert.deepEqual(first.messages.map((m) => m.message).sort(), ["Message: {'id': 1, 'name': 'Alice'}", "Message: {'id': 2, 'name': 'Bob'}"])
  assert.deepEqual(first.extra, [])

  // Two more sends; the group must resume after what it consumed, not re-read from earliest.
  await produce()
  const second = await consume(2)
  assert.deepEqual(second.messages.map((m) => m.message).sort(), ["Message: {'id': 1, 'name': 'Alice'}", "Message: {'id': 2, 'name': 'Bob'}"])
  assert.deepEqual(second.extra, [], 'the group re-read records it had committed')
  const seen = new Set(first.messages.map((m) => `${m.partition}:${m.offset}`))
  for (const m of second.messages) assert.ok(!seen.has(`${m.partition}:${m.offset}`), `offset ${m.partition}:${m.offset} consumed twice by user-group`)
})
