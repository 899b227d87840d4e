// DescribeConfigs by Kafka's rules (ConfigHelper.createBrokerConfigEntry / createTopicConfigEntry /
// configSynonyms, and KafkaConfigSchema.resolveEffectiveTopicConfig for CreateTopics); the cases
// follow Kafka's DynamicBrokerReconfigurationTest and PlaintextAdminIntegrationTest.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadBrokerConfig } from '../../src/config/load-broker-config.js'
import { ConfigSource, ConfigType, type DescribedConfig } from '../../src/config/config-def.js'
import { resolveTopicConfig, TOPIC_CONFIG_NAMES } from '../../src/config/topic-config.js'
import { resolveGroupConfig } from '../../src/config/group-resource-configs.js'
import { describeBrokerConfigs, describeGroupConfigs, describeTopicConfigs, newTopicConfigs } from '../../src/config/describe-configs.js'

const {
  DYNAMIC_TOPIC_CONFIG: TOPIC,
  DYNAMIC_BROKER_CONFIG: DYN,
  DYNAMIC_DEFAULT_BROKER_CONFIG: DYN_DEFAULT,
  STATIC_BROKER_CONFIG: STATIC,
  DEFAULT_CONFIG: DEFAULT,
} = ConfigSource

const byName = (list: DescribedConfig[]): Map<string, DescribedConfig> => new Map(list.map((e) => [e.name, e]))
const synonyms = (e: DescribedConfig | undefined): Array<[string, number]> => e!.synonyms.map((s) => [s.name, s.source])

test('broker: synonyms by layer, then by priority, starting at the described name (DynamicBrokerReconfigurationTest)', () => {
  const c = loadBrokerConfig({ overrides: { 'log.retention.ms': 1680000000, 'log.retention.hours': 168 } })
  const d = byName(describeBrokerConfigs(c, true))
  assert.deepEqual(synonyms(d.get('log.retention.ms')), [
    ['log.retention.ms', STATIC],
    ['log.retention.hours', STATIC],
    ['log.retention.hours', DEFAULT],
  ])
  assert.deepEqual(synonyms(d.get('log.retention.hours')), [
    ['log.retention.hours', STATIC],
    ['log.retention.hours', DEFAULT],
  ])
  assert.deepEqual(synonyms(d.get('log.roll.hours')), [['log.roll.hours', DEFAULT]])
  assert.deepEqual(synonyms(d.get('log.cleaner.threads')), [['log.cleaner.threads', DEFAULT]])
  assert.deepEqual(
    [d.get('log.retention.ms')!.readOnly, d.get('log.retention.hours')!.readOnly, d.get('log.roll.hours')!.readOnly, d.get('log.cleaner.threads')!.readOnly],
    [false, true, true, false],
  )
  assert.equal(d.get('log.retention.ms')!.value, '1680000000')
  assert.equal(d.get('log.retention.ms')!.source, STATIC)
  // nothing set: log.retention.ms has no value and, as in Kafka, no synonyms (its default is null)
  const plain = byName(describeBrokerConfigs(loadBrokerConfig(), true))
  assert.deepEqual([plain.get('log.retention.ms')!.value, plain.get('log.retention.ms')!.source, synonyms(plain.get('log.retention.ms'))], [null, DEFAULT, []])
  assert.deepEqual(synonyms(plain.get('log.flush.interval.ms')), [], 'the scheduler interval it falls back to comes before it only by layer')
})

test('broker: dynamic layers come first; the cluster default resource lists only its own configs', () => {
  const c = loadBrokerConfig({ overrides: { 'message.max.bytes': 5000 } })
  assert.deepEqual(describeBrokerConfigs(c, false), [], 'no dynamic defaults, nothing to list')
  c.setDynamic('default', { 'message.max.bytes': '6000' })
  c.setDynamic('broker', { 'message.max.bytes': '7000' })
  const mine = byName(describeBrokerConfigs(c, true)).get('message.max.bytes')!
  assert.equal(mine.value, '7000')
  assert.equal(mine.source, DYN)
  assert.deepEqual(
    mine.synonyms.map((s) => [s.value, s.source]),
    [
      ['7000', DYN],
      ['6000', DYN_DEFAULT],
      ['5000', STATIC],
      ['1048588', DEFAULT],
    ],
  )
  const cluster = describeBrokerConfigs(c, false)
  assert.deepEqual(
    cluster.map((e) => [e.name, e.value, e.source, e.synonyms.length]),
    [['message.max.bytes', '6000', DYN_DEFAULT, 1]],
  )
})

test("broker: every known config with Kafka's documentation and type, Kafka 4's read-only flags; unknown static names too", () => {
  const c = loadBrokerConfig({ args: ['--override', 'some.plugin=1'] })
  const all = describeBrokerConfigs(c, true)
  const d = byName(all)
  for (const e of all) if (e.name !== 'some.plugin') assert.ok(e.documentation && e.documentation.length > 0, e.name)
  assert.equal(d.get('advertised.listeners')!.readOnly, true, 'Kafka 4 (KAFKA-18403): advertised.listeners is not dynamic')
  assert.equal(d.get('listeners')!.readOnly, false)
  assert.equal(d.get('listeners')!.configType, ConfigType.STRING)
  assert.equal(d.get('num.partitions')!.readOnly, true)
  assert.equal(d.get('message.max.bytes')!.readOnly, false)
  assert.equal(d.get('log.cleaner.io.max.bytes.per.second')!.value, '1.7976931348623157E308')
  assert.equal(d.get('log.flush.interval.messages')!.value, '9223372036854775807')
  assert.equal(d.get('broker.id')!.value, '1')
  assert.equal(d.has('producer.id.expiration.check.interval.ms'), false, 'internal configs are not described')
  assert.deepEqual(
    [d.get('some.plugin')!.value, d.get('some.plugin')!.source, d.get('some.plugin')!.configType, d.get('some.plugin')!.readOnly],
    ['1', STATIC, ConfigType.UNKNOWN, true],
  )
  assert.match(d.get('num.partitions')!.documentation!, /default number of log partitions per topic/)
})

