import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BROKER_CONFIG_DEFS,
  generateClusterId,
  loadBrokerConfig,
  parseBrokerArgs,
  settingsFromEnv,
} from '../../src/config/broker-config.js'
import { ConfigError, ConfigSource, ConfigType, LONG_MAX } from '../../src/config/config-def.js'

function withFile(text: string, fn: (file: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-config-'))
  try {
    const file = join(dir, 'server.properties')
    writeFileSync(file, text)
    fn(file)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function throwsConfig(fn: () => unknown, property: string | undefined, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`)
    assert.equal(err.code, 'SAMSA_CONFIG')
    assert.equal(err.property, property)
    assert.match(err.message, pattern)
    return true
  })
}

test('defaults are Kafka\'s, with Samsa\'s documented choices', () => {
  const c = loadBrokerConfig()
  const v = c.values
  assert.equal(v.nodeId, 1)
  assert.deepEqual(v.listeners, [{ name: 'PLAINTEXT', host: '', port: 9092, securityProtocol: 'PLAINTEXT' }])
  assert.deepEqual(v.advertisedListeners, [{ name: 'PLAINTEXT', host: 'localhost', port: 9092, securityProtocol: 'PLAINTEXT' }])
  assert.deepEqual(v.logDirs, ['./data'])
  assert.equal(v.numPartitions, 1)
  assert.equal(v.defaultReplicationFactor, 1)
  assert.equal(v.autoCreateTopicsEnable, true)
  assert.equal(v.deleteTopicEnable, true)
  assert.equal(v.logSegmentBytes, 1073741824)
  assert.equal(v.logRollMs, 168 * 3_600_000)
  assert.equal(v.logIndexIntervalBytes, 4096)
  assert.equal(v.logIndexSizeMaxBytes, 10485760)
  assert.equal(v.messageMaxBytes, 1048588)
  assert.equal(v.socketRequestMaxBytes, 104857600)
  assert.equal(v.logFlushIntervalMessages, LONG_MAX)
  assert.equal(v.logFlushIntervalMs, LONG_MAX) // falls back to log.flush.scheduler.interval.ms
  assert.equal(v.logRetentionMs, 604800000)
  assert.equal(v.logRetentionBytes, -1)
  assert.equal(v.logRetentionCheckIntervalMs, 300000)
  assert.deepEqual(v.logCleanupPolicy, ['delete'])
  assert.equal(v.logMessageTimestampType, 'CreateTime')
  assert.equal(v.compressionType, 'producer')
  assert.equal(v.offsetsTopicNumPartitions, 50)
  assert.equal(v.offsetsRetentionMs, 10080 * 60_000)
  assert.equal(v.groupInitialRebalanceDelayMs, 0, "Samsa starts groups at once; Kafka waits 3000 ms")
  assert.equal(v.groupMinSessionTimeoutMs, 6000)
  assert.equal(v.groupMaxSessionTimeoutMs, 1800000)
  assert.equal(v.clusterId, null)
  assert.equal(v.zookeeperConnect, null)
  assert.deepEqual(c.unknown, [])
})

test('every table entry is well formed and its default passes its own validation', () => {
  const names = new Set<string>()
  for (const d of BROKER_CONFIG_DEFS) {
    assert.ok(!names.has(d.name), `duplicate ${d.name}`)
    names.add(d.name)
    assert.ok(d.doc.length > 0, `${d.name} has documentation`)
    if (d.default !== null) assert.equal(d.validate?.(d.default), undefined, `${d.name} default is valid`)
    for (const s of d.synonyms ?? []) assert.ok(BROKER_CONFIG_DEFS.some((x) => x.name === s), `${d.name} synonym ${s} exists`)
  }
  const delay = BROKER_CONFIG_DEFS.find((d) => d.name === 'group.initial.rebalance.delay.ms')!
  assert.equal(delay.default, 0)
  assert.equal(delay.kafkaDefault, 3000)
})

test('precedence: overrides > flags > env > file > defaults, with the origin of each value', () => {
  withFile('num.partitions=2\nlog.segment.bytes=1000\nmessage.max.bytes=5000\ndelete.topic.enable=false\n', (file) => {
    const c = loadBrokerConfig({
      file,
      env: { SAMSA_NUM_PARTITIONS: '3', KAFKA_LOG_SEGMENT_BYTES: '2000', KAFKA_MESSAGE_MAX_BYTES: '6000' },
      args: ['--num.partitions', '4', '--log.segment.bytes=3000'],
      overrides: { 'num.partitions': 5 },
    })
    assert.equal(c.values.numPartitions, 5)
    assert.equal(c.values.logSegmentBytes, 3000)
    assert.equal(c.values.messageMaxBytes, 6000)
    assert.equal(c.values.deleteTopicEnable, false)
    assert.equal(c.values.defaultReplicationFactor, 1)
    assert.equal(c.entry('num.partitions')!.origin.kind, 'override')
    assert.deepEqual(c.entry('log.segment.bytes')!.origin, { kind: 'flag', detail: '--log.segment.bytes' })
    assert.deepEqual(c.entry('message.max.bytes')!.origin, { kind: 'env', detail: 'environment variable KAFKA_MESSAGE_MAX_BYTES' })
    assert.equal(c.entry('delete.topic.enable')!.origin.kind, 'file')
    assert.equal(c.entry('delete.topic.enable')!.source, ConfigSource.STATIC_BROKER_CONFIG)
    assert.equal(c.entry('default.replication.factor')!.source, ConfigSource.DEFAULT_CONFIG)
  })
})

test('environment: SAMSA_ beats KAFKA_CFG_ beats KAFKA_; unknown variables are ignored', () => {
  const env = {
    KAFKA_LOG_DIRS: '/kafka',
    KAFKA_CFG_LOG_DIRS: '/bitnami',
    SAMSA_LOG_DIRS: '/samsa,/samsa2',
    KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://broker:9092',
    KAFKA_HEAP_OPTS: '-Xmx1G',
    SAMSA_LOG_LEVEL: 'debug',
    KAFKA_BROKER_ID: '7',
    PATH: '/usr/bin',
  }
  const c = loadBrokerConfig({ env })
  assert.deepEqual(c.values.logDirs, ['/samsa', '/samsa2'])
  assert.equal(c.values.advertisedListeners[0]!.host, 'broker')
  assert.equal(c.values.nodeId, 7)
  assert.deepEqual(c.unknown, [])
  assert.deepEqual(settingsFromEnv({ KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE: 'false' }).map((s) => s.name), ['auto.create.topics.enable'])
  // the env is only read when given
  process.env['SAMSA_NUM_PARTITIONS'] = '9'
  try {
    assert.equal(loadBrokerConfig().values.numPartitions, 1)
    assert.equal(loadBrokerConfig({ env: process.env }).values.numPartitions, 9)
  } finally {
    delete process.env['SAMSA_NUM_PARTITIONS']
  }
})

test('command line: --name value, --name=value, --override, bare booleans, positional file', () => {
  const parsed = parseBrokerArgs([
    'server.properties', '--log.dirs', './d', '--listeners=PLAINTEXT://:0', '--override', 'foo.bar=1',
    '--override=num.partitions=3', '--auto.create.topics.enable', '--delete.topic.enable', 'false',
  ])
  assert.equal(parsed.file, 'server.properties')
  assert.deepEqual(parsed.settings.map((s) => [s.name, s.raw]), [
    ['log.dirs', './d'], ['listeners', 'PLAINTEXT://:0'], ['foo.bar', '1'], ['num.partitions', '3'],
    ['auto.create.topics.enable', 'true'], ['delete.topic.enable', 'false'],
  ])
  // a bare boolean flag does not swallow a following file path
  assert.deepEqual(parseBrokerArgs(['--delete.topic.enable', 'my.properties']), {
    file: 'my.properties',
    settings: [{ name: 'delete.topic.enable', raw: 'true', origin: { kind: 'flag', detail: '--delete.topic.enable' } }],
  })
  throwsConfig(() => parseBrokerArgs(['--no.such.thing', '1']), 'no.such.thing', /unknown option --no\.such\.thing.*--override/)
  throwsConfig(() => parseBrokerArgs(['--num.partitions']), 'num.partitions', /needs a value/)
  throwsConfig(() => parseBrokerArgs(['--override', 'novalue']), undefined, /--override expects name=value/)
  throwsConfig(() => parseBrokerArgs(['a.properties', 'b.properties']), undefined, /only one properties file/)
})

test('a properties file given as the positional argument; unknown names are kept', () => {
  withFile('node.id=4\nsome.plugin.setting=abc\n', (file) => {
    const c = loadBrokerConfig({ args: [file, '--override', 'x.y=z'] })
    assert.equal(c.values.nodeId, 4)
    assert.deepEqual([...c.unknown].sort(), ['some.plugin.setting', 'x.y'])
    assert.equal(c.get('some.plugin.setting'), 'abc')
    assert.equal(c.entry('x.y')!.known, false)
  })
})

test('broker.id is an alias of node.id; conflicting values in one layer are an error', () => {
  assert.equal(loadBrokerConfig({ overrides: { 'broker.id': 3 } }).values.nodeId, 3)
  assert.equal(loadBrokerConfig({ overrides: { 'broker.id': 3 } }).get('broker.id'), 3)
  withFile('broker.id=2\n', (file) => {
    // a higher layer using the other name still wins
    assert.equal(loadBrokerConfig({ file, args: ['--node.id', '5'] }).values.nodeId, 5)
  })
  withFile('broker.id=2\nnode.id=3\n', (file) => {
    throwsConfig(() => loadBrokerConfig({ file }), 'node.id', /broker\.id and node\.id name the same config/)
  })
})

test('bad values are ConfigErrors naming the property and where it came from', () => {
  throwsConfig(() => loadBrokerConfig({ env: { SAMSA_NUM_PARTITIONS: 'abc' } }), 'num.partitions',
    /Invalid value "abc" for configuration num\.partitions \(from environment variable SAMSA_NUM_PARTITIONS\): Not a number of type INT/)
  throwsConfig(() => loadBrokerConfig({ args: ['--num.partitions', '0'] }), 'num.partitions', /Value must be at least 1/)
  throwsConfig(() => loadBrokerConfig({ args: ['--message.max.bytes', '3000000000'] }), 'message.max.bytes', /out of range/)
  throwsConfig(() => loadBrokerConfig({ overrides: { 'auto.create.topics.enable': 'yes' } }), 'auto.create.topics.enable', /true or false/)
  throwsConfig(() => loadBrokerConfig({ overrides: { 'compression.type': 'brotli' } }), 'compression.type', /must be one of/)
  throwsConfig(() => loadBrokerConfig({ overrides: { 'log.cleanup.policy': 'delete,archive' } }), 'log.cleanup.policy', /archive/)
  throwsConfig(() => loadBrokerConfig({ overrides: { 'log.retention.ms': '99999999999999999999' } }), 'log.retention.ms', /LONG \(out of range\)/)
  withFile('log.segment.bytes=1.5\n', (file) => {
    throwsConfig(() => loadBrokerConfig({ file }), 'log.segment.bytes', /properties file .*server\.properties/)
  })
  throwsConfig(() => loadBrokerConfig({ file: '/nonexistent/server.properties' }), undefined, /cannot read properties file/)
})

test('values are trimmed and booleans are case-insensitive, as in Kafka', () => {
  const c = loadBrokerConfig({ overrides: { 'num.partitions': ' 6 ', 'auto.create.topics.enable': 'FALSE' } })
  assert.equal(c.values.numPartitions, 6)
  assert.equal(c.values.autoCreateTopicsEnable, false)
})

test('longs: Long.MAX is held as MAX_SAFE_INTEGER and described as Kafka spells it', () => {
  const c = loadBrokerConfig({ overrides: { 'log.flush.interval.ms': '9223372036854775807' } })
  assert.equal(c.values.logFlushIntervalMs, LONG_MAX)
  assert.equal(c.entry('log.flush.interval.ms')!.valueString, '9223372036854775807')
  assert.equal(c.entry('log.flush.interval.messages')!.valueString, '9223372036854775807')
  assert.equal(loadBrokerConfig({ overrides: { 'log.retention.ms': 1234 } }).values.logRetentionMs, 1234)
})

test('retention and roll fall back ms > minutes > hours; negative retention means forever', () => {
  assert.equal(loadBrokerConfig({ overrides: { 'log.retention.hours': 1 } }).values.logRetentionMs, 3_600_000)
  assert.equal(loadBrokerConfig({ overrides: { 'log.retention.hours': 1, 'log.retention.minutes': 2 } }).values.logRetentionMs, 120_000)
  assert.equal(loadBrokerConfig({ overrides: { 'log.retention.minutes': 2, 'log.retention.ms': 5 } }).values.logRetentionMs, 5)
  assert.equal(loadBrokerConfig({ overrides: { 'log.retention.hours': -1 } }).values.logRetentionMs, -1)
  assert.equal(loadBrokerConfig({ overrides: { 'log.roll.hours': 2 } }).values.logRollMs, 7_200_000)
  assert.equal(loadBrokerConfig({ overrides: { 'log.roll.ms': 10 } }).values.logRollMs, 10)
  assert.equal(loadBrokerConfig({ overrides: { 'log.flush.scheduler.interval.ms': 1000 } }).values.logFlushIntervalMs, 1000)
})

test('log.dirs wins over log.dir', () => {
  assert.deepEqual(loadBrokerConfig({ overrides: { 'log.dir': '/a' } }).values.logDirs, ['/a'])
  assert.deepEqual(loadBrokerConfig({ overrides: { 'log.dir': '/a', 'log.dirs': '/b, /c' } }).values.logDirs, ['/b', '/c'])
})

test('listeners and advertised listeners', () => {
  const c = loadBrokerConfig({
    overrides: {
      listeners: 'PLAINTEXT://0.0.0.0:9092,INTERNAL://[::1]:0',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT',
    },
  })
  assert.deepEqual(c.values.listeners, [
    { name: 'PLAINTEXT', host: '0.0.0.0', port: 9092, securityProtocol: 'PLAINTEXT' },
    { name: 'INTERNAL', host: '::1', port: 0, securityProtocol: 'PLAINTEXT' },
  ])
  assert.deepEqual(c.values.advertisedListeners.map((l) => `${l.name} ${l.host} ${l.port}`), ['PLAINTEXT localhost 9092', 'INTERNAL ::1 0'])

  const adv = loadBrokerConfig({ overrides: { 'advertised.listeners': 'PLAINTEXT://kafka.example:19092' } })
  assert.deepEqual(adv.values.advertisedListeners, [{ name: 'PLAINTEXT', host: 'kafka.example', port: 19092, securityProtocol: 'PLAINTEXT' }])

  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'localhost:9092' } }), 'listeners', /expected NAME:\/\/host:port/)
  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'PLAINTEXT://:99999' } }), 'listeners', /Invalid port/)
  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'FOO://:9092' } }), 'listeners', /No security protocol defined for listener FOO/)
  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'PLAINTEXT://:1,PLAINTEXT://:2' } }), 'listeners', /more than once/)
  throwsConfig(() => loadBrokerConfig({ overrides: { 'advertised.listeners': 'PLAINTEXT://0.0.0.0:9092' } }), 'advertised.listeners', /non-routable/)
  throwsConfig(() => loadBrokerConfig({ overrides: { 'advertised.listeners': 'SSL://host:9093' } }), 'advertised.listeners', /not in listeners/)
})

test('cross-field checks', () => {
  throwsConfig(() => loadBrokerConfig({ overrides: { 'group.min.session.timeout.ms': 10, 'group.max.session.timeout.ms': 5 } }),
    'group.min.session.timeout.ms', /must not exceed/)
})

test('the defaults option changes defaults without making them "set"', () => {
  const c = loadBrokerConfig({ defaults: { 'group.initial.rebalance.delay.ms': 0 } })
  assert.equal(c.values.groupInitialRebalanceDelayMs, 0)
  assert.equal(c.isSet('group.initial.rebalance.delay.ms'), false)
  const [d] = c.describe(['group.initial.rebalance.delay.ms'])
  assert.equal(d!.value, '0')
  assert.equal(d!.source, ConfigSource.DEFAULT_CONFIG)
  throwsConfig(() => loadBrokerConfig({ defaults: { 'no.such': 1 } }), 'no.such', /unknown broker config/)
})

test('describe: DescribeConfigs entries with source, synonyms, type and documentation', () => {
  const c = loadBrokerConfig({ overrides: { 'log.retention.hours': 24 } })
  const all = c.describe()
  assert.ok(all.length >= BROKER_CONFIG_DEFS.length)
  assert.ok(all.some((e) => e.name === 'broker.id'))
  const byName = new Map(all.map((e) => [e.name, e]))

  const ms = byName.get('log.retention.ms')!
  assert.equal(ms.value, null)
  assert.equal(ms.source, ConfigSource.DEFAULT_CONFIG)
  assert.equal(ms.readOnly, false)
  assert.equal(ms.configType, ConfigType.LONG)
  assert.deepEqual(ms.synonyms, [
    { name: 'log.retention.hours', value: '24', source: ConfigSource.STATIC_BROKER_CONFIG },
    { name: 'log.retention.hours', value: '168', source: ConfigSource.DEFAULT_CONFIG },
  ])
  const hours = byName.get('log.retention.hours')!
  assert.equal(hours.value, '24')
  assert.equal(hours.source, ConfigSource.STATIC_BROKER_CONFIG)
  assert.equal(hours.isDefault, false)

  const parts = byName.get('num.partitions')!
  assert.deepEqual(
    { value: parts.value, readOnly: parts.readOnly, isDefault: parts.isDefault, type: parts.configType },
    { value: '1', readOnly: true, isDefault: true, type: ConfigType.INT },
  )
  assert.ok(parts.documentation)
  assert.equal(byName.get('listeners')!.configType, ConfigType.LIST)
  assert.equal(byName.get('auto.create.topics.enable')!.value, 'true')
  assert.equal(byName.get('log.cleaner.min.cleanable.ratio')!.value, '0.5')
  assert.equal(byName.get('log.cleaner.io.max.bytes.per.second')!.value, '1.7976931348623157E308')

  // only the names asked for; unknown ones are left out
  assert.deepEqual(c.describe(['num.partitions', 'nope']).map((e) => e.name), ['num.partitions'])
})

test('generateClusterId gives 22-character URL-safe ids', () => {
  const ids = new Set(Array.from({ length: 50 }, () => generateClusterId()))
  assert.equal(ids.size, 50)
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/)
})
