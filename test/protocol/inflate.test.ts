// Produce validation of compressed batches as a stream (issue 11 point 2): the same verdict as
// inflating whole, bombs of every codec refused with MESSAGE_TOO_LARGE while inflation holds only
// a bounded amount of memory (the budget's own figures, inflationStats), and large legitimate
// batches still accepted. Kafka's LogValidator reads records through a stream too
// (skipKeyValueIterator); the inflated-size limit is Samsa's (see record-batch-validate.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decompress, compress } from '../../src/protocol/compression.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { INFLATE_BUDGET, acquireInflation, inflationStats, releaseInflation, resetInflationPeak } from '../../src/protocol/inflate.js'
import { RECORDS_OFFSET, readBatchHeader, writeBatchCrc, type CompressionType } from '../../src/protocol/record-batch.js'
import { validateBatches, type ValidateOptions, type ValidationResult } from '../../src/protocol/record-batch-validate.js'
import { encodeRecordBatch, type RecordInput } from '../../src/protocol/record-codec.js'
import { RecordStream } from '../../src/protocol/record-stream.js'
import { prng } from '../prng.js'
import { giantRecordBomb, lz4Frame, manyRecords, withSection } from '../support/compressed-batches.js'
import { zstdFrame, type ZstdBlock } from '../support/zstd-frame.js'

const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const
const MiB = 1024 * 1024

/** The verdict without the parts that differ by design (batch positions are equal anyway). */
function verdict(r: ValidationResult): unknown {
  return r.ok ? { ok: true, count: r.recordCount, max: r.maxTimestamp } : { ok: false, code: r.errorCode, message: r.message, errors: r.recordErrors }
}

/** The same records section re-compressed into many small pieces, so records cross chunk boundaries. */
function chopped(plain: Buffer, type: 'lz4' | 'lz4-linked' | 'zstd'): Buffer {
  const section = plain.subarray(RECORDS_OFFSET)
  if (type === 'zstd') {
    const blocks: ZstdBlock[] = []
    for (let pos = 0; pos < section.length || blocks.length === 0; pos += 777) blocks.push({ raw: section.subarray(pos, pos + 777) })
    return withSection(plain, 'zstd', zstdFrame(blocks))
  }
  return withSection(plain, 'lz4', lz4Frame(section, { blockSize: 1000, linked: type === 'lz4-linked' }))
}

function sampleRecords(rnd: () => number, n: number): RecordInput[] {
  return Array.from({ length: n }, (_, i) => ({
    key: rnd() < 0.2 ? null : `key-${i}`,
    value: rnd() < 0.1 ? null : 'v'.repeat(Math.floor(rnd() * (rnd() < 0.05 ? 5000 : 300))),
    headers: rnd() < 0.3 ? [{ key: 'h', value: 'x'.repeat(Math.floor(rnd() * 50)) }] : [],
    timestamp: 1_000_000n + BigInt(Math.floor(rnd() * 100_000)),
  }))
}

