// A ZooKeeper-mode cluster of 1 ZooKeeper and 3 broker processes, through real clients and the
// raw protocol: registration and the cluster id, topics spread over the brokers (Kafka's
// AdminUtils round robin), NOT_CONTROLLER from non-controllers for CreateTopics (Kafka's
// ZooKeeper-mode KafkaApis), a consumer group reading every partition of a 6-partition topic
// whose leaders are on 3 brokers, topic configs applied by every broker after a change
// notification, dynamic broker and group configs, deletion removing every broker's data, producer id blocks, a duplicate node.id
// refused, controller failover after kill -9, and a full stop and start with everything back.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import kafkajs from 'kafkajs'
import { skipWithoutZooKeeper, testClient } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { ZERO_UUID } from '../../src/protocol/codec-support.js'
import { Admin } from '../../src/client/admin.js'
import { ConfigSource } from '../../src/config/config-def.js'

const { Kafka, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined

function kafka(c: TestCluster) {
  return new Kafka({
    clientId: 'samsa-cluster-test',
    brokers: c.bootstrap().split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 },
  })
}

async function metadata(bootstrap: string, topics: string[] | null = null): Promise<any> {
  const c = await RawConnection.connect(bootstrap.split(',')[0]!)
  try {
    return await c.request(ApiKey.Metadata, 12, { topics: topics?.map((name) => ({ name, topicId: ZERO_UUID })) ?? null, allowAutoTopicCreation: false })
  } finally {
    c.close()
  }
}

test('every broker registers, agrees on the cluster id and sees all three', { skip }, async () => {
  const c = cluster!
  const zk = await testClient(c.connect)
  const ids = (await zk.getChildren('/brokers/ids')).children.sort()
  assert.deepEqual(ids, ['1', '2', '3'])
  const clusterId = JSON.parse((await zk.getData('/cluster/id')).data.toString()).id as string
  for (const b of c.brokers) {
    const md = await metadata(b.bootstrap)
    assert.equal(md.clusterId, clusterId)
    assert.deepEqual(
      md.brokers.map((x: any) => x.nodeId),
      [1, 2, 3],
    )
    const props = readFileSync(join(b.dir, 'meta.properties'), 'utf8')
    assert.match(props, new RegExp(`cluster.id=${clusterId}`))
    assert.match(props, new RegExp(`broker.id=${b.id}`))
  }
  const controller = JSON.parse((await zk.getData('/controller')).data.toString()).brokerid
  assert.equal((await metadata(c.brokers[0]!.bootstrap)).controllerId, controller)
})

test("brokers serve the controller's requests and refuse those of a deposed controller (STALE_CONTROLLER_EPOCH)", { skip }, async () => {
  const c = cluster!
  const conn = await RawConnection.connect(c.broker(1).bootstrap)
  try {
    const versions = await conn.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1' })
    const range = (key: number) => versions.apiKeys.find((k: any) => k.apiKey === key)
    // As Kafka 3.x ZooKeeper-mode brokers: LeaderAndIsr 0-7, StopReplica 0-4, UpdateMetadata 0-8, ControlledShutdown 0-3, AlterPartition 0-3.
    assert.deepEqual(
      [4, 5, 6, 7, 56].map((k) => [range(k)?.minVersion, range(k)?.maxVersion]),
      [
        [0, 7],
        [0, 4],
        [0, 8],
        [0, 3],
        [0, 3],
      ],
    )
    const zk = await testClient(c.connect)
    const epoch = Number((await zk.getData('/controller_epoch')).data.toString())
    const lai = await conn.request(ApiKey.LeaderAndIsr, 7, {
      controllerId: 9,
      isKRaftController: false,
      controllerEpoch: epoch - 1,
      brokerEpoch: -1n,
      type: 0,
      topicStates: [],
      liveLeaders: [],
    })
    assert.equal(lai.errorCode, ErrorCode.STALE_CONTROLLER_EPOCH)
    const um = await conn.request(ApiKey.UpdateMetadata, 8, {
      controllerId: 9,
      isKRaftController: false,
      type: 0,
      controllerEpoch: epoch - 1,
      brokerEpoch: -1n,
      topicStates: [],
      liveBrokers: [],
    })
    assert.equal(um.errorCode, ErrorCode.STALE_CONTROLLER_EPOCH)
    // Nothing changed: every broker is still known, and broker 1 is not the controller of its own accord.
    assert.deepEqual(
      (await metadata(c.broker(1).bootstrap)).brokers.map((x: any) => x.nodeId),
      [1, 2, 3],
    )
    const controller = (await metadata(c.broker(1).bootstrap)).controllerId
    if (controller !== 1) {
      const shutdown = await conn.request(ApiKey.ControlledShutdown, 3, { brokerId: 1, brokerEpoch: -1n })
      assert.equal(shutdown.errorCode, ErrorCode.NOT_CONTROLLER)
    }
  } finally {
    conn.close()
  }
})

