// The log side of replication: Kafka's LeaderEpochFileCache (assign, truncation, endOffsetFor,
// the leader-epoch-checkpoint file and what a crash leaves of it), UnifiedLog.appendAsFollower
// (batches copied with their offsets, epochs, producer state and aborted transactions), the
// high watermark a replica keeps, and the replication-offset-checkpoint a log dir keeps.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { readBatchHeader } from '../../src/protocol/record-batch.js'
import { LeaderEpochCache, LEADER_EPOCH_CHECKPOINT_FILE, decodeEpochCheckpoint } from '../../src/storage/leader-epoch-cache.js'
import { LogManager } from '../../src/storage/log-manager.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { REPLICATION_CHECKPOINT_FILE } from '../../src/storage/replication-checkpoint.js'
import { StorageError } from '../../src/errors.js'
import { batch, readAll, smallConfig, tempDir } from './helpers.js'

/** Every byte of the log from its start, as a follower would fetch it. */
function rawLog(log: PartitionLog, from = log.logStartOffset): Buffer {
  return Buffer.concat(log.read(from, 1 << 24, { minOneBatch: true }).records)
}

describe("leader epoch cache (Kafka's LeaderEpochFileCacheTest cases)", () => {
  it('assigns only newer epochs and answers endOffsetFor as Kafka does', () => {
    const c = new LeaderEpochCache()
    assert.equal(c.latestEpoch, -1)
    assert.deepEqual(c.endOffsetFor(0, 10n), { epoch: -1, endOffset: -1n }, 'nothing known')
    assert.equal(c.assign(2, 6n), true)
    assert.equal(c.assign(2, 8n), false, 'the same epoch again changes nothing')
    assert.equal(c.assign(3, 8n), true)
    assert.equal(c.assign(5, 12n), true)
    assert.deepEqual(c.endOffsetFor(5, 20n), { epoch: 5, endOffset: 20n }, 'the latest epoch ends at the log end')
    assert.deepEqual(c.endOffsetFor(3, 20n), { epoch: 3, endOffset: 12n })
    assert.deepEqual(c.endOffsetFor(4, 20n), { epoch: 3, endOffset: 12n }, 'an unknown epoch in between: the one below it')
    assert.deepEqual(c.endOffsetFor(1, 20n), { epoch: 1, endOffset: 6n }, 'older than all: itself, ending where the first starts')
    assert.deepEqual(c.endOffsetFor(6, 20n), { epoch: -1, endOffset: -1n }, 'newer than all: undefined')
    assert.deepEqual(c.endOffsetFor(-1, 20n), { epoch: -1, endOffset: -1n })
    assert.equal(c.epochForOffset(9n), 3)
    assert.equal(c.epochForOffset(5n), -1)
  })

  it('drops entries that would not be monotonic, and truncates from either end', () => {
    const c = new LeaderEpochCache([
      { epoch: 1, startOffset: 0n },
      { epoch: 2, startOffset: 10n },
      { epoch: 4, startOffset: 20n },
    ])
    assert.equal(c.assign(3, 15n), true)
    assert.deepEqual(
      c.entries,
      [
        { epoch: 1, startOffset: 0n },
        { epoch: 2, startOffset: 10n },
        { epoch: 3, startOffset: 15n },
      ],
      'epoch 4 (above 3) went',
    )
    assert.equal(c.truncateFromEnd(15n), true)
    assert.deepEqual(
      c.entries.map((e) => e.epoch),
      [1, 2],
    )
    assert.equal(c.truncateFromEnd(15n), false)
    assert.equal(c.truncateFromStart(12n), true)
    assert.deepEqual(c.entries, [{ epoch: 2, startOffset: 12n }])
    assert.equal(c.truncateFromStart(5n), false)
  })

  it("reads Kafka's checkpoint format and refuses damaged ones", () => {
    assert.deepEqual(decodeEpochCheckpoint('0\n2\n0 0\n3 150\n'), [
      { epoch: 0, startOffset: 0n },
      { epoch: 3, startOffset: 150n },
    ])
    assert.equal(decodeEpochCheckpoint('0\n3\n0 0\n3 150\n'), undefined, 'count mismatch')
    assert.equal(decodeEpochCheckpoint('1\n0\n'), undefined, 'unknown version')
    assert.equal(decodeEpochCheckpoint('0\n2\n3 0\n1 150\n'), undefined, 'epochs going down')
  })
})

