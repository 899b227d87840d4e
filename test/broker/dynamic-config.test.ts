// A dynamic broker config change flows through the config model to the logs of every topic that
// does not set the config itself (Kafka's DynamicLogConfig.reconfigure). A single broker keeps
// dynamic broker configs and group configs (KIP-848's GROUP resource, Kafka's GroupConfig) in its
// metadata store, so they survive a restart, as ZooKeeper mode keeps them in /config/brokers and
// /config/groups (tested with the cluster, test/cluster/zk-cluster.test.ts). Failing disks:
// test/broker/storage-faults.test.ts.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import kafkajs from 'kafkajs'
import { startBroker } from '../../src/index.js'
import { Admin } from '../../src/client/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const { Kafka, logLevel, ConfigResourceTypes } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

test("a dynamic cluster-default log config reaches open logs; a topic's own setting still wins", async () => {
  const broker = await startBroker({ port: 0, config: { 'log.retention.hours': 24 } })
  const admin = await Admin.connect({ bootstrap: broker.bootstrap })
  try {
    await admin.createTopics([
      { name: 'plain', partitions: 2 },
      { name: 'own', partitions: 1, configs: { 'retention.ms': '1000' } },
    ])
    const b = broker.running.broker
    assert.equal(b.replicas.partition('plain', 1)!.log.config.retentionMs, 86_400_000)
    b.config.setDynamic('default', { 'log.retention.ms': '5000', 'log.segment.bytes': '2000000' })
    assert.equal(b.replicas.partition('plain', 0)!.log.config.retentionMs, 5000)
    assert.equal(b.replicas.partition('plain', 1)!.log.config.segmentBytes, 2_000_000)
    assert.equal(b.replicas.partition('own', 0)!.log.config.retentionMs, 1000)
    const [retention] = await admin.describeConfigs({ type: 'topic', name: 'plain' }, { keys: ['retention.ms'], synonyms: true })
    assert.deepEqual([retention!.value, retention!.source], ['5000', 'DYNAMIC_DEFAULT_BROKER_CONFIG'])
    b.config.setDynamic('default', {})
    assert.equal(b.replicas.partition('plain', 0)!.log.config.retentionMs, 86_400_000)
    // the config APIs check a dynamic update as Kafka does
    await assert.rejects(
      admin.alterConfigs({ type: 'broker', name: '' }, [{ op: 'set', name: 'num.partitions', value: '3' }]),
      /Cannot update these configs dynamically: num\.partitions/,
    )
  } finally {
    await admin.close()
    await broker.close()
  }
})

test('a single broker stores dynamic broker configs set through kafkajs and our admin client; a restart brings them back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-dynamic-'))
  try {
    let broker = await startBroker({ port: 0, dataDir: dir })
    const kafka = (bootstrap: string) => new Kafka({ brokers: [bootstrap], clientId: 'dynamic-config-test', logLevel: logLevel.NOTHING })
    let k = kafka(broker.bootstrap).admin()
    await k.connect()
    try {
      await k.createTopics({ topics: [{ topic: 'kept', numPartitions: 1 }] })
      // kafkajs sends AlterConfigs (the whole set of this broker's dynamic configs).
      await k.alterConfigs({
        validateOnly: false,
        resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'log.retention.ms', value: '5000' }] }],
      })
      const admin = await Admin.connect({ bootstrap: broker.bootstrap })
      await admin.alterConfigs({ type: 'broker', name: '' }, [{ op: 'set', name: 'log.segment.bytes', value: '2000000' }])
      await admin.close()
      const log = broker.running.broker.replicas.partition('kept', 0)!.log
      assert.deepEqual([log.config.retentionMs, log.config.segmentBytes], [5000, 2_000_000], 'applied at once')
    } finally {
      await k.disconnect()
    }
    await broker.close()

    broker = await startBroker({ port: 0, dataDir: dir })
    k = kafka(broker.bootstrap).admin()
    await k.connect()
    try {
      const described = await k.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['log.retention.ms', 'log.segment.bytes'] }],
      })
      const byName = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e]))
      assert.equal(byName.get('log.retention.ms')!.configValue, '5000')
      assert.equal(byName.get('log.segment.bytes')!.configValue, '2000000')
      const log = broker.running.broker.replicas.partition('kept', 0)!.log
      assert.deepEqual([log.config.retentionMs, log.config.segmentBytes], [5000, 2_000_000], 'applied again after the restart')
      // Removing them is kept too.
      await k.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [] }] })
      assert.equal(log.config.retentionMs, 604_800_000)
    } finally {
      await k.disconnect()
      await broker.close()
    }
    broker = await startBroker({ port: 0, dataDir: dir })
    assert.equal(broker.running.broker.config.get('log.retention.ms'), null)
    assert.equal(broker.running.broker.config.get('log.segment.bytes'), 2_000_000)
    await broker.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

const GROUP = 32

async function heartbeat(c: RawConnection, groupId: string, memberId = '', memberEpoch = 0): Promise<any> {
  return c.request(
    ApiKey.ConsumerGroupHeartbeat,
    0,
    memberEpoch === 0
      ? { groupId, memberId, memberEpoch, rebalanceTimeoutMs: 30000, subscribedTopicNames: ['g'], topicPartitions: [] }
      : { groupId, memberId, memberEpoch },
  )
}