test('CreateTopics answers NOT_CONTROLLER on a broker that is not the controller', { skip }, async () => {
  const c = cluster!
  const controller = (await metadata(c.bootstrap())).controllerId as number
  const other = c.brokers.find((b) => b.id !== controller)!
  const conn = await RawConnection.connect(other.bootstrap)
  const res = await conn.request(ApiKey.CreateTopics, 7, {
    topics: [{ name: 'nope', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 5000,
    validateOnly: false,
  })
  conn.close()
  assert.equal(res.topics[0].errorCode, ErrorCode.NOT_CONTROLLER)
})

test('a 6-partition topic spreads over 3 brokers; a consumer group reads back every partition', { skip }, async () => {
  const c = cluster!
  const k = kafka(c)
  const admin = k.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'spread', numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true })
  // RF above the broker count is refused with Kafka's code.
  await assert.rejects(
    admin.createTopics({ topics: [{ topic: 'too-many', numPartitions: 1, replicationFactor: 4 }] }),
    (e: any) => JSON.stringify(e).includes('INVALID_REPLICATION_FACTOR') || /replication factor/i.test(String(e.message)),
  )
  const md = await admin.fetchTopicMetadata({ topics: ['spread'] })
  const leaders = md.topics[0]!.partitions.map((p) => p.leader)
  assert.deepEqual([...new Set(leaders)].sort(), [1, 2, 3], `leaders ${leaders.join(',')}`)
  for (const count of [1, 2, 3]) assert.equal(leaders.filter((l) => l === count).length, 2)
  await admin.disconnect()

  const producer = k.producer()
  await producer.connect()
  const sent = new Map<string, string>()
  for (let p = 0; p < 6; p++) {
    for (let i = 0; i < 20; i++) {
      const value = `p${p}-r${i}`
      sent.set(value, String(p))
      await producer.send({ topic: 'spread', messages: [{ partition: p, value }] })
    }
  }
  await producer.disconnect()

  const consumer = k.consumer({ groupId: 'spread-readers', sessionTimeout: 10000, heartbeatInterval: 500 })
  await consumer.connect()
  await consumer.subscribe({ topic: 'spread', fromBeginning: true })
  const got = new Map<string, number>()
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      got.set(message.value!.toString(), partition)
    },
  })
  await eventually('every record consumed', () => got.size === sent.size, 60_000)
  await consumer.disconnect()
  for (const [value, p] of sent) assert.equal(String(got.get(value)), p)
  // The group's coordinator is the leader of its __consumer_offsets partition, wherever that is.
  const offsets = await kafka(c).admin()
  await offsets.connect()
  const committed = await offsets.fetchOffsets({ groupId: 'spread-readers', topics: ['spread'] })
  await offsets.disconnect()
  assert.deepEqual(committed[0]!.partitions.map((p) => p.offset).sort(), Array(6).fill('20'))
})

test('a topic config changed on one broker is applied by every broker', { skip }, async () => {
  const c = cluster!
  const k = kafka(c)
  const admin = k.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'configured', numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true })
  await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'configured', configEntries: [{ name: 'max.message.bytes', value: '200' }] }] })
  await admin.disconnect()
  // Every partition's leader (one per broker) now refuses a 1 KB record.
  const producer = k.producer({ retry: { retries: 0 } })
  await producer.connect()
  for (let p = 0; p < 3; p++) {
    await eventually(
      `partition ${p} refuses large records`,
      async () => {
        try {
          await producer.send({ topic: 'configured', messages: [{ partition: p, value: Buffer.alloc(1000, 1) }] })
          return false
        } catch (err) {
          return /too large|MESSAGE_TOO_LARGE/i.test(`${(err as Error).message} ${(err as any).type}`)
        }
      },
      15_000,
    )
  }
  await producer.disconnect()
  for (const b of c.brokers) {
    const conn = await RawConnection.connect(b.bootstrap)
    const res = await conn.request(ApiKey.DescribeConfigs, 4, {
      resources: [{ resourceType: 2, resourceName: 'configured', configurationKeys: ['max.message.bytes'] }],
      includeSynonyms: false,
      includeDocumentation: false,
    })
    conn.close()
    assert.equal(res.results[0].configs[0].value, '200', `broker ${b.id}`)
  }
})

