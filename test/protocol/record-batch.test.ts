import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  MAGIC_OFFSET,
  RECORD_COUNT_OFFSET,
  assignOffsets,
  batchSize,
  isControl,
  isCrcValid,
  isTransactional,
  readBatchHeader,
  timestampTypeOf,
  writeBatchCrc,
} from '../../src/protocol/record-batch.js'
import { validateBatches as validate, type ValidateOptions, type ValidationResult } from '../../src/protocol/record-batch-validate.js'
import { decodeRecords, encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { prng } from '../prng.js'
import { cursor, readVarint, readVarlong, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from '../../src/protocol/varint.js'

/** Small batches validate synchronously (the produce fast path); this asserts it. */
function validateBatches(records: Buffer, opts?: ValidateOptions): ValidationResult {
  const r = validate(records, opts)
  if (r instanceof Promise) throw new Error('a small batch validated asynchronously')
  return r
}

const sample = (n: number, ts = 1_700_000_000_000n) =>
  encodeRecordBatch({
    records: Array.from({ length: n }, (_, i) => ({
      key: i % 3 === 0 ? null : `key-${i}`,
      value: `value-${i}`.repeat(i % 5),
      headers:
        i % 2
          ? [
              { key: 'h', value: `v${i}` },
              { key: 'n', value: null },
            ]
          : [],
      timestamp: ts + BigInt(i * 7 - 10),
    })),
  })

describe('varint', () => {
  it('round-trips int32 and int64 edge values', () => {
    const buf = Buffer.alloc(10)
    for (const v of [0, 1, -1, 63, -64, 64, 300, -300, 2 ** 31 - 1, -(2 ** 31)]) {
      const end = writeVarint(buf, 0, v)
      assert.equal(end, sizeOfVarint(v))
      const c = cursor(buf, 0, end)
      assert.equal(readVarint(c), v)
      assert.ok(c.ok)
      assert.equal(c.pos, end)
    }
    for (const v of [0n, -1n, 1n, 2n ** 27n, -(2n ** 40n), 2n ** 63n - 1n, -(2n ** 63n), 1_700_000_000_000n]) {
      const end = writeVarlong(buf, 0, v)
      assert.equal(end, sizeOfVarlong(v))
      const c = cursor(buf, 0, end)
      assert.equal(readVarlong(c), v)
      assert.ok(c.ok)
    }
  })

  it('flags truncated and over-long encodings instead of throwing', () => {
    const c = cursor(Buffer.from([0x80, 0x80]))
    readVarint(c)
    assert.equal(c.ok, false)
    const long = cursor(Buffer.alloc(11, 0xff))
    readVarlong(long)
    assert.equal(long.ok, false)
  })
})

describe('record batch encode/decode', () => {
  it('round-trips records with null keys, headers and timestamps', () => {
    const batch = encodeRecordBatch({
      baseOffset: 42n,
      producerId: 7n,
      producerEpoch: 3,
      baseSequence: 11,
      records: [
        { key: 'a', value: 'x', timestamp: 100n },
        { key: null, value: null, headers: [{ key: 'k', value: Buffer.from([1, 2]) }], timestamp: 90n },
        { key: Buffer.alloc(0), value: 'z'.repeat(1000), timestamp: 250n },
      ],
    })
    const h = readBatchHeader(batch)
    assert.equal(h.baseOffset, 42n)
    assert.equal(h.batchLength + 12, batch.length)
    assert.equal(h.magic, 2)
    assert.equal(h.lastOffsetDelta, 2)
    assert.equal(h.recordCount, 3)
    assert.equal(h.baseTimestamp, 100n)
    assert.equal(h.maxTimestamp, 250n)
    assert.equal(h.producerId, 7n)
    assert.equal(h.producerEpoch, 3)
    assert.equal(h.baseSequence, 11)
    assert.equal(timestampTypeOf(h.attributes), 'CreateTime')
    assert.ok(!isTransactional(h.attributes) && !isControl(h.attributes))
    assert.ok(isCrcValid(batch, 0, batch.length))
    const recs = decodeRecords(batch)
    assert.deepEqual(
      recs.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value?.toString() ?? null]),
      [
        [42n, 100n, 'a', 'x'],
        [43n, 90n, null, null],
        [44n, 250n, '', 'z'.repeat(1000)],
      ],
    )
    assert.deepEqual(recs[1]!.headers, [{ key: 'k', value: Buffer.from([1, 2]) }])
  })
})

