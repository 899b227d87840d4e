// Storage under a failing disk, through the file-system seam (FaultyFs): a failed write, fsync
// or rename takes the log out of service with KAFKA_STORAGE_ERROR (Kafka's
// LogDirFailureChannel does the same for the whole log dir), nothing that was not stored is
// acknowledged, and a restart recovers every acknowledged record. A full disk (ENOSPC) is the
// one failure the log comes back from while running, once space is free; deleting old segments
// and starting the log manager both work on a full disk.
import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { KafkaError } from '../../src/errors.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { CLEAN_SHUTDOWN_FILE, LogManager } from '../../src/storage/log-manager.js'
import { OpenFiles } from '../../src/storage/open-files.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { FaultyFs } from '../support/faulty-fs.js'
import { batch, readAll, smallConfig, tempDir } from './helpers.js'

const isStorageError = (e: unknown) => e instanceof KafkaError && e.errorCode === ErrorCode.KAFKA_STORAGE_ERROR

/** Appends `n` single-record batches and waits for each: what a producer would have acknowledged. */
async function appendAcked(log: PartitionLog, prefix: string, n: number, size = 100): Promise<string[]> {
  const values: string[] = []
  for (let i = 0; i < n; i++) {
    const v = `${prefix}${i}-${'x'.repeat(size)}`
    log.append(batch([v]), { now: 0n })
    await log.whenWritten()
    values.push(v)
  }
  return values
}

async function openLog(dir: string, fs: FaultyFs, over = {}): Promise<PartitionLog> {
  return PartitionLog.open(dir, smallConfig({ segmentBytes: 2048, ...over }), { files: new OpenFiles(fs) })
}

