// The fast path of record validation (src/protocol/record-scan.ts) must accept exactly what the
// general path accepts and leave it every other record: fed whole, a batch's records go through
// the scan; fed one byte at a time, never (no record is a single byte), so both verdicts, record
// errors and max timestamps must be equal for every mutation.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RECORDS_OFFSET, readBatchHeader } from '../../src/protocol/record-batch.js'
import { encodeRecordBatch, type RecordInput } from '../../src/protocol/record-codec.js'
import { RecordStream, type RecordChecks } from '../../src/protocol/record-stream.js'
import { prng } from '../prng.js'

const BASE = 1_700_000_000_000n

function records(rnd: () => number, n: number): RecordInput[] {
  return Array.from({ length: n }, (_, i) => {
    // Mostly small deltas (the scan's), some past 2^27 ms either way (4-byte varlongs end there).
    const wide = rnd() < 0.1
    const delta = Math.floor((rnd() - 0.3) * (wide ? 2 ** 31 : 200_000))
    return {
      key: rnd() < 0.2 ? null : `key-${i}`,
      value: rnd() < 0.1 ? null : 'v'.repeat(Math.floor(rnd() * 120)),
      headers: rnd() < 0.3 ? [{ key: 'h', value: rnd() < 0.3 ? null : 'x'.repeat(Math.floor(rnd() * 20)) }] : [],
      timestamp: BASE + BigInt(delta),
    }
  })
}

function run(header: ReturnType<typeof readBatchHeader>, checks: RecordChecks, maxBytes: number, section: Buffer, step: number): RecordStream {
  const s = new RecordStream(header, checks, maxBytes)
  for (let pos = 0; pos < section.length; pos += step) if (!s.push(section, pos, Math.min(section.length, pos + step))) break
  s.end()
  return s
}

describe('record scan (the fast path of produce validation)', () => {
  it('gives the general path verdict for valid, mutated, truncated and out-of-range records', () => {
    const rnd = prng(4711)
    let scanned = 0
    for (let i = 0; i < 3000; i++) {
      const first = records(rnd, 1)[0]!
      const list = [first, ...records(rnd, Math.floor(rnd() * 15))]
      // The first record's timestamp is the batch's base: the others' deltas are relative to it.
      const plain = encodeRecordBatch({ records: list })
      let section = Buffer.from(plain.subarray(RECORDS_OFFSET))
      if (i % 3 !== 0) for (let f = 0; f < 1 + Math.floor(rnd() * 3); f++) section[Math.floor(rnd() * section.length)] = Math.floor(rnd() * 256)
      if (i % 11 === 0) section = section.subarray(0, Math.floor(rnd() * section.length))
      const header = readBatchHeader(plain, 0)
      const now = header.baseTimestamp + BigInt(Math.floor((rnd() - 0.5) * 100_000))
      const checks: RecordChecks = {
        requireKeys: i % 4 === 0,
        now: i % 5 === 0 ? undefined : now,
        timestampBeforeMaxMs: i % 3 === 0 ? undefined : BigInt(Math.floor(rnd() * 150_000)),
        timestampAfterMaxMs: i % 3 === 1 ? undefined : BigInt(Math.floor(rnd() * 150_000)),
        topicPartition: 't-0',
      }
      // Sometimes a limit on the records' bytes (an inflating batch's), near their size.
      const maxBytes = i % 6 === 0 ? Math.floor(section.length * (0.5 + rnd())) : Infinity
      const whole = run(header, checks, maxBytes, section, section.length || 1)
      const bytewise = run(header, checks, maxBytes, section, 1)
      assert.deepEqual(whole.fatal, bytewise.fatal, `case ${i}`)
      // A chunk past the byte limit is refused before its records are read, so which record
      // errors come before that refusal depends on the chunks, by design.
      if (whole.fatal === null || maxBytes === Infinity) {
        assert.deepEqual(whole.recordErrors, bytewise.recordErrors, `case ${i}`)
        assert.equal(whole.timestampErrors, bytewise.timestampErrors, `case ${i}`)
      }
      if (whole.fatal === null) {
        assert.equal(whole.maxTimestamp, bytewise.maxTimestamp, `case ${i}`)
        if (whole.recordErrors.length === 0) scanned++
      }
    }
    // Enough clean batches for the comparison to be about the scan, not only its refusals.
    assert.ok(scanned > 500, `${scanned} clean batches`)
  })

  it('takes timestamps exactly at the bounds, and refuses one past them, as the general path', () => {
    const plain = encodeRecordBatch({
      records: [
        { value: 'a', timestamp: BASE },
        { value: 'b', timestamp: BASE + 1000n },
      ],
    })
    const header = readBatchHeader(plain, 0)
    const section = plain.subarray(RECORDS_OFFSET)
    for (const [now, before, after, ok] of [
      [BASE + 1000n, 1000n, 0n, true],
      [BASE + 1001n, 1000n, 0n, false],
      [BASE, 0n, 1000n, true],
      [BASE - 1n, 0n, 1000n, false],
    ] as const) {
      const checks = { now, timestampBeforeMaxMs: before, timestampAfterMaxMs: after }
      const whole = run(header, checks, Infinity, section, section.length)
      assert.equal(whole.recordErrors.length === 0, ok, `now ${now}`)
      assert.deepEqual(whole.recordErrors, run(header, checks, Infinity, section, 1).recordErrors)
      if (!ok) assert.equal(whole.timestampErrors, true)
    }
  })

  it('leaves a record without key on a compacted topic to the general path, which lists it', () => {
    const plain = encodeRecordBatch({
      records: [
        { key: 'k', value: 'a' },
        { key: null, value: 'b' },
        { key: 'k', value: 'c' },
      ],
    })
    const s = run(readBatchHeader(plain, 0), { requireKeys: true, topicPartition: 't-0' }, Infinity, plain.subarray(RECORDS_OFFSET), plain.length)
    assert.equal(s.fatal, null)
    assert.deepEqual(
      s.recordErrors.map((e) => e.recordIndex),
      [1],
    )
  })
})
