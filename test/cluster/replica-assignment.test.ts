// Kafka's replica assignment, checked against the expectations of Kafka's own tests
// (AdminUtils.assignReplicasToBrokers: ReplicaAssignmentTest.testReplicaAssignment and
// AdminRackAwareTest.testGetRackAlternatedBrokerListAndAssignReplicasToBrokers).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assignReplicasToBrokers, AssignmentError, rackAlternatedBrokers } from '../../src/metadata/replica-assignment.js'

const noRacks = (ids: number[]) => ids.map((id) => ({ id, rack: null }))
const racks = (m: Record<number, string>) => Object.entries(m).map(([id, rack]) => ({ id: Number(id), rack }))

test("rack-unaware: round robin from the start index, followers shifted each round (Kafka's testReplicaAssignment)", () => {
  assert.deepEqual(assignReplicasToBrokers(noRacks([0, 1, 2, 3, 4]), 10, 3, { fixedStartIndex: 0 }), [
    [0, 1, 2],
    [1, 2, 3],
    [2, 3, 4],
    [3, 4, 0],
    [4, 0, 1],
    [0, 2, 3],
    [1, 3, 4],
    [2, 4, 0],
    [3, 0, 1],
    [4, 1, 2],
  ])
})

test("rack-aware: brokers alternate racks and each partition takes every rack first (Kafka's AdminRackAwareTest)", () => {
  const rackMap = { 0: 'rack1', 1: 'rack3', 2: 'rack3', 3: 'rack2', 4: 'rack2', 5: 'rack1' }
  assert.deepEqual(rackAlternatedBrokers(racks(rackMap)), [0, 3, 1, 5, 4, 2])
  const { 5: _, ...without5 } = rackMap
  assert.deepEqual(rackAlternatedBrokers(racks(without5)), [0, 3, 1, 4, 2])
  assert.deepEqual(assignReplicasToBrokers(racks(rackMap), 7, 3, { fixedStartIndex: 0, startPartitionId: 0 }), [
    [0, 3, 1],
    [3, 1, 5],
    [1, 5, 4],
    [5, 4, 2],
    [4, 2, 0],
    [2, 0, 3],
    [0, 4, 2],
  ])
})

test('every replica of a partition is on a different broker, and leaders spread evenly, from any start', () => {
  for (let start = 0; start < 6; start++) {
    const a = assignReplicasToBrokers(noRacks([1, 2, 3]), 6, 3, { random: () => start % 3 })
    for (const replicas of a) assert.equal(new Set(replicas).size, 3)
    const leaders = new Map<number, number>()
    for (const r of a) leaders.set(r[0]!, (leaders.get(r[0]!) ?? 0) + 1)
    assert.deepEqual([...leaders.values()], [2, 2, 2])
  }
})

test("with racks on some brokers only, racks are ignored; impossible requests are refused with Kafka's messages", () => {
  const mixed = [
    { id: 1, rack: 'a' },
    { id: 2, rack: null },
    { id: 3, rack: 'b' },
  ]
  assert.deepEqual(assignReplicasToBrokers(mixed, 3, 2, { fixedStartIndex: 0 }), assignReplicasToBrokers(noRacks([1, 2, 3]), 3, 2, { fixedStartIndex: 0 }))
  assert.throws(
    () => assignReplicasToBrokers(noRacks([1, 2]), 1, 3),
    (e: unknown) => e instanceof AssignmentError && e.kind === 'replication-factor' && e.message === 'Replication factor: 3 larger than available brokers: 2.',
  )
  assert.throws(
    () => assignReplicasToBrokers(noRacks([1]), 0, 1),
    (e: unknown) => e instanceof AssignmentError && e.kind === 'partitions',
  )
})
