// Topic configs as Kafka's LogConfig: one table, broker synonyms, validation and resolution.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadBrokerConfig } from '../../src/config/load-broker-config.js'
import { brokerConfigKey } from '../../src/config/broker-config-defs.js'
import { ConfigError, LONG_MAX, formatValue } from '../../src/config/config-def.js'
import { TOPIC_CONFIGS, TOPIC_CONFIG_NAMES, resolveTopicConfig, topicConfigKey, validateTopicConfigs } from '../../src/config/topic-config.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

function rejects(input: Record<string, string | null>, pattern: RegExp): void {
  const r = validateTopicConfigs(input)
  assert.equal(r.ok, false, `expected ${JSON.stringify(input)} to be rejected`)
  if (!r.ok) {
    assert.equal(r.errorCode, ErrorCode.INVALID_CONFIG)
    assert.match(r.message, pattern)
  }
}

test("every topic config but the throttled-replicas lists has a known broker synonym, Kafka 4's documented default taken from it, and documentation", () => {
  // Kafka 4's topic defaults as its documentation lists them (topic_config.html)
  const kafka: Record<string, string> = {
    'cleanup.policy': 'delete',
    'compression.gzip.level': '-1',
    'compression.lz4.level': '9',
    'compression.type': 'producer',
    'compression.zstd.level': '3',
    'delete.retention.ms': '86400000',
    'file.delete.delay.ms': '60000',
    'flush.messages': '9223372036854775807',
    'flush.ms': '9223372036854775807',
    'index.interval.bytes': '4096',
    'max.compaction.lag.ms': '9223372036854775807',
    'max.message.bytes': '1048588',
    'message.timestamp.after.max.ms': '3600000',
    'message.timestamp.before.max.ms': '9223372036854775807',
    'message.timestamp.type': 'CreateTime',
    'min.cleanable.dirty.ratio': '0.5',
    'min.compaction.lag.ms': '0',
    'min.insync.replicas': '1',
    preallocate: 'false',
    'retention.bytes': '-1',
    'retention.ms': '604800000',
    'segment.bytes': '1073741824',
    'segment.index.bytes': '10485760',
    'segment.jitter.ms': '0',
    'segment.ms': '604800000',
    'unclean.leader.election.enable': 'false',
    'leader.replication.throttled.replicas': '',
    'follower.replication.throttled.replicas': '',
  }
  // Topic-only configs: no broker config stands behind them (Kafka's throttled-replicas lists).
  const topicOnly = new Set(['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'])
  assert.deepEqual([...TOPIC_CONFIG_NAMES].sort(), Object.keys(kafka).sort())
  for (const name of TOPIC_CONFIG_NAMES) {
    const k = topicConfigKey(name)!
    assert.equal(k.synonyms.length > 0, !topicOnly.has(name), name)
    for (const s of k.synonyms) assert.ok(brokerConfigKey(s.name), `${name} -> ${s.name}`)
    assert.equal(formatValue(k.type, k.default), kafka[name], `${name} default`)
    assert.equal(k.validate?.(k.default), undefined, name)
    assert.ok(k.doc.length > 20, `${name} has Kafka's documentation`)
    if (!k.effective) assert.ok(k.note, `${name} says why it has no effect yet`)
  }
  assert.deepEqual(TOPIC_CONFIGS['retention.ms'].synonyms, [
    { name: 'log.retention.ms', factor: 1 },
    { name: 'log.retention.minutes', factor: 60_000 },
    { name: 'log.retention.hours', factor: 3_600_000 },
  ])
})

test("validate accepts Kafka's valid values in every input shape", () => {
  const good = {
    'cleanup.policy': 'compact,delete',
    'compression.type': 'zstd',
    'message.timestamp.type': 'LogAppendTime',
    'retention.ms': '-1',
    'segment.bytes': '1048576',
    'min.cleanable.dirty.ratio': '0.1',
    'max.message.bytes': '2000000',
    preallocate: 'true',
    'flush.ms': '9223372036854775807',
  }
  const r = validateTopicConfigs(good)
  assert.ok(r.ok)
  if (r.ok) {
    assert.deepEqual(r.values.get('cleanup.policy'), ['compact', 'delete'])
    assert.equal(r.values.get('flush.ms'), LONG_MAX)
  }
  assert.ok(validateTopicConfigs(new Map([['cleanup.policy', 'compact']])).ok)
  assert.ok(validateTopicConfigs([{ name: 'cleanup.policy', value: 'delete, compact' }]).ok)
  assert.ok(validateTopicConfigs({}).ok)
  for (const c of ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer']) {
    assert.ok(validateTopicConfigs({ 'compression.type': c }).ok, c)
  }
})

test('validate rejects unknown names, nulls, bad types, enums and ranges with INVALID_CONFIG', () => {
  rejects({ 'retention.msec': '1' }, /Unknown topic config name: retention\.msec/)
  rejects({ 'retention.ms': null }, /Null value not supported for topic configs: retention\.ms/)
  rejects({ 'retention.ms': 'soon' }, /Invalid value soon for configuration retention\.ms: Not a number of type LONG/)
  rejects({ 'retention.ms': '-2' }, /Value must be at least -1/)
  rejects({ 'segment.bytes': '13' }, /Value must be at least 14/)
  rejects({ 'segment.bytes': '4294967296' }, /out of range/)
  rejects({ 'cleanup.policy': 'archive' }, /archive/)
  rejects({ 'cleanup.policy': '' }, /non-empty/)
  rejects({ 'compression.type': 'none' }, /String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer/)
  rejects({ 'compression.type': 'ZSTD' }, /must be one of/)
  rejects({ 'message.timestamp.type': 'createtime' }, /CreateTime, LogAppendTime/)
  rejects({ 'min.cleanable.dirty.ratio': '1.5' }, /no less than 0 and no more than 1/)
  rejects({ 'min.insync.replicas': '0' }, /at least 1/)
  rejects({ preallocate: 'yes' }, /true or false/)
  rejects({ 'compression.gzip.level': '0' }, /no less than 1 and no more than 9/)
  rejects({ 'min.compaction.lag.ms': '10', 'max.compaction.lag.ms': '5' }, /min\.compaction\.lag\.ms \(10\) > max\.compaction\.lag\.ms \(5\)/)
})

