/**
 * DescribeConfigs through third-party admin clients, against what Kafka answers (ConfigHelper):
 * kafkajs 2.2.4 sends an empty configuration_keys list when it names no keys (issue 17 item 2:
 * that means every config), asks for synonyms with v1; kafka-python 2.0.2 sends null keys, and
 * describes a broker's configs on that broker.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import kafkajs from 'kafkajs'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { PYTHON, requireTool, tools } from '../support/env.js'
import { runOk } from '../support/process.js'
import { TOPIC_CONFIG_NAMES } from '../../src/config/topic-config.js'

const { Kafka, ConfigResourceTypes, logLevel } = kafkajs
const DYNAMIC_TOPIC_CONFIG = 1
const STATIC_BROKER_CONFIG = 4
const DEFAULT_CONFIG = 5

let broker: TestBroker

before(async () => {
  broker = await startTestBroker({ 'log.retention.hours': 24 })
})
after(async () => {
  await broker?.close()
})

test("kafkajs describeConfigs: all configs of a topic with sources and synonyms; a broker's read-only flags", async () => {
  const admin = new Kafka({ clientId: 'cfg', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics: [{ topic: 'cfg', numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '1000' }] }] })
    const res = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'cfg' }], includeSynonyms: true })
    const entries = res.resources[0]!.configEntries
    assert.equal(entries.length, TOPIC_CONFIG_NAMES.length, 'no names asked for: every topic config')
    const get = (n: string): any => entries.find((e) => e.configName === n)
    assert.deepEqual([get('retention.ms').configValue, get('retention.ms').configSource], ['1000', DYNAMIC_TOPIC_CONFIG])
    assert.deepEqual(
      get('retention.ms').configSynonyms.map((s: any) => [s.configName, s.configValue, s.configSource]),
      [['retention.ms', '1000', DYNAMIC_TOPIC_CONFIG]],
    )
    assert.deepEqual(
      get('cleanup.policy').configSynonyms.map((s: any) => [s.configName, s.configValue, s.configSource]),
      [['log.cleanup.policy', 'delete', DEFAULT_CONFIG]],
    )
    assert.equal(get('segment.bytes').isDefault, true)

    const b = await admin.describeConfigs({
      resources: [
        { type: ConfigResourceTypes.BROKER, name: '1', configNames: ['advertised.listeners', 'listeners', 'log.retention.hours', 'log.retention.ms'] },
      ],
      includeSynonyms: true,
    })
    const be = new Map(b.resources[0]!.configEntries.map((e) => [e.configName, e]))
    assert.equal(be.get('advertised.listeners')!.readOnly, true)
    assert.equal(be.get('listeners')!.readOnly, false)
    assert.deepEqual(
      [be.get('log.retention.hours')!.configValue, be.get('log.retention.hours')!.configSource, be.get('log.retention.hours')!.readOnly],
      ['24', STATIC_BROKER_CONFIG, true],
    )
    assert.deepEqual(
      be.get('log.retention.hours')!.configSynonyms.map((s: any) => [s.configName, s.configValue, s.configSource]),
      [
        ['log.retention.hours', '24', STATIC_BROKER_CONFIG],
        ['log.retention.hours', '168', DEFAULT_CONFIG],
      ],
    )
    assert.deepEqual([be.get('log.retention.ms')!.configValue, be.get('log.retention.ms')!.readOnly], [null, false])
  } finally {
    await admin.disconnect()
  }
})

const KAFKA_PYTHON = `
import json, sys
from kafka.admin import KafkaAdminClient, ConfigResource, ConfigResourceType
a = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id='cfg-py')
out = {}
for key, res in (('topic', ConfigResource(ConfigResourceType.TOPIC, 'cfg')), ('broker', ConfigResource(ConfigResourceType.BROKER, '1'))):
    r = a.describe_configs([res], include_synonyms=True)[0].resources[0]
    out[key] = {'error': r[0], 'configs': {c[0]: {'value': c[1], 'readOnly': c[2], 'source': c[3], 'synonyms': [list(s) for s in c[5]]} for c in r[4]}}
a.close()
print(json.dumps(out))
`

test('kafka-python describe_configs: the same answers with null keys, per broker on that broker', { skip: requireTool(tools.kafkaPython()) }, async () => {
  const r = await runOk(PYTHON, ['-c', KAFKA_PYTHON, broker.bootstrap], { timeoutMs: 60_000 })
  const out = JSON.parse(r.stdout.toString().trim().split('\n').pop()!)
  assert.equal(out.topic.error, 0)
  assert.equal(Object.keys(out.topic.configs).length, TOPIC_CONFIG_NAMES.length)
  assert.deepEqual(out.topic.configs['retention.ms'], {
    value: '1000',
    readOnly: false,
    source: DYNAMIC_TOPIC_CONFIG,
    synonyms: [['retention.ms', '1000', DYNAMIC_TOPIC_CONFIG]],
  })
  assert.equal(out.broker.error, 0)
  assert.equal(out.broker.configs['advertised.listeners'].readOnly, true)
  assert.equal(out.broker.configs['log.retention.hours'].source, STATIC_BROKER_CONFIG)
  assert.ok(Object.keys(out.broker.configs).length > 100)
})
