// kafkajs 2.2.4 (JoinGroup v5, SyncGroup v3, OffsetCommit v5, OffsetFetch v4): three consumers
// in one group on a 6-partition topic, a member added, one leaving cleanly, one killed without
// LeaveGroup (its partitions move after the session timeout). Every record is processed, none
// twice except what the killed member processed after its last commit; then lag from an admin.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { Kafka, logLevel, type Consumer } from 'kafkajs'
import { startBroker } from '../../src/index.js'
import { spawnLines, waitFor } from './groups-helpers.js'

const TOPIC = 'orders'
const GROUP = 'js-group'
const PARTITIONS = 6
// A short fetch wait: kafkajs heartbeats (and so hears of a rebalance) only between fetches.
const CONSUMER = { groupId: GROUP, sessionTimeout: 6000, rebalanceTimeout: 10000, heartbeatInterval: 300, maxWaitTimeInMs: 500 }

// The member that gets killed runs in its own process, so it dies without a LeaveGroup.
const CHILD = `
const { Kafka, logLevel } = require('kafkajs')
const [bs, topic, group] = process.argv.slice(1)
const kafka = new Kafka({ brokers: [bs], clientId: 'child', logLevel: logLevel.NOTHING })
const c = kafka.consumer({ groupId: group, sessionTimeout: 6000, rebalanceTimeout: 10000, heartbeatInterval: 300, maxWaitTimeInMs: 500 })
c.on(c.events.GROUP_JOIN, () => process.stdout.write('JOINED\\n'))
;(async () => {
  await c.connect()
  await c.subscribe({ topic, fromBeginning: true })
  await c.run({ autoCommitThreshold: 1, eachMessage: async ({ partition, message }) => { process.stdout.write(partition + ':' + message.offset + '\\n') } })
})()
`

test('kafkajs: three consumers, add and remove members, a killed member, no loss, lag', async (t) => {
  const broker = await startBroker({ port: 0 })
  const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'samsa-test', logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  const producer = kafka.producer()
  const processed: Array<{ key: string; by: string }> = []
  const consumers = new Map<string, Consumer>()
  let child: ChildProcess | undefined
  let produced = 0
  const produce = async (perPartition: number): Promise<void> => {
    const messages = []
    for (let p = 0; p < PARTITIONS; p++) for (let i = 0; i < perPartition; i++) messages.push({ partition: p, value: `m${produced++}` })
    await producer.send({ topic: TOPIC, messages })
  }
  const uniqueProcessed = (): number => new Set(processed.map((r) => r.key)).size
  const startConsumer = async (name: string): Promise<Consumer> => {
    const c = kafka.consumer(CONSUMER)
    consumers.set(name, c)
    await c.connect()
    await c.subscribe({ topic: TOPIC, fromBeginning: true })
    await c.run({
      autoCommitThreshold: 1,
      eachMessage: async ({ partition, message }) => {
        processed.push({ key: `${partition}:${message.offset}`, by: name })
      },
    })
    return c
  }
  const joins: Array<{ name: string; at: number; members: number }> = []
  const watchJoins = (name: string, c: Consumer): void => {
    c.on(c.events.GROUP_JOIN, (e) => joins.push({ name, at: Date.now(), members: Object.keys(e.payload.memberAssignment).length }))
  }
  try {
    await admin.connect()
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] })
    await producer.connect()
    await produce(20)

    // Three members: two here, one in a child process.
    const start = Date.now()
    watchJoins('a', await startConsumer('a'))
    watchJoins('b', await startConsumer('b'))
    let childJoined = false
    child = spawnLines(process.execPath, ['-e', CHILD, broker.bootstrap, TOPIC, GROUP], (line) => {
      if (line === 'JOINED') childJoined = true
      else processed.push({ key: line, by: 'child' })
    })
    await waitFor('all 120 records processed', () => uniqueProcessed() === produced, 60_000)
    await waitFor('the child to join', () => childJoined, 30_000)
    t.diagnostic(`3 members consumed ${produced} records ${Date.now() - start} ms after the first joined`)

    // A fourth member joins; the rebalance from its JoinGroup to everyone's new assignment is timed.
    const before = joins.length
    const addStart = Date.now()
    const d = kafka.consumer(CONSUMER)
    consumers.set('d', d)
    d.on(d.events.GROUP_JOIN, () => joins.push({ name: 'd', at: Date.now(), members: 0 }))
    await d.connect()
    await d.subscribe({ topic: TOPIC, fromBeginning: true })
    await d.run({
      autoCommitThreshold: 1,
      eachMessage: async ({ partition, message }) => {
        processed.push({ key: `${partition}:${message.offset}`, by: 'd' })
      },
    })
    await waitFor(
      'a and b to rejoin with d',
      () =>
        joins.slice(before).some((j) => j.name === 'a') && joins.slice(before).some((j) => j.name === 'b') && joins.slice(before).some((j) => j.name === 'd'),
      30_000,
    )
    t.diagnostic(`rebalance after a member joined a 3-member group: ${Math.max(...joins.slice(before).map((j) => j.at)) - addStart} ms`)
    await produce(20)
    await waitFor('records after the join processed', () => uniqueProcessed() === produced, 60_000)

    // b leaves cleanly (LeaveGroup): nothing it committed is seen again.
    await consumers.get('b')!.disconnect()
    consumers.delete('b')
    await produce(20)
    await waitFor('records after the leave processed', () => uniqueProcessed() === produced, 60_000)
    const dupesSoFar = processed.length - uniqueProcessed()
    assert.equal(dupesSoFar, 0, 'no record processed twice while every member committed and left cleanly')

    // The child is killed: no LeaveGroup; its partitions move once its session times out.
    const killedAt = Date.now()
    child.kill('SIGKILL')
    await produce(20)
    await waitFor('records after the kill processed', () => uniqueProcessed() === produced, 60_000)
    t.diagnostic(`partitions of the killed member consumed again after ${Date.now() - killedAt} ms (session timeout 6000 ms)`)

    // None lost: every offset of every partition was processed.
    const keys = new Set(processed.map((r) => r.key))
    for (let p = 0; p < PARTITIONS; p++) for (let o = 0; o < produced / PARTITIONS; o++) assert.ok(keys.has(`${p}:${o}`), `record ${p}:${o} processed`)
    // Only what the killed member processed after its last commit may come twice, one per partition at most.
    const seen = new Map<string, string[]>()
    for (const r of processed) seen.set(r.key, [...(seen.get(r.key) ?? []), r.by])
    const dupes = [...seen].filter(([, by]) => by.length > 1)
    for (const [key, by] of dupes) assert.ok(by.includes('child') && by.length === 2, `${key} processed by ${by.join(', ')}`)
    assert.ok(dupes.length <= PARTITIONS)

    // Lag: committed offsets against end offsets, with the group stopped and more records written.
    for (const c of consumers.values()) await c.disconnect()
    consumers.clear()
    await produce(2)
    const committed = await admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })
    const ends = await admin.fetchTopicOffsets(TOPIC)
    let lag = 0
    for (const p of committed[0]!.partitions) {
      const end = ends.find((e) => e.partition === p.partition)!
      lag += Number(end.high) - Number(p.offset)
    }
    assert.equal(lag, 2 * PARTITIONS)
    const described = await admin.describeGroups([GROUP])
    assert.equal(described.groups[0]!.state, 'Empty')
  } finally {
    child?.kill('SIGKILL')
    for (const c of consumers.values()) await c.disconnect().catch(() => {})
    await producer.disconnect().catch(() => {})
    await admin.disconnect().catch(() => {})
    await broker.close()
  }
})