test("resolve with no broker config gives Kafka's defaults", () => {
  const { values } = resolveTopicConfig({})
  assert.deepEqual(values.cleanupPolicy, ['delete'])
  assert.equal(values.compressionType, 'producer')
  assert.equal(values.retentionMs, 604800000)
  assert.equal(values.retentionBytes, -1)
  assert.equal(values.segmentBytes, 1073741824)
  assert.equal(values.segmentMs, 604800000)
  assert.equal(values.segmentIndexBytes, 10485760)
  assert.equal(values.segmentJitterMs, 0)
  assert.equal(values.maxMessageBytes, 1048588)
  assert.equal(values.flushMessages, LONG_MAX)
  assert.equal(values.flushMs, LONG_MAX)
  assert.equal(values.indexIntervalBytes, 4096)
  assert.equal(values.messageTimestampType, 'CreateTime')
  assert.equal(values.minCleanableDirtyRatio, 0.5)
  assert.equal(values.deleteRetentionMs, 86400000)
  assert.equal(values.fileDeleteDelayMs, 60000)
  assert.equal(values.minInsyncReplicas, 1)
  assert.equal(values.preallocate, false)
  assert.equal(values.uncleanLeaderElectionEnable, false)
  assert.equal(values.maxCompactionLagMs, LONG_MAX)
  assert.equal(values.messageTimestampAfterMaxMs, 3_600_000)
  assert.equal(values.messageTimestampBeforeMaxMs, LONG_MAX)
})

test('resolve: topic override > broker setting (with unit conversion) > broker default', () => {
  const broker = loadBrokerConfig({
    overrides: {
      'log.retention.hours': 2,
      'log.segment.bytes': 5000,
      'message.max.bytes': 2000000,
      'log.roll.ms': 1000,
      'log.flush.scheduler.interval.ms': 3000,
      'log.cleanup.policy': 'compact',
    },
  })
  const t = resolveTopicConfig({ 'segment.bytes': '7000' }, broker)
  assert.equal(t.values.segmentBytes, 7000)
  assert.equal(t.values.retentionMs, 2 * 3_600_000)
  assert.equal(t.values.maxMessageBytes, 2000000)
  assert.equal(t.values.segmentMs, 1000)
  assert.equal(t.values.flushMs, 3000)
  assert.deepEqual(t.values.cleanupPolicy, ['compact'])
  assert.equal(t.get('retention.ms'), 7_200_000)
  assert.equal(t.get('nope'), undefined)

  // minutes beat hours, ms beats minutes; negative broker retention means forever
  assert.equal(resolveTopicConfig({}, loadBrokerConfig({ overrides: { 'log.retention.minutes': 3, 'log.retention.hours': 9 } })).values.retentionMs, 180_000)
  assert.equal(resolveTopicConfig({}, loadBrokerConfig({ overrides: { 'log.retention.ms': 42, 'log.retention.minutes': 3 } })).values.retentionMs, 42)
  assert.equal(resolveTopicConfig({}, loadBrokerConfig({ overrides: { 'log.retention.hours': -1 } })).values.retentionMs, -1)
  assert.equal(
    resolveTopicConfig({}, loadBrokerConfig({ overrides: { 'log.flush.interval.ms': 10, 'log.flush.scheduler.interval.ms': 3000 } })).values.flushMs,
    10,
  )
})

test('resolve throws a ConfigError for invalid overrides', () => {
  assert.throws(() => resolveTopicConfig({ 'retention.ms': 'x' }), ConfigError)
})

test("resolve follows dynamic broker configs: the cluster default and this broker's own", () => {
  const broker = loadBrokerConfig({ overrides: { 'log.retention.hours': 2 } })
  assert.equal(resolveTopicConfig({}, broker).values.retentionMs, 7_200_000)
  broker.setDynamic('default', { 'log.retention.ms': '5000', 'log.segment.bytes': '20000' })
  assert.equal(resolveTopicConfig({}, broker).values.retentionMs, 5000, 'a dynamic log.retention.ms beats a static log.retention.hours: ms comes first')
  broker.setDynamic('broker', { 'log.segment.bytes': '30000' })
  assert.equal(resolveTopicConfig({}, broker).values.segmentBytes, 30000)
  assert.equal(resolveTopicConfig({ 'segment.bytes': '40000' }, broker).values.segmentBytes, 40000)
})

test("throttled-replicas lists: the wildcard or partition:broker entries (Kafka's ThrottledReplicaListValidator)", () => {
  for (const good of ['*', '0:1,1:2', '', ' 3 : 4 ']) assert.ok(validateTopicConfigs({ 'leader.replication.throttled.replicas': good }).ok, good)
  for (const bad of ['0-1', '*,0:1', 'a:b', '1']) {
    const r = validateTopicConfigs({ 'follower.replication.throttled.replicas': bad })
    assert.ok(!r.ok && /wildcard \(\*\) or a list of entries/.test(r.message), bad)
  }
})
