import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription, rangeAssign } from '../../src/client/consumer-protocol.js'

test('subscription round-trips with its int16 version prefix', () => {
  const buf = encodeSubscription({ topics: ['a', 'b'] })
  assert.equal(buf.readInt16BE(0), 3)
  assert.deepEqual(decodeSubscription(buf).topics, ['a', 'b'])
  const v0 = encodeSubscription({ topics: ['x'] }, 0)
  assert.equal(v0.readInt16BE(0), 0)
  assert.deepEqual(decodeSubscription(v0).topics, ['x'])
})

test('a newer subscription version is read with our highest', () => {
  const buf = encodeSubscription({ topics: ['a'] })
  buf.writeInt16BE(9, 0)
  assert.deepEqual(decodeSubscription(Buffer.concat([buf, Buffer.from([1, 2, 3])])).topics, ['a'])
})

test('assignment round-trips', () => {
  const a = new Map([
    ['t', [0, 2]],
    ['u', [1]],
  ])
  assert.deepEqual(decodeAssignment(encodeAssignment(a)), a)
  assert.deepEqual(decodeAssignment(Buffer.alloc(0)), new Map())
})

test('range assignor: contiguous runs, the first members take the remainder', () => {
  const members = new Map([
    ['m2', ['t']],
    ['m1', ['t']],
    ['m3', ['t']],
  ])
  const out = rangeAssign(members, new Map([['t', 7]]))
  assert.deepEqual(out.get('m1')!.get('t'), [0, 1, 2])
  assert.deepEqual(out.get('m2')!.get('t'), [3, 4])
  assert.deepEqual(out.get('m3')!.get('t'), [5, 6])
})

test('range assignor: per topic, only subscribers, more members than partitions', () => {
  const members = new Map([
    ['a', ['t', 'u']],
    ['b', ['t']],
    ['c', ['t']],
  ])
  const out = rangeAssign(
    members,
    new Map([
      ['t', 2],
      ['u', 3],
    ]),
  )
  assert.deepEqual(out.get('a')!.get('t'), [0])
  assert.deepEqual(out.get('b')!.get('t'), [1])
  assert.equal(out.get('c')!.get('t'), undefined)
  assert.deepEqual(out.get('a')!.get('u'), [0, 1, 2])
  assert.equal(out.get('b')!.get('u'), undefined)
})