async function brokerConfig(bootstrap: string, broker: number, name: string): Promise<{ value: string; source: number }> {
  const conn = await RawConnection.connect(bootstrap)
  try {
    const res = await conn.request(ApiKey.DescribeConfigs, 4, {
      resources: [{ resourceType: 4, resourceName: String(broker), configurationKeys: [name] }],
      includeSynonyms: false,
      includeDocumentation: false,
    })
    return { value: res.results[0].configs[0].value, source: res.results[0].configs[0].configSource }
  } finally {
    conn.close()
  }
}

const { DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG } = ConfigSource

/** The heartbeat interval a new KIP-848 member of `group` gets from the group's coordinator (0 while there is none). */
async function groupHeartbeatInterval(c: TestCluster, group: string): Promise<number> {
  const any = await RawConnection.connect(c.bootstrap().split(',')[0]!)
  let nodeId: number
  try {
    const found = await any.request(ApiKey.FindCoordinator, 3, { key: group, keyType: 0 })
    if (found.errorCode !== 0) return 0
    nodeId = found.nodeId
  } finally {
    any.close()
  }
  const conn = await RawConnection.connect(c.broker(nodeId).bootstrap)
  try {
    const hb = await conn.request(ApiKey.ConsumerGroupHeartbeat, 0, {
      groupId: group,
      memberId: '',
      memberEpoch: 0,
      rebalanceTimeoutMs: 30000,
      subscribedTopicNames: ['spread'],
      topicPartitions: [],
    })
    return hb.errorCode === 0 ? hb.heartbeatIntervalMs : 0
  } finally {
    conn.close()
  }
}

test('dynamic broker configs go to /config/brokers and every broker concerned applies them', { skip }, async () => {
  const c = cluster!
  const admin = await Admin.connect({ bootstrap: c.bootstrap() })
  try {
    await admin.alterConfigs({ type: 'broker', name: '' }, [{ op: 'set', name: 'log.retention.ms', value: '3600000' }])
    await admin.alterConfigs({ type: 'broker', name: '2' }, [{ op: 'set', name: 'message.max.bytes', value: '500000' }])
  } finally {
    await admin.close()
  }
  for (const b of c.brokers) {
    await eventually(`broker ${b.id} applied the cluster default`, async () => {
      const r = await brokerConfig(b.bootstrap, b.id, 'log.retention.ms')
      return r.value === '3600000' && r.source === DYNAMIC_DEFAULT_BROKER_CONFIG
    })
  }
  await eventually('broker 2 applied its own', async () => (await brokerConfig(c.broker(2).bootstrap, 2, 'message.max.bytes')).source === DYNAMIC_BROKER_CONFIG)
  assert.notEqual((await brokerConfig(c.broker(1).bootstrap, 1, 'message.max.bytes')).value, '500000')
  const zk = await testClient(c.connect)
  assert.deepEqual(JSON.parse((await zk.getData('/config/brokers/<default>')).data.toString()).config, { 'log.retention.ms': '3600000' })
  // A group's configs (KIP-848) go to /config/groups/<sanitized id>; its coordinator uses them.
  const other = await Admin.connect({ bootstrap: c.broker(3).bootstrap })
  try {
    await other.alterConfigs({ type: 'group', name: 'kip848/configured' }, [{ op: 'set', name: 'consumer.heartbeat.interval.ms', value: '6000' }])
  } finally {
    await other.close()
  }
  assert.deepEqual(JSON.parse((await zk.getData('/config/groups/kip848%2Fconfigured')).data.toString()).config, { 'consumer.heartbeat.interval.ms': '6000' })
  await eventually("the group's coordinator applied its configs", async () => (await groupHeartbeatInterval(c, 'kip848/configured')) === 6000)
})

