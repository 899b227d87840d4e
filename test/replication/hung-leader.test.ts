// A hung leader, not a dead one (SIGSTOP, as a long GC pause or a frozen VM would): its
// ZooKeeper session expires, the controller elects an in-sync follower and the others move on.
// Resumed, the old leader cannot acknowledge an acks=all write it did not replicate (its
// followers no longer fetch from it, and it rejoins as a follower); records it had taken with
// acks=1 that no follower copied are truncated from its log when it follows the new leader
// (KIP-101), as in Kafka: acks=1 trades that loss for latency.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { RawConnection } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'
import {
  controllerId,
  createAssignedTopic,
  describePartition,
  produceBatch,
  readPartition,
  replicaLogs,
  waitForLeader,
  waitInSync,
} from '../support/replication.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined

/** Sends a produce on `conn` without waiting (the broker may be stopped); resolves with its answer. */
function send(conn: RawConnection, values: string[], acks: number, timeoutMs: number): Promise<number> {
  return conn
    .request(
      ApiKey.Produce,
      9,
      {
        transactionalId: null,
        acks,
        timeoutMs,
        topicData: [{ name: 'hung', partitionData: [{ index: 0, records: encodeBatch(values.map((v) => ({ key: null, value: Buffer.from(v) }))) }] }],
      },
      120_000,
    )
    .then((r: any) => r.responses[0].partitionResponses[0].errorCode as number)
}

test('a hung leader is replaced after its session times out; resumed, it acknowledges no acks=all write and loses its acks=1 tail', {
  skip,
  timeout: 180_000,
}, async () => {
  const c = cluster!
  const controller = await controllerId(c)
  const leader = [1, 2, 3].find((id) => id !== controller)!
  const [f1, f2] = [1, 2, 3].filter((id) => id !== leader) as [number, number]
  await createAssignedTopic(c, 'hung', [[leader, f1, f2]], { 'min.insync.replicas': '2' })
  const L = c.broker(leader)
  for (const v of ['a', 'b', 'c']) assert.equal((await produceBatch(L.bootstrap, 'hung', 0, [v])).errorCode, ErrorCode.NONE)
  await waitInSync(c, 'hung', 0, [1, 2, 3])
  const before = (await describePartition(L.bootstrap, 'hung', 0))!

  // The followers stop for a moment: what the leader takes meanwhile is on the leader alone.
  const conn = await RawConnection.connect(L.bootstrap)
  c.broker(f1).pause()
  c.broker(f2).pause()
  // Their fetches already on the way are answered (empty) within replica.fetch.wait.max.ms
  // (500 ms): had one still waited, the leader would answer it with the new records, which the
  // kernel keeps for the paused follower, and they would be replicated after all.
  await new Promise((r) => setTimeout(r, 1500))
  let pendingAll: Promise<number>
  try {
    assert.equal(await send(conn, ['x1', 'x2'], 1, 30_000), ErrorCode.NONE, "acks=1: acknowledged after the leader's write")
    pendingAll = send(conn, ['y1'], -1, 60_000)
    L.pause()
  } finally {
    c.broker(f1).resume()
    c.broker(f2).resume()
  }
  const paused = Date.now()
  let after
  try {
    after = await waitForLeader(c, 'hung', 0, { not: leader, timeoutMs: 60_000 })
    assert.ok(after.leaderEpoch > before.leaderEpoch)
    const movedOnMs = Date.now() - paused
    // ZooKeeper ends the session 6 s after the last packet it got; the broker pings every 2 s
    // (later when its event loop is busy), so at least some 3 s pass after the freeze.
    assert.ok(movedOnMs >= 3000, `the others waited for the session to time out (${movedOnMs} ms)`)
    assert.equal((await produceBatch(c.broker(after.leader).bootstrap, 'hung', 0, ['n1'])).errorCode, ErrorCode.NONE, 'the new leader acknowledges acks=all')
  } finally {
    L.resume()
  }
  // Resumed, the old leader acknowledges neither the acks=all write it held nor a new one.
  const late = send(conn, ['z1'], -1, 60_000)
  assert.notEqual(await pendingAll, ErrorCode.NONE, 'the acks=all write taken before the freeze')
  assert.notEqual(await late, ErrorCode.NONE, 'an acks=all write sent after the resume')
  conn.close()

  // It follows the new leader: its divergent tail (x1 x2 y1) is truncated and it catches up.
  await waitInSync(c, 'hung', 0, [1, 2, 3], 60_000)
  const sizes = new Set([...(await replicaLogs(c, 'hung', 0, [1, 2, 3])).values()].map((l) => l?.size))
  assert.equal(sizes.size, 1, 'every replica holds the same log')
  const values = (await readPartition(c, 'hung', 0)).map((r) => r.value!.toString())
  assert.deepEqual(values, ['a', 'b', 'c', 'n1'])
  assert.equal(L.output.includes('truncating the log to where it diverges'), true, 'the old leader logged its truncation')
  await eventually('the old leader follows', async () => (await describePartition(L.bootstrap, 'hung', 0))?.leader === after!.leader)
})
