// The seed's "3 + 3" setup: a ZooKeeper ensemble of three and three brokers, used by the three
// client families through one broker each (any broker gives the whole cluster): the seed's
// kafka-python producer and group consumer (auto-created topic), kafkajs creating a topic whose
// partitions spread over the brokers and reading it with a group, librdkafka (kcat) producing
// and reading with a balanced group. Then one ZooKeeper server of three is killed: nothing
// changes (ZooKeeper keeps its quorum), topics are still created, records produced and read.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import kafkajs from 'kafkajs'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { PYTHON, requireTool, sourcePath, tools } from '../support/env.js'
import { run, runOk } from '../support/process.js'
import { Admin } from '../../src/client/admin.js'

const { Kafka, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

const skip = skipWithoutZooKeeper() || requireTool(tools.kafkaPython()) || requireTool(tools.kcat())
const cluster: TestCluster | undefined =
  skip === false ? await startTestCluster({ zookeepers: 3, brokers: 3, config: { 'num.partitions': 3, 'offsets.topic.num.partitions': 12 } }) : undefined

const at = (id: number): string => cluster!.broker(id).bootstrap

async function kcatProduce(bootstrap: string, topic: string, lines: string[]): Promise<void> {
  await runOk('kcat', ['-P', '-b', bootstrap, '-t', topic, '-K:', '-X', 'topic.request.required.acks=-1'], {
    input: lines.join('\n') + '\n',
    timeoutMs: 60_000,
  })
}

async function kcatGroupRead(bootstrap: string, topic: string, group: string, expected: number): Promise<string[]> {
  // A balanced consumer (librdkafka's group protocol) that exits at the end of every partition.
  const r = await run('kcat', ['-b', bootstrap, '-G', group, '-X', 'auto.offset.reset=earliest', '-e', '-q', '-f', '%k:%s\\n', topic], { timeoutMs: 60_000 })
  const lines = r.stdout
    .toString()
    .split('\n')
    .filter((l) => l !== '')
  assert.equal(lines.length, expected, `kcat read ${lines.length} of ${expected}: ${r.stderr.slice(-1000)}`)
  return lines
}

test('kafka-python: the seed producer auto-creates user_created over the brokers; the seed group consumer reads it', { skip }, async () => {
  const r = await runOk(PYTHON, [sourcePath('test/interop/py/seed_producer.py'), at(1)], { timeoutMs: 60_000 })
  assert.match(r.stdout.toString(), /"acked"/)
  const c = await runOk(PYTHON, [sourcePath('test/interop/py/seed_consumer.py'), at(2), '2'], { timeoutMs: 90_000 })
  const out = c.stdout.toString()
  assert.match(out, /'name': 'Alice'/)
  assert.match(out, /'name': 'Bob'/)
  assert.doesNotMatch(out, /EXTRA/)
})

test('kafkajs through one broker: a topic spread over all three, produced and read by a group', { skip }, async () => {
  const kafka = new Kafka({
    clientId: 'seed-3x3',
    brokers: [at(2)],
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 },
  })
  const admin = kafka.admin()
  await admin.connect()
  const cluster3 = await admin.describeCluster()
  assert.deepEqual(cluster3.brokers.map((b) => b.nodeId).sort(), [1, 2, 3])
  await admin.createTopics({ topics: [{ topic: 'seed-orders', numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true })
  const md = await admin.fetchTopicMetadata({ topics: ['seed-orders'] })
  assert.deepEqual([...new Set(md.topics[0]!.partitions.map((p) => p.leader))].sort(), [1, 2, 3])
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic: 'seed-orders', messages: Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) })
  await producer.disconnect()
  const consumer = kafka.consumer({ groupId: 'seed-orders-js', sessionTimeout: 10000, heartbeatInterval: 500 })
  await consumer.connect()
  await consumer.subscribe({ topic: 'seed-orders', fromBeginning: true })
  const got = new Set<string>()
  const partitions = new Set<number>()
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      got.add(message.value!.toString())
      partitions.add(partition)
    },
  })
  await eventually('60 records', () => got.size === 60, 60_000)
  await consumer.disconnect()
  assert.equal(partitions.size, 6)
})

test('librdkafka (kcat): produce through broker 3, read with a balanced group through broker 1', { skip }, async () => {
  const lines = Array.from({ length: 40 }, (_, i) => `key-${i}:value-${i}`)
  await kcatProduce(at(3), 'seed-orders', lines)
  const read = await kcatGroupRead(at(1), 'seed-orders', 'seed-orders-kcat', 100)
  for (const l of lines) assert.ok(read.includes(l), `${l} read back`)
})

test('one ZooKeeper server of three killed: topics are still created, produced and read', { skip }, async () => {
  const c = cluster!
  // Kill the ensemble's leader: the two others elect a new one and keep the data.
  const leader = (await c.ensemble.leader()) ?? c.ensemble.servers[0]!
  await leader.kill()
  const kafka = new Kafka({
    clientId: 'seed-3x3',
    brokers: [at(1)],
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 },
  })
  const admin = kafka.admin()
  await admin.connect()
  // Brokers connected to the dead server reconnect to another within the session; the controller
  // steps down while it has no connection and resumes under a new epoch, so a create may meet
  // NOT_CONTROLLER for a moment (kafkajs does not retry that one itself).
  await eventually('the topic is created', async () => {
    const created = await admin.createTopics({ topics: [{ topic: 'after-zk-loss', numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true })
    return created || (await admin.listTopics()).includes('after-zk-loss')
  })
  const described = await admin.describeCluster()
  assert.deepEqual(described.brokers.map((b) => b.nodeId).sort(), [1, 2, 3])
  await admin.disconnect()
  // The CreateTopics answer waits for the controller's metadata; kcat's group gives up on a topic
  // its broker does not know yet, so wait until every broker has it.
  await eventually('every broker knows the topic', async () => {
    for (const b of c.brokers) {
      const a = await Admin.connect({ bootstrap: b.bootstrap })
      try {
        const [t] = await a.describeTopics(['after-zk-loss'])
        if (t!.partitions.some((p) => p.leader < 0)) return false
      } finally {
        await a.close()
      }
    }
    return true
  })
  await kcatProduce(at(2), 'after-zk-loss', ['a:1', 'b:2', 'c:3'])
  assert.deepEqual((await kcatGroupRead(at(3), 'after-zk-loss', 'after-zk-loss-g', 3)).sort(), ['a:1', 'b:2', 'c:3'])
  // Brokers stayed registered: none of them lost its session.
  for (const b of c.brokers) assert.ok(b.running, `broker ${b.id} still runs`)
  await leader.start()
  await c.ensemble.waitReady()
})
