// A dynamic broker config change flows through the config model to the logs of every topic that
// does not set the config itself (Kafka's DynamicLogConfig.reconfigure). Where changes are stored
// (ZooKeeper's /config/brokers) is tested with the cluster (test/cluster/zk-cluster.test.ts); a
// broker without ZooKeeper refuses them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker } from '../../src/index.js'
import { Admin } from '../../src/client/index.js'

test('a dynamic cluster-default log config reaches open logs; a topic\'s own setting still wins', async () => {
  const broker = await startBroker({ port: 0, config: { 'log.retention.hours': 24 } })
  const admin = await Admin.connect({ bootstrap: broker.bootstrap })
  try {
    await admin.createTopics([{ name: 'plain', partitions: 2 }, { name: 'own', partitions: 1, configs: { 'retention.ms': '1000' } }])
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
    // the config APIs check a dynamic update as Kafka does; without ZooKeeper it cannot be kept
    await assert.rejects(admin.alterConfigs({ type: 'broker', name: '' }, [{ op: 'set', name: 'num.partitions', value: '3' }]), /Cannot update these configs dynamically: num\.partitions/)
    await assert.rejects(admin.alterConfigs({ type: 'broker', name: '' }, [{ op: 'set', name: 'log.retention.ms', value: '5000' }]), /cannot keep them/)
  } finally {
    await admin.close()
    await broker.close()
  }
})