describe('leader epochs in a partition log', () => {
  it("records each leader's first offset, checkpoints it, and forgets truncated epochs", async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig())
    log.append(batch(['a', 'b']), { leaderEpoch: 0 })
    log.append(batch(['c']), { leaderEpoch: 0 })
    log.assignEpochStartOffset(2, log.logEndOffset) // a new leader, nothing written yet
    log.append(batch(['d', 'e']), { leaderEpoch: 2 })
    log.append(batch(['f']), { leaderEpoch: 3 })
    await log.flush()
    assert.deepEqual(log.leaderEpochs.entries, [
      { epoch: 0, startOffset: 0n },
      { epoch: 2, startOffset: 3n },
      { epoch: 3, startOffset: 5n },
    ])
    assert.equal(readFileSync(join(dir, LEADER_EPOCH_CHECKPOINT_FILE), 'utf8'), '0\n3\n0 0\n2 3\n3 5\n', "Kafka's file format")
    assert.deepEqual(log.endOffsetForEpoch(2), { epoch: 2, endOffset: 5n })
    assert.deepEqual(log.endOffsetForEpoch(1), { epoch: 0, endOffset: 3n })
    assert.deepEqual(log.endOffsetForEpoch(3), { epoch: 3, endOffset: 6n })
    assert.equal(log.endOffsetForEpoch(4), undefined)
    await log.truncateTo(4n)
    assert.equal(log.logEndOffset, 3n, 'the batch holding offset 4 goes whole')
    assert.deepEqual(log.leaderEpochs.entries, [{ epoch: 0, startOffset: 0n }], 'epochs starting at or after the new end go')
    await log.close()
    const again = await PartitionLog.open(dir, smallConfig(), { hadCleanShutdown: true })
    assert.deepEqual(again.leaderEpochs.entries, [{ epoch: 0, startOffset: 0n }])
    await again.close()
  })

  it('finds epochs the checkpoint missed in the batches after a crash, and scans a log that never had one', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig())
    log.append(batch(['a']), { leaderEpoch: 1 })
    await log.flush()
    log.append(batch(['b']), { leaderEpoch: 4 })
    await log.whenWritten()
    // A crash before the checkpoint was written: it still says only epoch 1.
    writeFileSync(join(dir, LEADER_EPOCH_CHECKPOINT_FILE), '0\n1\n1 0\n')
    await log.closeFiles()
    const reopened = await PartitionLog.open(dir, smallConfig())
    assert.deepEqual(reopened.leaderEpochs.entries, [
      { epoch: 1, startOffset: 0n },
      { epoch: 4, startOffset: 1n },
    ])
    await reopened.closeFiles()
    // A damaged checkpoint (or a log from before epochs were kept): every batch is read.
    writeFileSync(join(dir, LEADER_EPOCH_CHECKPOINT_FILE), 'garbage')
    const rescanned = await PartitionLog.open(dir, smallConfig(), { hadCleanShutdown: true })
    assert.deepEqual(rescanned.leaderEpochs.entries, [
      { epoch: 1, startOffset: 0n },
      { epoch: 4, startOffset: 1n },
    ])
    await rescanned.close()
    assert.equal(readFileSync(join(dir, LEADER_EPOCH_CHECKPOINT_FILE), 'utf8'), '0\n2\n1 0\n4 1\n', 'and written again')
  })

  it('moves the first epoch up with the log start', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    log.append(batch(['a', 'b', 'c']), { leaderEpoch: 0 })
    log.append(batch(['d']), { leaderEpoch: 1 })
    await log.whenWritten()
    await log.deleteRecordsBefore(2n)
    assert.deepEqual(log.leaderEpochs.entries, [
      { epoch: 0, startOffset: 2n },
      { epoch: 1, startOffset: 3n },
    ])
    await log.close()
  })
})

