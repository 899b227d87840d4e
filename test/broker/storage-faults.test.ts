// Topic changes on a failing disk, over real sockets, with the broker's file system behind the
// failure-injecting seam (FaultyFs): CreateTopics, CreatePartitions, AlterConfigs,
// IncrementalAlterConfigs (topic, broker and group configs) and DeleteTopics are persisted first and applied after, so a change
// that cannot be stored is answered with KAFKA_STORAGE_ERROR (Kafka's code for a
// KafkaStorageException) and leaves nothing behind: not in memory, not on disk, not after a
// restart. Produce on a full disk answers KAFKA_STORAGE_ERROR and works again once space is
// free; a broker starts on a full disk.
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { loadBrokerConfig } from '../../src/config/load-broker-config.js'
import { createLogger } from '../../src/logger.js'
import { runBroker, type RunningBroker } from '../../src/kafka-server.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { FaultyFs } from '../support/faulty-fs.js'
import { TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'

const TOPIC = 2
const BROKER = 4
const GROUP = 32
const dir = mkdtempSync(join(tmpdir(), 'samsa-faults-'))
let running: RunningBroker | undefined
after(async () => {
  await running?.close().catch(() => {})
  rmSync(dir, { recursive: true, force: true })
})

async function start(fs: FaultyFs): Promise<{ broker: RunningBroker; client: TestClient }> {
  const config = loadBrokerConfig({ overrides: { listeners: 'PLAINTEXT://127.0.0.1:0', 'log.dirs': dir, 'num.partitions': '1' }, env: {} })
  running = await runBroker(config, createLogger({ level: 'silent' }), { fs })
  return { broker: running, client: await TestClient.connect(running.bootstrap) }
}

async function stop(client: TestClient): Promise<void> {
  client.close()
  await running!.close()
  running = undefined
}

const partitionDirs = (topic: string) => readdirSync(dir).filter((n) => n.startsWith(`${topic}-`))
const record = (v: string) => encodeBatch([{ key: null, value: Buffer.from(v) }])

async function describeConfig(client: TestClient, topic: string, name: string): Promise<string | undefined> {
  const res = await client.conn.request(ApiKey.DescribeConfigs, 4, {
    resources: [{ resourceType: TOPIC, resourceName: topic, configurationKeys: [name] }],
    includeSynonyms: false,
    includeDocumentation: false,
  })
  return res.results[0].configs.find((c: { name: string }) => c.name === name)?.value
}

test('failed topic changes answer KAFKA_STORAGE_ERROR and leave nothing behind, also after a restart', async () => {
  const fs = new FaultyFs()
  let { client } = await start(fs)
  await client.createTopic('stays', 2)
  assert.equal((await client.produce('stays', 0, record('one'))).errorCode, 0)

  // CreateTopics: the metadata write fails after the partition logs were made.
  fs.failNext('writeSync', 'ENOSPC', { path: /topics\.json\.tmp$/ })
  let res = await client.conn.request(ApiKey.CreateTopics, 7, {
    topics: [{ name: 'ghost', numPartitions: 3, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: false,
  })
  assert.equal(res.topics[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.match(res.topics[0].errorMessage, /nothing was changed/)
  assert.deepEqual(partitionDirs('ghost'), [], 'no orphan partition directories')
  // CreateTopics: out of descriptors while creating the second partition.
  fs.failNext('openSync', 'EMFILE', { path: /ghost2-1\/.*\.log$/, times: 2 })
  res = await client.conn.request(ApiKey.CreateTopics, 7, {
    topics: [{ name: 'ghost2', numPartitions: 3, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: false,
  })
  assert.equal(res.topics[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.deepEqual(partitionDirs('ghost2'), [])
  const md = await client.metadata(['ghost', 'ghost2'])
  assert.deepEqual(
    md.topics.map((t: { errorCode: number }) => t.errorCode),
    [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
  )
  // Auto-creation through Metadata fails the same way and says so in the topic's error code.
  fs.failNext('writeSync', 'ENOSPC', { path: /topics\.json\.tmp$/ })
  const auto = await client.metadata(['auto'], true)
  assert.equal(auto.topics[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.deepEqual(partitionDirs('auto'), [])

  // CreatePartitions.
  fs.failNext('writeSync', 'EIO', { path: /topics\.json\.tmp$/ })
  const cp = await client.conn.request(ApiKey.CreatePartitions, 3, {
    topics: [{ name: 'stays', count: 4, assignments: null }],
    timeoutMs: 1000,
    validateOnly: false,
  })
  assert.equal(cp.results[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.deepEqual(partitionDirs('stays').sort(), ['stays-0', 'stays-1'])
  assert.equal((await client.metadata(['stays'])).topics[0].partitions.length, 2)

  // IncrementalAlterConfigs and AlterConfigs.
  fs.failNext('fsync', 'EIO', { path: /topics\.json\.tmp$/ })
  const inc = await client.conn.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: TOPIC, resourceName: 'stays', configs: [{ name: 'retention.ms', configOperation: 0, value: '1234' }] }],
    validateOnly: false,
  })
  assert.equal(inc.responses[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  fs.failNext('renameSync', 'EIO', { path: /topics\.json\.tmp$/ })
  const legacy = await client.conn.request(ApiKey.AlterConfigs, 2, {
    resources: [{ resourceType: TOPIC, resourceName: 'stays', configs: [{ name: 'retention.ms', value: '5678' }] }],
    validateOnly: false,
  })
  assert.equal(legacy.responses[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.equal(await describeConfig(client, 'stays', 'retention.ms'), '604800000', 'DescribeConfigs shows no failed change')
  assert.equal(running!.broker.replicas.partition('stays', 0)!.log.config.retentionMs, 604800000)

  // DeleteTopics.
  fs.failNext('writeSync', 'ENOSPC', { path: /topics\.json\.tmp$/ })
  const del = await client.conn.request(ApiKey.DeleteTopics, 6, {
    topics: [{ name: 'stays', topicId: '00000000-0000-0000-0000-000000000000' }],
    timeoutMs: 1000,
  })
  assert.equal(del.responses[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.equal((await client.metadata(['stays'])).topics[0].errorCode, ErrorCode.NONE)
  assert.equal((await client.produce('stays', 0, record('two'))).errorCode, 0)

  // Dynamic broker configs and group configs (the single node's configs.json).
  fs.failNext('writeSync', 'ENOSPC', { path: /configs\.json\.tmp$/ })
  const brokerInc = await client.conn.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: BROKER, resourceName: '', configs: [{ name: 'log.retention.ms', configOperation: 0, value: '1234' }] }],
    validateOnly: false,
  })
  assert.equal(brokerInc.responses[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.equal(running!.broker.config.get('log.retention.ms'), null, 'a broker config that was not stored is not applied')
  fs.failNext('renameSync', 'EIO', { path: /configs\.json\.tmp$/ })
  const groupInc = await client.conn.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: GROUP, resourceName: 'g', configs: [{ name: 'consumer.heartbeat.interval.ms', configOperation: 0, value: '6000' }] }],
    validateOnly: false,
  })
  assert.equal(groupInc.responses[0].errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.equal(running!.broker.groups.groupConfig('g').consumerHeartbeatIntervalMs, 5000)
  const group = await client.conn.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: GROUP, resourceName: 'g', configs: [{ name: 'consumer.session.timeout.ms', configOperation: 0, value: '50000' }] }],
    validateOnly: false,
  })
  assert.equal(group.responses[0].errorCode, 0)

  // The connection survived every failure; a later successful change does not carry a failed one along.
  const ok = await client.conn.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType: TOPIC, resourceName: 'stays', configs: [{ name: 'segment.ms', configOperation: 0, value: '3600000' }] }],
    validateOnly: false,
  })
  assert.equal(ok.responses[0].errorCode, 0)
  await stop(client)

  ;({ client } = await start(new FaultyFs()))
  const after = await client.metadata(null)
  assert.deepEqual(
    after.topics
      .map((t: { name: string }) => t.name)
      .filter((n: string) => !n.startsWith('__'))
      .sort(),
    ['stays'],
  )
  assert.equal((await client.metadata(['stays'])).topics[0].partitions.length, 2)
  assert.equal(await describeConfig(client, 'stays', 'retention.ms'), '604800000')
  assert.equal(await describeConfig(client, 'stays', 'segment.ms'), '3600000')
  assert.equal(running!.broker.config.get('log.retention.ms'), null)
  assert.deepEqual(running!.broker.groups.groupConfig('g'), { consumerSessionTimeoutMs: 50000, consumerHeartbeatIntervalMs: 5000 })
  const { records } = await client.fetchAll('stays', 0)
  assert.deepEqual(
    records.map((r) => r.value?.toString()),
    ['one', 'two'],
  )
  await stop(client)
})

test('produce on a full disk answers KAFKA_STORAGE_ERROR, the broker starts on a full disk, and produce works once space is free', async () => {
  const fs = new FaultyFs()
  let { client } = await start(fs)
  await client.createTopic('disk', 1)
  const acked: string[] = []
  for (let i = 0; i < 5; i++) {
    assert.equal((await client.produce('disk', 0, record(`ok${i}`))).errorCode, 0)
    acked.push(`ok${i}`)
  }
  fs.diskFull = true
  const refused = await client.produce('disk', 0, record('refused'))
  assert.equal(refused.errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  assert.equal((await client.fetchOnce('disk', 0, 0)).errorCode, ErrorCode.KAFKA_STORAGE_ERROR)
  await stop(client)

  // Restart on the still full disk.
  ;({ client } = await start(fs))
  assert.deepEqual(
    (await client.fetchAll('disk', 0)).records.map((r) => r.value?.toString()),
    acked,
  )
  assert.equal((await client.produce('disk', 0, record('still-full'))).errorCode, ErrorCode.KAFKA_STORAGE_ERROR)

  // Space comes back: within the scheduler's next passes the partition serves again.
  fs.diskFull = false
  let back = -1
  for (let i = 0; i < 100 && back !== 0; i++) {
    await new Promise((r) => setTimeout(r, 100))
    back = (await client.produce('disk', 0, record('back'))).errorCode
    assert.ok(back === 0 || back === ErrorCode.KAFKA_STORAGE_ERROR, `error ${back}`)
  }
  assert.equal(back, 0)
  const values = (await client.fetchAll('disk', 0)).records.map((r) => r.value?.toString())
  assert.deepEqual(values, [...acked, 'back'], 'only acknowledged records, in order')
  await stop(client)
})