test("CreatePartitions grows a topic across brokers; DeleteTopics removes it from every broker's disk", { skip }, async () => {
  const c = cluster!
  const admin = kafka(c).admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'doomed', numPartitions: 3, replicationFactor: 2 }], waitForLeaders: true })
  await admin.createPartitions({ topicPartitions: [{ topic: 'doomed', count: 6 }] })
  // The answer waits for the controller's own metadata; the other brokers learn it just after.
  const md = await eventually('six partitions everywhere', async () => {
    for (const b of c.brokers) if ((await metadata(b.bootstrap, ['doomed'])).topics[0].partitions.length !== 6) return false
    return admin.fetchTopicMetadata({ topics: ['doomed'] })
  })
  for (const p of md.topics[0]!.partitions) assert.equal(p.replicas.length, 2)
  const dirsOf = () => c.brokers.flatMap((b) => readdirSync(b.dir).filter((d) => d.startsWith('doomed-')))
  // Two replicas of six partitions: twelve directories over the three brokers.
  await eventually('every replica has its log', () => dirsOf().length === 12)
  await admin.deleteTopics({ topics: ['doomed'] })
  await eventually('every broker removed the partitions', () => dirsOf().filter((d) => !d.endsWith('-delete')).length === 0)
  await eventually("the topic is gone from every broker's metadata", async () => {
    for (const b of c.brokers) if ((await metadata(b.bootstrap, ['doomed'])).topics[0].errorCode !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) return false
    return true
  })
  // The controller removes the znodes once the replicas confirmed (after the brokers' metadata).
  const zk = await testClient(c.connect)
  await eventually(
    "the topic's znodes are gone",
    async () =>
      (await zk.exists('/brokers/topics/doomed')) === null &&
      (await zk.exists('/admin/delete_topics/doomed')) === null &&
      (await zk.exists('/config/topics/doomed')) === null,
  )
  await admin.disconnect()
})

test('producer ids come in blocks from ZooKeeper: no two brokers hand out the same id', { skip }, async () => {
  const c = cluster!
  const ids = new Set<bigint>()
  for (const b of c.brokers) {
    const conn = await RawConnection.connect(b.bootstrap)
    for (let i = 0; i < 3; i++) {
      const r = await conn.request(ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: -1 })
      assert.equal(r.errorCode, 0)
      ids.add(r.producerId)
    }
    conn.close()
  }
  assert.equal(ids.size, 9)
  const zk = await testClient(c.connect)
  const block = JSON.parse((await zk.getData('/latest_producer_id_block')).data.toString())
  assert.equal(BigInt(block.block_end) - BigInt(block.block_start) + 1n, 1000n)
})

test('a transaction over partitions led by three brokers commits (markers reach every leader) and aborts', { skip }, async () => {
  const c = cluster!
  const k = kafka(c)
  const admin = k.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic: 'txn-spread', numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true })
  const md = await admin.fetchTopicMetadata({ topics: ['txn-spread'] })
  assert.deepEqual([...new Set(md.topics[0]!.partitions.map((p) => p.leader))].sort(), [1, 2, 3])
  await admin.disconnect()
  const producer = k.producer({ transactionalId: 'cluster-txn', maxInFlightRequests: 1, idempotent: true })
  await producer.connect()
  for (const [outcome, tag] of [
    ['commit', 'kept'],
    ['abort', 'dropped'],
  ] as const) {
    const txn = await producer.transaction()
    for (let p = 0; p < 6; p++) await txn.send({ topic: 'txn-spread', messages: [{ partition: p, value: `${tag}-${p}` }] })
    await (outcome === 'commit' ? txn.commit() : txn.abort())
  }
  await producer.disconnect()
  const consumer = k.consumer({ groupId: 'txn-reader', readUncommitted: false, sessionTimeout: 10000, heartbeatInterval: 500 })
  await consumer.connect()
  await consumer.subscribe({ topic: 'txn-spread', fromBeginning: true })
  const got: string[] = []
  await consumer.run({
    eachMessage: async ({ message }) => {
      got.push(message.value!.toString())
    },
  })
  await eventually('the committed records', () => got.length >= 6, 60_000)
  await new Promise((r) => setTimeout(r, 1000))
  await consumer.disconnect()
  assert.deepEqual(
    got.sort(),
    Array.from({ length: 6 }, (_, p) => `kept-${p}`),
  )
})

