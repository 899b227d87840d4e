// Loading the broker configuration (Kafka's KafkaConfig: names, defaults, validation) and its
// dynamic layers (Kafka's DynamicBrokerConfig).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateClusterId, loadBrokerConfig, parseBrokerArgs, settingsFromEnv, suggestBrokerConfig } from '../../src/config/load-broker-config.js'
import { BROKER_CONFIGS, BROKER_CONFIG_NAMES, brokerConfigKey, brokerConfigSynonyms } from '../../src/config/broker-config-defs.js'
import type { ConfigKey } from '../../src/config/config-key.js'
import { ConfigError, LONG_MAX } from '../../src/config/config-def.js'
import { startBroker } from '../../src/index.js'

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

test("defaults are Kafka's, with Samsa's documented choices", () => {
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
  assert.equal(v.logRollMs, null)
  assert.equal(v.logRollHours, 168)
  assert.equal(v.logIndexIntervalBytes, 4096)
  assert.equal(v.logIndexSizeMaxBytes, 10485760)
  assert.equal(v.messageMaxBytes, 1048588)
  assert.equal(v.socketRequestMaxBytes, 104857600)
  assert.equal(v.logFlushIntervalMessages, LONG_MAX)
  assert.equal(v.logFlushIntervalMs, null)
  assert.equal(v.logFlushSchedulerIntervalMs, LONG_MAX)
  assert.equal(v.logRetentionMs, null)
  assert.equal(v.logRetentionHours, 168)
  assert.equal(v.logRetentionBytes, -1)
  assert.equal(v.logRetentionCheckIntervalMs, 300000)
  assert.deepEqual(v.logCleanupPolicy, ['delete'])
  assert.equal(v.logMessageTimestampType, 'CreateTime')
  assert.equal(v.logMessageTimestampAfterMaxMs, 3_600_000, 'Kafka 4 rejects CreateTime timestamps more than an hour ahead')
  assert.equal(v.compressionType, 'producer')
  assert.equal(v.offsetsTopicNumPartitions, 50)
  assert.equal(v.offsetsRetentionMinutes, 10080)
  assert.equal(v.groupInitialRebalanceDelayMs, 0, 'Samsa starts groups at once; Kafka waits 3000 ms')
  assert.equal(v.groupMinSessionTimeoutMs, 6000)
  assert.equal(v.groupMaxSessionTimeoutMs, 1800000)
  assert.deepEqual(v.groupConsumerAssignors, ['uniform', 'range'])
  assert.equal(v.clusterId, null)
  assert.equal(v.zookeeperConnect, null)
  assert.equal(v.zookeeperSessionTimeoutMs, 18000)
  assert.equal(v.replicaLagTimeMaxMs, 30000)
  assert.equal(v.transactionStateLogNumPartitions, 50)
  assert.deepEqual(c.unknown, [])
})

