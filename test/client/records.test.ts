import { test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { compressBatch } from '../../src/client/compression.js'
import { decodeRecordSet } from '../../src/client/records.js'
import { isCrcValid } from '../../src/protocol/record-batch.js'

const batch = (base: bigint, values: string[]): Buffer =>
  encodeRecordBatch({
    baseOffset: base,
    records: values.map((v, i) => ({ key: i % 2 === 0 ? null : `k${i}`, value: v, headers: [{ key: 'h', value: Buffer.from([0, 255]) }] })),
  })

test('decodes several batches and skips records before the fetch offset', () => {
  const data = Buffer.concat([batch(0n, ['a', 'b', 'c']), batch(3n, ['d', 'e'])])
  const set = decodeRecordSet(data, 1n)
  assert.deepEqual(
    set.records.map((r) => r.value!.toString()),
    ['b', 'c', 'd', 'e'],
  )
  assert.deepEqual(
    set.records.map((r) => r.offset),
    [1n, 2n, 3n, 4n],
  )
  assert.equal(set.nextOffset, 5n)
  assert.deepEqual(set.records[0]!.headers[0]!.value, Buffer.from([0, 255]))
})

test('stops at a trailing partial batch', () => {
  const full = batch(0n, ['a'])
  const data = Buffer.concat([full, batch(1n, ['b']).subarray(0, 30)])
  const set = decodeRecordSet(data, 0n)
  assert.equal(set.records.length, 1)
  assert.equal(set.nextOffset, 1n)
})

test('batches of every codec round-trip and keep a valid CRC', () => {
  const plain = batch(10n, ['x'.repeat(1000), 'y'.repeat(1000)])
  for (const [codec, id] of [
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ] as const) {
    const packed = compressBatch(plain, codec)
    assert.ok(packed.length < plain.length, codec)
    assert.ok(isCrcValid(packed, 0, packed.length), codec)
    assert.equal(packed.readInt16BE(21) & 7, id)
    const set = decodeRecordSet(packed, 0n)
    assert.deepEqual(
      set.records.map((r) => r.value!.length),
      [1000, 1000],
      codec,
    )
    assert.equal(set.nextOffset, 12n)
  }
})

test('a corrupt batch is reported, not returned', () => {
  const b = batch(0n, ['a'])
  b[b.length - 1]! ^= 0xff
  assert.throws(() => decodeRecordSet(b, 0n), /CRC/)
})

test('an unknown codec name is a clear error', async () => {
  const { parseCompression } = await import('../../src/client/compression.js')
  assert.throws(() => parseCompression('brotli'), /unknown compression "brotli"/)
})