describe('streaming validation', () => {
  it('gives the verdict of a contiguous walk for records cut at any byte (RecordStream fuzz)', () => {
    const rnd = prng(2024)
    for (let i = 0; i < 600; i++) {
      const plain = encodeRecordBatch({ records: sampleRecords(rnd, 1 + Math.floor(rnd() * 20)) })
      let section = Buffer.from(plain.subarray(RECORDS_OFFSET))
      // Mutate some bytes of the records: lengths, varints, sizes go wrong in every way.
      if (i % 3 !== 0) for (let f = 0; f < 1 + Math.floor(rnd() * 3); f++) section[Math.floor(rnd() * section.length)] = Math.floor(rnd() * 256)
      if (i % 7 === 0) section = section.subarray(0, Math.floor(rnd() * section.length))
      const header = readBatchHeader(plain, 0)
      const checks = { requireKeys: i % 2 === 0, now: 1_050_000n, timestampBeforeMaxMs: 40_000n, timestampAfterMaxMs: 40_000n, topicPartition: 't-0' }
      const whole = new RecordStream(header, checks)
      whole.push(section, 0, section.length)
      whole.end()
      const cut = new RecordStream(header, checks)
      for (let pos = 0; pos < section.length; ) {
        const step = 1 + Math.floor(rnd() * (rnd() < 0.5 ? 8 : 400))
        if (!cut.push(section, pos, Math.min(section.length, pos + step))) break
        pos += step
      }
      cut.end()
      assert.deepEqual(cut.fatal, whole.fatal, `case ${i}`)
      assert.deepEqual(cut.recordErrors, whole.recordErrors, `case ${i}`)
      if (whole.fatal === null) assert.equal(cut.maxTimestamp, whole.maxTimestamp)
    }
  })

  it('gives the same verdict inflating whole or as a stream, for every codec and block layout', async () => {
    const rnd = prng(99)
    for (let i = 0; i < 60; i++) {
      const records = sampleRecords(rnd, 1 + Math.floor(rnd() * 200))
      const opts: ValidateOptions = { requireKeys: i % 2 === 0, now: 1_050_000n, timestampBeforeMaxMs: 45_000n, topicPartition: 't-0' }
      let plain = encodeRecordBatch({ records })
      if (i % 4 === 1) {
        // Records that do not parse, inside a batch that inflates fine.
        plain = Buffer.from(plain)
        plain[RECORDS_OFFSET + Math.floor(rnd() * (plain.length - RECORDS_OFFSET))] = Math.floor(rnd() * 256)
        writeBatchCrc(plain, 0, plain.length)
      }
      const expected = verdict(await validateBatches(plain, opts))
      const batches: Array<[string, Buffer]> = [
        ...CODECS.map((t): [string, Buffer] => [t, withSection(plain, t, compress(t, plain.subarray(RECORDS_OFFSET)))]),
        ['snappy raw', withSection(plain, 'snappy', compress('snappy', plain.subarray(RECORDS_OFFSET), { snappyFraming: 'raw' }))],
        ['lz4 small blocks', chopped(plain, 'lz4')],
        ['lz4 linked blocks', chopped(plain, 'lz4-linked')],
        ['zstd small blocks', chopped(plain, 'zstd')],
      ]
      for (const [name, batch] of batches) {
        assert.deepEqual(verdict(await validateBatches(batch, { ...opts, inflateWholeBelow: Infinity })), expected, `${name} whole, case ${i}`)
        assert.deepEqual(verdict(await validateBatches(batch, { ...opts, inflateWholeBelow: 0 })), expected, `${name} stream, case ${i}`)
      }
    }
  })

  it('reads linked LZ4 blocks and frames of small blocks', () => {
    const data = Buffer.from(Array.from({ length: 30_000 }, (_, i) => `line ${i % 300} of the log\n`).join(''))
    for (const linked of [false, true]) {
      const frame = lz4Frame(data, { blockSize: 10_000, linked })
      assert.deepEqual(decompress('lz4', frame), data, linked ? 'linked' : 'independent')
    }
  })

  it('lists every keyless record of a batch for a compacted topic (KIP-467, LogValidator)', async () => {
    // Kafka's LogValidator.validateRecord runs for every record and processRecordErrors reports
    // them all: 10 keyless records out of 100 give 10 record errors.
    for (const compression of ['none', ...CODECS] as const) {
      const records = Array.from({ length: 100 }, (_, i) => ({ key: i % 10 === 3 ? null : `k${i}`, value: `v${i}` }))
      const r = await validateBatches(encodeRecordBatch({ records, compression }), { requireKeys: true, topicPartition: 'compacted-0' })
      assert.ok(!r.ok)
      assert.equal(r.errorCode, ErrorCode.INVALID_RECORD)
      assert.deepEqual(
        r.recordErrors.map((e) => e.recordIndex),
        [3, 13, 23, 33, 43, 53, 63, 73, 83, 93],
        compression,
      )
      assert.equal(r.recordErrors[0]!.message, 'Compacted topic cannot accept message without key in topic partition compacted-0.')
      assert.match(
        r.message,
        /^One or more records have been rejected due to 10 record errors in total, and only showing the first three errors at most: \[RecordError\(batchIndex=3, /,
      )
    }
  })
})

describe('decompression bombs', () => {
  // Small enough to build quickly; large enough that inflating whole would show.
  const limit = 4 * MiB
  const opts: ValidateOptions = { maxInflatedBytes: limit }

  for (const type of CODECS) {
    it(`${type}: a batch of one huge record is refused before it is inflated`, async () => {
      const bomb = giantRecordBomb(type, type === 'snappy' ? 64 * MiB : type === 'lz4' ? 256 * MiB : 1024 * MiB)
      assert.ok(bomb.length < 4 * MiB, `bomb of ${bomb.length} bytes`)
      resetInflationPeak()
      const r = await validateBatches(bomb, opts)
      assert.ok(!r.ok)
      assert.equal(r.errorCode, ErrorCode.MESSAGE_TOO_LARGE, r.message)
      assert.equal(r.inflateLimit, true)
      assert.ok(inflationStats().peak <= 4 * MiB, `inflation held ${inflationStats().peak} bytes`)
      assert.equal(inflationStats().held, 0)
    })

    it(`${type}: many records that inflate past the limit are refused after at most the limit`, async () => {
      const bomb = manyRecords(type, 12_000) // about 12 MB of records
      resetInflationPeak()
      const r = await validateBatches(bomb, opts)
      assert.ok(!r.ok)
      assert.equal(r.errorCode, ErrorCode.MESSAGE_TOO_LARGE, r.message)
      // lz4-napi writes blocks of up to 4 MiB: one block is what lz4 holds.
      assert.ok(inflationStats().peak <= 5 * MiB, `inflation held ${inflationStats().peak} bytes`)
      assert.equal(inflationStats().held, 0)
    })

    it(`${type}: a large legitimate batch is accepted, inflated as a stream`, async () => {
      const batch = manyRecords(type, 12_000)
      resetInflationPeak()
      const r = validateBatches(batch, { maxInflatedBytes: 64 * MiB })
      assert.ok(r instanceof Promise, 'more than 1 MiB inflates in slices')
      const v = await r
      assert.ok(v.ok, v.ok ? '' : v.message)
      assert.equal(v.recordCount, 12_000)
      // One lz4 block (up to 4 MiB), one zstd window, one 32 KiB xerial chunk, 64 KiB gzip steps.
      assert.ok(inflationStats().peak <= 5 * MiB, `inflation held ${inflationStats().peak} bytes`)
    })
  }

  it('a zstd frame that asks for a window larger than the budget is refused', async () => {
    const plain = encodeRecordBatch({ records: [{ value: 'x' }] })
    const frame = zstdFrame(
      [
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
        { rle: 0, size: 128 * 1024 },
      ],
      1 << 30,
    )
    const r = await validateBatches(withSection(plain, 'zstd', frame), opts)
    assert.ok(!r.ok)
    assert.equal(r.errorCode, ErrorCode.MESSAGE_TOO_LARGE)
  })

  it('the budget makes inflations wait their turn once it is spent', async () => {
    assert.equal(inflationStats().held, 0)
    assert.equal(acquireInflation(INFLATE_BUDGET - 10), undefined)
    const order: string[] = []
    const second = acquireInflation(100)
    assert.ok(second instanceof Promise)
    void second.then(() => order.push('second'))
    const third = acquireInflation(5)
    assert.ok(third instanceof Promise, 'fits, but waits behind the second (first come, first served)')
    void third.then(() => order.push('third'))
    releaseInflation(INFLATE_BUDGET - 10)
    await Promise.all([second, third])
    assert.deepEqual(order, ['second', 'third'])
    releaseInflation(105)
    assert.equal(inflationStats().held, 0)
    // One inflation larger than the whole budget runs, alone.
    assert.equal(acquireInflation(INFLATE_BUDGET * 2), undefined)
    releaseInflation(INFLATE_BUDGET * 2)
  })

  it('corrupt frames of every codec are CORRUPT_MESSAGE, whole or streamed', async () => {
    const plain = manyRecords('none', 3000)
    for (const type of CODECS) {
      const section = compress(type as CompressionType, plain.subarray(RECORDS_OFFSET))
      for (const cut of [0.5, 0.99]) {
        const broken = withSection(plain, type, section.subarray(0, Math.floor(section.length * cut)))
        for (const wholeBelow of [Infinity, 0]) {
          const r = await validateBatches(broken, { inflateWholeBelow: wholeBelow })
          assert.ok(!r.ok, `${type} cut at ${cut}`)
          assert.ok(r.errorCode === ErrorCode.CORRUPT_MESSAGE || r.errorCode === ErrorCode.INVALID_RECORD, `${type} cut at ${cut}: ${r.errorCode} ${r.message}`)
        }
      }
    }
  })
})
