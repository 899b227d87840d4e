// The embedded consumer protocol is decoded leniently, as Kafka's ConsumerProtocol
// (clients/.../consumer/internals/ConsumerProtocol.java) and ClassicGroup.computeSubscribedTopics do.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Writer } from '../../src/protocol/writer.js'
import { encodeConsumerProtocolSubscription } from '../../src/protocol/generated/consumer-protocol-subscription.js'
import { encodeConsumerProtocolAssignment } from '../../src/protocol/generated/consumer-protocol-assignment.js'
import { decodeAssignment, decodeSubscription, subscribedTopics } from '../../src/protocol/consumer-protocol.js'

function subscription(headerVersion: number, bodyVersion: number, extra: Buffer = Buffer.alloc(0)): Buffer {
  const w = new Writer(64)
  w.int16(headerVersion)
  encodeConsumerProtocolSubscription(w, bodyVersion, {
    topics: ['orders', 'audit'],
    userData: Buffer.from('ud'),
    ownedPartitions: [{ topic: 'orders', partitions: [1] }],
    generationId: 7,
    rackId: 'r1',
  })
  return Buffer.concat([w.toBuffer(), extra])
}

test('a v1 header over a v0 body (as @platformatic/kafka sends) reads the v0 fields', () => {
  const s = decodeSubscription(subscription(1, 0))
  assert.deepEqual(s.topics, ['orders', 'audit'])
  assert.equal(s.userData?.toString(), 'ud')
  assert.deepEqual(s.ownedPartitions, [])
  assert.equal(s.version, 1)
  assert.deepEqual(subscribedTopics(subscription(1, 0)), ['orders', 'audit'])
})

test('each version reads its own fields; a v3 header over a v1 body keeps the owned partitions', () => {
  const full = decodeSubscription(subscription(3, 3))
  assert.equal(full.generationId, 7)
  assert.equal(full.rackId, 'r1')
  const partial = decodeSubscription(subscription(3, 1))
  assert.deepEqual(partial.ownedPartitions, [{ topic: 'orders', partitions: [1] }])
  assert.equal(partial.generationId, -1)
})

test('a future version with trailing fields is read as our newest', () => {
  const s = decodeSubscription(subscription(9, 3, Buffer.from([0, 0, 0, 1, 2])))
  assert.deepEqual(s.topics, ['orders', 'audit'])
  assert.equal(s.rackId, 'r1')
})

test('what not even v0 fits, or a negative version, is an error', () => {
  assert.throws(() => decodeSubscription(Buffer.from([0, 1, 0, 0, 0, 9])), /malformed consumer protocol subscription/)
  assert.throws(() => subscribedTopics(Buffer.from([0xff, 0xff, 0, 0, 0, 0])), /unsupported/)
})

test('assignments decode with any header version', () => {
  const w = new Writer(64)
  w.int16(5)
  encodeConsumerProtocolAssignment(w, 0, { assignedPartitions: [{ topic: 't', partitions: [0, 2] }], userData: null })
  const a = decodeAssignment(w.toBuffer())
  assert.deepEqual(a.assignedPartitions, [{ topic: 't', partitions: [0, 2] }])
  assert.equal(a.version, 5)
})
