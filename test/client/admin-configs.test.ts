// Admin.describeConfigs with synonyms: an overridden topic config says where the value comes
// from and what it falls back to when the override is deleted.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker } from '../../src/index.js'
import { Admin } from '../../src/client/index.js'

test('describeConfigs reports sources and, when asked, synonyms', async () => {
  const broker = await startBroker({ port: 0 })
  const admin = await Admin.connect({ bootstrap: broker.bootstrap })
  try {
    await admin.createTopics([{ name: 'cfg', partitions: 1, configs: { 'retention.ms': '1000' } }])
    const plain = await admin.describeConfigs({ type: 'topic', name: 'cfg' })
    const retention = plain.find((c) => c.name === 'retention.ms')!
    assert.equal(retention.value, '1000')
    assert.equal(retention.source, 'DYNAMIC_TOPIC_CONFIG')
    assert.equal(retention.synonyms, undefined)

    const withSynonyms = await admin.describeConfigs({ type: 'topic', name: 'cfg' }, { synonyms: true })
    const r = withSynonyms.find((c) => c.name === 'retention.ms')!
    assert.deepEqual(r.synonyms, [{ name: 'retention.ms', value: '1000', source: 'DYNAMIC_TOPIC_CONFIG' }])
    const policy = withSynonyms.find((c) => c.name === 'cleanup.policy')!
    assert.deepEqual(policy.synonyms, [{ name: 'log.cleanup.policy', value: 'delete', source: 'DEFAULT_CONFIG' }])
    const segment = withSynonyms.find((c) => c.name === 'segment.bytes')!
    assert.equal(segment.isDefault, true)
  } finally {
    await admin.close()
    await broker.close()
  }
})
