// acks=all and min.insync.replicas (Kafka's Partition.appendRecordsToLeader and DelayedProduce):
// an acks=all produce is answered once every in-sync replica has the records; with followers
// stopped (SIGSTOP) it waits until they leave the ISR, and then succeeds while the ISR keeps
// min.insync.replicas; below it a new acks=all produce gets NOT_ENOUGH_REPLICAS before anything
// is appended, one already waiting gets NOT_ENOUGH_REPLICAS_AFTER_APPEND, and a produce whose
// timeout passes first gets REQUEST_TIMED_OUT. acks=1 is answered after the leader's write, as
// before. The topic is led by the controller, so the ISR changes go through while followers hang.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { controllerId, createAssignedTopic, describePartition, produceBatch, readPartition, waitInSync } from '../support/replication.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined =
  skip === false
    ? await startTestCluster({ zookeepers: 1, brokers: 3, config: { 'replica.lag.time.max.ms': 1500, 'zookeeper.session.timeout.ms': 10_000 } })
    : undefined

test('acks=all waits for the ISR; below min.insync.replicas it is refused before or after the append', { skip }, async () => {
  const c = cluster!
  const leader = await controllerId(c)
  const [f1, f2] = [1, 2, 3].filter((id) => id !== leader) as [number, number]
  await createAssignedTopic(c, 'durable', [[leader, f1, f2]], { 'min.insync.replicas': '2' })
  const at = c.broker(leader).bootstrap

  const first = await produceBatch(at, 'durable', 0, ['a', 'b'])
  assert.equal(first.errorCode, ErrorCode.NONE)
  await waitInSync(c, 'durable', 0, [1, 2, 3])

  // One follower hangs: the produce waits for it to leave the ISR, then two replicas suffice.
  c.broker(f1).pause()
  try {
    const timedOut = await produceBatch(at, 'durable', 0, ['c'], { timeoutMs: 200 })
    assert.equal(timedOut.errorCode, ErrorCode.REQUEST_TIMED_OUT, 'the hung follower is still in the ISR: not acknowledged in 200 ms')
    const waited = await produceBatch(at, 'durable', 0, ['d'])
    assert.equal(waited.errorCode, ErrorCode.NONE)
    assert.ok(!(await describePartition(at, 'durable', 0))!.isr.includes(f1))

    // The second follower hangs too: a waiting produce fails once the ISR drops below 2.
    c.broker(f2).pause()
    try {
      const after = await produceBatch(at, 'durable', 0, ['e'])
      assert.equal(after.errorCode, ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND)
      await eventually('the ISR is the leader alone', async () => (await describePartition(at, 'durable', 0))?.isr.length === 1)
      const before = await produceBatch(at, 'durable', 0, ['f'])
      assert.equal(before.errorCode, ErrorCode.NOT_ENOUGH_REPLICAS)
      const one = await produceBatch(at, 'durable', 0, ['g'], { acks: 1 })
      assert.equal(one.errorCode, ErrorCode.NONE, 'acks=1 does not wait for followers')
    } finally {
      c.broker(f2).resume()
    }
  } finally {
    c.broker(f1).resume()
  }
  // Resumed, the followers catch up and rejoin; acks=all works again.
  await waitInSync(c, 'durable', 0, [1, 2, 3])
  assert.equal((await produceBatch(at, 'durable', 0, ['h'])).errorCode, ErrorCode.NONE)
  const values = (await readPartition(c, 'durable', 0)).map((r) => r.value!.toString())
  // 'f' was refused before the append; the rest are in the log (timed out or not: the leader kept them).
  assert.deepEqual(values, ['a', 'b', 'c', 'd', 'e', 'g', 'h'])
})
