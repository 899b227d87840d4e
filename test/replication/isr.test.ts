// The ISR as the leader keeps it (Kafka's Partition.maybeShrinkIsr / maybeExpandIsr, KIP-497
// AlterPartition): a follower that stops fetching (SIGSTOP, well within its ZooKeeper session)
// leaves the ISR after replica.lag.time.max.ms, by an AlterPartition the controller writes to
// ZooKeeper under the same leader epoch; resumed, it catches up and joins again. The high
// watermark waits for in-sync followers only.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper, testClient } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'
import { createTopic, describePartition, waitForLeader, waitInSync } from '../support/replication.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined =
  skip === false
    ? await startTestCluster({ zookeepers: 1, brokers: 3, config: { 'replica.lag.time.max.ms': 1500, 'zookeeper.session.timeout.ms': 10_000 } })
    : undefined

async function produce(bootstrap: string, topic: string, values: string[]): Promise<bigint> {
  const client = await TestClient.connect(bootstrap)
  try {
    let last = -1n
    for (const v of values) {
      const r = await client.produce(topic, 0, encodeBatch([{ key: null, value: Buffer.from(v) }]), 1)
      assert.equal(r.errorCode, ErrorCode.NONE)
      last = r.baseOffset
    }
    return last
  } finally {
    client.close()
  }
}

async function highWatermark(bootstrap: string, topic: string): Promise<bigint> {
  const client = await TestClient.connect(bootstrap)
  try {
    return (await client.listOffset(topic, 0, -1n)).offset
  } finally {
    client.close()
  }
}

test('a follower that stops fetching leaves the ISR after replica.lag.time.max.ms and rejoins once caught up', { skip }, async () => {
  const c = cluster!
  await createTopic(c, 'lagging', 1, 3)
  const start = await waitForLeader(c, 'lagging', 0)
  const controller = (await (await TestClient.connect(c.broker(start.leader).bootstrap)).metadata([])).controllerId as number
  const follower = [1, 2, 3].find((id) => id !== start.leader && id !== controller)!
  const leader = c.broker(start.leader)
  await produce(leader.bootstrap, 'lagging', ['a', 'b'])
  await waitInSync(c, 'lagging', 0, [1, 2, 3])

  c.broker(follower).pause()
  try {
    const last = await produce(leader.bootstrap, 'lagging', ['c', 'd', 'e'])
    const shrunk = await eventually(
      'the ISR without the stopped follower',
      async () => {
        const v = await describePartition(leader.bootstrap, 'lagging', 0)
        return v !== undefined && !v.isr.includes(follower) ? v : false
      },
      15_000,
    )
    assert.equal(shrunk.leaderEpoch, start.leaderEpoch, 'an ISR change by the leader keeps the leader epoch (the controller bumps it when a broker dies)')
    assert.ok(shrunk.isr.includes(start.leader))
    // Written to ZooKeeper, with a new partition epoch (the state znode's version).
    const zk = await testClient(c.connect)
    const state = JSON.parse((await zk.getData('/brokers/topics/lagging/partitions/0/state')).data.toString())
    assert.deepEqual([...state.isr].sort(), [...shrunk.isr].sort())
    assert.equal(state.leader_epoch, start.leaderEpoch)
    // Without the stopped follower the high watermark covers everything written.
    await eventually('the high watermark past the last record', async () => (await highWatermark(leader.bootstrap, 'lagging')) === last + 1n, 10_000)
  } finally {
    c.broker(follower).resume()
  }
  await produce(leader.bootstrap, 'lagging', ['f'])
  await waitInSync(c, 'lagging', 0, [1, 2, 3])
  const rejoined = await describePartition(leader.bootstrap, 'lagging', 0)
  assert.equal(rejoined?.leaderEpoch, start.leaderEpoch)
})
