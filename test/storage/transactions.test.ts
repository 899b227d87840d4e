// The log side of transactions (Kafka's ProducerStateManager transactions, TransactionIndex,
// UnifiedLog.lastStableOffset/collectAbortedTransactions, LogCleaner's
// CleanedTransactionMetadata): markers end transactions, the LSO follows the open ones, aborted
// transactions are indexed per segment, survive restarts (snapshots, recovery) and the cleaner.
import assert from 'node:assert/strict'
import { readdirSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { KafkaError } from '../../src/errors.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { isControl } from '../../src/protocol/record-batch.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { smallConfig, tempDir } from './helpers.js'
import { cleanerFor, compactConfig, readBatches, readRecords } from './lifecycle-helpers.js'

/** A transactional batch of `values` (keys k0.., or `keys`) from producer `pid`. */
function txnBatch(pid: bigint, seq: number, values: string[], epoch = 0, keys?: string[]): Buffer {
  return encodeRecordBatch({
    records: values.map((v, i) => ({ key: keys?.[i] ?? `k${i}`, value: v, timestamp: BigInt(Date.now()) })),
    producerId: pid,
    producerEpoch: epoch,
    baseSequence: seq,
    isTransactional: true,
  })
}

const marker = (pid: bigint, commit: boolean, epoch = 0, coordinatorEpoch = 0) => ({ producerId: pid, producerEpoch: epoch, coordinatorEpoch, commit })

function expectCode(fn: () => unknown, errorCode: number): void {
  assert.throws(fn, (err: unknown) => err instanceof KafkaError && err.errorCode === errorCode)
}

describe('transactions in the log', () => {
  it('holds the LSO at the first open transaction and indexes aborted ones', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    log.append(encodeRecordBatch({ records: [{ value: 'plain' }] }))
    const a = log.append(txnBatch(1n, 0, ['a1', 'a2']), { validateProducer: true })
    const b = log.append(txnBatch(2n, 0, ['b1']), { validateProducer: true })
    await log.whenWritten()
    assert.equal(log.lastStableOffset(), a.baseOffset, 'the earliest open transaction holds the LSO')
    log.appendEndTxnMarker(marker(1n, true))
    await log.whenWritten()
    assert.equal(log.lastStableOffset(), b.baseOffset, 'then the next one')
    const abort = log.appendEndTxnMarker(marker(2n, false))
    await log.whenWritten()
    assert.equal(log.lastStableOffset(), log.logEndOffset, 'nothing open: the LSO is the high watermark')
    assert.deepEqual(log.collectAbortedTransactions(0n, log.logEndOffset), [
      { producerId: 2n, firstOffset: b.baseOffset, lastOffset: abort.baseOffset, lastStableOffset: abort.baseOffset + 1n },
    ])
    assert.deepEqual(log.collectAbortedTransactions(abort.baseOffset + 1n, log.logEndOffset), [], 'not in range')
    // A producer with an open transaction may write only transactional batches.
    log.append(txnBatch(1n, 2, ['a3']), { validateProducer: true })
    expectCode(
      () => log.append(encodeRecordBatch({ records: [{ value: 'x' }], producerId: 1n, producerEpoch: 0, baseSequence: 3 }), { validateProducer: true }),
      ErrorCode.INVALID_TXN_STATE,
    )
    // Fenced markers: an older producer epoch, an older coordinator epoch.
    log.appendEndTxnMarker(marker(1n, false, 1, 5))
    expectCode(() => log.appendEndTxnMarker(marker(1n, false, 0, 5)), ErrorCode.INVALID_PRODUCER_EPOCH)
    expectCode(() => log.appendEndTxnMarker(marker(1n, false, 1, 4)), ErrorCode.TRANSACTION_COORDINATOR_FENCED)
    await log.close()
  })

  it('a marker that ends no open transaction (sent again by a new coordinator) holds no LSO and is not indexed, also after recovery', async () => {
    const dir = tempDir()
    let log = await PartitionLog.open(dir, smallConfig())
    const a = log.append(txnBatch(1n, 0, ['a1']), { validateProducer: true })
    const first = log.appendEndTxnMarker(marker(1n, false, 0, 1))
    const again = log.appendEndTxnMarker(marker(1n, false, 0, 2))
    log.appendEndTxnMarker(marker(3n, true, 0, 2))
    await log.whenWritten()
    // Kafka's ProducerAppendInfo.appendEndTxnMarker emits a CompletedTxn for non-empty transactions only.
    const expected = [{ producerId: 1n, firstOffset: a.baseOffset, lastOffset: first.baseOffset, lastStableOffset: first.baseOffset + 1n }]
    assert.deepEqual(log.collectAbortedTransactions(0n, log.logEndOffset), expected)
    assert.equal(log.lastStableOffset(), log.logEndOffset)
    assert.ok(again.baseOffset > first.baseOffset)
    // A crash that loses the index: recovery rebuilds the same from the log.
    await log.closeFiles()
    for (const f of readdirSync(dir)) if (f.endsWith('.txnindex') || f.endsWith('.snapshot')) unlinkSync(join(dir, f))
    writeFileSync(join(dir, 'log.checkpoint'), '')
    log = await PartitionLog.open(dir, smallConfig())
    assert.deepEqual(log.collectAbortedTransactions(0n, log.logEndOffset), expected)
    await log.close()
  })

  it('keeps open transactions and the index across a clean restart, a roll and a crash', async () => {
    const dir = tempDir()
    let log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 600 }))
    const first = log.append(txnBatch(7n, 0, ['x'.repeat(100)]), { validateProducer: true })
    log.append(txnBatch(8n, 0, ['y']), { validateProducer: true })
    const abort = log.appendEndTxnMarker(marker(8n, false))
    // Fill past a few rolls: the snapshots written at each roll carry the open transaction.
    for (let i = 1; i < 12; i++) log.append(txnBatch(7n, i, ['z'.repeat(100)]), { validateProducer: true })
    assert.ok(log.segmentCount > 2)
    await log.close()

    log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 600 }))
    assert.equal(log.lastStableOffset(), first.baseOffset, 'open transaction restored from the snapshot at close')
    assert.equal(log.collectAbortedTransactions(0n, log.logEndOffset).length, 1)
    // A crash: the index of the segment with the abort marker is lost, the log not flushed since.
    const leo = log.logEndOffset
    await log.closeFiles()
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.txnindex') || name.endsWith('.snapshot')) unlinkSync(join(dir, name))
    }
    writeFileSync(join(dir, 'log.checkpoint'), '') // no recovery point: everything is recovered
    log = await PartitionLog.open(dir, smallConfig({ segmentBytes: 600 }))
    assert.equal(log.logEndOffset, leo)
    assert.equal(log.lastStableOffset(), first.baseOffset, 'open transaction rebuilt from the log')
    assert.deepEqual(
      log.collectAbortedTransactions(0n, log.logEndOffset).map((t) => [t.producerId, t.lastOffset]),
      [[8n, abort.baseOffset]],
      'index rebuilt by recovery',
    )
    log.appendEndTxnMarker(marker(7n, true))
    await log.whenWritten()
    assert.equal(log.lastStableOffset(), log.logEndOffset)
    await log.close()
  })

  it('the cleaner removes aborted batches, then their markers after delete.retention.ms', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, compactConfig({ deleteRetentionMs: 0 }))
    // Committed and aborted transactions over the same keys, then enough to roll past them.
    log.append(txnBatch(1n, 0, ['committed'], 0, ['a']), { validateProducer: true })
    log.appendEndTxnMarker(marker(1n, true))
    log.append(txnBatch(2n, 0, ['aborted-a', 'aborted-b'], 0, ['a', 'b']), { validateProducer: true })
    const abort = log.appendEndTxnMarker(marker(2n, false))
    // Producer 2 goes on (the last batch of a producer stays, if empty, as Kafka keeps it).
    log.append(txnBatch(2n, 2, ['next'], 0, ['c']), { validateProducer: true })
    log.appendEndTxnMarker(marker(2n, true))
    for (let i = 0; i < 60; i++) log.append(encodeRecordBatch({ records: [{ key: `f${i}`, value: 'y'.repeat(60) }] }))
    await log.whenWritten()
    assert.ok(log.segments[0]!.nextOffset > abort.baseOffset, 'the transactions are in the first segment')
    const cleaner = cleanerFor(log)
    await cleaner.cleanOne(log)
    let values = readRecords(log)
      .filter((r) => r.key === 'a' || r.key === 'b')
      .map((r) => r.value)
    assert.deepEqual(values, ['committed'], 'aborted records removed, the committed one kept')
    let controls = readBatches(log).filter((b) => isControl(b.attributes))
    assert.ok(
      controls.some((b) => b.baseOffset === abort.baseOffset && b.recordCount === 1),
      'abort marker kept while its batches were just removed',
    )
    assert.equal(log.collectAbortedTransactions(0n, log.logEndOffset).length, 1, 'its index entry moved into the cleaned segment')
    // Later passes: the markers get a delete horizon (0 ms here) and then go.
    for (let i = 0; i < 3; i++) await cleaner.cleanOne(log)
    controls = readBatches(log).filter((b) => isControl(b.attributes) && b.recordCount > 0)
    // The commit marker stays while its transaction's record does (Kafka keeps it too).
    assert.deepEqual(
      controls.map((b) => b.producerId),
      [1n, 2n],
      'the abort marker removed once no batch of its transaction is left',
    )
    assert.ok(!controls.some((b) => b.baseOffset === abort.baseOffset))
    assert.deepEqual(log.collectAbortedTransactions(0n, log.logEndOffset), [], 'and its index entry')
    values = readRecords(log)
      .filter((r) => r.key === 'a')
      .map((r) => r.value)
    assert.deepEqual(values, ['committed'])
    await log.close()
  })

  it('the cleaner does not clean past the first open transaction', async () => {
    const log = await PartitionLog.open(tempDir(), compactConfig())
    log.append(txnBatch(3n, 0, ['open'], 0, ['k']), { validateProducer: true })
    for (let i = 0; i < 60; i++) log.append(encodeRecordBatch({ records: [{ key: 'k', value: 'y'.repeat(60) }] }))
    await log.whenWritten()
    const stats = await cleanerFor(log).cleanOne(log)
    assert.equal(stats?.endOffset ?? 0n, 0n, 'nothing cleanable below the open transaction')
    assert.equal(readRecords(log)[0]!.value, 'open')
    await log.close()
  })
})