test('every table entry is well formed: documented, a default its own validation accepts, honest about effect', () => {
  for (const [name, k] of Object.entries(BROKER_CONFIGS) as Array<[string, ConfigKey]>) {
    assert.ok(k.doc.length > 0, `${name} has documentation`)
    if (k.default !== null) assert.equal(k.validate?.(k.default), undefined, `${name} default is valid`)
    if (!k.effective) assert.ok(k.note, `${name} says why it has no effect yet`)
    if (k.kafkaDefault !== undefined) assert.ok(k.note, `${name} says why its default differs from Kafka's`)
    for (const a of k.aliases) assert.equal(brokerConfigKey(a), k, `${a} is an alias of ${name}`)
    for (const s of brokerConfigSynonyms(name)) assert.ok(brokerConfigKey(s), `${name} synonym ${s} exists`)
  }
  const delay = BROKER_CONFIGS['group.initial.rebalance.delay.ms']
  assert.equal(delay.default, 0)
  assert.equal(delay.kafkaDefault, 3000)
  // Kafka 4's update modes: advertised.listeners is static, listeners per broker, retention cluster-wide
  assert.equal(BROKER_CONFIGS['advertised.listeners'].mode, 'read-only')
  assert.equal(BROKER_CONFIGS.listeners.mode, 'per-broker')
  assert.equal(BROKER_CONFIGS['log.retention.ms'].mode, 'cluster-wide')
  assert.equal(BROKER_CONFIGS['log.retention.hours'].mode, 'read-only')
  assert.ok(BROKER_CONFIG_NAMES.length > 120)
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
    assert.equal(c.origin('num.partitions')!.kind, 'override')
    assert.deepEqual(c.origin('log.segment.bytes'), { kind: 'flag', detail: '--log.segment.bytes' })
    assert.deepEqual(c.origin('message.max.bytes'), { kind: 'env', detail: 'environment variable KAFKA_MESSAGE_MAX_BYTES' })
    assert.equal(c.origin('delete.topic.enable')!.kind, 'file')
    assert.equal(c.layerOf('delete.topic.enable'), 'static')
    assert.equal(c.layerOf('default.replication.factor'), 'default')
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
  assert.deepEqual(
    settingsFromEnv({ KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE: 'false' }).map((s) => s.name),
    ['auto.create.topics.enable'],
  )
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
    'server.properties',
    '--log.dirs',
    './d',
    '--listeners=PLAINTEXT://:0',
    '--override',
    'foo.bar=1',
    '--override=num.partitions=3',
    '--auto.create.topics.enable',
    '--delete.topic.enable',
    'false',
  ])
  assert.equal(parsed.file, 'server.properties')
  assert.deepEqual(
    parsed.settings.map((s) => [s.name, s.raw]),
    [
      ['log.dirs', './d'],
      ['listeners', 'PLAINTEXT://:0'],
      ['foo.bar', '1'],
      ['num.partitions', '3'],
      ['auto.create.topics.enable', 'true'],
      ['delete.topic.enable', 'false'],
    ],
  )
  // a bare boolean flag does not swallow a following file path
  assert.deepEqual(parseBrokerArgs(['--delete.topic.enable', 'my.properties']), {
    file: 'my.properties',
    settings: [{ name: 'delete.topic.enable', raw: 'true', origin: { kind: 'flag', detail: '--delete.topic.enable' } }],
  })
  throwsConfig(() => parseBrokerArgs(['--no.such.thing', '1']), 'no.such.thing', /unknown option --no\.such\.thing.*--override/)
  throwsConfig(() => parseBrokerArgs(['--auto.create.topic.enable']), 'auto.create.topic.enable', /did you mean auto\.create\.topics\.enable\?/)
  throwsConfig(() => parseBrokerArgs(['--num.partitions']), 'num.partitions', /needs a value/)
  throwsConfig(() => parseBrokerArgs(['--override', 'novalue']), undefined, /--override expects name=value/)
  throwsConfig(() => parseBrokerArgs(['a.properties', 'b.properties']), undefined, /only one properties file/)
})

test('a properties file given as the positional argument; unknown names in it and in --override are kept', () => {
  withFile('node.id=4\nsome.plugin.setting=abc\n', (file) => {
    const c = loadBrokerConfig({ args: [file, '--override', 'x.y=z'] })
    assert.equal(c.values.nodeId, 4)
    assert.deepEqual([...c.unknown].sort(), ['some.plugin.setting', 'x.y'])
    assert.equal(c.layerValue('static', 'some.plugin.setting'), 'abc')
  })
})

test("an unknown name in an embedding program's config is an error with a suggestion (issue 17 item 14)", async () => {
  throwsConfig(
    () => loadBrokerConfig({ overrides: { 'auto.create.topic.enable': false } }),
    'auto.create.topic.enable',
    /unknown broker config auto\.create\.topic\.enable \(did you mean auto\.create\.topics\.enable\?\)/,
  )
  await assert.rejects(
    startBroker({ port: 0, config: { 'auto.create.topic.enable': false } }),
    (err: unknown) => err instanceof ConfigError && /did you mean auto\.create\.topics\.enable/.test(err.message),
  )
  assert.equal(suggestBrokerConfig('num.partition'), 'num.partitions')
  assert.equal(suggestBrokerConfig('log.retention.hour'), 'log.retention.hours')
  assert.equal(suggestBrokerConfig('completely.different'), undefined)
})

