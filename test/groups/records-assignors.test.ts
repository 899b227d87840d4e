// __consumer_offsets record schemas, Kafka's group-to-partition mapping, and the assignors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeGroupRecord, encodeGroupRecord, javaStringHashCode, partitionForGroup, type GroupRecord } from '../../src/groups/records.js'
import { rangeAssignor } from '../../src/groups/assignors/range.js'
import { uniformAssignor } from '../../src/groups/assignors/uniform.js'

test('partition of a group in __consumer_offsets is abs(String.hashCode) % n, as in Kafka', () => {
  assert.equal(javaStringHashCode('test'), 3556498)
  assert.equal(javaStringHashCode('hello world'), 1794106052)
  assert.equal(partitionForGroup('test', 50), 48)
  // hashCode of "polygenelubricants" is Integer.MIN_VALUE, which Kafka's Utils.abs maps to 0.
  assert.equal(javaStringHashCode('polygenelubricants'), -2147483648)
  assert.equal(partitionForGroup('polygenelubricants', 50), 0)
  assert.equal(partitionForGroup('Aa', 7), Math.abs(javaStringHashCode('Aa')) % 7)
})

test('every record type round-trips through its key/value bytes; tombstones too', () => {
  const records: GroupRecord[] = [
    {
      type: 'offset',
      groupId: 'g',
      topic: 't',
      partition: 3,
      value: { offset: 42n, leaderEpoch: 5, metadata: 'm', commitTimestamp: 1000n, expireTimestamp: null },
    },
    {
      type: 'offset',
      groupId: 'g',
      topic: 't',
      partition: 3,
      value: { offset: 42n, leaderEpoch: -1, metadata: '', commitTimestamp: 1000n, expireTimestamp: 2000n },
    },
    { type: 'offset', groupId: 'g', topic: 't', partition: 3, value: null },
    {
      type: 'group',
      groupId: 'g',
      value: {
        protocolType: 'consumer',
        generation: 4,
        protocol: 'range',
        leader: 'm1',
        currentStateTimestamp: 77n,
        members: [
          {
            memberId: 'm1',
            groupInstanceId: 'i',
            clientId: 'c',
            clientHost: '/h',
            rebalanceTimeoutMs: 1,
            sessionTimeoutMs: 2,
            subscription: Buffer.from('s'),
            assignment: Buffer.from('a'),
          },
        ],
      },
    },
    { type: 'group', groupId: 'g', value: null },
    { type: 'consumer-group', groupId: 'g', value: { epoch: 9 } },
    {
      type: 'consumer-member',
      groupId: 'g',
      memberId: 'm',
      value: {
        instanceId: null,
        rackId: 'r',
        clientId: 'c',
        clientHost: '/h',
        subscribedTopicNames: ['a', 'b'],
        subscribedTopicRegex: 'x.*',
        rebalanceTimeoutMs: 3,
        serverAssignor: 'uniform',
      },
    },
    {
      type: 'consumer-assignment',
      groupId: 'g',
      memberId: 'm',
      value: {
        memberEpoch: 3,
        previousMemberEpoch: 2,
        state: 2,
        assigned: new Map([['00000000-0000-0000-0000-000000000001', [0, 2]]]),
        pendingRevocation: new Map([['00000000-0000-0000-0000-000000000001', [1]]]),
      },
    },
  ]
  for (const r of records) {
    const e = encodeGroupRecord(r)
    assert.deepEqual(decodeGroupRecord(e.key, e.value), r)
  }
  // Offset keys use Kafka's layout: version 1, group, topic, partition.
  assert.deepEqual(encodeGroupRecord(records[0]!).key, Buffer.from([0, 1, 0, 1, 0x67, 0, 1, 0x74, 0, 0, 0, 3]))
})

const members = (n: number, topics: string[], current: Array<Map<string, number[]>> = []) =>
  Array.from({ length: n }, (_, i) => ({ memberId: `m${i}`, subscribedTopicIds: new Set(topics), current: current[i] ?? new Map() }))

test('range assigns contiguous ranges per topic by member id order', () => {
  const out = rangeAssignor.assign(
    members(3, ['a', 'b']),
    new Map([
      ['a', 7],
      ['b', 2],
    ]),
  )
  assert.deepEqual(
    out.get('m0'),
    new Map([
      ['a', [0, 1, 2]],
      ['b', [0]],
    ]),
  )
  assert.deepEqual(
    out.get('m1'),
    new Map([
      ['a', [3, 4]],
      ['b', [1]],
    ]),
  )
  assert.deepEqual(out.get('m2'), new Map([['a', [5, 6]]]))
})

test("uniform balances to within one partition and keeps members' partitions where it can", () => {
  const topics = new Map([['a', 7]])
  const first = uniformAssignor.assign(members(2, ['a']), topics)
  const sizes = [...first.values()].map((m) => m.get('a')?.length ?? 0)
  assert.deepEqual(sizes.sort(), [3, 4])
  const second = uniformAssignor.assign(members(3, ['a'], [first.get('m0')!, first.get('m1')!]), topics)
  const loads = [...second.values()].map((m) => m.get('a')?.length ?? 0).sort()
  assert.deepEqual(loads, [2, 2, 3])
  for (const id of ['m0', 'm1']) {
    const kept = second
      .get(id)!
      .get('a')!
      .filter((p) => first.get(id)!.get('a')!.includes(p))
    assert.equal(kept.length, second.get(id)!.get('a')!.length, `${id} only keeps partitions it had`)
  }
  const all = [...second.values()].flatMap((m) => m.get('a') ?? []).sort()
  assert.deepEqual(all, [0, 1, 2, 3, 4, 5, 6])
  // A member only gets topics it subscribes to.
  const mixed = uniformAssignor.assign(
    [
      { memberId: 'x', subscribedTopicIds: new Set(['a']), current: new Map() },
      { memberId: 'y', subscribedTopicIds: new Set(['b']), current: new Map() },
    ],
    new Map([
      ['a', 2],
      ['b', 2],
    ]),
  )
  assert.deepEqual(mixed.get('x'), new Map([['a', [0, 1]]]))
  assert.deepEqual(mixed.get('y'), new Map([['b', [0, 1]]]))
})