test('a broker started with a node.id that is already live is refused with a clear error', { skip }, async () => {
  const c = cluster!
  const dup = await c.newBroker(2)
  const r = await dup.startExpectingExit()
  assert.notEqual(r.code, 0)
  assert.match(r.output, /node\.id 2 is already registered in ZooKeeper/)
  // The live broker 2 is untouched.
  assert.deepEqual(
    (await metadata(c.broker(2).bootstrap)).brokers.map((x: any) => x.nodeId),
    [1, 2, 3],
  )
})

test('killing the controller elects another; topic creation still works', { skip }, async (t) => {
  const c = cluster!
  const before = (await metadata(c.bootstrap())).controllerId as number
  const victim = c.broker(before)
  const started = Date.now()
  await victim.kill()
  const survivor = c.brokers.find((b) => b.running)!
  const after = await eventually(
    'a new controller',
    async () => {
      const id = (await metadata(survivor.bootstrap)).controllerId as number
      return id !== before && id >= 0 ? id : false
    },
    30_000,
  )
  const failoverMs = Date.now() - started
  // Samsa's own admin client: kafkajs's admin fails every call while any partition of the
  // cluster is offline (its Metadata parsing throws on a partition's LEADER_NOT_AVAILABLE), and
  // the dead broker's single-replica partitions are offline until it returns.
  const admin = await Admin.connect({ bootstrap: c.bootstrap(), clientId: 'samsa-cluster-test' })
  await admin.createTopics([{ name: 'after-failover', partitions: 4, replicationFactor: 1 }])
  // The answer waits for the controller's metadata; other brokers learn of the topic just after.
  const [described] = await eventually('every broker knows the topic', () => admin.describeTopics(['after-failover']))
  await admin.close()
  assert.equal(described!.partitions.length, 4)
  assert.ok(
    described!.partitions.every((p) => p.leader !== before && p.leader >= 0),
    JSON.stringify(described!.partitions.map((p) => [p.partition, p.leader, p.replicas])),
  )
  t.diagnostic(`controller ${before} killed; broker ${after} took over in ${failoverMs} ms (zookeeper.session.timeout.ms 6000)`)
  await victim.start()
})

test('every process stopped and started again: topics, configs, offsets and data are all back', { skip }, async () => {
  const c = cluster!
  await Promise.all(c.brokers.filter((b) => b.running).map((b) => b.stop()))
  for (const s of c.ensemble.servers) await s.stop()
  for (const s of c.ensemble.servers) await s.start()
  await c.ensemble.waitReady()
  await Promise.all([1, 2, 3].map((id) => c.broker(id).start()))
  const k = kafka(c)
  const admin = k.admin()
  await admin.connect()
  const topics = await admin.listTopics()
  for (const t of ['spread', 'configured', 'after-failover']) assert.ok(topics.includes(t), `${t} in ${topics.join(',')}`)
  await eventually('every partition of spread has its leader back', async () => {
    const md = await admin.fetchTopicMetadata({ topics: ['spread'] })
    return md.topics[0]!.partitions.every((p) => p.leader >= 0)
  })
  const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'configured', configNames: ['max.message.bytes'] }] })
  assert.equal(configs.resources[0]!.configEntries[0]!.configValue, '200')
  assert.equal((await brokerConfig(c.broker(3).bootstrap, 3, 'log.retention.ms')).source, DYNAMIC_DEFAULT_BROKER_CONFIG)
  assert.equal((await brokerConfig(c.broker(2).bootstrap, 2, 'message.max.bytes')).value, '500000')
  await eventually('the group configs are back', async () => (await groupHeartbeatInterval(c, 'kip848/configured')) === 6000)
  const committed = await eventually('the group coordinator is back', async () => {
    const r = await admin.fetchOffsets({ groupId: 'spread-readers', topics: ['spread'] })
    return r[0]!.partitions.every((p) => p.offset === '20') ? r : false
  })
  assert.equal(committed[0]!.partitions.length, 6)
  const ends = await admin.fetchTopicOffsets('spread')
  assert.deepEqual(ends.map((p) => p.high).sort(), Array(6).fill('20'))
  await admin.disconnect()
})
