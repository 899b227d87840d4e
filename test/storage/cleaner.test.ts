import { nodeFs } from '../../src/storage/file-system.js'
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, it } from 'node:test'
import { isXerialSnappy } from '../../src/protocol/compression.js'
import { COMPRESSION_TYPES, DELETE_HORIZON_FLAG_MASK, RECORD_BATCH_OVERHEAD, isCrcValid } from '../../src/protocol/record-batch.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { readCleanerCheckpoint } from '../../src/storage/cleaner/cleaner-checkpoint.js'
import { LogCleanerManager } from '../../src/storage/cleaner/cleaner-manager.js'
import { silentLogger } from '../../src/storage/logger.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { tempDir, eventually } from './helpers.js'
import { cleanerFor, compactConfig, fill, latestByKey, readBatches, readRecords, type KeyedRecord } from './lifecycle-helpers.js'

const DAY = 86_400_000

/** The invariants of a cleaned log against everything that was written to it. */
function assertCompacted(log: PartitionLog, written: readonly KeyedRecord[], opts: { tombstonesGone?: boolean } = {}): KeyedRecord[] {
  const after = readRecords(log)
  const activeBase = log.segments.at(-1)!.baseOffset
  const byOffset = new Map(written.map((r) => [r.offset, r]))
  for (let i = 1; i < after.length; i++) assert.ok(after[i]!.offset > after[i - 1]!.offset, 'offsets increase')
  for (const r of after) assert.deepEqual(r, byOffset.get(r.offset), `record at ${r.offset} is one that was written, unchanged`)
  const cleanedKeys = new Set<string>()
  for (const r of after) {
    if (r.offset >= activeBase) continue
    assert.ok(!cleanedKeys.has(r.key!), `key ${r.key} appears twice below the active segment`)
    cleanedKeys.add(r.key!)
  }
  const expected = latestByKey(written)
  const got = latestByKey(after)
  for (const [key, want] of expected) {
    if (opts.tombstonesGone && want.value === null && want.offset < activeBase) {
      assert.ok(!got.has(key), `deleted key ${key} is gone`)
      continue
    }
    assert.deepEqual(got.get(key), want, `latest record of ${key}`)
  }
  assert.equal(got.size, [...expected.values()].filter((r) => !(opts.tombstonesGone && r.value === null && r.offset < activeBase)).length)
  for (const b of readBatches(log)) assert.ok(isCrcValid(b.bytes, 0, b.bytes.length), `CRC of batch ${b.baseOffset}`)
  return after
}

