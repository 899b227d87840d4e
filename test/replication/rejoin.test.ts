// Replicas that come back: a follower killed (kill -9) while records keep coming is restarted,
// catches up from its log end and rejoins the ISR; a broker whose disk was wiped comes back
// empty, copies every partition it hosts from the leaders again, rejoins the ISR, and its copy
// is whole: with the other two replicas killed it leads with every record.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, type TestCluster } from '../support/cluster.js'
import { createTopic, describePartition, produceBatch, readPartition, waitForLeader, waitInSync } from '../support/replication.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined

async function produceMany(c: TestCluster, topic: string, from: number, count: number): Promise<string[]> {
  const values: string[] = []
  for (let i = from; i < from + count; i += 25) {
    const batch = Array.from({ length: Math.min(25, from + count - i) }, (_, k) => `v${i + k}`)
    const leader = await waitForLeader(c, topic, 0)
    assert.equal((await produceBatch(c.broker(leader.leader).bootstrap, topic, 0, batch)).errorCode, ErrorCode.NONE)
    values.push(...batch)
  }
  return values
}

test('a killed follower restarts, catches up and rejoins the ISR', { skip }, async () => {
  const c = cluster!
  await createTopic(c, 'restarted', 1, 3, { 'min.insync.replicas': '2' })
  const values = await produceMany(c, 'restarted', 0, 100)
  const { leader } = await waitForLeader(c, 'restarted', 0)
  const follower = c.broker([1, 2, 3].find((id) => id !== leader)!)
  await follower.kill()
  values.push(...(await produceMany(c, 'restarted', 100, 200)))
  assert.ok(!(await describePartition(c.broker(leader).bootstrap, 'restarted', 0))!.isr.includes(follower.id), 'it left the ISR')
  await follower.start()
  await waitInSync(c, 'restarted', 0, [1, 2, 3], 60_000)
  assert.deepEqual(
    (await readPartition(c, 'restarted', 0)).map((r) => r.value!.toString()),
    values,
  )
})

test('a broker whose disk was wiped copies everything again and can lead with it', { skip, timeout: 240_000 }, async () => {
  const c = cluster!
  await createTopic(c, 'wiped', 1, 3)
  const values = await produceMany(c, 'wiped', 0, 300)
  await waitInSync(c, 'wiped', 0, [1, 2, 3])
  const { leader } = await waitForLeader(c, 'wiped', 0)
  const victim = c.broker([1, 2, 3].find((id) => id !== leader)!)
  await victim.kill()
  rmSync(victim.dir, { recursive: true, force: true })
  values.push(...(await produceMany(c, 'wiped', 300, 100)))
  await victim.start()
  await waitInSync(c, 'wiped', 0, [1, 2, 3], 60_000)
  // Only the wiped broker's copy left: it leads (it is the last of the ISR) with every record.
  for (const b of c.brokers.filter((x) => x.id !== victim.id)) await b.kill()
  const now = await waitForLeader(c, 'wiped', 0, { timeoutMs: 60_000 })
  assert.equal(now.leader, victim.id)
  assert.deepEqual(
    (await readPartition(c, 'wiped', 0)).map((r) => r.value!.toString()),
    values,
  )
})
