// Failover under load (Kafka's guarantee: an acks=all write acknowledged by the leader survives
// while at most RF-1 replicas fail): a topic with replication factor 3 and min.insync.replicas=2,
// an idempotent kafkajs producer sending acks=all and counting acknowledgements, a kafkajs
// consumer group reading and committing; the partition's leader is killed (kill -9) round after
// round, each time restarted once a new leader took over. Afterwards every acknowledged record
// is in the log exactly once and in the order it was acknowledged, the group read all of them,
// and no acknowledged offset commit was lost.
//
// CI runs SAMSA_FAILOVER_ROUNDS (default 2) rounds; set it higher for a longer soak:
//   SAMSA_FAILOVER_ROUNDS=20 node scripts/run-tests.mjs replication/failover
import { test } from 'node:test'
import assert from 'node:assert/strict'
import kafkajs from 'kafkajs'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { createTopic, describePartition, readPartition, waitForLeader, waitInSync } from '../support/replication.js'

const { Kafka, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

const ROUNDS = Number(process.env['SAMSA_FAILOVER_ROUNDS'] ?? 2)
const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined

test(`kill -9 of the leader under acks=all load, ${ROUNDS} rounds: nothing acknowledged is lost or doubled, the group goes on`, {
  skip,
  timeout: 120_000 + ROUNDS * 60_000,
}, async () => {
  const c = cluster!
  await createTopic(c, 'orders', 1, 3, { 'min.insync.replicas': '2' })
  const kafka = new Kafka({
    clientId: 'failover-test',
    brokers: c.bootstrap().split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  })

  // The producer: one record per request, in order; every acknowledgement is counted.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 } })
  await producer.connect()
  const acked: number[] = []
  const failed: Array<{ value: number; err: string }> = []
  let stop = false
  const producing = (async () => {
    for (let value = 0; !stop; value++) {
      try {
        await producer.send({ topic: 'orders', acks: -1, timeout: 10_000, messages: [{ value: String(value) }] })
        acked.push(value)
      } catch (err) {
        failed.push({ value, err: (err as Error).message })
      }
    }
  })()

  // The group: reads everything, commits as it goes; every acknowledged commit is remembered.
  const consumer = kafka.consumer({
    groupId: 'order-readers',
    sessionTimeout: 10_000,
    heartbeatInterval: 500,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  })
  let committed = -1n
  consumer.on(consumer.events.COMMIT_OFFSETS, (e) => {
    for (const t of e.payload.topics) for (const p of t.partitions) if (BigInt(p.offset) > committed) committed = BigInt(p.offset)
  })
  await consumer.connect()
  await consumer.subscribe({ topic: 'orders', fromBeginning: true })
  const seen = new Set<number>()
  await consumer.run({
    autoCommitInterval: 200,
    eachMessage: async ({ message }) => {
      seen.add(Number(message.value!.toString()))
    },
  })

  const grow = (n: number, what: string) => {
    const target = acked.length + n
    return eventually(what, () => acked.length >= target, 60_000)
  }
  try {
    await grow(50, 'the first acknowledgements')
    // The group's offsets are replicated too (offsets.topic.replication.factor, 3 by default).
    assert.deepEqual([...(await describePartition(c.bootstrap().split(',')[0]!, '__consumer_offsets', 0))!.replicas].sort(), [1, 2, 3])
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await waitForLeader(c, 'orders', 0)
      const victim = c.broker(before.leader)
      const seenBefore = seen.size
      await victim.kill()
      const after = await waitForLeader(c, 'orders', 0, { not: before.leader })
      assert.ok(after.leaderEpoch > before.leaderEpoch)
      await grow(30, `acknowledgements from the new leader (round ${round})`)
      await eventually(`the group reads on (round ${round})`, () => seen.size > seenBefore, 60_000)
      await victim.start()
      await waitInSync(c, 'orders', 0, [1, 2, 3], 60_000)
    }
    await grow(20, 'the last acknowledgements')
  } finally {
    stop = true
    await producing
    await producer.disconnect()
  }
  assert.deepEqual(failed, [], 'no send failed (retriable errors are retried by the client)')

  // Every acknowledged record exactly once, in acknowledgement order.
  const log = (await readPartition(c, 'orders', 0)).map((r) => Number(r.value!.toString()))
  assert.equal(new Set(log).size, log.length, 'no record twice')
  const position = new Map(log.map((v, i) => [v, i]))
  const missing = acked.filter((v) => !position.has(v))
  assert.deepEqual(missing, [], 'every acknowledged record survived')
  for (let i = 1; i < acked.length; i++) assert.ok(position.get(acked[i]!)! > position.get(acked[i - 1]!)!, `${acked[i]} after ${acked[i - 1]}`)

  // The group read every acknowledged record, and its last acknowledged commit is still there.
  await eventually('the group read everything', () => acked.every((v) => seen.has(v)), 60_000)
  await consumer.disconnect()
  const admin = kafka.admin()
  await admin.connect()
  try {
    const offsets = await admin.fetchOffsets({ groupId: 'order-readers', topics: ['orders'] })
    const stored = BigInt(offsets[0]!.partitions[0]!.offset)
    assert.ok(stored >= committed, `committed offset ${stored} is below the last acknowledged commit ${committed}`)
  } finally {
    await admin.disconnect()
  }
})
