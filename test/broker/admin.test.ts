// Topic and config administration over real sockets: CreateTopics, DeleteTopics, CreatePartitions,
// DescribeConfigs, AlterConfigs, IncrementalAlterConfigs, DeleteRecords, DescribeCluster,
// DescribeLogDirs and Metadata auto-creation; all of it survives a restart.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'

const TOPIC = 2
const BROKER = 4
const DYNAMIC_TOPIC_CONFIG = 1
const DEFAULT_CONFIG = 5

let dir: string
let broker: EmbeddedBroker
let c: RawConnection

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samsa-admin-'))
  broker = await startBroker({ port: 0, dataDir: dir, config: { 'num.partitions': 2 } })
  c = await RawConnection.connect(broker.port)
})
after(async () => {
  c.close()
  await broker.close()
  rmSync(dir, { recursive: true, force: true })
})

const create = async (topics: unknown[], validateOnly = false, v = 7): Promise<any[]> =>
  (await c.request(ApiKey.CreateTopics, v, { topics, timeoutMs: 1000, validateOnly })).topics

test('CreateTopics creates, validates only, and refuses bad input with Kafka codes', async () => {
  const [ok] = await create([{ name: 'alpha', numPartitions: 3, replicationFactor: 1, configs: [{ name: 'retention.ms', value: '1000' }] }])
  assert.equal(ok.errorCode, 0)
  assert.equal(ok.numPartitions, 3)
  assert.notEqual(ok.topicId, '00000000-0000-0000-0000-000000000000')
  assert.equal(ok.configs.find((x: any) => x.name === 'retention.ms').value, '1000')
  assert.equal(readdirSync(dir).filter((d) => d.startsWith('alpha-')).length, 3)

  const [dry] = await create([{ name: 'dry', numPartitions: 1, replicationFactor: 1 }], true)
  assert.equal(dry.errorCode, 0)
  assert.equal(existsSync(join(dir, 'dry-0')), false)

  const bad = await create([
    { name: 'alpha', numPartitions: 1, replicationFactor: 1 },
    { name: '../escape', numPartitions: 1, replicationFactor: 1 },
    { name: 'x'.repeat(250), numPartitions: 1, replicationFactor: 1 },
    { name: '..', numPartitions: 1, replicationFactor: 1 },
    { name: 'zero', numPartitions: 0, replicationFactor: 1 },
    { name: 'rf3', numPartitions: 1, replicationFactor: 3 },
    { name: 'badcfg', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'cleanup.policy', value: 'shred' }] },
    { name: 'unknowncfg', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'no.such.config', value: '1' }] },
  ])
  assert.deepEqual(
    bad.map((t) => t.errorCode),
    [
      ErrorCode.TOPIC_ALREADY_EXISTS,
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      ErrorCode.INVALID_TOPIC_EXCEPTION,
      ErrorCode.INVALID_PARTITIONS,
      ErrorCode.INVALID_REPLICATION_FACTOR,
      ErrorCode.INVALID_CONFIG,
      ErrorCode.INVALID_CONFIG,
    ],
  )
  assert.equal(existsSync(join(dir, '..', 'escape-0')), false)
  const [defaults] = await create([{ name: 'defaulted', numPartitions: -1, replicationFactor: -1 }], false, 4)
  assert.equal(defaults.errorCode, 0)
  const meta = await c.request(ApiKey.Metadata, 12, { topics: [{ name: 'defaulted' }], allowAutoTopicCreation: false })
  assert.equal(meta.topics[0].partitions.length, 2)
})

