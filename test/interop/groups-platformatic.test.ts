// @platformatic/kafka 1.x: a consumer group with its default (classic) protocol, and with the
// KIP-848 protocol (groupProtocol 'consumer': ConsumerGroupHeartbeat with server-side assignment).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { waitFor } from './groups-helpers.js'

const PARTITIONS = 4

/** Consumer.close(force) typed as its promise overload. */
const close = (c: Consumer<string, string, string, string>): Promise<void> => (c.close as (force?: boolean) => Promise<void>).call(c, true)

async function createTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = new Admin({ clientId: 'samsa-test-admin', bootstrapBrokers: [bootstrap] })
  try {
    await admin.createTopics({ topics: [topic], partitions: PARTITIONS, replicas: 1 })
  } finally {
    await admin.close()
  }
}

async function produce(bootstrap: string, topic: string, from: number, count: number): Promise<void> {
  const producer = new Producer({ clientId: 'samsa-test', bootstrapBrokers: [bootstrap], serializers: stringSerializers })
  try {
    const messages = Array.from({ length: count }, (_, i) => ({ topic, partition: (from + i) % PARTITIONS, key: `k${from + i}`, value: `v${from + i}` }))
    await producer.send({ messages })
  } finally {
    await producer.close()
  }
}

interface Member {
  consumer: Consumer<string, string, string, string>
  stream: { close(): Promise<void> }
  seen: string[]
}

/**
 * Closes the stream, then the consumer. @platformatic/kafka 1.35's close() with the consumer
 * protocol does not close its streams, whose autocommit interval would keep the process alive.
 */
async function stop(m: Member): Promise<void> {
  await m.stream.close()
  await close(m.consumer)
}

async function member(broker: EmbeddedBroker, groupId: string, topic: string, protocol: 'classic' | 'consumer', all: string[]): Promise<Member> {
  const consumer = new Consumer({
    clientId: `samsa-test-${protocol}`,
    groupId,
    bootstrapBrokers: [broker.bootstrap],
    deserializers: stringDeserializers,
    groupProtocol: protocol,
    sessionTimeout: 6000,
    heartbeatInterval: 300,
    maxWaitTime: 200,
  })
  const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest', autocommit: 50 })
  const m: Member = { consumer, stream: stream as unknown as Member['stream'], seen: [] }
  stream.on('data', (msg) => {
    const key = `${msg.partition}:${msg.offset}`
    m.seen.push(key)
    all.push(key)
  })
  return m
}

/** The group's committed offset of each partition (-1 for none). */
async function committedOffsets(broker: EmbeddedBroker, groupId: string, topic: string): Promise<number[]> {
  const admin = new Admin({ clientId: 'samsa-test-admin', bootstrapBrokers: [broker.bootstrap] })
  try {
    const groups = await admin.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: topic, partitionIndexes: [0, 1, 2, 3] }] }] })
    const out = Array.from({ length: PARTITIONS }, () => -1)
    for (const t of groups[0]!.topics) for (const p of t.partitions) out[p.partitionIndex] = Number(p.committedOffset)
    return out
  } finally {
    await admin.close()
  }
}

async function committedTotal(broker: EmbeddedBroker, groupId: string, topic: string): Promise<number> {
  return (await committedOffsets(broker, groupId, topic)).reduce((n, o) => n + Math.max(0, o), 0)
}

