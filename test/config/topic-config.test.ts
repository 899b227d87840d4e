import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadBrokerConfig, brokerConfigDef } from '../../src/config/broker-config.js'
import { ConfigError, ConfigSource, ConfigType, LONG_MAX } from '../../src/config/config-def.js'
import { TOPIC_CONFIG_DEFS, resolveTopicConfig, validateTopicConfigs } from '../../src/config/topic-config.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

function rejects(input: Record<string, string | null>, pattern: RegExp): void {
  const r = validateTopicConfigs(input)
  assert.equal(r.ok, false, `expected ${JSON.stringify(input)} to be rejected`)
  if (!r.ok) {
    assert.equal(r.errorCode, ErrorCode.INVALID_CONFIG)
    assert.match(r.message, pattern)
  }
}

test('every topic config has a known broker synonym and a valid default', () => {
  for (const d of TOPIC_CONFIG_DEFS) {
    assert.ok(d.synonyms.length > 0, d.name)
    for (const s of d.synonyms) assert.ok(brokerConfigDef(s.name), `${d.name} -> ${s.name}`)
    if (d.default !== null) assert.equal(d.validate?.(d.default), undefined, d.name)
  }
})

test('validate accepts Kafka\'s valid values in every input shape', () => {
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

test('resolve with no broker config gives Kafka\'s defaults', () => {
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
  assert.equal(values.messageDownconversionEnable, true)
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
  assert.equal(resolveTopicConfig({}, loadBrokerConfig({ overrides: { 'log.flush.interval.ms': 10, 'log.flush.scheduler.interval.ms': 3000 } })).values.flushMs, 10)
})

test('resolve throws a ConfigError for invalid overrides', () => {
  assert.throws(() => resolveTopicConfig({ 'retention.ms': 'x' }), ConfigError)
})

test('describe: sources, synonyms in Kafka\'s order, types and documentation', () => {
  const broker = loadBrokerConfig({ overrides: { 'log.retention.hours': 2 } })
  const t = resolveTopicConfig({ 'segment.bytes': '7000', 'flush.messages': '9223372036854775807' }, broker)
  const all = t.describe()
  assert.equal(all.length, TOPIC_CONFIG_DEFS.length)
  const byName = new Map(all.map((e) => [e.name, e]))

  const seg = byName.get('segment.bytes')!
  assert.deepEqual(
    { value: seg.value, source: seg.source, isDefault: seg.isDefault, readOnly: seg.readOnly, sensitive: seg.isSensitive, type: seg.configType },
    { value: '7000', source: ConfigSource.DYNAMIC_TOPIC_CONFIG, isDefault: false, readOnly: false, sensitive: false, type: ConfigType.INT },
  )
  assert.deepEqual(seg.synonyms, [
    { name: 'segment.bytes', value: '7000', source: ConfigSource.DYNAMIC_TOPIC_CONFIG },
    { name: 'log.segment.bytes', value: '1073741824', source: ConfigSource.DEFAULT_CONFIG },
  ])

  const ret = byName.get('retention.ms')!
  assert.equal(ret.value, '7200000')
  assert.equal(ret.source, ConfigSource.STATIC_BROKER_CONFIG)
  assert.deepEqual(ret.synonyms, [
    { name: 'log.retention.hours', value: '2', source: ConfigSource.STATIC_BROKER_CONFIG },
    { name: 'log.retention.hours', value: '168', source: ConfigSource.DEFAULT_CONFIG },
  ])

  const flush = byName.get('flush.messages')!
  assert.equal(flush.value, '9223372036854775807')
  assert.equal(flush.configType, ConfigType.LONG)
  const flushMs = byName.get('flush.ms')!
  assert.equal(flushMs.value, '9223372036854775807')
  assert.equal(flushMs.source, ConfigSource.DEFAULT_CONFIG)
  assert.deepEqual(flushMs.synonyms, [
    { name: 'log.flush.scheduler.interval.ms', value: '9223372036854775807', source: ConfigSource.DEFAULT_CONFIG },
  ])

  const policy = byName.get('cleanup.policy')!
  assert.equal(policy.value, 'delete')
  assert.equal(policy.isDefault, true)
  assert.equal(policy.configType, ConfigType.LIST)
  assert.ok(policy.documentation)
  assert.equal(byName.get('min.cleanable.dirty.ratio')!.value, '0.5')

  assert.deepEqual(t.describe(['retention.ms', 'bogus']).map((e) => e.name), ['retention.ms'])
})
