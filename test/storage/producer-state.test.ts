import assert from 'node:assert/strict'
import { readdirSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { KafkaError } from '../../src/errors.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { PartitionLog } from '../../src/storage/partition-log.js'
import { decodeSnapshot, encodeSnapshot } from '../../src/storage/producer-snapshot.js'
import { ProducerStateManager, incrementSequence } from '../../src/storage/producer-state.js'
import { batch, smallConfig, tempDir } from './helpers.js'

const INT32_MAX = 0x7fffffff

/** Header fields of a producer batch of `count` records. */
const h = (producerId: bigint, producerEpoch: number, baseSequence: number, count = 1, baseOffset = 0n) => ({
  baseOffset,
  lastOffsetDelta: count - 1,
  maxTimestamp: 1000n,
  producerId,
  producerEpoch,
  baseSequence,
  attributes: 0,
})

const code = (r: ReturnType<ProducerStateManager['check']>) => (r.kind === 'error' ? r.errorCode : r.kind)

describe('ProducerStateManager', () => {
  it('accepts in-order batches, spots duplicates and rejects gaps and stale epochs', () => {
    const s = new ProducerStateManager()
    assert.equal(code(s.check([h(1n, 0, 0, 5)])), 'ok')
    s.update(h(1n, 0, 0, 5, 100n))
    assert.equal(code(s.check([h(1n, 0, 5, 2)])), 'ok')
    s.update(h(1n, 0, 5, 2, 105n))
    assert.deepEqual(s.check([h(1n, 0, 0, 5)]), { kind: 'duplicate', baseOffset: 100n, lastOffset: 104n })
    assert.deepEqual(s.check([h(1n, 0, 5, 2)]), { kind: 'duplicate', baseOffset: 105n, lastOffset: 106n })
    assert.equal(code(s.check([h(1n, 0, 8)])), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, 'gap')
    assert.equal(code(s.check([h(1n, 0, 6)])), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, 'overlap, not a duplicate')
    // Multi-batch appends are checked against the state the earlier batches leave.
    assert.equal(code(s.check([h(1n, 0, 7, 3), h(1n, 0, 10)])), 'ok')
    assert.equal(code(s.check([h(1n, 0, 7, 3), h(1n, 0, 11)])), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
  })

  it('handles epochs: fencing, new epochs from 0, and unknown producers (KIP-360)', () => {
    const s = new ProducerStateManager()
    s.update(h(7n, 3, 0, 1, 0n))
    assert.equal(code(s.check([h(7n, 2, 1)])), ErrorCode.INVALID_PRODUCER_EPOCH)
    assert.equal(code(s.check([h(7n, 4, 5)])), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
    assert.equal(code(s.check([h(7n, 4, 0)])), 'ok')
    s.update(h(7n, 4, 0, 1, 1n))
    assert.equal(s.entry(7n)!.producerEpoch, 4)
    assert.equal(s.entry(7n)!.batches.length, 1, 'a new epoch forgets the old batches')
    assert.equal(code(s.check([h(8n, 0, 42)])), 'ok', 'unknown producer may start anywhere')
    assert.equal(code(s.check([h(-1n, -1, -1)])), 'ok', 'non-idempotent batches are not checked')
  })

  it('wraps sequences after Int32.MAX and keeps only the last 5 batches', () => {
    assert.equal(incrementSequence(INT32_MAX - 1, 3), 1)
    const s = new ProducerStateManager()
    s.update(h(1n, 0, INT32_MAX - 1, 2, 0n))
    assert.equal(code(s.check([h(1n, 0, 0, 1)])), 'ok')
    for (let i = 0; i < 7; i++) s.update(h(1n, 0, i, 1, BigInt(2 + i)))
    assert.equal(s.entry(1n)!.batches.length, 5)
    assert.equal(code(s.check([h(1n, 0, 0)])), ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, 'too old to be a known duplicate')
    assert.equal(code(s.check([h(1n, 0, 6)])), 'duplicate')
    assert.equal(s.removeExpired(1000n + 10n, 10), 1)
    assert.equal(s.producerCount, 0)
  })

  it('snapshots round-trip and reject corruption', () => {
    const s = new ProducerStateManager()
    for (let i = 0; i < 7; i++) s.update(h(BigInt(i % 3), 1, i, 2, BigInt(i * 2)))
    const buf = encodeSnapshot([...s.entries()])
    assert.deepEqual(decodeSnapshot(buf), [...s.entries()])
    for (let i = 0; i < buf.length; i += 7) {
      const copy = Buffer.from(buf)
      copy[i]! ^= 0x10
      assert.equal(decodeSnapshot(copy), undefined, `flip at ${i}`)
    }
    assert.equal(decodeSnapshot(buf.subarray(0, buf.length - 1)), undefined)
  })
})

describe('PartitionLog with idempotent producers', () => {
  const send = (log: PartitionLog, seq: number, epoch = 0, values = ['a', 'b']) =>
    log.append(batch(values, { producerId: 42n, producerEpoch: epoch, baseSequence: seq }), { now: 0n, validateProducer: true })

  it('acks duplicates with the original offsets without appending, and throws on errors', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    assert.equal(send(log, 0).baseOffset, 0n)
    assert.equal(send(log, 2).baseOffset, 2n)
    const dup = send(log, 0)
    assert.deepEqual([dup.duplicate, dup.baseOffset, dup.lastOffset], [true, 0n, 1n])
    assert.equal(log.logEndOffset, 4n)
    assert.throws(
      () => send(log, 9),
      (e: unknown) => e instanceof KafkaError && e.errorCode === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
    )
    send(log, 0, 1)
    assert.throws(
      () => send(log, 2, 0),
      (e: unknown) => e instanceof KafkaError && e.errorCode === ErrorCode.INVALID_PRODUCER_EPOCH,
    )
    assert.equal(log.logEndOffset, 6n)
    await log.close()
  })

  for (const shutdown of ['clean', 'unclean', 'unclean-no-snapshots'] as const) {
    it(`keeps producer state across a ${shutdown} restart and segment rolls`, async () => {
      const dir = tempDir()
      const log = await PartitionLog.open(dir, smallConfig())
      let seq = 0
      for (let i = 0; i < 120; i++) {
        send(log, seq, 0, ['x'.repeat(100), 'y'])
        seq += 2
      }
      assert.ok(log.segmentCount > 3)
      if (shutdown === 'clean') await log.close()
      else await log.closeFiles()
      if (shutdown === 'unclean-no-snapshots') {
        for (const n of readdirSync(dir)) if (n.endsWith('.snapshot')) unlinkSync(join(dir, n))
      }
      const reopened = await PartitionLog.open(dir, smallConfig())
      const dup = send(reopened, seq - 2)
      assert.equal(dup.duplicate, true)
      assert.equal(dup.baseOffset, reopened.logEndOffset - 2n)
      assert.throws(() => send(reopened, seq + 2), KafkaError)
      assert.equal(send(reopened, seq).duplicate, false)
      await reopened.close()
    })
  }

  it('ignores a corrupt snapshot and rebuilds from the log', async () => {
    const dir = tempDir()
    const log = await PartitionLog.open(dir, smallConfig())
    for (let i = 0; i < 5; i++) send(log, i * 2)
    await log.close()
    const snap = readdirSync(dir)
      .filter((n) => n.endsWith('.snapshot'))
      .at(-1)!
    writeFileSync(join(dir, snap), 'garbage')
    const reopened = await PartitionLog.open(dir, smallConfig())
    assert.equal(send(reopened, 8).duplicate, true)
    await reopened.close()
  })

  it('truncateTo rewinds producer state so truncated batches can be re-sent', async () => {
    const log = await PartitionLog.open(tempDir(), smallConfig())
    for (let i = 0; i < 5; i++) send(log, i * 2)
    await log.truncateTo(6n)
    assert.equal(log.logEndOffset, 6n)
    const resent = send(log, 6)
    assert.deepEqual([resent.duplicate, resent.baseOffset], [false, 6n])
    await log.close()
  })
})