for (const protocol of ['classic', 'consumer'] as const) {
  test(`@platformatic/kafka consumer group, ${protocol} protocol: two members share the partitions, one leaves`, async (t) => {
    const broker = await startBroker({ port: 0, config: { 'num.partitions': PARTITIONS, 'group.consumer.heartbeat.interval.ms': 500 } })
    const topic = `pl-${protocol}`
    const groupId = `pl-${protocol}-group`
    const all: string[] = []
    const members: Member[] = []
    try {
      await createTopic(broker.bootstrap, topic)
      await produce(broker.bootstrap, topic, 0, 40)
      // Group delivery is at least once: records a member has been given but not yet committed
      // when a rebalance hands their partition on are given again from the last committed
      // offset (Kafka's ConsumerCoordinator; this client commits every `autocommit` ms and not
      // on revocation). So every membership change below waits until what was consumed is
      // committed; then a record seen twice is a broker fault (a commit lost, or not visible
      // to the OffsetFetch of the member that takes the partition over).
      members.push(await member(broker, groupId, topic, protocol, all))
      await waitFor('40 records consumed', () => new Set(all).size === 40, 60_000)
      await waitFor('40 offsets committed', async () => (await committedTotal(broker, groupId, topic)) === 40, 30_000)
      const started = Date.now()
      members.push(await member(broker, groupId, topic, protocol, all))
      await waitFor(
        'both members to own partitions',
        () => members.every((m) => m.consumer.assignments !== null && m.consumer.assignments.reduce((n, a) => n + a.partitions.length, 0) === 2),
        60_000,
      )
      t.diagnostic(`two ${protocol} members balanced ${Date.now() - started} ms after the second joined`)
      if (protocol === 'consumer') {
        const [described] = broker.running.broker.groups.describeConsumerGroups([groupId])
        assert.equal(described!.groupState, 'Stable')
        assert.equal(described!.members!.length, 2)
        for (const m of described!.members!) assert.equal(m.memberEpoch, described!.assignmentEpoch)
      }
      await produce(broker.bootstrap, topic, 40, 20)
      await waitFor('60 records consumed', () => new Set(all).size === 60, 60_000)
      await waitFor('60 offsets committed', async () => (await committedTotal(broker, groupId, topic)) === 60, 30_000)

      // One member leaves; the other takes over every partition. What was given after this
      // point and not yet committed may be given again if the group rebalances once more
      // meanwhile (at least once); what lies below these offsets never may.
      const committedBeforeLeave = await committedOffsets(broker, groupId, topic)
      await stop(members[0]!)
      members.shift()
      await waitFor(
        'the survivor to own all partitions',
        () => members[0]!.consumer.assignments?.reduce((n, a) => n + a.partitions.length, 0) === PARTITIONS,
        60_000,
      )
      await produce(broker.bootstrap, topic, 60, 20)
      await waitFor('80 records consumed', () => new Set(all).size === 80, 60_000)
      const counts = new Map<string, number>()
      for (const k of all) counts.set(k, (counts.get(k) ?? 0) + 1)
      const twice = [...counts].filter(([, n]) => n > 1).map(([k]) => k)
      const committedTwice = twice.filter((k) => {
        const [p, o] = k.split(':').map(Number)
        return o! < committedBeforeLeave[p!]!
      })
      assert.deepEqual(committedTwice, [], `no committed record consumed twice (consumed twice: ${twice.join(', ') || 'none'})`)
      if (twice.length > 0) t.diagnostic(`given again after the last rebalance, not yet committed (at least once): ${twice.join(', ')}`)
      await stop(members[0]!)
      members.shift()
      assert.equal(await committedTotal(broker, groupId, topic), 80)
    } finally {
      for (const m of members) await stop(m).catch(() => {})
      await broker.close()
    }
  })
}

// OffsetDelete against a running classic group whose members' subscriptions carry a version-1
// header over a version-0 body, as @platformatic/kafka writes them. Kafka (ClassicGroup
// .computeSubscribedTopics reads the V0 prefix; isSubscribedToTopic per topic) deletes the
// offsets of topics the group does not subscribe to and refuses, per partition, the others.
test('@platformatic/kafka deleteConsumerGroupOffsets on a running classic group', async () => {
  const broker = await startBroker({ port: 0, config: { 'num.partitions': PARTITIONS } })
  const groupId = 'pl-offset-delete'
  const all: string[] = []
  let m: Member | undefined
  const admin = new Admin({ clientId: 'samsa-test-admin', bootstrapBrokers: [broker.bootstrap] })
  try {
    await createTopic(broker.bootstrap, 'od-read')
    await createTopic(broker.bootstrap, 'od-old')
    // Offsets of a topic the group will not subscribe to, committed while it has no members.
    await admin.alterConsumerGroupOffsets({ groupId, topics: [{ name: 'od-old', partitionOffsets: [{ partition: 0, offset: 5n }] }] })
    await produce(broker.bootstrap, 'od-read', 0, 8)
    m = await member(broker, groupId, 'od-read', 'classic', all)
    await waitFor('8 records consumed', () => new Set(all).size === 8, 60_000)
    await waitFor('offsets committed', async () => (await committedTotal(broker, groupId, 'od-read')) === 8, 30_000)
    const deleted = await admin.deleteConsumerGroupOffsets({ groupId, topics: [{ name: 'od-old', partitionIndexes: [0] }] })
    assert.deepEqual(deleted, [{ name: 'od-old', partitionIndexes: [0] }])
    await assert.rejects(
      admin.deleteConsumerGroupOffsets({ groupId, topics: [{ name: 'od-read', partitionIndexes: [0] }] }),
      (err: Error & { errors?: unknown[] }) =>
        /GROUP_SUBSCRIBED_TO_TOPIC|subscribed/i.test(JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err.errors ?? '')),
    )
    const left = await admin.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: 'od-old', partitionIndexes: [0] }] }] })
    assert.equal(Number(left[0]!.topics[0]!.partitions[0]!.committedOffset), -1)
    assert.equal(await committedTotal(broker, groupId, 'od-read'), 8, 'the subscribed topic keeps its offsets')
  } finally {
    if (m !== undefined) await stop(m).catch(() => {})
    await admin.close()
    await broker.close()
  }
})
