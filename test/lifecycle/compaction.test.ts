// Compaction end to end: kcat (librdkafka) produces many versions of a few thousand keys with
// tombstones and every codec to a compacted topic on a broker started here; the cleaner runs on
// its schedule; full reads (our Fetch and kcat) must give exactly the latest value per key.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { prng } from '../prng.js'
import { RawConnection, alterTopicConfigs, kcatConsume, kcatProduce, produce, readAll, tempDir, waitFor, type ReadRecord } from './helpers.js'

const KEYS = 3000
const ROUNDS = 5
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd']

interface Expected {
  /** Latest value per data key; null for a key whose last record is a tombstone. */
  latest: Map<string, string | null>
}

/** What a full read must give for the data keys (filler keys are ignored). */
function check(records: readonly ReadRecord[], expected: Expected, tombstonesGone: boolean): string | null {
  const seen = new Map<string, ReadRecord[]>()
  for (const r of records) {
    if (r.key === null) return `record ${r.offset} has no key`
    if (r.key.startsWith('filler-')) continue
    let list = seen.get(r.key)
    if (list === undefined) seen.set(r.key, (list = []))
    list.push(r)
  }
  for (const [key, value] of expected.latest) {
    const got = seen.get(key) ?? []
    // A tombstone may already be gone when the first converged read happens (delete.retention.ms
    // is 1.5 s here, and a full read on a loaded machine can take longer): nothing is right then too.
    if (value === null && (tombstonesGone || got.length === 0)) {
      if (got.length > 0) return `deleted key ${key} still has ${got.length} record(s)`
      continue
    }
    if (got.length !== 1) return `key ${key} has ${got.length} records`
    if (got[0]!.value !== value) return `key ${key}: got ${got[0]!.value}, want ${value}`
  }
  for (const key of seen.keys()) if (!expected.latest.has(key)) return `unexpected key ${key}`
  return null
}

describe('compaction end to end', () => {
  let broker: EmbeddedBroker
  let client: RawConnection
  before(async () => {
    broker = await startBroker({
      port: 0,
      dataDir: tempDir(),
      config: { 'log.retention.check.interval.ms': 100, 'log.cleaner.backoff.ms': 100, 'log.segment.delete.delay.ms': 0 },
    })
    client = await RawConnection.connect(broker.port)
  })
  after(async () => {
    client?.close()
    await broker?.close()
  })

  it('keeps exactly the latest value of each key and drops deleted keys after delete.retention.ms', async () => {
    const topic = 'compacted-kcat'
    await broker.running.broker.admin.createTopic(topic, {
      partitions: 1,
      configs: { 'cleanup.policy': 'compact', 'segment.bytes': '16384', 'delete.retention.ms': '1500', 'min.cleanable.dirty.ratio': '0.3' },
    })
    const rnd = prng(7)
    const expected: Expected = { latest: new Map() }
    for (let round = 0; round < ROUNDS; round++) {
      const records: { key: string; value: string | null }[] = []
      for (let i = 0; i < KEYS; i++) {
        const key = `key-${Math.floor(rnd() * KEYS)}`
        const value = rnd() < 0.1 ? null : `r${round}-${i}-${'v'.repeat(Math.floor(rnd() * 20))}`
        records.push({ key, value })
        expected.latest.set(key, value)
      }
      await kcatProduce(broker.bootstrap, topic, records, CODECS[round % CODECS.length])
    }
    // Other keys roll the active segment past the data, so all of it is cleanable.
    await kcatProduce(
      broker.bootstrap,
      topic,
      Array.from({ length: 1000 }, (_, i) => ({ key: `filler-${i}`, value: 'f'.repeat(40) })),
    )
    const log = broker.running.broker.replicas.partition(topic, 0)!.log
    const sizeBefore = log.size
    const deleted = [...expected.latest.values()].filter((v) => v === null).length
    assert.ok(deleted > 50, `${deleted} keys end deleted`)

    let last: string | null = 'not read'
    const compacted = await waitFor(async () => (last = check(await readAll(client, topic), expected, false)) === null, 20_000)
    assert.ok(compacted, `latest value per key within 20 s: ${last}`)
    const gone = await waitFor(async () => (last = check(await readAll(client, topic), expected, true)) === null, 20_000)
    assert.ok(gone, `deleted keys gone within 20 s: ${last}`)
    // A real client reads the same.
    assert.equal(check(await kcatConsume(broker.bootstrap, topic), expected, true), null)
    assert.ok(broker.running.logManager.cleaner!.passes >= 2)
    assert.ok(log.size < sizeBefore / 2, `${log.size} of ${sizeBefore} bytes left`)
  })

  it('rejects records without a key on a compacted topic, compressed or not', async () => {
    const topic = 'compacted-keys'
    await broker.running.broker.admin.createTopic(topic, { partitions: 1, configs: { 'cleanup.policy': 'compact,delete' } })
    for (const compression of ['none', 'gzip', 'lz4', 'zstd', 'snappy'] as const) {
      const batch = encodeRecordBatch({
        records: [
          { key: 'k', value: 'v' },
          { key: null, value: 'no key' },
        ],
        compression,
      })
      assert.equal((await produce(client, topic, batch)).errorCode, ErrorCode.INVALID_RECORD, compression)
      const ok = encodeRecordBatch({ records: [{ key: 'k', value: 'v' }], compression })
      assert.equal((await produce(client, topic, ok)).errorCode, ErrorCode.NONE, compression)
    }
  })

  it('starts compacting when IncrementalAlterConfigs sets cleanup.policy=compact, without a restart', async () => {
    const topic = 'becomes-compacted'
    await broker.running.broker.admin.createTopic(topic, { partitions: 1, configs: { 'segment.bytes': '8192' } })
    const latest = new Map<string, string>()
    for (let i = 0; i < 40; i++) {
      const records = Array.from({ length: 20 }, (_, j) => ({ key: `k${j}`, value: `v${i}-${j}` }))
      for (const r of records) latest.set(r.key, r.value)
      assert.equal((await produce(client, topic, encodeRecordBatch({ records }))).errorCode, 0)
    }
    for (let i = 0; i < 10; i++) await produce(client, topic, encodeRecordBatch({ records: [{ key: `filler-${i}`, value: 'x'.repeat(1000) }] }))
    const before = (await readAll(client, topic)).length
    await new Promise((r) => setTimeout(r, 400))
    assert.equal((await readAll(client, topic)).length, before, 'not compacted under cleanup.policy=delete')
    assert.equal(await alterTopicConfigs(client, topic, { 'cleanup.policy': 'compact' }), ErrorCode.NONE)
    const ok = await waitFor(async () => {
      const got = (await readAll(client, topic)).filter((r) => !r.key!.startsWith('filler-'))
      return got.length === latest.size && got.every((r) => latest.get(r.key!) === r.value)
    }, 10_000)
    assert.ok(ok, 'compacted after the config change')
  })
})
