// The internal topics in a cluster (Kafka's offsets.topic.replication.factor and
// transaction.state.log.replication.factor, default 3): __consumer_offsets and
// __transaction_state are not created while fewer brokers are alive than their replication
// factor (FindCoordinator answers COORDINATOR_NOT_AVAILABLE, which clients retry), and are
// created with every replica once enough brokers are up (a capped replication factor would leave
// them under-replicated for good). A single broker makes them with one replica (other tests).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, waitServing, type TestCluster } from '../support/cluster.js'
import { RawConnection } from '../support/raw-client.js'
import { describePartition } from '../support/replication.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined =
  skip === false
    ? await startTestCluster({ zookeepers: 1, brokers: 0, config: { 'offsets.topic.num.partitions': 3, 'transaction.state.log.num.partitions': 3 } })
    : undefined

async function findCoordinator(bootstrap: string, keyType: 0 | 1, key: string): Promise<number> {
  const conn = await RawConnection.connect(bootstrap)
  try {
    const res = await conn.request(ApiKey.FindCoordinator, 4, { keyType, coordinatorKeys: [key] })
    return res.coordinators[0].errorCode as number
  } finally {
    conn.close()
  }
}

test('__consumer_offsets and __transaction_state wait for their replication factor of live brokers, then have every replica', {
  skip,
  timeout: 120_000,
}, async () => {
  const c = cluster!
  const first = await c.newBroker(1)
  const second = await c.newBroker(2)
  await Promise.all([first.start(), second.start()])
  await waitServing([first, second])
  for (let i = 0; i < 3; i++) {
    assert.equal(await findCoordinator(first.bootstrap, 0, 'g'), ErrorCode.COORDINATOR_NOT_AVAILABLE, 'a group: two brokers of three')
    assert.equal(await findCoordinator(second.bootstrap, 1, 't'), ErrorCode.COORDINATOR_NOT_AVAILABLE, 'a transactional id: two brokers of three')
  }
  assert.equal(await describePartition(first.bootstrap, '__consumer_offsets', 0), undefined, 'not created')

  const third = await c.newBroker(3)
  await third.start()
  await waitServing([first, second, third])
  await eventually('a group coordinator', async () => (await findCoordinator(first.bootstrap, 0, 'g')) === ErrorCode.NONE)
  await eventually('a transaction coordinator', async () => (await findCoordinator(third.bootstrap, 1, 't')) === ErrorCode.NONE)
  for (const topic of ['__consumer_offsets', '__transaction_state']) {
    for (let p = 0; p < 3; p++) {
      const v = await eventually(`${topic}-${p} led`, async () => {
        const d = await describePartition(second.bootstrap, topic, p)
        return d !== undefined && d.leader >= 0 ? d : false
      })
      assert.deepEqual([...v.replicas].sort(), [1, 2, 3], `${topic}-${p} on every broker`)
    }
  }
  assert.match(first.output + second.output, /__consumer_offsets is created once offsets\.topic\.replication\.factor \(3\) brokers are alive/)
})
