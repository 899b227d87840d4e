import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ProtocolError } from '../../src/errors.js'
import { compress, decompress, isXerialSnappy } from '../../src/protocol/compression.js'
import { COMPRESSION_TYPES, computeBatchCrc } from '../../src/protocol/record-batch.js'
import { validateBatches as validate, type ValidateOptions, type ValidationResult } from '../../src/protocol/record-batch-validate.js'
import { decodeRecords, encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { zstdFrameWithoutSize } from '../support/zstd-frame.js'

/** Small batches validate synchronously (the produce fast path); this asserts it. */
function validateBatches(records: Buffer, opts?: ValidateOptions): ValidationResult {
  const r = validate(records, opts)
  if (r instanceof Promise) throw new Error('a small batch validated asynchronously')
  return r
}

const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => `record ${i % 977} `).join(''))

describe('compression codecs', () => {
  for (const type of COMPRESSION_TYPES) {
    it(`${type} round-trips empty, small and large data`, () => {
      for (const d of [Buffer.alloc(0), Buffer.from('x'), data]) assert.deepEqual(decompress(type, compress(type, d)), d)
    })
  }

  it('reads and writes both snappy framings', () => {
    const xerial = compress('snappy', data)
    assert.ok(isXerialSnappy(xerial))
    assert.ok(xerial.readInt32BE(16) > 0, 'first chunk length')
    const raw = compress('snappy', data, { snappyFraming: 'raw' })
    assert.ok(!isXerialSnappy(raw))
    assert.deepEqual(decompress('snappy', xerial), data)
    assert.deepEqual(decompress('snappy', raw), data)
    // xerial chunks of 32 KiB, as snappy-java writes them
    assert.ok(xerial.length > raw.length)
  })

  it('reads a zstd frame without a content size (Java streams it)', () => {
    const frame = zstdFrameWithoutSize(data)
    assert.equal(frame[4]! >> 6, 0, 'no content size flag')
    assert.deepEqual(decompress('zstd', frame), data)
  })

  it('throws a ProtocolError for corrupt input', () => {
    for (const type of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
      assert.throws(
        () => decompress(type, Buffer.from('definitely not compressed data')),
        (e: unknown) => e instanceof ProtocolError,
        type,
      )
    }
    const truncated = compress('snappy', data).subarray(0, 40)
    assert.throws(
      () => decompress('snappy', truncated),
      (e: unknown) => e instanceof ProtocolError,
    )
  })

  it('encodes and decodes compressed record batches', () => {
    for (const compression of COMPRESSION_TYPES) {
      const records = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: i % 7 === 0 ? null : `v${i}`, timestamp: 1000n + BigInt(i) }))
      const batch = encodeRecordBatch({ records, compression })
      assert.equal(batch.readInt16BE(21) & 7, COMPRESSION_TYPES.indexOf(compression))
      assert.deepEqual(
        decodeRecords(batch).map((r) => [r.key?.toString(), r.value?.toString() ?? null, r.timestamp]),
        records.map((r) => [r.key, r.value, r.timestamp]),
      )
    }
  })

  it('finds keyless records in compressed batches for compacted topics', () => {
    for (const compression of COMPRESSION_TYPES) {
      const keyless = encodeRecordBatch({
        records: [
          { key: 'a', value: '1' },
          { key: null, value: '2' },
        ],
        compression,
      })
      const r = validateBatches(keyless, { requireKeys: true })
      assert.equal(r.ok, false, compression)
      assert.equal(!r.ok && r.errorCode, ErrorCode.INVALID_RECORD)
      assert.equal(validateBatches(keyless, {}).ok, true, 'fine on other topics')
    }
    const corrupt = encodeRecordBatch({ records: [{ key: 'a', value: 'b'.repeat(100) }], compression: 'lz4' })
    corrupt.fill(0xee, 70)
    corrupt.writeUInt32BE(0, 17)
    corrupt.writeUInt32BE(computeBatchCrc(corrupt, 0, corrupt.length), 17)
    const bad = validateBatches(corrupt, { requireKeys: true })
    assert.equal(!bad.ok && bad.errorCode, ErrorCode.CORRUPT_MESSAGE)
  })
})