test('null and empty key lists both mean every config (issue 17 item 2); unknown requested names are left out', () => {
  const c = loadBrokerConfig()
  const all = describeBrokerConfigs(c, true, null).length
  assert.equal(describeBrokerConfigs(c, true, []).length, all)
  assert.deepEqual(
    describeBrokerConfigs(c, true, ['num.partitions', 'nope']).map((e) => e.name),
    ['num.partitions'],
  )
  const t = resolveTopicConfig({}, c)
  assert.equal(describeTopicConfigs(t, []).length, TOPIC_CONFIG_NAMES.length)
  assert.equal(describeTopicConfigs(t, null).length, TOPIC_CONFIG_NAMES.length)
})

test('topic: own setting first, then the broker synonyms of its first broker synonym by the same rule (ConfigHelper.createTopicConfigEntry)', () => {
  const c = loadBrokerConfig({ overrides: { 'log.retention.hours': 24, 'log.flush.interval.ms': 2000, 'log.segment.bytes': 5000 } })
  const t = byName(describeTopicConfigs(resolveTopicConfig({ 'segment.bytes': '7000' }, c)))
  const seg = t.get('segment.bytes')!
  assert.deepEqual([seg.value, seg.source, seg.readOnly], ['7000', TOPIC, false])
  assert.deepEqual(
    seg.synonyms.map((s) => [s.name, s.value, s.source]),
    [
      ['segment.bytes', '7000', TOPIC],
      ['log.segment.bytes', '5000', STATIC],
      ['log.segment.bytes', '1073741824', DEFAULT],
    ],
  )
  // retention.ms takes 24 h from log.retention.hours, yet Kafka lists no synonym and says DEFAULT_CONFIG:
  // the list starts at log.retention.ms, which is unset
  const ret = t.get('retention.ms')!
  assert.deepEqual([ret.value, ret.source, synonyms(ret)], ['86400000', DEFAULT, []])
  assert.deepEqual(synonyms(t.get('flush.ms')), [
    ['log.flush.interval.ms', STATIC],
    ['log.flush.scheduler.interval.ms', DEFAULT],
  ])
  assert.equal(t.get('flush.ms')!.source, STATIC)
  assert.deepEqual(synonyms(t.get('cleanup.policy')), [['log.cleanup.policy', DEFAULT]])
  assert.equal(t.get('cleanup.policy')!.configType, ConfigType.LIST)
  assert.equal(t.get('min.cleanable.dirty.ratio')!.value, '0.5')
  assert.match(t.get('retention.ms')!.documentation!, /If set to -1, no time limit is applied/)
})

test('CreateTopics configs say which layer a value came from, through any synonym (KafkaConfigSchema.resolveEffectiveTopicConfig)', () => {
  const c = loadBrokerConfig({ overrides: { 'log.roll.hours': 2, 'log.roll.jitter.ms': 123 } })
  c.setDynamic('default', { 'log.retention.ms': '10800000' })
  c.setDynamic('broker', { 'log.cleaner.delete.retention.ms': '34' })
  const t = byName(newTopicConfigs(resolveTopicConfig({ 'index.interval.bytes': '9999999' }, c)) as DescribedConfig[])
  assert.deepEqual([t.get('cleanup.policy')!.value, t.get('cleanup.policy')!.source], ['delete', DEFAULT])
  assert.deepEqual([t.get('retention.ms')!.value, t.get('retention.ms')!.source], ['10800000', DYN_DEFAULT])
  assert.deepEqual([t.get('delete.retention.ms')!.value, t.get('delete.retention.ms')!.source], ['34', DYN])
  assert.deepEqual([t.get('segment.jitter.ms')!.value, t.get('segment.jitter.ms')!.source], ['123', STATIC])
  assert.deepEqual([t.get('segment.ms')!.value, t.get('segment.ms')!.source], ['7200000', STATIC])
  assert.deepEqual([t.get('index.interval.bytes')!.value, t.get('index.interval.bytes')!.source], ['9999999', TOPIC])
})

test("group (KIP-848, resource type 32): the broker's group.consumer.* values as defaults, each its own one synonym", () => {
  const c = loadBrokerConfig({ overrides: { 'group.consumer.session.timeout.ms': 50000 } })
  const g = byName(describeGroupConfigs(resolveGroupConfig(new Map(), c)))
  assert.deepEqual([...g.keys()], ['consumer.heartbeat.interval.ms', 'consumer.session.timeout.ms'])
  const s = g.get('consumer.session.timeout.ms')!
  assert.deepEqual([s.value, s.source, s.readOnly, s.configType], ['50000', DEFAULT, false, ConfigType.INT])
  assert.deepEqual(s.synonyms, [{ name: 'consumer.session.timeout.ms', value: '50000', source: DEFAULT }])
  const own = byName(describeGroupConfigs(resolveGroupConfig(new Map([['consumer.heartbeat.interval.ms', 6000]]), c)))
  assert.deepEqual([own.get('consumer.heartbeat.interval.ms')!.value, own.get('consumer.heartbeat.interval.ms')!.source], ['6000', ConfigSource.GROUP_CONFIG])
})