test('Metadata auto-creates only when asked, and names this broker as controller', async () => {
  const no = await c.request(ApiKey.Metadata, 12, { topics: [{ name: 'auto1' }], allowAutoTopicCreation: false })
  assert.equal(no.topics[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  const yes = await c.request(ApiKey.Metadata, 12, { topics: [{ name: 'auto1' }], allowAutoTopicCreation: true })
  assert.equal(yes.topics[0].errorCode, 0)
  assert.equal(yes.topics[0].partitions.length, 2)
  assert.equal(yes.controllerId, yes.brokers[0].nodeId)
  assert.equal(yes.clusterId.length, 22)
  for (let v = 0; v <= 12; v++) {
    const r = await c.request(ApiKey.Metadata, v, { topics: v === 0 ? [] : null, allowAutoTopicCreation: false })
    assert.ok(
      r.topics.some((t: any) => t.name === 'auto1'),
      `v${v}`,
    )
  }
})

test('CreatePartitions adds partitions and refuses to shrink', async () => {
  const r = await c.request(ApiKey.CreatePartitions, 3, {
    topics: [
      { name: 'alpha', count: 5, assignments: null },
      { name: 'alpha', count: 2, assignments: null },
    ],
    timeoutMs: 1000,
    validateOnly: false,
  })
  assert.equal(r.results[0].errorCode, 0)
  assert.equal(r.results[1].errorCode, ErrorCode.INVALID_REQUEST)
  const shrink = await c.request(ApiKey.CreatePartitions, 3, { topics: [{ name: 'alpha', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: false })
  assert.equal(shrink.results[0].errorCode, ErrorCode.INVALID_PARTITIONS)
  const missing = await c.request(ApiKey.CreatePartitions, 0, { topics: [{ name: 'nope', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: false })
  assert.equal(missing.results[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  assert.equal(readdirSync(dir).filter((d) => d.startsWith('alpha-')).length, 5)
})

const describe = async (type: number, name: string, keys: string[] | null, v = 4): Promise<any> =>
  (
    await c.request(ApiKey.DescribeConfigs, v, {
      resources: [{ resourceType: type, resourceName: name, configurationKeys: keys }],
      includeSynonyms: true,
      includeDocumentation: true,
    })
  ).results[0]

test('DescribeConfigs reports values, sources and synonyms; Incremental and legacy AlterConfigs change them', async () => {
  const d = await describe(TOPIC, 'alpha', ['retention.ms', 'segment.bytes'])
  assert.equal(d.errorCode, 0)
  const ret = d.configs.find((x: any) => x.name === 'retention.ms')
  assert.deepEqual([ret.value, ret.configSource], ['1000', DYNAMIC_TOPIC_CONFIG])
  // Kafka's ConfigHelper: the topic's own value, then log.retention.ms and what follows it; log.retention.hours comes before it and is dropped
  assert.deepEqual(
    ret.synonyms.map((s: any) => [s.name, s.value, s.source]),
    [['retention.ms', '1000', DYNAMIC_TOPIC_CONFIG]],
  )
  const seg = d.configs.find((x: any) => x.name === 'segment.bytes')
  assert.deepEqual([seg.value, seg.configSource], ['1073741824', DEFAULT_CONFIG])
  assert.ok(seg.documentation.length > 0)

  const inc = await c.request(ApiKey.IncrementalAlterConfigs, 1, {
    resources: [
      {
        resourceType: TOPIC,
        resourceName: 'alpha',
        configs: [
          { name: 'segment.bytes', configOperation: 0, value: '1048576' },
          { name: 'retention.ms', configOperation: 1, value: null },
          { name: 'cleanup.policy', configOperation: 2, value: 'compact' },
        ],
      },
    ],
    validateOnly: false,
  })
  assert.equal(inc.responses[0].errorCode, 0)
  const after = await describe(TOPIC, 'alpha', null)
  const get = (n: string): any => after.configs.find((x: any) => x.name === n)
  assert.equal(get('segment.bytes').value, '1048576')
  assert.equal(get('retention.ms').configSource, DEFAULT_CONFIG)
  assert.equal(get('cleanup.policy').value, 'delete,compact')
  assert.equal(broker.running.broker.replicas.partition('alpha', 0)!.log.config.segmentBytes, 1048576)

  const legacy = await c.request(ApiKey.AlterConfigs, 2, {
    resources: [{ resourceType: TOPIC, resourceName: 'alpha', configs: [{ name: 'max.message.bytes', value: '2000' }] }],
    validateOnly: false,
  })
  assert.equal(legacy.responses[0].errorCode, 0)
  const replaced = await describe(TOPIC, 'alpha', ['segment.bytes', 'max.message.bytes'])
  assert.equal(replaced.configs.find((x: any) => x.name === 'segment.bytes').configSource, DEFAULT_CONFIG)
  assert.equal(replaced.configs.find((x: any) => x.name === 'max.message.bytes').value, '2000')

  const invalid = await c.request(ApiKey.IncrementalAlterConfigs, 0, {
    resources: [{ resourceType: TOPIC, resourceName: 'alpha', configs: [{ name: 'segment.bytes', configOperation: 0, value: 'lots' }] }],
    validateOnly: false,
  })
  assert.equal(invalid.responses[0].errorCode, ErrorCode.INVALID_CONFIG)
  const unknown = await describe(TOPIC, 'missing', null)
  assert.equal(unknown.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  const brokerCfg = await describe(BROKER, String(broker.running.broker.metadata.nodeId), ['num.partitions', 'log.dirs'], 1)
  assert.equal(brokerCfg.configs.find((x: any) => x.name === 'num.partitions').value, '2')
})

test('DeleteRecords moves the log start offset; fetches below it are out of range', async () => {
  await create([{ name: 'trim', numPartitions: 1, replicationFactor: 1 }])
  for (let i = 0; i < 5; i++) {
    await c.request(ApiKey.Produce, 9, {
      acks: -1,
      timeoutMs: 1000,
      topicData: [{ name: 'trim', partitionData: [{ index: 0, records: encodeRecordBatch({ records: [{ value: `v${i}` }] }) }] }],
    })
  }
  const r = await c.request(ApiKey.DeleteRecords, 2, { topics: [{ name: 'trim', partitions: [{ partitionIndex: 0, offset: 3n }] }], timeoutMs: 1000 })
  assert.deepEqual([r.topics[0].partitions[0].errorCode, r.topics[0].partitions[0].lowWatermark], [0, 3n])
  const earliest = await c.request(ApiKey.ListOffsets, 7, { replicaId: -1, topics: [{ name: 'trim', partitions: [{ partitionIndex: 0, timestamp: -2n }] }] })
  assert.equal(earliest.topics[0].partitions[0].offset, 3n)
  const f = await c.request(ApiKey.Fetch, 12, {
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    sessionEpoch: -1,
    topics: [{ topic: 'trim', partitions: [{ partition: 0, fetchOffset: 1n, partitionMaxBytes: 1 << 20 }] }],
  })
  assert.equal(f.responses[0].partitions[0].errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
  const tooFar = await c.request(ApiKey.DeleteRecords, 0, { topics: [{ name: 'trim', partitions: [{ partitionIndex: 0, offset: 99n }] }], timeoutMs: 1000 })
  assert.equal(tooFar.topics[0].partitions[0].errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
})

test('DescribeCluster and DescribeLogDirs describe this broker and its partitions', async () => {
  const cl = await c.request(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 1 })
  assert.equal(cl.errorCode, 0)
  assert.equal(cl.brokers[0].port, broker.port)
  assert.equal(cl.controllerId, cl.brokers[0].brokerId)
  const ld = await c.request(ApiKey.DescribeLogDirs, 4, { topics: [{ topic: 'trim', partitions: [0] }] })
  const res = ld.results[0]
  assert.equal(res.errorCode, 0)
  assert.ok(res.topics[0].partitions[0].partitionSize > 0n)
  assert.ok(res.totalBytes > 0n)
})

test('topics, ids, configs and log start offsets survive a restart; DeleteTopics removes the files', async () => {
  const before = await c.request(ApiKey.Metadata, 12, { topics: null })
  const ids = new Map(before.topics.map((t: any) => [t.name, t.topicId]))
  c.close()
  await broker.close()
  broker = await startBroker({ port: 0, dataDir: dir })
  c = await RawConnection.connect(broker.port)
  const afterMeta = await c.request(ApiKey.Metadata, 12, { topics: null })
  assert.deepEqual(new Map(afterMeta.topics.map((t: any) => [t.name, t.topicId])), ids)
  assert.equal((await describe(TOPIC, 'alpha', ['max.message.bytes'])).configs[0].value, '2000')
  const earliest = await c.request(ApiKey.ListOffsets, 7, { replicaId: -1, topics: [{ name: 'trim', partitions: [{ partitionIndex: 0, timestamp: -2n }] }] })
  assert.equal(earliest.topics[0].partitions[0].offset, 3n)

  const del = await c.request(ApiKey.DeleteTopics, 6, { topics: [{ name: 'alpha' }, { name: 'ghost' }], timeoutMs: 1000 })
  assert.deepEqual(
    del.responses.map((r: any) => r.errorCode),
    [0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
  )
  assert.equal(readdirSync(dir).filter((d) => d.startsWith('alpha-')).length, 0)
  const gone = await c.request(ApiKey.Metadata, 12, { topics: [{ name: 'alpha' }], allowAutoTopicCreation: false })
  assert.equal(gone.topics[0].errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
})