describe('storage faults', () => {
  it('a failed write acknowledges nothing, answers KAFKA_STORAGE_ERROR, and a restart recovers every acknowledged record', async () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    const log = await openLog(dir, fs)
    const acked = await appendAcked(log, 'a', 30)
    fs.failNext('writev', 'EIO')
    log.append(batch(['lost-1']), { now: 0n })
    await assert.rejects(log.whenWritten())
    assert.ok(log.failure !== undefined && !log.failure.recoverable)
    assert.throws(() => log.append(batch(['lost-2']), { now: 0n }), isStorageError)
    assert.throws(() => log.read(0n, 1 << 20, { minOneBatch: true }), isStorageError)
    await log.closeFiles()

    const reopened = await PartitionLog.open(dir, smallConfig({ segmentBytes: 2048 }))
    assert.deepEqual(
      readAll(reopened).map((r) => r.value),
      acked,
    )
    reopened.append(batch(['after']), { now: 0n })
    await reopened.whenWritten()
    assert.equal(readAll(reopened).at(-1)?.value, 'after')
    await reopened.close()
  })

  it('a failed fsync takes the log out of service until restart; the log manager then leaves the clean marker out', async () => {
    const root = tempDir()
    const fs = new FaultyFs()
    const manager = await LogManager.start({ logDirs: [root], fs, defaultConfig: smallConfig({ segmentBytes: 1 << 20 }), cleaner: { enabled: false } })
    const log = await manager.getOrCreateLog('t', 0)
    const acked = await appendAcked(log, 'f', 10)
    fs.failNext('fsync', 'EIO', { path: /\.log$/ })
    await assert.rejects(log.flush(), isStorageError)
    assert.ok(log.failure !== undefined && !log.failure.recoverable, 'an fsync failure is not retried in place')
    assert.throws(() => log.append(batch(['no']), { now: 0n }), isStorageError)
    // Even with space free, the manager does not bring it back.
    await manager.recoverFailedLogs()
    assert.ok(log.failure !== undefined)
    await manager.shutdown()
    assert.equal(existsSync(join(root, CLEAN_SHUTDOWN_FILE)), false, 'the next start must recover')

    const again = await LogManager.start({ logDirs: [root], defaultConfig: smallConfig({ segmentBytes: 1 << 20 }), cleaner: { enabled: false } })
    assert.deepEqual(
      readAll(again.getLog('t', 0)!).map((r) => r.value),
      acked,
    )
    await again.shutdown()
  })

  it('a failed rename while rolling fails that append only; nothing of it is acknowledged', async () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    const log = await openLog(dir, fs)
    // The roll writes a producer snapshot (temp file + rename); its failure is not fatal.
    fs.failAlways('renameSync', 'EIO', { path: /\.snapshot\.tmp$/ })
    const acked = await appendAcked(log, 'r', 40)
    assert.ok(log.segmentCount > 2, 'rolled')
    fs.clear()
    // A segment that cannot be created is: the append that needed it fails.
    fs.failNext('openSync', 'EMFILE', { path: /\.log$/ })
    fs.failNext('openSync', 'EMFILE', { path: /\.log$/ })
    let refused = 0
    for (let i = 0; i < 40 && refused === 0; i++) {
      try {
        log.append(batch([`big-${i}-${'z'.repeat(400)}`]), { now: 0n })
        await log.whenWritten()
        acked.push(`big-${i}-${'z'.repeat(400)}`)
      } catch (err) {
        assert.ok(isStorageError(err), String(err))
        refused++
      }
    }
    assert.equal(refused, 1)
    await log.closeFiles()
    const reopened = await PartitionLog.open(dir, smallConfig({ segmentBytes: 2048 }))
    assert.deepEqual(
      readAll(reopened).map((r) => r.value),
      acked,
    )
    await reopened.close()
  })

  it('a failed rename in retention takes the log out of service instead of letting memory and files disagree', async () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    // Retention by size only (the test records' timestamps are from 1970).
    const log = await openLog(dir, fs, { retentionBytes: 4096, retentionMs: -1 })
    const acked = await appendAcked(log, 'd', 60)
    fs.failNext('renameSync', 'EIO', { path: /\.log$/ })
    await assert.rejects(log.deleteOldSegments(), isStorageError)
    assert.ok(log.failure !== undefined)
    await log.closeFiles()
    // Nothing acknowledged was lost: the restart sees the segments that were not deleted.
    const reopened = await PartitionLog.open(dir, smallConfig({ segmentBytes: 2048 }))
    const values = readAll(reopened).map((r) => r.value)
    assert.deepEqual(values, acked.slice(acked.length - values.length))
    assert.equal(values.at(-1), acked.at(-1))
    await reopened.close()
  })

  it('a full disk: the append fails, old segments can still be deleted, and the log serves again once space is free', async () => {
    const root = tempDir()
    const fs = new FaultyFs()
    const manager = await LogManager.start({
      logDirs: [root],
      fs,
      cleaner: { enabled: false },
      defaultConfig: smallConfig({ segmentBytes: 2048, retentionBytes: 6000, maxMessageBytes: 4096 }),
    })
    const log = await manager.getOrCreateLog('full', 0)
    const acked = await appendAcked(log, 'p', 60)
    const segmentsBefore = log.segmentCount
    fs.diskFull = true
    log.append(batch(['no-space']), { now: 0n })
    await assert.rejects(log.whenWritten())
    assert.ok(log.failure?.recoverable, 'ENOSPC is recoverable')
    assert.throws(() => log.append(batch(['still-no']), { now: 0n }), isStorageError)

    // Retention frees space on the full disk: the checkpoint cannot be written, the segments go anyway.
    const deleted = await manager.runRetention()
    assert.ok(deleted > 0, `deleted ${deleted} of ${segmentsBefore} segments`)
    const dir = join(root, 'full-0')
    assert.ok(readdirSync(dir).filter((n) => n.endsWith('.log')).length < segmentsBefore)
    assert.ok(!readdirSync(dir).some((n) => n.endsWith('.tmp')), 'no temp file left behind')

    // While the disk is still full the log stays out; once space is free it is reloaded.
    await manager.recoverFailedLogs()
    assert.ok(log.failure !== undefined)
    fs.diskFull = false
    await manager.recoverFailedLogs()
    assert.equal(log.failure, undefined)
    const kept = readAll(log).map((r) => r.value)
    assert.deepEqual(kept, acked.slice(acked.length - kept.length), 'what is left is acknowledged records, in order')
    assert.ok(!kept.includes('no-space'))
    log.append(batch(['back']), { now: 0n })
    await log.whenWritten()
    assert.equal(readAll(log).at(-1)?.value, 'back')
    await manager.shutdown()
    assert.ok(existsSync(join(root, CLEAN_SHUTDOWN_FILE)))
  })

  it('the log manager starts on a full disk without writing anything', async () => {
    const root = tempDir()
    const first = await LogManager.start({ logDirs: [root], defaultConfig: smallConfig(), cleaner: { enabled: false } })
    const acked = await appendAcked(await first.getOrCreateLog('s', 0), 's', 20)
    await first.shutdown()
    // After a clean shutdown, then after a crash (the first start removed the marker).
    for (const clean of [true, false]) {
      assert.equal(existsSync(join(root, CLEAN_SHUTDOWN_FILE)), clean)
      const fs = new FaultyFs()
      fs.diskFull = true
      const manager = await LogManager.start({ logDirs: [root], fs, defaultConfig: smallConfig(), cleaner: { enabled: false } })
      assert.deepEqual(
        readAll(manager.getLog('s', 0)!).map((r) => r.value),
        acked,
      )
      assert.deepEqual(fs.callsOf('writeSync'), [], `clean=${clean}: nothing written`)
      assert.deepEqual(fs.callsOf('writev'), [])
      for (const { log } of manager.allLogs()) await log.closeFiles()
    }
  })
})
