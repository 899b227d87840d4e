import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it } from 'node:test'
import { KafkaError } from '../../src/errors.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { LogManager } from '../../src/storage/log-manager.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { smallConfig, tempDir } from './helpers.js'
import { readRecords } from './lifecycle-helpers.js'

const DAY = 86_400_000

/** Appends `n` batches of 3 records stamped `ts`. */
function append(log: PartitionLog, n: number, ts: number): void {
  for (let i = 0; i < n; i++) {
    const records = [0, 1, 2].map((j) => ({ key: `k${j}`, value: `v-${i}-${j}-${'x'.repeat(40)}`, timestamp: BigInt(ts) }))
    log.append(encodeRecordBatch({ records }))
  }
}

const outOfRange = (fn: () => unknown) => assert.throws(fn, (e: unknown) => e instanceof KafkaError && e.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE)

describe('retention', () => {
  it('deletes whole segments past retention.ms, oldest first, and moves logStartOffset', async () => {
    const dir = tempDir()
    const now = Date.now()
    const log = await PartitionLog.open(dir, smallConfig({ retentionMs: DAY }))
    append(log, 100, now - 3 * DAY)
    const oldEnd = log.logEndOffset
    append(log, 100, now - 1000)
    const segments = log.segmentCount
    const deleted = await log.deleteOldSegments(now)
    assert.ok(deleted > 0 && log.segmentCount === segments - deleted)
    // The segment holding both old and new records stays: its largest timestamp is recent.
    assert.ok(log.logStartOffset <= oldEnd && log.logStartOffset > 0n)
    assert.equal(log.logStartOffset, log.segmentBaseOffsets[0])
    outOfRange(() => log.read(log.logStartOffset - 1n, 1000, { minOneBatch: true }))
    assert.equal(readRecords(log)[0]!.offset, log.logStartOffset)
    assert.equal(await log.deleteOldSegments(now), 0, 'nothing more to delete')
    await log.close()
    const reopened = await PartitionLog.open(dir, smallConfig({ retentionMs: DAY }))
    assert.equal(reopened.logStartOffset, log.logStartOffset, 'persisted')
    await reopened.close()
  })

  it('rolls and deletes the active segment too when every record has expired (Kafka)', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ retentionMs: 1000 }))
    append(log, 50, Date.now() - 5000)
    const end = log.logEndOffset
    await log.deleteOldSegments()
    assert.equal(log.segmentCount, 1)
    assert.equal(log.logStartOffset, end)
    assert.equal(log.logEndOffset, end)
    assert.equal(log.size, 0)
    append(log, 1, Date.now())
    assert.equal(readRecords(log)[0]!.offset, end)
    await log.close()
  })

  it('deletes the oldest segments while the log is over retention.bytes', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ retentionBytes: 10_000 }))
    append(log, 300, Date.now())
    const before = log.size
    await log.deleteOldSegments()
    assert.ok(log.size <= 10_000 + 4096 && log.size > 10_000 - 4096, `size ${log.size} of ${before}`)
    assert.ok(log.size >= 10_000 || log.segmentCount === 1)
    assert.equal(log.logStartOffset, log.segmentBaseOffsets[0])
    await log.close()
  })

  it('applies only to cleanup.policy delete or compact,delete; the log start offset rule always', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ retentionMs: 1000, retentionBytes: 100, cleanupPolicy: ['compact'] }))
    append(log, 100, Date.now() - 10_000)
    assert.equal(await log.deleteOldSegments(), 0)
    log.updateConfig(smallConfig({ retentionMs: 1000, cleanupPolicy: ['compact', 'delete'] }))
    assert.ok((await log.deleteOldSegments()) > 0)
    await log.close()
  })

  it('keeps deleted segment files for file.delete.delay.ms', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ retentionBytes: 5000, fileDeleteDelayMs: 150 }))
    append(log, 200, Date.now())
    await log.deleteOldSegments()
    assert.ok(readdirSync(dir).some((n) => n.endsWith('.log.deleted')))
    await sleep(400)
    assert.ok(!readdirSync(dir).some((n) => n.endsWith('.deleted')))
    await log.close()
  })

  it('runs on the log manager schedule and follows config changes', async () => {
    const dir = tempDir()
    const manager = await LogManager.start({ logDirs: [dir], defaultConfig: smallConfig(), retentionCheckIntervalMs: 50 })
    const log = await manager.getOrCreateLog('t', 0)
    append(log, 200, Date.now() - 2 * DAY)
    await sleep(200)
    assert.equal(log.logStartOffset, 0n, 'default retention.ms is 7 days')
    log.updateConfig(smallConfig({ retentionMs: DAY }))
    for (let i = 0; i < 40 && log.logStartOffset === 0n; i++) await sleep(50)
    assert.equal(log.logStartOffset, log.logEndOffset)
    await manager.shutdown()
  })
})
