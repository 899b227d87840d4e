import { test } from 'node:test'
import assert from 'node:assert/strict'
import { murmur2, partitionForKey, toPositive, KeylessPartitioner } from '../../src/client/partitioner.js'

// Values from Kafka's own UtilsTest for Utils.murmur2.
const JAVA_MURMUR2: Array<[string | number[], number]> = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  [[0x61, 0x62, 0x63], 479470107],
]

test('murmur2 matches Java for known keys', () => {
  for (const [key, expected] of JAVA_MURMUR2) {
    assert.equal(murmur2(Buffer.from(key as string)), expected, String(key))
  }
})

test('toPositive clears the sign bit like Java, not Math.abs', () => {
  assert.equal(toPositive(-1), 0x7fffffff)
  assert.equal(toPositive(-973932308), -973932308 & 0x7fffffff)
  assert.equal(toPositive(5), 5)
})

test('partitionForKey is positive(murmur2) % n', () => {
  assert.equal(partitionForKey(Buffer.from('foobar'), 10), (-790332482 & 0x7fffffff) % 10)
  for (let n = 1; n < 50; n++) {
    const p = partitionForKey(Buffer.from(`key-${n}`), n)
    assert.ok(p >= 0 && p < n)
  }
})

test('empty key hashes without error', () => {
  assert.equal(typeof murmur2(Buffer.alloc(0)), 'number')
})

test('sticky keyless partitioner stays until a batch is sent, then moves', () => {
  const k = new KeylessPartitioner('default')
  const first = k.partition('t', 8)
  for (let i = 0; i < 10; i++) assert.equal(k.partition('t', 8), first)
  k.batchSent('t', 8)
  assert.notEqual(k.partition('t', 8), first)
})

test('round-robin keyless partitioner cycles through every partition', () => {
  const k = new KeylessPartitioner('round-robin')
  const seen = new Set<number>()
  for (let i = 0; i < 4; i++) seen.add(k.partition('t', 4))
  assert.equal(seen.size, 4)
})