test("group configs (KIP-848): validated as Kafka's GroupConfig, stored, used by the coordinator, back after a restart", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-group-configs-'))
  // Bounds low enough that a member can time out within the test.
  const config = { 'group.consumer.min.session.timeout.ms': 1000, 'group.consumer.min.heartbeat.interval.ms': 100 }
  try {
    let broker = await startBroker({ port: 0, dataDir: dir, config })
    const admin = await Admin.connect({ bootstrap: broker.bootstrap })
    const c = await RawConnection.connect(broker.port)
    try {
      await admin.createTopics([{ name: 'g', partitions: 1 }])
      const alter = (configs: Array<{ name: string; configOperation: number; value: string | null }>, validateOnly = false) =>
        c.request(ApiKey.IncrementalAlterConfigs, 1, { resources: [{ resourceType: GROUP, resourceName: 'short-lived', configs }], validateOnly })
      // Kafka's checks: known names, the broker's bounds, session above heartbeat.
      let r = await alter([{ name: 'consumer.session.timeout.ms', configOperation: 0, value: '999' }])
      assert.equal(r.responses[0].errorCode, ErrorCode.INVALID_CONFIG)
      assert.match(r.responses[0].errorMessage, /greater than or equal to group\.consumer\.min\.session\.timeout\.ms/)
      r = await alter([{ name: 'consumer.nope', configOperation: 0, value: '1' }])
      assert.equal(r.responses[0].errorCode, ErrorCode.INVALID_CONFIG)
      r = await alter([{ name: 'consumer.session.timeout.ms', configOperation: 0, value: '1500' }])
      assert.equal(r.responses[0].errorCode, ErrorCode.INVALID_CONFIG, 'not above the heartbeat interval (5000)')
      r = await alter(
        [
          { name: 'consumer.session.timeout.ms', configOperation: 0, value: '1500' },
          { name: 'consumer.heartbeat.interval.ms', configOperation: 0, value: '250' },
        ],
        true,
      )
      assert.equal(r.responses[0].errorCode, ErrorCode.NONE)
      assert.equal(
        (await admin.describeConfigs({ type: 'group', name: 'short-lived' }, { keys: ['consumer.session.timeout.ms'] }))[0]!.value,
        '45000',
        'validateOnly changed nothing',
      )
      r = await alter([
        { name: 'consumer.session.timeout.ms', configOperation: 0, value: '1500' },
        { name: 'consumer.heartbeat.interval.ms', configOperation: 0, value: '250' },
      ])
      assert.equal(r.responses[0].errorCode, ErrorCode.NONE)
      const [session] = await admin.describeConfigs({ type: 'group', name: 'short-lived' }, { keys: ['consumer.session.timeout.ms'] })
      assert.deepEqual([session!.value, session!.source], ['1500', 'GROUP_CONFIG'])

      // The coordinator hands out the group's heartbeat interval and fences a member after its session timeout.
      const joined = await heartbeat(c, 'short-lived')
      assert.equal(joined.errorCode, ErrorCode.NONE)
      assert.equal(joined.heartbeatIntervalMs, 250)
      assert.equal((await heartbeat(c, 'other')).heartbeatIntervalMs, 5000, "another group keeps the broker's")
      const groups = broker.running.broker.groups
      for (let waited = 0; groups.groups.get('short-lived')?.members.size !== 0; waited += 50) {
        assert.ok(waited < 20_000, "the member was fenced after the group's 1.5 s session timeout")
        await new Promise((res) => setTimeout(res, 50))
      }
      assert.equal((await heartbeat(c, 'short-lived', joined.memberId, joined.memberEpoch)).errorCode, ErrorCode.UNKNOWN_MEMBER_ID)
    } finally {
      c.close()
      await admin.close()
      await broker.close()
    }

    broker = await startBroker({ port: 0, dataDir: dir, config })
    const again = await RawConnection.connect(broker.port)
    try {
      assert.equal((await heartbeat(again, 'short-lived')).heartbeatIntervalMs, 250, 'stored and applied after a restart')
      const res = await again.request(ApiKey.IncrementalAlterConfigs, 1, {
        resources: [{ resourceType: GROUP, resourceName: 'short-lived', configs: [{ name: 'consumer.session.timeout.ms', configOperation: 1, value: null }] }],
        validateOnly: false,
      })
      assert.equal(res.responses[0].errorCode, ErrorCode.NONE)
      const described = await again.request(ApiKey.DescribeConfigs, 4, {
        resources: [{ resourceType: GROUP, resourceName: 'short-lived', configurationKeys: null }],
        includeSynonyms: false,
        includeDocumentation: false,
      })
      const values = Object.fromEntries(described.results[0].configs.map((e: { name: string; value: string }) => [e.name, e.value]))
      assert.deepEqual(values, { 'consumer.heartbeat.interval.ms': '250', 'consumer.session.timeout.ms': '45000' })
    } finally {
      again.close()
      await broker.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
