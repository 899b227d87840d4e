// The controller's partition state writes against a real ZooKeeper, as Kafka's KafkaZkClient
// makes them: first states created many to a multi (and one by one when another controller got
// to some first, keeping what it wrote), updates only at the version last read (a stale one
// changes nothing), every write fenced by the controller epoch.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper, startTestEnsemble, testClient } from '../support/zookeeper.js'
import { ZkStateStore } from '../../src/controller/zk-state-store.js'
import { fencedMulti, readControllerEpoch } from '../../src/metadata/zk/controller-election.js'
import { PartitionStateZNode, ZkPaths } from '../../src/metadata/zk/znodes.js'

const skip = skipWithoutZooKeeper()
const ensemble = skip === false ? await startTestEnsemble(1) : undefined

const state = (leader: number) => ({ leader, leaderEpoch: 0, isr: [leader], controllerEpoch: 1, leaderRecoveryState: 0 })

test('first states in batches; a batch meeting states already there keeps them', { skip }, async () => {
  const zk = await testClient(ensemble!.connectString())
  await zk.createWithParents('/controller_epoch', '1', { ignoreExisting: true })
  const epoch = await readControllerEpoch(zk)
  const store = new ZkStateStore(zk, (ops) => fencedMulti(zk, epoch.epochZkVersion, ops))
  // Another controller initialised partition 250 already, with another leader.
  await zk.createWithParents(ZkPaths.partitionState('t', 250), PartitionStateZNode.encode(state(9)))
  const wanted = Array.from({ length: 450 }, (_, partition) => ({ partition, state: state((partition % 3) + 1) }))
  const written = await store.createStates('t', wanted)
  assert.equal(written.size, 450)
  assert.equal(written.get(250)!.leader, 9, 'the existing state is kept')
  assert.equal(written.get(10)!.leader, 2)
  const read = await store.readState('t', 449)
  assert.deepEqual(read, { ...state((449 % 3) + 1), zkVersion: 0 })
  assert.equal((await zk.getChildren(ZkPaths.topicPartitions('t'))).children.length, 450)
})

test('an update at a stale version writes nothing; a deposed controller writes nothing', { skip }, async () => {
  const zk = await testClient(ensemble!.connectString())
  const epoch = await readControllerEpoch(zk)
  const store = new ZkStateStore(zk, (ops) => fencedMulti(zk, epoch.epochZkVersion, ops))
  const first = (await store.createStates('u', [{ partition: 0, state: state(1) }])).get(0)!
  const moved = await store.updateState('u', 0, { ...state(2), leaderEpoch: 1 }, first.zkVersion)
  assert.equal(moved!.zkVersion, 1)
  assert.equal(await store.updateState('u', 0, { ...state(3), leaderEpoch: 1 }, first.zkVersion), undefined)
  assert.equal((await store.readState('u', 0))!.leader, 2)
  // Another controller takes over: the old one's writes fail.
  await zk.setData('/controller_epoch', String(epoch.epoch + 1), epoch.epochZkVersion)
  await assert.rejects(store.updateState('u', 0, { ...state(1), leaderEpoch: 2 }, 1), /controller epoch moved on/)
  assert.equal((await store.readState('u', 0))!.leader, 2)
})
