// Followers replicate by fetching (Kafka's ReplicaFetcherThread, KIP-101 truncation): three
// broker processes and a real ZooKeeper; a topic with replication factor 3 is copied to every
// replica byte for byte, the high watermark moves with the followers, and after the leader is
// killed (kill -9) a follower in the ISR leads with every record and answers
// OffsetForLeaderEpoch from its leader-epoch cache.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { RawConnection, TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'
import { createTopic, readPartition, replicaLogs, waitForLeader, waitInSync } from '../support/replication.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined

async function produceValues(bootstrap: string, topic: string, values: string[], acks = 1): Promise<void> {
  const client = await TestClient.connect(bootstrap)
  try {
    for (let i = 0; i < values.length; i += 10) {
      const r = await client.produce(topic, 0, encodeBatch(values.slice(i, i + 10).map((v) => ({ key: null, value: Buffer.from(v) }))), acks)
      assert.equal(r.errorCode, ErrorCode.NONE, `produce ${values[i]}: ${r.errorCode}`)
    }
  } finally {
    client.close()
  }
}

test("followers copy the leader's log; after kill -9 of the leader a follower leads with every record", { skip }, async () => {
  const c = cluster!
  await createTopic(c, 'copied', 1, 3)
  const before = await waitForLeader(c, 'copied', 0)
  assert.deepEqual([...before.isr].sort(), [1, 2, 3], "a new partition's replicas are all in sync")
  const values = Array.from({ length: 200 }, (_, i) => `record-${i}`)
  await produceValues(c.broker(before.leader).bootstrap, 'copied', values)
  await waitInSync(c, 'copied', 0, [1, 2, 3])
  const logs = await replicaLogs(c, 'copied', 0, [1, 2, 3])
  assert.ok(
    [...logs.values()].every((l) => l!.size > 0n),
    'every replica holds the records',
  )

  await c.broker(before.leader).kill()
  const after = await waitForLeader(c, 'copied', 0, { not: before.leader })
  assert.ok(after.leaderEpoch > before.leaderEpoch, 'a new leader epoch')
  assert.ok(!after.isr.includes(before.leader), 'the dead broker left the ISR')
  const got = await readPartition(c, 'copied', 0)
  assert.deepEqual(
    got.map((r) => r.value!.toString()),
    values,
    'every record, in order, once',
  )
  assert.deepEqual(
    got.map((r) => r.offset),
    values.map((_, i) => i),
  )

  // The new leader's epoch cache: the old epoch ends where its own began (Kafka's endOffsetFor).
  const conn = await RawConnection.connect(c.broker(after.leader).bootstrap)
  try {
    const res = await conn.request(ApiKey.OffsetForLeaderEpoch, 4, {
      replicaId: -1,
      topics: [{ topic: 'copied', partitions: [{ partition: 0, currentLeaderEpoch: after.leaderEpoch, leaderEpoch: before.leaderEpoch }] }],
    })
    const p = res.topics[0].partitions[0]
    assert.equal(p.errorCode, ErrorCode.NONE)
    assert.equal(p.leaderEpoch, before.leaderEpoch)
    assert.equal(p.endOffset, 200n)
    const fenced = await conn.request(ApiKey.OffsetForLeaderEpoch, 4, {
      replicaId: -1,
      topics: [{ topic: 'copied', partitions: [{ partition: 0, currentLeaderEpoch: before.leaderEpoch, leaderEpoch: before.leaderEpoch }] }],
    })
    assert.equal(fenced.topics[0].partitions[0].errorCode, ErrorCode.FENCED_LEADER_EPOCH)
  } finally {
    conn.close()
  }

  // The old leader comes back as a follower and catches up with what was written meanwhile.
  const more = Array.from({ length: 50 }, (_, i) => `later-${i}`)
  await produceValues(c.broker(after.leader).bootstrap, 'copied', more)
  await c.broker(before.leader).start()
  await eventually('the restarted broker replicates again', async () => {
    const l = await replicaLogs(c, 'copied', 0, [before.leader, after.leader])
    return l.get(before.leader)?.size === l.get(after.leader)?.size
  })
})
