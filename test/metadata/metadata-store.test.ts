// The metadata store persists a change before it applies it: a change whose file cannot be
// written is refused and leaves nothing in memory; changes asked for together go out in one
// write (group commit); opening writes nothing when meta.properties is current (a broker
// starts on a full disk).
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { MetadataStore } from '../../src/metadata/metadata-store.js'
import { FaultyFs } from '../support/faulty-fs.js'

const dirs: string[] = []
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'samsa-metadata-'))
  dirs.push(d)
  return d
}
const topic = (name: string) => ({ name, partitions: 1, replicationFactor: 1, configs: {}, internal: false })
const topicsWrites = (fs: FaultyFs) => fs.callsOf('renameSync').filter((p) => p.endsWith('topics.json.tmp')).length

describe('MetadataStore', () => {
  it('writes changes asked for together in one go, in order', async () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    const store = await MetadataStore.open(dir, { nodeId: 1, fs })
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.createTopic(topic(`t${i}`))))
    assert.ok(topicsWrites(fs) <= 2, `${topicsWrites(fs)} writes for 20 topics`)
    await Promise.all([store.setConfigs('t1', { 'retention.ms': '5' }), store.deleteTopic('t2'), store.setPartitionCount('t3', 4)])
    const reopened = await MetadataStore.open(dir, { nodeId: 1 })
    assert.equal([...reopened.topics()].length, 19)
    assert.deepEqual(reopened.topic('t1')?.configs, { 'retention.ms': '5' })
    assert.equal(reopened.topic('t3')?.partitions, 4)
    assert.equal(reopened.topic('t2'), undefined)
  })

  it('a change that cannot be written is refused and applied nowhere', async () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    const store = await MetadataStore.open(dir, { nodeId: 1, fs })
    const kept = await store.createTopic(topic('kept'))
    const before = readFileSync(join(dir, 'topics.json'), 'utf8')
    fs.failAlways('writeSync', 'ENOSPC', { path: /topics\.json\.tmp$/ })
    const results = await Promise.allSettled([
      store.createTopic(topic('ghost')),
      store.setConfigs('kept', { 'cleanup.policy': 'compact' }),
      store.deleteTopic('kept'),
    ])
    fs.clear()
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected', 'rejected'],
    )
    assert.equal((results[0] as PromiseRejectedResult).reason.code, 'SAMSA_STORAGE_METADATA')
    assert.equal(store.topic('ghost'), undefined)
    assert.equal(store.topic('kept'), kept)
    assert.deepEqual(kept.configs, {})
    assert.equal(readFileSync(join(dir, 'topics.json'), 'utf8'), before)
    // The next change goes through and does not carry the failed ones along.
    await store.setPartitionCount('kept', 2)
    const reopened = await MetadataStore.open(dir, { nodeId: 1 })
    assert.deepEqual(
      [...reopened.topics()].map((t) => [t.name, t.partitions, t.configs]),
      [['kept', 2, {}]],
    )
  })

  it('opens on a full disk without writing when meta.properties is current', async () => {
    const dir = tempDir()
    const first = await MetadataStore.open(dir, { nodeId: 7 })
    const fs = new FaultyFs()
    fs.diskFull = true
    const again = await MetadataStore.open(dir, { nodeId: 7, fs })
    assert.equal(again.clusterId, first.clusterId)
    assert.deepEqual(fs.callsOf('writeSync'), [])
    // A changed node id is written (and needs space).
    await assert.rejects(MetadataStore.open(dir, { nodeId: 8, fs }), /ENOSPC/)
  })
})
