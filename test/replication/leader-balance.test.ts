// Kafka's automatic preferred leader balancing (auto.leader.rebalance.enable, KafkaController's
// checkAndTriggerAutoLeaderRebalance): a broker that comes back after a controlled shutdown leads
// its preferred partitions again within leader.imbalance.check.interval.seconds, once it is back
// in sync. The imbalance rule itself (per broker, above leader.imbalance.per.broker.percentage,
// only where the preferred replica is alive and in sync) and KIP-455's replica arithmetic are
// checked on the controller's context directly.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { createAssignedTopic, describePartition, waitForLeader } from '../support/replication.js'
import { ControllerContext } from '../../src/controller/controller-context.js'
import { imbalancedPartitions } from '../../src/controller/preferred-election.js'
import { reassignTo } from '../../src/controller/reassignment.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined =
  skip === false
    ? await startTestCluster({ zookeepers: 1, brokers: 2, config: { 'leader.imbalance.check.interval.seconds': 1, 'replica.lag.time.max.ms': 2000 } })
    : undefined

test('a restarted broker gets its preferred leaderships back', { skip }, async () => {
  const c = cluster!
  await createAssignedTopic(c, 'balanced', [
    [1, 2],
    [2, 1],
  ])
  await c.broker(1).stop()
  assert.equal((await waitForLeader(c, 'balanced', 0)).leader, 2)
  await c.broker(1).start()
  await eventually('broker 1 to lead partition 0 again', async () => {
    const v = await describePartition(c.broker(2).bootstrap, 'balanced', 0)
    return v?.leader === 1
  })
  assert.equal((await waitForLeader(c, 'balanced', 1)).leader, 2)
})

function context(leaders: Record<string, number>, assignment: number[][], isr: number[] = [1, 2, 3]): ControllerContext {
  const ctx = new ControllerContext()
  for (const id of [1, 2, 3]) ctx.brokers.set(id, { info: { id, rack: null, endpoints: [] }, epoch: BigInt(id) })
  ctx.topics.set('t', { name: 't', topicId: '00000000-0000-0000-0000-000000000001', assignment })
  assignment.forEach((_, p) =>
    ctx.setState('t', p, { leader: leaders[p] ?? -1, leaderEpoch: 0, isr, controllerEpoch: 1, zkVersion: 0, leaderRecoveryState: 0 }),
  )
  return ctx
}

test('the imbalance check: per preferred broker, above the percentage, only partitions whose preferred replica can lead', () => {
  // Broker 1 is preferred for 10 partitions and leads 9 of them: 10% is not above 10%.
  const ten = Array.from({ length: 10 }, () => [1, 2])
  const leaders = Object.fromEntries(ten.map((_, p) => [p, p === 0 ? 2 : 1]))
  assert.deepEqual(imbalancedPartitions(context(leaders, ten), 10), [])
  assert.deepEqual(imbalancedPartitions(context(leaders, ten), 5), [{ topic: 't', partition: 0 }])
  // Not in sync, or not alive: left alone.
  assert.deepEqual(imbalancedPartitions(context(leaders, ten, [2]), 5), [])
  const dead = context(leaders, ten)
  dead.brokers.delete(1)
  assert.deepEqual(imbalancedPartitions(dead, 5), [])
  const stopping = context(leaders, ten)
  stopping.shuttingDown.add(1)
  assert.deepEqual(imbalancedPartitions(stopping, 5), [])
  // Not while a reassignment is under way.
  const moving = context(leaders, ten)
  moving.setReassignment('t', 3, { adding: [3], removing: [] })
  assert.deepEqual(imbalancedPartitions(moving, 5), [])
})

test('KIP-455 replica sets: target first, then the origin; a new target replaces one being added', () => {
  assert.deepEqual(reassignTo([1, 2], undefined, [3, 2]), { origin: [1, 2], replicas: [3, 2, 1], adding: [3], removing: [1] })
  assert.deepEqual(reassignTo([1, 2], undefined, [2, 1]), { origin: [1, 2], replicas: [2, 1], adding: [], removing: [] })
  // [1, 2] -> [3, 2] is under way (RS [3, 2, 1]); now to [4, 2]: 3 is no longer wanted.
  assert.deepEqual(reassignTo([3, 2, 1], { adding: [3], removing: [1] }, [4, 2]), { origin: [2, 1], replicas: [4, 2, 1], adding: [4], removing: [1] })
  // A cancel is a reassignment to the origin.
  assert.deepEqual(reassignTo([3, 2, 1], { adding: [3], removing: [1] }, [2, 1]), { origin: [2, 1], replicas: [2, 1], adding: [], removing: [] })
})