describe('validateBatches', () => {
  it('summarises a multi-batch buffer', () => {
    const buf = Buffer.concat([sample(5), sample(1), sample(20, 2_000_000_000_000n)])
    const r = validateBatches(buf)
    assert.ok(r.ok)
    assert.equal(r.batches.length, 3)
    assert.equal(r.recordCount, 26)
    assert.equal(r.maxTimestamp, 2_000_000_000_000n + 19n * 7n - 10n)
    assert.deepEqual(
      r.batches.map((b) => b.position),
      [0, batchSize(buf, 0), batchSize(buf, 0) + batchSize(buf, batchSize(buf, 0))],
    )
  })

  it('rejects a CRC mismatch for any flipped byte covered by the CRC', () => {
    const batch = sample(4)
    for (let i = ATTRIBUTES_OFFSET; i < batch.length; i++) {
      const copy = Buffer.from(batch)
      copy[i]! ^= 0x01
      const r = validateBatches(copy)
      assert.ok(!r.ok, `flip at ${i} accepted`)
      assert.equal(r.errorCode, ErrorCode.CORRUPT_MESSAGE)
    }
    const crcFlip = Buffer.from(batch)
    crcFlip[18]! ^= 0x80
    assert.equal((validateBatches(crcFlip) as { errorCode: number }).errorCode, ErrorCode.CORRUPT_MESSAGE)
  })

  it('rejects every truncation and never throws', () => {
    const buf = Buffer.concat([sample(3), sample(2)])
    const first = batchSize(buf, 0)
    for (let len = 0; len < buf.length; len++) {
      const r = validateBatches(buf.subarray(0, len))
      assert.equal(r.ok, len === first, `length ${len}`)
    }
  })

  const resign = (b: Buffer) => {
    writeBatchCrc(b, 0, b.length)
    return b
  }

  it('maps header problems to Kafka error codes', () => {
    const code = (b: Buffer, opts = {}) => {
      const r = validateBatches(b, opts)
      return r.ok ? 0 : r.errorCode
    }
    const magic1 = sample(2)
    magic1.writeInt8(1, MAGIC_OFFSET)
    assert.equal(code(magic1), ErrorCode.INVALID_RECORD)
    const magic9 = sample(2)
    magic9.writeInt8(9, MAGIC_OFFSET)
    assert.equal(code(magic9), ErrorCode.CORRUPT_MESSAGE)
    const short = sample(2)
    short.writeInt32BE(48, BATCH_LENGTH_OFFSET)
    assert.equal(code(short), ErrorCode.CORRUPT_MESSAGE)
    const count = sample(3)
    count.writeInt32BE(4, RECORD_COUNT_OFFSET)
    assert.equal(code(resign(count)), ErrorCode.INVALID_RECORD)
    const zstd7 = sample(1)
    zstd7.writeInt16BE(7, ATTRIBUTES_OFFSET)
    assert.equal(code(resign(zstd7)), ErrorCode.UNSUPPORTED_COMPRESSION_TYPE)
    const control = encodeRecordBatch({ records: [{ key: 'k', value: 'v' }], isControl: true, producerId: 1n, producerEpoch: 0, baseSequence: 0 })
    assert.equal(code(control), ErrorCode.INVALID_RECORD)
    assert.equal(code(control, { allowControl: true }), 0)
    const noSeq = encodeRecordBatch({ records: [{ value: 'v' }], producerId: 5n, producerEpoch: 0, baseSequence: -1 })
    assert.equal(code(noSeq), ErrorCode.INVALID_RECORD)
    const txnNoPid = encodeRecordBatch({ records: [{ value: 'v' }], isTransactional: true })
    assert.equal(code(txnNoPid), ErrorCode.INVALID_RECORD)
    assert.equal(code(sample(50), { maxBatchBytes: 100 }), ErrorCode.MESSAGE_TOO_LARGE)
    assert.equal(code(Buffer.concat([sample(1), sample(1)]), { singleBatch: true }), ErrorCode.INVALID_RECORD)
    assert.equal(code(sample(3), { requireKeys: true }), ErrorCode.INVALID_RECORD)
    assert.equal(code(Buffer.alloc(0)), ErrorCode.INVALID_RECORD)
  })

  it('checks CreateTime bounds per record', () => {
    const b = sample(3, 1000n)
    const r = validateBatches(b, { now: 100_000n, timestampBeforeMaxMs: 50_000n })
    assert.ok(!r.ok)
    assert.equal(r.errorCode, ErrorCode.INVALID_TIMESTAMP)
    assert.equal(r.recordIndex, 0)
    assert.ok(validateBatches(b, { now: 1000n, timestampBeforeMaxMs: 50n, timestampAfterMaxMs: 50n }).ok)
  })

  it('survives fuzzing with garbage, truncations and re-signed mutations', async () => {
    const rnd = prng(12345)
    const base = Buffer.concat([sample(6), sample(2)])
    let accepted = 0
    for (let i = 0; i < 20_000; i++) {
      let buf: Buffer
      const mode = i % 4
      if (mode === 0) {
        buf = Buffer.alloc(Math.floor(rnd() * 200))
        for (let j = 0; j < buf.length; j++) buf[j] = Math.floor(rnd() * 256)
      } else {
        buf = Buffer.from(base)
        const flips = 1 + Math.floor(rnd() * 4)
        for (let f = 0; f < flips; f++) buf[Math.floor(rnd() * buf.length)] = Math.floor(rnd() * 256)
        if (mode === 2) buf = buf.subarray(0, Math.floor(rnd() * buf.length))
        // Re-signing reaches the record walker with arbitrary record bytes.
        if (mode === 3 && buf.length >= 61) {
          try {
            writeBatchCrc(buf, 0, Math.min(buf.length, batchSize(buf, 0)))
          } catch {
            // batch length garbage: leave as is
          }
        }
      }
      // Garbage that claims gzip with a large size trailer is inflated as a stream: asynchronously.
      const r = await validate(buf)
      if (r.ok) {
        accepted++
        // Anything accepted must be structurally sound enough to re-walk and assign offsets.
        for (const b of r.batches) assert.ok(isCrcValid(buf, b.position, b.size))
        assignOffsets(Buffer.from(buf), 0n, { timestampType: 'CreateTime', now: 0n })
      } else {
        assert.equal(typeof r.errorCode, 'number')
        assert.ok(r.message.length > 0)
      }
    }
    assert.ok(accepted < 20_000)
  })
})