describe('log cleaner', () => {
  it('keeps exactly the latest record of each key below the active segment, offsets unchanged', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig())
    const { records } = fill(log, { batches: 300, perBatch: 5, keys: 60 })
    const before = log.size
    const segmentsBefore = log.segmentCount
    const stats = await cleanerFor(log).cleanOne(log)
    assert.ok(stats !== undefined)
    assert.equal(stats.endOffset, log.segments.at(-1)!.baseOffset)
    assert.ok(log.size < before / 3, `size ${log.size} of ${before}`)
    assertCompacted(log, records)
    assert.deepEqual(readCleanerCheckpoint(nodeFs, dir), { firstDirtyOffset: stats.endOffset, deleteHorizonMs: -1 })
    // The old segments' files are unlinked off the event loop, after the swap.
    await eventually(() =>
      assert.ok(!readdirSync(dir).some((n) => n.endsWith('.cleaned') || n.endsWith('.swap') || n.endsWith('.deleted')), readdirSync(dir).join(' ')),
    )
    // A second pass merges the now small segments into one.
    await cleanerFor(log).cleanOne(log)
    assert.ok(log.segmentCount < segmentsBefore / 2, `${log.segmentCount} segments`)
    assertCompacted(log, records)
    // And everything survives a reopen.
    await log.close()
    const reopened = await PartitionLog.open(dir, compactConfig())
    assertCompacted(reopened, records)
    await reopened.close()
  })

  it('keeps tombstones until delete.retention.ms after the first cleaning, with a KIP-534 delete horizon', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig({ deleteRetentionMs: DAY }))
    const { records } = fill(log, { batches: 200, perBatch: 4, keys: 40, tombstoneEvery: 3 })
    // Other keys push the last tombstones out of the active segment.
    for (let i = 0; i < 60; i++) {
      const r = log.append(encodeRecordBatch({ records: [{ key: `filler-${i}`, value: 'f'.repeat(100), timestamp: 5_000_000n }] }))
      records.push({ offset: r.baseOffset, key: `filler-${i}`, value: 'f'.repeat(100), timestamp: 5_000_000n })
    }
    const latest = latestByKey(records)
    const activeBase = () => log.segments.at(-1)!.baseOffset
    const deleted = [...latest.values()].filter((r) => r.value === null && r.offset < activeBase())
    assert.ok(deleted.length > 3, `${deleted.length} keys end in a tombstone`)
    const cleaner = cleanerFor(log)
    const t0 = Date.now()
    const first = await cleaner.cleanOne(log, t0)
    assert.equal(first?.deleteHorizonMs, t0 + DAY)
    assertCompacted(log, records)
    for (const b of readBatches(log)) {
      if (b.baseOffset >= activeBase()) continue
      const tombstones = readRecords(log).filter((r) => r.offset >= b.baseOffset && r.offset <= b.lastOffset && r.value === null)
      if (tombstones.length > 0) {
        assert.ok((b.attributes & DELETE_HORIZON_FLAG_MASK) !== 0, 'horizon bit set on a batch with tombstones')
        assert.equal(b.baseTimestamp, BigInt(t0 + DAY))
      }
    }
    assert.equal(cleaner.grabFilthiestLog(t0 + DAY - 1), undefined, 'nothing due before the horizon')
    const due = cleaner.grabFilthiestLog(t0 + DAY + 1)
    assert.ok(due?.range.tombstonesDue, 'due once the horizon passed')
    const second = await cleaner.cleanOne(log, t0 + DAY + 1)
    assert.equal(second?.deleteHorizonMs, -1)
    assertCompacted(log, records, { tombstonesGone: true })
    assert.equal(cleaner.grabFilthiestLog(t0 + 2 * DAY), undefined)
    await log.close()
  })

  it('keeps tombstones for good with delete.retention.ms = Long.MAX', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig({ deleteRetentionMs: Number.MAX_SAFE_INTEGER }))
    const { records } = fill(log, { batches: 100, perBatch: 4, keys: 10, tombstoneEvery: 2 })
    const more = fill(log, { batches: 50, perBatch: 4, keys: 1000, seed: 77 })
    const stats = await cleanerFor(log).cleanOne(log)
    assert.equal(stats?.deleteHorizonMs, Number.MAX_SAFE_INTEGER)
    assertCompacted(log, [...records, ...more.records])
    await log.close()
  })

  for (const codec of COMPRESSION_TYPES.filter((c) => c !== 'none')) {
    it(`cleans ${codec} batches, recompressing with the same codec`, async () => {
      const dir = tempDir()
      const log = await PartitionLog.open(dir, compactConfig())
      const { records } = fill(log, { batches: 120, perBatch: 20, keys: 50, tombstoneEvery: 11, compression: (i) => (i % 3 === 0 ? 'none' : codec) })
      await cleanerFor(log).cleanOne(log, Date.now())
      assertCompacted(log, records)
      const codecs = new Set(
        readBatches(log)
          .filter((b) => b.recordCount > 0)
          .map((b) => COMPRESSION_TYPES[b.attributes & 7]),
      )
      assert.ok(codecs.has(codec), `some batches still ${codec}: ${[...codecs]}`)
      await log.close()
    })
  }

  it('keeps the framing of snappy batches (xerial from Java clients, plain from others)', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig())
    const written: KeyedRecord[] = []
    for (let i = 0; i < 200; i++) {
      const framing = i % 2 === 0 ? 'xerial' : 'raw'
      const recs = [0, 1, 2].map((j) => ({ key: `k${(i * 3 + j) % 10}`, value: `${framing}-${i}-${j}`, timestamp: 5000n + BigInt(i) }))
      const r = log.append(encodeRecordBatch({ records: recs, compression: 'snappy', compressOptions: { snappyFraming: framing } }))
      recs.forEach((x, j) => written.push({ offset: r.baseOffset + BigInt(j), key: x.key, value: x.value, timestamp: x.timestamp }))
    }
    await cleanerFor(log).cleanOne(log)
    assertCompacted(log, written)
    for (const b of readBatches(log)) {
      if (b.recordCount === 0) continue
      const firstValue = readRecords(log).find((r) => r.offset >= b.baseOffset)!.value!
      assert.equal(isXerialSnappy(b.bytes.subarray(RECORD_BATCH_OVERHEAD)), firstValue.startsWith('xerial'), `framing of batch ${b.baseOffset}`)
    }
    await log.close()
  })

  it("keeps each idempotent producer's last batch (empty if need be), so idempotence survives cleaning and restarts", async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig())
    const pid = 4242n
    let seq = 0
    for (let i = 0; i < 30; i++) {
      const recs = ['a', 'b', 'c'].map((k) => ({ key: k, value: `p-${i}-${k}` }))
      log.append(encodeRecordBatch({ records: recs, producerId: pid, producerEpoch: 0, baseSequence: seq }), { validateProducer: true })
      seq += 3
    }
    const lastProducerBatch = readBatches(log).at(-1)!
    // Plain writes supersede every record of the producer, then filler rolls segments past it.
    for (let i = 0; i < 3; i++) log.append(encodeRecordBatch({ records: ['a', 'b', 'c'].map((k) => ({ key: k, value: `plain-${i}` })) }))
    fill(log, { batches: 60, perBatch: 5, keys: 20 })
    await cleanerFor(log).cleanOne(log)
    const kept = readBatches(log).filter((b) => b.producerId === pid)
    assert.equal(kept.length, 1, 'only the last batch of the producer stays')
    assert.equal(kept[0]!.recordCount, 0, 'as an empty batch')
    assert.equal(kept[0]!.lastOffset, lastProducerBatch.lastOffset)
    assert.equal(kept[0]!.baseSequence, lastProducerBatch.baseSequence)
    await log.close()
    const reopened = await PartitionLog.open(dir, compactConfig())
    const entry = reopened.producerState.entry(pid)
    assert.equal(entry?.batches.at(-1)?.lastSeq, seq - 1)
    const retry = encodeRecordBatch({
      records: [
        { key: 'a', value: 'x' },
        { key: 'b', value: 'y' },
        { key: 'c', value: 'z' },
      ],
      producerId: pid,
      producerEpoch: 0,
      baseSequence: seq - 3,
    })
    assert.equal(reopened.append(retry, { validateProducer: true }).duplicate, true, 'a retry of the last batch is still a duplicate')
    const next = encodeRecordBatch({ records: [{ key: 'a', value: 'next' }], producerId: pid, producerEpoch: 0, baseSequence: seq })
    assert.equal(reopened.append(next, { validateProducer: true }).duplicate, false)
    await reopened.close()
  })

  it('follows min.cleanable.dirty.ratio, min.compaction.lag.ms and max.compaction.lag.ms', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig({ minCleanableDirtyRatio: 0.5 }))
    const now = Date.now()
    const first = fill(log, { batches: 200, perBatch: 5, keys: 100, ts: BigInt(now - DAY) })
    const cleaner = cleanerFor(log)
    assert.equal(cleaner.grabFilthiestLog(now)?.log, log, 'never cleaned: dirty ratio 1')
    await cleaner.cleanOne(log, now)
    assert.equal(cleaner.grabFilthiestLog(now), undefined, 'clean now')
    // A little more: the ratio stays under 0.5.
    const small = fill(log, { batches: 5, perBatch: 5, keys: 100, ts: BigInt(now - DAY), seed: 5000 })
    const range = cleaner.grabFilthiestLog(now)
    assert.equal(range, undefined)
    // Much more: over 0.5, unless min.compaction.lag.ms keeps the new records out of reach.
    const big = fill(log, { batches: 200, perBatch: 5, keys: 100, ts: BigInt(now - 1000), seed: 9000 })
    assert.equal(cleaner.grabFilthiestLog(now)?.log, log)
    log.updateConfig(compactConfig({ minCompactionLagMs: 60_000 }))
    const lagged = cleaner.grabFilthiestLog(now)
    assert.equal(lagged, undefined, 'records younger than min.compaction.lag.ms are not cleanable')
    // A ratio that can never be reached, but max.compaction.lag.ms forces the cleaning.
    log.updateConfig(compactConfig({ minCleanableDirtyRatio: 1 }))
    assert.equal(cleaner.grabFilthiestLog(now), undefined)
    log.updateConfig(compactConfig({ minCleanableDirtyRatio: 1, maxCompactionLagMs: 10_000 }))
    assert.ok(cleaner.grabFilthiestLog(now)?.range.needCompactionNow)
    await cleaner.cleanOne(log, now)
    assertCompacted(log, [...first.records, ...small.records, ...big.records])
    // A topic switched back to delete is left alone.
    log.updateConfig(compactConfig({ cleanupPolicy: ['delete'] }))
    fill(log, { batches: 300, perBatch: 5, keys: 100, seed: 20000 })
    assert.equal(cleaner.grabFilthiestLog(now), undefined)
    assert.equal(await cleaner.cleanOne(log, now), undefined)
    await log.close()
  })

  it('keeps its I/O under log.cleaner.io.max.bytes.per.second', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig())
    fill(log, { batches: 150, perBatch: 5, keys: 50 })
    const limited = new LogCleanerManager(() => [log], { ioMaxBytesPerSecond: 200_000 }, silentLogger)
    const stats = await limited.cleanOne(log)
    assert.ok(stats !== undefined)
    const expectedMs = (stats.bytesRead / 200_000) * 1000
    assert.ok(stats.durationMs >= expectedMs * 0.8, `${stats.durationMs} ms for ${stats.bytesRead} bytes`)
    await log.close()
  })

  it('rolls the active segment of a compacted log after max.compaction.lag.ms', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig({ segmentBytes: 1 << 20, maxCompactionLagMs: 1000 }))
    log.append(encodeRecordBatch({ records: [{ key: 'a', value: '1', timestamp: 1000n }] }), { now: 1000n })
    log.append(encodeRecordBatch({ records: [{ key: 'a', value: '2', timestamp: 1500n }] }), { now: 1500n })
    assert.equal(log.segmentCount, 1)
    log.append(encodeRecordBatch({ records: [{ key: 'a', value: '3', timestamp: 2500n }] }), { now: 2500n })
    assert.equal(log.segmentCount, 2)
    await log.close()
  })

  it('drops records without a key and leaves control batches alone', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig())
    log.append(
      encodeRecordBatch({
        records: [
          { key: null, value: 'no key' },
          { key: 'k', value: 'v1' },
        ],
      }),
    )
    const control = encodeRecordBatch({
      records: [{ key: Buffer.from([0, 0, 0, 0]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }],
      isControl: true,
      producerId: 9n,
      producerEpoch: 0,
      baseSequence: -1,
    })
    const controlOffset = log.append(control).baseOffset
    const { records } = fill(log, { batches: 100, perBatch: 5, keys: 10 })
    await cleanerFor(log).cleanOne(log)
    const after = readRecords(log)
    assert.ok(!after.some((r) => r.value === 'no key'))
    assert.ok(readBatches(log).some((b) => b.baseOffset === controlOffset && b.recordCount === 1))
    assert.deepEqual(latestByKey(after).get('key-0'), latestByKey(records).get('key-0'))
    await log.close()
  })

  it('gives up a pass when the log changes under it, leaving a consistent log', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig())
    const { records } = fill(log, { batches: 400, perBatch: 5, keys: 50 })
    const pass = cleanerFor(log).cleanOne(log)
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
    // DeleteRecords while the pass is under way: the head segments go away.
    const cut = log.segments[3]!.baseOffset
    await log.deleteRecordsBefore(cut)
    await pass
    const after = readRecords(log)
    assert.ok(after.every((r) => r.offset >= cut))
    for (const [k, r] of latestByKey(records)) if (r.offset >= cut) assert.deepEqual(latestByKey(after).get(k), r)
    assert.ok(!readdirSync(dir).some((n) => n.endsWith('.cleaned') || n.endsWith('.swap')))
    await log.close()
  })

  it('reads stay consistent while a pass swaps segments', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig())
    const { records } = fill(log, { batches: 400, perBatch: 5, keys: 50 })
    const expected = latestByKey(records)
    let done = false
    const pass = cleanerFor(log)
      .cleanOne(log)
      .finally(() => (done = true))
    let reads = 0
    while (!done) {
      const got = latestByKey(readRecords(log))
      assert.deepEqual(got, expected)
      reads++
      await new Promise((r) => setImmediate(r))
    }
    await pass
    assert.ok(reads > 1, `${reads} reads during the pass`)
    await log.close()
  })
})