describe('appending as a follower', () => {
  it("copies the leader's batches byte for byte, with epochs, producer state and aborted transactions", async () => {
    const leader = await PartitionLog.open(tempDir(), smallConfig())
    const follower = await PartitionLog.open(tempDir(), smallConfig())
    leader.append(batch(['a', 'b']), { leaderEpoch: 0 })
    leader.append(encodeRecordBatch({ records: [{ key: 'k', value: 't1' }], producerId: 7n, producerEpoch: 0, baseSequence: 0, isTransactional: true }), {
      leaderEpoch: 1,
      validateProducer: true,
    })
    leader.append(batch(['c'], { producerId: 9n, producerEpoch: 2, baseSequence: 0 }), { leaderEpoch: 1, validateProducer: true })
    leader.appendEndTxnMarker({ producerId: 7n, producerEpoch: 0, coordinatorEpoch: 3, commit: false }, { leaderEpoch: 1 })
    // Enough records to roll segments on the follower too.
    for (let i = 0; i < 40; i++) leader.append(batch([`v${i}`.repeat(30)]), { leaderEpoch: 2 })
    await leader.whenWritten()
    const bytes = rawLog(leader)
    // In two pieces, the first ending in a partial batch (left for the next fetch).
    const cut = readBatchHeader(bytes, 0).batchLength + 12 + 20
    const first = follower.appendAsFollower(bytes.subarray(0, cut))
    assert.deepEqual(first, { firstOffset: 0n, lastOffset: 1n })
    const rest = follower.appendAsFollower(rawLog(leader, follower.logEndOffset))
    assert.equal(rest?.lastOffset, leader.logEndOffset - 1n)
    await follower.whenWritten()
    assert.equal(follower.logEndOffset, leader.logEndOffset)
    assert.ok(follower.segmentCount > 1, 'the follower rolls its own segments')
    assert.deepEqual(rawLog(follower), bytes, 'the same bytes')
    assert.deepEqual(readAll(follower), readAll(leader))
    assert.deepEqual(follower.leaderEpochs.entries, leader.leaderEpochs.entries)
    assert.deepEqual(follower.collectAbortedTransactions(0n, follower.logEndOffset), leader.collectAbortedTransactions(0n, leader.logEndOffset))
    assert.equal(follower.collectAbortedTransactions(0n, follower.logEndOffset).length, 1)
    assert.deepEqual(follower.producerState.entry(9n)?.producerEpoch, 2, 'idempotent producers are known, for when it leads')
    assert.equal(follower.producerState.entry(7n)?.coordinatorEpoch, 3)
    await leader.close()
    await follower.close()
  })

  it('refuses batches below its log end, damaged batches, and takes nothing from a lone partial batch', async () => {
    const leader = await PartitionLog.open(tempDir(), smallConfig())
    const follower = await PartitionLog.open(tempDir(), smallConfig())
    leader.append(batch(['a']), { leaderEpoch: 0 })
    await leader.whenWritten()
    const bytes = rawLog(leader)
    assert.equal(follower.appendAsFollower(bytes.subarray(0, 30)), undefined)
    follower.appendAsFollower(bytes)
    assert.throws(
      () => follower.appendAsFollower(bytes),
      (e: unknown) => e instanceof StorageError && e.code === 'SAMSA_STORAGE_REPLICA_OFFSET',
    )
    leader.append(batch(['b']), { leaderEpoch: 0 })
    await leader.whenWritten()
    const next = Buffer.from(rawLog(leader, 1n))
    next[next.length - 1] = next.at(-1)! ^ 0xff
    assert.throws(
      () => follower.appendAsFollower(next),
      (e: unknown) => e instanceof StorageError && e.code === 'SAMSA_STORAGE_REPLICA_BATCH',
    )
    assert.equal(follower.logEndOffset, 1n, 'nothing of it was taken')
    await leader.close()
    await follower.close()
  })
})

describe('the high watermark', () => {
  it('is the written end until replication sets it, then stays within the log and follows truncation', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    log.append(batch(['a', 'b', 'c']), { leaderEpoch: 0 })
    await log.whenWritten()
    assert.equal(log.highWatermark, 3n)
    assert.equal(log.updateHighWatermark(1n), 1n)
    log.append(batch(['d']), { leaderEpoch: 0 })
    await log.whenWritten()
    assert.equal(log.highWatermark, 1n, 'appends no longer move it')
    assert.equal(log.lastStableOffset(), 1n, 'nor what read_committed and the cleaner see')
    assert.equal(log.maybeIncrementHighWatermark(0n), false)
    assert.equal(log.maybeIncrementHighWatermark(99n), true)
    assert.equal(log.highWatermark, 4n, 'capped at the log end')
    await log.truncateTo(3n)
    assert.equal(log.highWatermark, 3n)
    await log.close()
  })

  it("is kept in the log dir's replication-offset-checkpoint across restarts", async () => {
    const dir = tempDir()
    const manager = await LogManager.start({ logDirs: [dir], defaultConfig: smallConfig(), highWatermarkCheckpointIntervalMs: 0 })
    const log = await manager.getOrCreateLog('orders', 2)
    log.append(batch(['a', 'b', 'c']), { leaderEpoch: 0 })
    await log.whenWritten()
    log.updateHighWatermark(2n)
    await manager.shutdown()
    assert.equal(readFileSync(join(dir, REPLICATION_CHECKPOINT_FILE), 'utf8'), '0\n1\norders 2 2\n', "Kafka's format")
    const again = await LogManager.start({ logDirs: [dir], defaultConfig: smallConfig() })
    assert.equal(again.getLog('orders', 2)!.highWatermark, 2n)
    await again.shutdown()
  })
})
