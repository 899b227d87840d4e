// The __consumer_offsets records, now encoded by codecs generated from Kafka's schemas
// (records/*.json; Kafka's CoordinatorRecordSerde writes the same int16 version prefix), must
// read what Samsa 0.1.0's hand-written codecs wrote, byte for byte, and write the same bytes.
// The hex below was produced by those hand-written codecs (src/groups/records.ts at 102d452).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeGroupRecord, encodeGroupRecord, type GroupRecord } from '../../src/groups/records.js'
import { Writer } from '../../src/protocol/writer.js'

const MEMBER = 'AAAAAAAAAAAAAAAAAAAAAA'
const cases: Array<[GroupRecord, string, string | null]> = [
  [
    {
      type: 'offset',
      groupId: 'g1',
      topic: 'orders',
      partition: 2,
      value: { offset: 42n, leaderEpoch: 3, metadata: 'meta', commitTimestamp: 1700000000000n, expireTimestamp: null },
    },
    '00010002673100066f726465727300000002',
    '0003000000000000002a0000000300046d6574610000018bcfe56800',
  ],
  [
    {
      type: 'offset',
      groupId: 'g1',
      topic: 'orders',
      partition: 0,
      value: { offset: 7n, leaderEpoch: -1, metadata: '', commitTimestamp: 1700000000001n, expireTimestamp: 1700000600001n },
    },
    '00010002673100066f726465727300000000',
    '0001000000000000000700000000018bcfe568010000018bcfee8fc1',
  ],
  [{ type: 'offset', groupId: 'g1', topic: 'orders', partition: 1, value: null }, '00010002673100066f726465727300000001', null],
  [
    {
      type: 'group',
      groupId: 'g1',
      value: {
        protocolType: 'consumer',
        generation: 4,
        protocol: 'range',
        leader: 'm-1',
        currentStateTimestamp: 1700000000002n,
        members: [
          {
            memberId: 'm-1',
            groupInstanceId: null,
            clientId: 'c1',
            clientHost: '/127.0.0.1',
            rebalanceTimeoutMs: 300000,
            sessionTimeoutMs: 45000,
            subscription: Buffer.from([0, 1, 2]),
            assignment: Buffer.from([3, 4]),
          },
          {
            memberId: 'm-2',
            groupInstanceId: 'i-2',
            clientId: 'c2',
            clientHost: '/::1',
            rebalanceTimeoutMs: 60000,
            sessionTimeoutMs: 10000,
            subscription: Buffer.alloc(0),
            assignment: Buffer.alloc(0),
          },
        ],
      },
    },
    '000200026731',
    '00030008636f6e73756d657200000004000572616e676500036d2d310000018bcfe568020000000200036d2d31ffff00026331000a2f3132372e302e302e31000493e00000afc80000000300010200000002030400036d2d320003692d320002633200042f3a3a310000ea60000027100000000000000000',
  ],
  [{ type: 'group', groupId: 'g1', value: null }, '000200026731', null],
  [{ type: 'consumer-group', groupId: 'g2', value: { epoch: 9 } }, '000300026732', '00000000000900'],
  [
    {
      type: 'consumer-member',
      groupId: 'g2',
      memberId: MEMBER,
      value: {
        instanceId: null,
        rackId: 'r1',
        clientId: 'cid',
        clientHost: '/127.0.0.1',
        subscribedTopicNames: ['a', 'b'],
        subscribedTopicRegex: null,
        rebalanceTimeoutMs: 300000,
        serverAssignor: 'uniform',
      },
    },
    '000500026732001641414141414141414141414141414141414141414141',
    '000000037231046369640b2f3132372e302e302e31030261026200000493e008756e69666f726d00',
  ],
  [
    {
      type: 'consumer-assignment',
      groupId: 'g2',
      memberId: MEMBER,
      value: {
        memberEpoch: 9,
        previousMemberEpoch: 8,
        state: 0,
        assigned: new Map([['5d6e3f3a-1b2c-4d5e-8f90-0123456789ab', [0, 2]]]),
        pendingRevocation: new Map([['00000000-0000-0000-0000-000000000001', [1]]]),
      },
    },
    '000800026732001641414141414141414141414141414141414141414141',
    '0000000000090000000800025d6e3f3a1b2c4d5e8f900123456789ab03000000000000000200020000000000000000000000000000000102000000010000',
  ],
]

test('generated __consumer_offsets codecs read the bytes 0.1.0 wrote and write the same bytes', () => {
  for (const [rec, key, value] of cases) {
    const decoded = decodeGroupRecord(Buffer.from(key, 'hex'), value === null ? null : Buffer.from(value, 'hex'))
    assert.deepEqual(decoded, rec, `decode ${rec.type}`)
    const encoded = encodeGroupRecord(rec)
    assert.equal(encoded.key.toString('hex'), key, `key of ${rec.type}`)
    assert.equal(encoded.value?.toString('hex') ?? null, value, `value of ${rec.type}`)
  }
})

test('records Kafka writes in other versions are read too: OffsetCommitValue v4 (flexible) and GroupMetadataValue v0', () => {
  const key = Buffer.from('00010002673100066f726465727300000002', 'hex')
  // v4: offset, leader epoch, compact string metadata, commit timestamp, tagged fields
  const v4 = new Writer().int16(4).int64(42n).int32(5).string('m', true).int64(1000n).noTaggedFields().toBuffer()
  assert.deepEqual(decodeGroupRecord(key, v4), {
    type: 'offset',
    groupId: 'g1',
    topic: 'orders',
    partition: 2,
    value: { offset: 42n, leaderEpoch: 5, metadata: 'm', commitTimestamp: 1000n, expireTimestamp: null },
  })
  // GroupMetadataValue v0 has no rebalance timeout: the session timeout stands in (Kafka's GroupMetadataManager).
  const v0 = new Writer()
    .int16(0)
    .string('consumer', false)
    .int32(1)
    .nullableString('range', false)
    .nullableString('m', false)
    .arrayLength(1, false)
    .string('m', false)
    .string('c', false)
    .string('/h', false)
    .int32(10000)
    .bytes(Buffer.alloc(0), false)
    .bytes(Buffer.alloc(0), false)
    .toBuffer()
  const rec = decodeGroupRecord(Buffer.from('000200026731', 'hex'), v0)
  assert.equal(rec?.type, 'group')
  assert.deepEqual(rec?.type === 'group' ? rec.value?.members.map((m) => [m.rebalanceTimeoutMs, m.sessionTimeoutMs, m.groupInstanceId]) : null, [
    [10000, 10000, null],
  ])
  assert.equal(rec?.type === 'group' ? rec.value?.currentStateTimestamp : null, -1n)
})

test('a value version the schema does not define is an error, an unused key version is skipped', () => {
  const key = Buffer.from('00010002673100066f726465727300000002', 'hex')
  assert.throws(() => decodeGroupRecord(key, Buffer.from('0009', 'hex')), /unknown OffsetCommitValue version 9/)
  // key version 7: ConsumerGroupTargetAssignmentMemberKey, recomputed rather than stored by Samsa
  assert.equal(decodeGroupRecord(Buffer.from('000700026732000161', 'hex'), null), null)
})
