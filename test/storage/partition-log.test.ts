import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { KafkaError } from '../../src/errors.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { isCrcValid, readBatchHeader } from '../../src/protocol/record-batch.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { prng } from '../prng.js'
import { batch, readAll, smallConfig, tempDir } from './helpers.js'

/** Appends `n` batches of 1-5 records with varied sizes and out-of-order timestamps. */
function fill(log: PartitionLog, n: number, seed = 1): { offset: bigint; value: string; timestamp: bigint }[] {
  const rnd = prng(seed)
  const expected: { offset: bigint; value: string; timestamp: bigint }[] = []
  for (let i = 0; i < n; i++) {
    const count = 1 + Math.floor(rnd() * 5)
    const values = Array.from({ length: count }, (_, j) => `b${i}r${j}-` + 'x'.repeat(Math.floor(rnd() * 200)))
    const ts = 10_000n + BigInt(Math.floor(rnd() * 100_000))
    const res = log.append(batch(values, { timestamp: ts }), { now: 0n })
    values.forEach((value, j) => expected.push({ offset: res.baseOffset + BigInt(j), value, timestamp: ts + BigInt(j) }))
  }
  return expected
}

const outOfRange = (fn: () => unknown) => assert.throws(fn, (e: unknown) => e instanceof KafkaError && e.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE)

