// A data directory written by an earlier release must load unchanged: topics, their configs,
// records (every codec), and committed group offsets. See test/fixtures/README.md.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBroker } from '../../src/index.js'
import { Admin, Consumer } from '../../src/client/index.js'

const fixture = fileURLToPath(new URL('../../../test/fixtures/data-0.1.0', import.meta.url))

test('a data directory written by 0.1.0 loads with its topics, records, configs and offsets', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-upgrade-'))
  cpSync(fixture, dataDir, { recursive: true })
  const broker = await startBroker({ port: 0, dataDir })
  try {
    assert.match(readFileSync(join(dataDir, 'meta.properties'), 'utf8'), /cluster\.id=4gAKC2Y0ldYbXeErOzXaWA/)
    const admin = await Admin.connect({ bootstrap: broker.bootstrap })
    try {
      const topics = await admin.describeTopics(['orders', 'profiles'])
      assert.deepEqual(
        topics.map((t) => [t.name, t.partitions.length]),
        [
          ['orders', 3],
          ['profiles', 1],
        ],
      )
      const ends = topics[0]!.partitions.map((p) => Number(p.endOffset)).sort((a, b) => a - b)
      assert.deepEqual(ends, [55, 60, 85])
      const configs = await admin.describeConfigs({ type: 'topic', name: 'orders' }, { keys: ['retention.ms'] })
      assert.equal(configs.find((c) => c.name === 'retention.ms')?.value, '604800000')
      const compact = await admin.describeConfigs({ type: 'topic', name: 'profiles' }, { keys: ['cleanup.policy'] })
      assert.equal(compact.find((c) => c.name === 'cleanup.policy')?.value, 'compact')
      const offsets = await admin.listGroupOffsets('billing')
      assert.deepEqual(
        offsets.map((o) => [o.partition, Number(o.offset)]).sort((a, b) => a[0]! - b[0]!),
        [
          [0, 55],
          [1, 85],
          [2, 10],
        ],
      )
    } finally {
      await admin.close()
    }
    const c = await Consumer.connect({ bootstrap: broker.bootstrap, maxWaitMs: 50 })
    try {
      await c.assign([0, 1, 2].map((partition) => ({ topic: 'orders', partition, start: 'earliest' as const })))
      const got = []
      while (!c.caughtUp()) got.push(...(await c.poll()))
      assert.equal(got.length, 200)
      const values = new Set(got.map((r) => r.value!.toString()))
      for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
        for (let i = 1; i <= 40; i++) assert.ok(values.has(`${codec}-value-${i}`), `${codec}-value-${i}`)
      }
      for (const r of got) assert.equal(r.key!.toString(), `key${Number(r.value!.toString().split('-').at(-1)) % 7}`)
    } finally {
      await c.close()
    }
  } finally {
    await broker.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