test('broker.id is an alias of node.id; conflicting values in one layer are an error', () => {
  assert.equal(loadBrokerConfig({ overrides: { 'broker.id': 3 } }).values.nodeId, 3)
  assert.equal(loadBrokerConfig({ overrides: { 'broker.id': 3 } }).get('node.id'), 3)
  withFile('broker.id=2\n', (file) => {
    // a higher layer using the other name still wins
    assert.equal(loadBrokerConfig({ file, args: ['--node.id', '5'] }).values.nodeId, 5)
  })
  withFile('broker.id=2\nnode.id=3\n', (file) => {
    throwsConfig(() => loadBrokerConfig({ file }), 'node.id', /broker\.id and node\.id name the same config/)
  })
})

test('bad values are ConfigErrors naming the property and where it came from', () => {
  throwsConfig(
    () => loadBrokerConfig({ env: { SAMSA_NUM_PARTITIONS: 'abc' } }),
    'num.partitions',
    /Invalid value "abc" for configuration num\.partitions \(from environment variable SAMSA_NUM_PARTITIONS\): Not a number of type INT/,
  )
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

test('longs: Long.MAX is held as Infinity and described as Kafka spells it', () => {
  const c = loadBrokerConfig({ overrides: { 'log.flush.interval.ms': '9223372036854775807' } })
  assert.equal(c.values.logFlushIntervalMs, Infinity)
  assert.equal(LONG_MAX, Infinity)
  assert.equal(c.layerValue('static', 'log.flush.interval.ms'), '9223372036854775807')
  assert.equal(c.layerValue('default', 'log.flush.interval.messages'), '9223372036854775807')
  assert.equal(loadBrokerConfig({ overrides: { 'log.retention.ms': 1234 } }).values.logRetentionMs, 1234)
  assert.equal(loadBrokerConfig({ overrides: { 'log.retention.ms': '-9223372036854775808' } }).layerValue('static', 'log.retention.ms'), '-9223372036854775808')
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
  assert.deepEqual(
    c.values.advertisedListeners.map((l) => `${l.name} ${l.host} ${l.port}`),
    ['PLAINTEXT localhost 9092', 'INTERNAL ::1 0'],
  )

  const adv = loadBrokerConfig({ overrides: { 'advertised.listeners': 'PLAINTEXT://kafka.example:19092' } })
  assert.deepEqual(adv.values.advertisedListeners, [{ name: 'PLAINTEXT', host: 'kafka.example', port: 19092, securityProtocol: 'PLAINTEXT' }])

  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'localhost:9092' } }), 'listeners', /expected NAME:\/\/host:port/)
  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'PLAINTEXT://:99999' } }), 'listeners', /Invalid port/)
  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'FOO://:9092' } }), 'listeners', /No security protocol defined for listener FOO/)
  throwsConfig(() => loadBrokerConfig({ overrides: { listeners: 'PLAINTEXT://:1,PLAINTEXT://:2' } }), 'listeners', /more than once/)
  throwsConfig(() => loadBrokerConfig({ overrides: { 'advertised.listeners': 'PLAINTEXT://0.0.0.0:9092' } }), 'advertised.listeners', /non-routable/)
  throwsConfig(
    () =>
      loadBrokerConfig({ overrides: { 'advertised.listeners': 'OTHER://host:9093', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,OTHER:PLAINTEXT' } }),
    'advertised.listeners',
    /not in listeners/,
  )
  // Security protocols are set up (or refused, naming the listener) when the broker starts: test/security/listeners.test.ts.
  assert.deepEqual(
    loadBrokerConfig({ overrides: { listeners: 'PLAINTEXT://:9092,SSL://:9093' } }).values.listeners.map((l) => l.securityProtocol),
    ['PLAINTEXT', 'SSL'],
  )
})

test('cross-field checks', () => {
  throwsConfig(
    () => loadBrokerConfig({ overrides: { 'group.min.session.timeout.ms': 10, 'group.max.session.timeout.ms': 5 } }),
    'group.min.session.timeout.ms',
    /must not exceed/,
  )
})

test('configs that are set but not acted on yet are listed, so the broker can say so', () => {
  const c = loadBrokerConfig({ args: ['--num.network.threads', '3', '--num.partitions', '2', '--override', 'x.y=1'] })
  assert.deepEqual(c.inert, ['num.network.threads'])
  assert.deepEqual(c.unknown, ['x.y'])
  assert.deepEqual(loadBrokerConfig().inert, [])
})

test('the defaults option changes defaults without making them "set"', () => {
  const c = loadBrokerConfig({ defaults: { 'group.initial.rebalance.delay.ms': 0 } })
  assert.equal(c.values.groupInitialRebalanceDelayMs, 0)
  assert.equal(c.isSet('group.initial.rebalance.delay.ms'), false)
  assert.equal(c.layerValue('default', 'group.initial.rebalance.delay.ms'), '0')
  throwsConfig(() => loadBrokerConfig({ defaults: { 'no.such': 1 } }), 'no.such', /unknown broker config/)
})

test("dynamic layers: per broker > cluster default > static > default, each config on its own (Kafka's DynamicBrokerConfig)", () => {
  const c = loadBrokerConfig({ overrides: { 'log.retention.ms': 1000, 'message.max.bytes': 5000 } })
  const heard: string[][] = []
  const stop = c.onChange((changed) => heard.push([...changed].sort()))
  c.setDynamic('default', { 'log.retention.ms': '2000', 'message.max.bytes': '6000', 'log.cleaner.threads': '2' })
  assert.equal(c.layerOf('message.max.bytes'), 'dynamicDefault')
  assert.equal(c.values.messageMaxBytes, 6000)
  assert.equal(c.values.logRetentionMs, 2000)
  assert.equal(c.layerValue('static', 'log.retention.ms'), '1000')
  assert.deepEqual(c.dynamicConfigs('default'), { 'log.retention.ms': '2000', 'message.max.bytes': '6000', 'log.cleaner.threads': '2' })
  c.setDynamic('broker', { 'message.max.bytes': '7000' })
  assert.equal(c.get('message.max.bytes'), 7000)
  assert.equal(c.layerOf('message.max.bytes'), 'dynamicBroker')
  // a layer is replaced whole, as ZooKeeper's /config/brokers/<entity> holds it
  c.setDynamic('default', { 'message.max.bytes': '6000' })
  assert.equal(c.get('log.cleaner.threads'), 1)
  c.setDynamic('broker', {})
  assert.equal(c.get('message.max.bytes'), 6000)
  assert.deepEqual(heard, [
    ['log.cleaner.threads', 'log.retention.ms', 'message.max.bytes'],
    ['message.max.bytes'],
    ['log.cleaner.threads', 'log.retention.ms'],
    ['message.max.bytes'],
  ])
  c.setDynamic('default', { 'message.max.bytes': '6000' })
  assert.equal(heard.length, 4, 'no change, no call')
  stop()
  c.setDynamic('default', {})
  assert.equal(heard.length, 4)
  assert.equal(c.get('message.max.bytes'), 5000)
})

test('dynamic updates are checked as Kafka does and change nothing when refused', () => {
  const c = loadBrokerConfig()
  throwsConfig(() => c.setDynamic('broker', { 'num.partitions': '3' }), 'num.partitions', /Cannot update these configs dynamically: num\.partitions/)
  throwsConfig(() => c.setDynamic('broker', { 'advertised.listeners': 'PLAINTEXT://h:1' }), 'advertised.listeners', /dynamically/)
  throwsConfig(() => c.setDynamic('default', { listeners: 'PLAINTEXT://:9093' }), 'listeners', /at default cluster level, broker id must be specified/)
  throwsConfig(() => c.setDynamic('default', { 'log.retention.msec': '1' }), 'log.retention.msec', /Unknown broker configs/)
  throwsConfig(() => c.setDynamic('default', { 'message.max.bytes': '-1' }), 'message.max.bytes', /at least 0/)
  throwsConfig(() => c.validateDynamic('broker', { listeners: 'PLAINTEXT://:1,PLAINTEXT://:2' }), 'listeners', /more than once/)
  c.validateDynamic('broker', { listeners: 'PLAINTEXT://:9093' })
  assert.deepEqual(c.dynamicConfigs('broker'), {})
  assert.equal(c.values.listeners[0]!.port, 9092)
})

test('generateClusterId gives 22-character URL-safe ids', () => {
  const ids = new Set(Array.from({ length: 50 }, () => generateClusterId()))
  assert.equal(ids.size, 50)
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/)
})
