// The log writer: appended bytes reach the segment files off the event loop, in order; what a
// fetch may see (writtenEndOffset) never runs ahead of the file, every other reader catches up,
// a roll leaves no hole, and a failed write takes the log out of service with KAFKA_STORAGE_ERROR.
import assert from 'node:assert/strict'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { KafkaError } from '../../src/errors.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { OpenFiles } from '../../src/storage/open-files.js'
import { Writeback } from '../../src/storage/writeback.js'
import { FaultyFs } from '../support/faulty-fs.js'
import { batch, readAll, smallConfig, tempDir } from './helpers.js'

const logFile = (dir: string, base: bigint) => join(dir, `${base.toString().padStart(20, '0')}.log`)

describe('LogWriter', () => {
  it('writes appends after returning, in order, and whenWritten resolves once they are in the file', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 1024 * 1024 }))
    const sizes: number[] = []
    for (let i = 0; i < 50; i++) {
      const b = batch([`v${i}-` + 'x'.repeat(i * 10)])
      sizes.push(b.length)
      log.append(b, { now: 0n })
    }
    assert.equal(log.logEndOffset, 50n)
    // The writes complete on the thread pool; their completions run once this task yields.
    assert.equal(log.writtenEndOffset, 0n)
    await log.whenWritten()
    assert.equal(log.writtenEndOffset, 50n)
    const total = sizes.reduce((a, b) => a + b, 0)
    assert.equal(statSync(logFile(dir, 0n)).size, total)
    assert.deepEqual(
      readAll(log).map((r) => r.value),
      sizes.map((_, i) => `v${i}-` + 'x'.repeat(i * 10)),
    )
    await log.close()
  })

  it('a fetch bounded by writtenEndOffset reads only written batches; other reads catch up', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 1024 * 1024 }))
    const first = batch(['a', 'b'])
    log.append(first, { now: 0n })
    await log.whenWritten()
    log.append(batch(['c']), { now: 0n })
    assert.equal(log.writtenEndOffset, 2n)
    const fetched = log.read(0n, 1 << 20, { minOneBatch: true, maxOffset: log.writtenEndOffset })
    assert.equal(fetched.records.length, 1)
    assert.equal(fetched.records[0]!.readBigInt64BE(0), 0n)
    assert.equal(fetched.bytes, first.length, 'the fetch stops at the end of what is written')
    // A read without a bound wants everything: the writer catches up synchronously.
    assert.deepEqual(
      readAll(log).map((r) => r.value),
      ['a', 'b', 'c'],
    )
    assert.equal(log.writtenEndOffset, 3n)
    assert.equal(log.offsetForTimestamp(0n)?.offset, 0n)
    await log.whenWritten()
    await log.close()
  })

  it('calls onWritten as the written end moves', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig({ segmentBytes: 1024 * 1024 }))
    const seen: bigint[] = []
    log.onWritten = () => seen.push(log.writtenEndOffset)
    log.append(batch(['a']), { now: 0n })
    log.append(batch(['b', 'c']), { now: 0n })
    await log.whenWritten()
    assert.ok(seen.length >= 1)
    assert.equal(seen.at(-1), 3n)
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! > seen[i - 1]!)
    await log.close()
  })

  it('a roll writes the old segment out first, so no offsets are missing from the files', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 2048 }))
    let rolledAt = -1
    for (let i = 0; i < 40 && rolledAt < 0; i++) {
      log.append(batch([`r${i}-` + 'y'.repeat(300)]), { now: 0n })
      if (log.segmentCount > 1) rolledAt = i
    }
    assert.ok(rolledAt > 0, 'no roll happened')
    const [first, second] = log.segmentBaseOffsets
    // Synchronously after the roll: the old segment's file already holds all of its batches.
    const old = readFileSync(logFile(dir, first!))
    let next = 0n
    for (let pos = 0; pos < old.length; pos += old.readInt32BE(pos + 8) + 12) next = old.readBigInt64BE(pos) + BigInt(old.readInt32BE(pos + 23)) + 1n
    assert.equal(next, second, 'the old segment ends where the new one starts')
    await log.close()
  })

  it('a failed write rejects whenWritten and makes further appends fail with KAFKA_STORAGE_ERROR', async () => {
    const dir = tempDir()
    const fs = new FaultyFs()
    const log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 1024 * 1024 }), { files: new OpenFiles(fs) })
    log.append(batch(['ok']), { now: 0n })
    await log.whenWritten()
    fs.failNext('writev', 'EIO')
    log.append(batch(['lost']), { now: 0n })
    await assert.rejects(log.whenWritten(), (e: Error) => (e as { code?: string }).code === 'SAMSA_STORAGE_WRITE')
    assert.throws(
      () => log.append(batch(['after']), { now: 0n }),
      (e: unknown) => e instanceof KafkaError && e.errorCode === ErrorCode.KAFKA_STORAGE_ERROR,
    )
    assert.equal(log.writtenEndOffset, 1n, 'the failed batch never becomes visible')
    assert.equal(log.failure?.recoverable, false, 'EIO keeps the log out until a restart')
    await log.closeFiles()
  })

  it('asks for background writeback every few MB, and close waits for it', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 64 * 1024 * 1024 }))
    const before = Writeback.completed
    const value = 'w'.repeat(1024 * 1024)
    const mb = Math.ceil((2 * Writeback.BYTES) / (1024 * 1024)) + 1
    for (let i = 0; i < mb; i++) {
      log.append(batch([value]), { now: 0n })
      await log.whenWritten()
    }
    await log.close()
    assert.ok(Writeback.completed - before >= 1, `${Writeback.completed - before} writebacks for ${mb} MB`)
    const reopened = await PartitionLog.open(dir, smallConfig({ segmentBytes: 64 * 1024 * 1024 }), { hadCleanShutdown: true })
    assert.equal(reopened.logEndOffset, BigInt(mb))
    await reopened.close()
  })
})