describe('PartitionLog', () => {
  it('round-trips appends across many segment rolls, before and after reopen', async () => {
    const dir = tempDir()
    let log = await PartitionLog.open(dir, smallConfig())
    const expected = fill(log, 400)
    assert.ok(log.segmentCount > 20, `only ${log.segmentCount} segments`)
    assert.equal(log.logEndOffset, BigInt(expected.length))
    assert.deepEqual(
      expected.map((r) => r.offset),
      expected.map((_, i) => BigInt(i)),
    )
    assert.deepEqual(readAll(log), expected)
    for (const base of log.segmentBaseOffsets) {
      assert.ok(readdirSync(dir).includes(`${base.toString().padStart(20, '0')}.log`))
    }
    const segments = log.segmentCount
    await log.close()
    log = await PartitionLog.open(dir, smallConfig())
    assert.equal(log.segmentCount, segments)
    assert.equal(log.logEndOffset, BigInt(expected.length))
    assert.deepEqual(readAll(log), expected)
    const more = log.append(batch(['after']), { now: 0n })
    assert.equal(more.baseOffset, BigInt(expected.length))
    await log.close()
  })

  it('reads the batch containing any offset, honouring maxBytes, minOneBatch and maxOffset', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    const expected = fill(log, 120, 7)
    for (let o = 0n; o < log.logEndOffset; o++) {
      const { records, bytes } = log.read(o, 1, { minOneBatch: true })
      assert.equal(records.length, 1)
      const h = readBatchHeader(records[0]!)
      assert.equal(bytes, h.batchLength + 12)
      assert.ok(h.baseOffset <= o && o <= h.baseOffset + BigInt(h.lastOffsetDelta), `offset ${o}`)
      assert.ok(isCrcValid(records[0]!, 0, bytes))
      assert.equal(log.read(o, 1, { minOneBatch: false }).bytes, 0)
    }
    // Exact fit of the first three batches, then one byte short.
    const sizes: number[] = []
    let at = 0n
    for (let i = 0; i < 3; i++) {
      const { records } = log.read(at, 1, { minOneBatch: true })
      const h = readBatchHeader(records[0]!)
      sizes.push(h.batchLength + 12)
      at = h.baseOffset + BigInt(h.lastOffsetDelta) + 1n
    }
    const three = sizes.reduce((a, b) => a + b)
    assert.equal(log.read(0n, three, { minOneBatch: false }).bytes, three)
    assert.equal(log.read(0n, three - 1, { minOneBatch: false }).bytes, sizes[0]! + sizes[1]!)
    // maxOffset: nothing at or above the high watermark.
    const hw = at
    const limited = log.read(0n, 1 << 20, { minOneBatch: true, maxOffset: hw })
    assert.equal(limited.bytes, three)
    assert.equal(log.read(hw, 1 << 20, { minOneBatch: true, maxOffset: hw }).bytes, 0)
    // Reading everything in one call spans segments and ends at logEndOffset.
    const all = log.read(0n, 1 << 30, { minOneBatch: true })
    assert.ok(all.records.length > 1)
    assert.equal(all.bytes, log.size)
    assert.equal(log.read(log.logEndOffset, 100, { minOneBatch: true }).bytes, 0)
    outOfRange(() => log.read(log.logEndOffset + 1n, 100, { minOneBatch: true }))
    outOfRange(() => log.read(-1n, 100, { minOneBatch: true }))
    assert.equal(expected.length, Number(log.logEndOffset))
    await log.close()
  })

  it('finds offsets by timestamp like a linear scan, and the max timestamp offset', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    const expected = fill(log, 200, 3)
    const rnd = prng(99)
    const targets = [0n, 10_000n, 200_000n, ...Array.from({ length: 300 }, () => 9_000n + BigInt(Math.floor(rnd() * 103_000)))]
    for (const ts of targets) {
      const linear = expected.find((r) => r.timestamp >= ts)
      const found = log.offsetForTimestamp(ts)
      if (linear === undefined) assert.equal(found, null, `ts ${ts}`)
      else assert.deepEqual(found, { offset: linear.offset, timestamp: linear.timestamp }, `ts ${ts}`)
    }
    const max = expected.reduce((a, b) => (b.timestamp > a.timestamp ? b : a))
    assert.deepEqual(log.maxTimestampOffset(), { offset: max.offset, timestamp: max.timestamp })
    await log.close()
  })

  it('stamps LogAppendTime and reports it', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig({ messageTimestampType: 'LogAppendTime' }))
    const res = log.append(batch(['a', 'b'], { timestamp: 5n }), { now: 777n })
    assert.equal(res.logAppendTime, 777n)
    assert.equal(res.maxTimestamp, 777n)
    assert.deepEqual(
      readAll(log).map((r) => r.timestamp),
      [777n, 777n],
    )
    assert.deepEqual(log.offsetForTimestamp(700n), { offset: 0n, timestamp: 777n })
    await log.close()
  })

  it('deleteRecordsBefore moves logStartOffset, drops whole segments only, and persists', async () => {
    const dir = tempDir()
    let log = await PartitionLog.open(dir, smallConfig())
    const expected = fill(log, 200, 5)
    const before = log.segmentCount
    const cut = BigInt(Math.floor(expected.length / 2))
    assert.equal(await log.deleteRecordsBefore(cut), cut)
    assert.equal(log.logStartOffset, cut)
    assert.ok(log.segmentCount < before)
    assert.ok(log.segmentBaseOffsets[0]! <= cut)
    assert.ok(!readdirSync(dir).some((n) => n.endsWith('.deleted')))
    outOfRange(() => log.read(cut - 1n, 100, { minOneBatch: true }))
    assert.deepEqual(readAll(log, cut), expected.slice(Number(cut)))
    assert.equal(await log.deleteRecordsBefore(cut - 5n), cut, 'never moves backwards')
    await assert.rejects(log.deleteRecordsBefore(log.logEndOffset + 1n), (e: unknown) => e instanceof KafkaError)
    await log.close()
    log = await PartitionLog.open(dir, smallConfig())
    assert.equal(log.logStartOffset, cut)
    // Deleting up to the end keeps the (now empty-of-live-data) active segment.
    await log.deleteRecordsBefore(log.logEndOffset)
    assert.equal(log.segmentCount, 1)
    assert.equal(log.logStartOffset, log.logEndOffset)
    assert.equal(log.read(log.logEndOffset, 100, { minOneBatch: true }).bytes, 0)
    assert.equal(log.append(batch(['next']), { now: 0n }).baseOffset, BigInt(expected.length))
    await log.close()
  })

  it('truncateTo drops everything at and above an offset, at batch granularity', async () => {
    const dir = tempDir()
    let log = await PartitionLog.open(dir, smallConfig())
    const expected = fill(log, 150, 11)
    const mid = expected[Math.floor(expected.length * 0.6)]!.offset
    const { records } = log.read(mid, 1, { minOneBatch: true })
    const containing = readBatchHeader(records[0]!).baseOffset
    await log.truncateTo(mid)
    assert.equal(log.logEndOffset, containing)
    assert.deepEqual(readAll(log), expected.slice(0, Number(containing)))
    const next = log.append(batch(['again']), { now: 0n })
    assert.equal(next.baseOffset, containing)
    await log.close()
    log = await PartitionLog.open(dir, smallConfig())
    assert.equal(log.logEndOffset, containing + 1n)
    assert.equal(readAll(log).at(-1)!.value, 'again')
    // Below logStartOffset: start over there.
    await log.deleteRecordsBefore(50n)
    await log.truncateTo(10n)
    assert.equal(log.logStartOffset, 10n)
    assert.equal(log.logEndOffset, 10n)
    assert.equal(log.segmentCount, 1)
    assert.equal(log.append(batch(['fresh']), { now: 0n }).baseOffset, 10n)
    await log.close()
    log = await PartitionLog.open(dir, smallConfig())
    assert.deepEqual(
      readAll(log).map((r) => [r.offset, r.value]),
      [[10n, 'fresh']],
    )
    await log.close()
  })

  it('rolls on index full and on segment.ms measured from the first batch timestamp', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig({ segmentBytes: 1 << 30, segmentIndexBytes: 8 * 3, indexIntervalBytes: 1, segmentMs: 1000 }))
    for (let i = 0; i < 10; i++) log.append(batch([`v${i}`], { timestamp: 0n }), { now: 0n })
    assert.ok(log.segmentCount >= 3, `index-full rolls: ${log.segmentCount}`)
    const segments = log.segmentCount
    log.append(batch(['late'], { timestamp: 5_000n }), { now: 0n })
    assert.equal(log.segmentCount, segments + 1)
    await log.close()
  })

  it('appends multi-batch buffers with contiguous offsets', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    const buf = Buffer.concat([batch(['a', 'b']), encodeRecordBatch({ records: [{ value: 'c' }], now: 1n }), batch(['d'])])
    const res = log.append(buf, { now: 0n })
    assert.equal(res.baseOffset, 0n)
    assert.equal(res.lastOffset, 3n)
    assert.equal(res.recordCount, 4)
    assert.deepEqual(
      readAll(log).map((r) => [r.offset, r.value]),
      [
        [0n, 'a'],
        [1n, 'b'],
        [2n, 'c'],
        [3n, 'd'],
      ],
    )
    await log.close()
  })

  it('flush moves the recovery point to the log end and checkpoints it', async () => {
    const dir = tempDir()
    let log = await PartitionLog.open(dir, smallConfig({ flushMessages: 3 }))
    log.append(batch(['a']), { now: 0n })
    assert.equal(log.recoveryPoint, 0n)
    await log.flush()
    assert.equal(log.recoveryPoint, 1n)
    log.append(batch(['b', 'c', 'd']), { now: 0n })
    await log.flush()
    assert.equal(log.recoveryPoint, 4n)
    assert.equal(log.maybeFlush(Date.now()), undefined, 'nothing unflushed')
    await log.close()
    log = await PartitionLog.open(join(dir), smallConfig())
    assert.equal(log.recoveryPoint, 4n)
    await log.close()
  })
})
