// Unclean leader election (Kafka's unclean.leader.election.enable, KIP-106 default false; the
// controller's OfflinePartitionLeaderElectionStrategy): two topics on the same two brokers, one
// with it false, one true. The follower dies and leaves the ISR, the leader takes more records
// alone, then dies too: both partitions are offline. When the out-of-sync follower comes back,
// the clean topic stays offline (no in-sync replica is alive) until its last in-sync replica
// returns, with every record; the unclean one is led at once by the returned follower, the
// records only the dead leader had are lost, the controller logs the loss, and the old leader,
// back, truncates them to follow.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { controllerId, createAssignedTopic, describePartition, produceBatch, readPartition, waitForLeader, waitInSync } from '../support/replication.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined

test('with unclean.leader.election.enable=false a partition stays offline until an in-sync replica returns; with true an out-of-sync replica leads and the loss is logged', {
  skip,
  timeout: 240_000,
}, async () => {
  const c = cluster!
  const controller = await controllerId(c)
  // Leader and follower are not the controller, so the controller sees every death.
  const [leaderId, followerId] = [1, 2, 3].filter((id) => id !== controller) as [number, number]
  await createAssignedTopic(c, 'clean', [[leaderId, followerId]], { 'unclean.leader.election.enable': 'false', 'min.insync.replicas': '1' })
  await createAssignedTopic(c, 'unclean', [[leaderId, followerId]], { 'unclean.leader.election.enable': 'true', 'min.insync.replicas': '1' })
  const L = c.broker(leaderId)
  const F = c.broker(followerId)
  for (const t of ['clean', 'unclean']) {
    assert.equal((await produceBatch(L.bootstrap, t, 0, ['a', 'b'])).errorCode, ErrorCode.NONE)
    await waitInSync(c, t, 0, [leaderId, followerId])
  }

  // The follower dies: the controller drops it from the ISR, the leader goes on alone.
  await F.kill()
  for (const t of ['clean', 'unclean']) {
    await eventually(`${t} without the dead follower in its ISR`, async () => !(await describePartition(L.bootstrap, t, 0))!.isr.includes(followerId))
    assert.equal((await produceBatch(L.bootstrap, t, 0, ['c', 'd'])).errorCode, ErrorCode.NONE)
  }
  // Then the leader, the last in-sync replica, dies: both partitions are offline.
  await L.kill()
  for (const t of ['clean', 'unclean']) {
    await eventually(`${t} offline`, async () => (await describePartition(c.broker(controller).bootstrap, t, 0))?.leader === -1)
  }

  // The out-of-sync follower returns.
  await F.start()
  const unclean = await waitForLeader(c, 'unclean', 0, { timeoutMs: 60_000 })
  assert.equal(unclean.leader, followerId, 'unclean: the live out-of-sync replica leads')
  assert.deepEqual(unclean.isr, [followerId])
  assert.deepEqual(
    (await readPartition(c, 'unclean', 0)).map((r) => r.value!.toString()),
    ['a', 'b'],
    'what only the dead leader had is lost',
  )
  assert.match(c.broker(controller).output, /unclean leader election/, 'the controller logged the loss')
  // Well after the election, the clean topic is still offline and refuses writes retriably.
  const clean = (await describePartition(F.bootstrap, 'clean', 0))!
  assert.equal(clean.leader, -1, 'clean: offline while no in-sync replica is alive')
  assert.equal(clean.errorCode, ErrorCode.LEADER_NOT_AVAILABLE)
  assert.equal((await produceBatch(F.bootstrap, 'clean', 0, ['x'], { acks: 1 })).errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER)

  // Its last in-sync replica returns: it leads with every record, and the follower catches up.
  await L.start()
  const back = await waitForLeader(c, 'clean', 0, { timeoutMs: 60_000 })
  assert.equal(back.leader, leaderId)
  assert.deepEqual(
    (await readPartition(c, 'clean', 0)).map((r) => r.value!.toString()),
    ['a', 'b', 'c', 'd'],
  )
  await waitInSync(c, 'clean', 0, [leaderId, followerId], 60_000)
  // The unclean topic's old leader follows, its divergent tail truncated.
  await waitInSync(c, 'unclean', 0, [leaderId, followerId], 60_000)
  assert.equal((await waitForLeader(c, 'unclean', 0)).leader, followerId)
  assert.deepEqual(
    (await readPartition(c, 'unclean', 0)).map((r) => r.value!.toString()),
    ['a', 'b'],
  )
})