describe('assignOffsets', () => {
  it('assigns consecutive offsets, keeps CRCs valid and stamps LogAppendTime', () => {
    const buf = Buffer.concat([sample(3), sample(1), sample(5)])
    const res = assignOffsets(buf, 100n, { timestampType: 'LogAppendTime', now: 5_000n, partitionLeaderEpoch: 7 })
    assert.equal(res.baseOffset, 100n)
    assert.equal(res.lastOffset, 108n)
    assert.equal(res.logAppendTime, 5_000n)
    assert.equal(res.maxTimestamp, 5_000n)
    assert.equal(res.recordCount, 9)
    const v = validateBatches(buf)
    assert.ok(v.ok)
    assert.deepEqual(
      v.batches.map((b) => b.header.baseOffset),
      [100n, 103n, 104n],
    )
    for (const b of v.batches) {
      assert.equal(b.header.partitionLeaderEpoch, 7)
      assert.equal(timestampTypeOf(b.header.attributes), 'LogAppendTime')
      assert.equal(b.header.maxTimestamp, 5_000n)
      assert.equal(b.header.baseTimestamp, 1_700_000_000_000n - 10n)
    }
    const recs = decodeRecords(buf, v.batches[2]!.position)
    assert.deepEqual(
      recs.map((r) => [r.offset, r.timestamp]),
      [104n, 105n, 106n, 107n, 108n].map((o) => [o, 5_000n]),
    )
  })

  it('CreateTime overwrites a wrong maxTimestamp with the validated one', () => {
    const buf = sample(3, 1000n)
    buf.writeBigInt64BE(1n, 35)
    writeBatchCrc(buf, 0, buf.length)
    const v = validateBatches(buf)
    assert.ok(v.ok)
    assert.equal(v.batches[0]!.maxTimestamp, 1004n)
    const res = assignOffsets(buf, 0n, { timestampType: 'CreateTime', now: 9n, maxTimestamps: v.batches.map((b) => b.maxTimestamp) })
    assert.equal(res.maxTimestamp, 1004n)
    assert.equal(res.logAppendTime, -1n)
    assert.equal(readBatchHeader(buf).maxTimestamp, 1004n)
    assert.ok(isCrcValid(buf, 0, buf.length))
  })
})
