// A network partition between a leader and ZooKeeper, while clients and the other brokers still
// reach it: the leader's ZooKeeper traffic goes through a proxy the test cuts (a black hole: no
// reset, silence; see test/support/tcp-proxy.ts for why a proxy rather than network namespaces
// or iptables). Its session expires, the controller elects another in-sync replica, and from then
// on the cut-off leader acknowledges no acks=all write: its followers fetch from the new leader,
// and the controller refuses its ISR shrink (AlterPartition from a deposed leader). Checked on
// what clients were told: every record the old leader acknowledged lies below the offset where
// the new leader's epoch starts, was acknowledged before the new leader acknowledged anything,
// and is in the final log exactly once with everything else acknowledged. Healed, the old
// leader follows and catches up.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import kafkajs from 'kafkajs'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { startTestCluster, eventually, waitServing, type TestCluster } from '../support/cluster.js'
import { RawConnection } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'
import { TcpProxy } from '../support/tcp-proxy.js'
import { controllerId, createAssignedTopic, describePartition, readPartition, waitForLeader, waitInSync } from '../support/replication.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const { Kafka, logLevel } = kafkajs
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'

const skip = skipWithoutZooKeeper()
let cluster: TestCluster | undefined
const proxies = new Map<number, TcpProxy>()
if (skip === false) {
  cluster = await startTestCluster({ zookeepers: 1, brokers: 0, config: { 'replica.lag.time.max.ms': 3000 } })
  const [hostPort, chroot] = [cluster.connect.slice(0, cluster.connect.indexOf('/')), cluster.connect.slice(cluster.connect.indexOf('/'))]
  const zk = { host: hostPort.slice(0, hostPort.lastIndexOf(':')), port: Number(hostPort.slice(hostPort.lastIndexOf(':') + 1)) }
  for (const id of [1, 2, 3]) {
    const proxy = await TcpProxy.start(zk)
    proxies.set(id, proxy)
    await cluster.newBroker(id, { 'zookeeper.connect': `${proxy.address}${chroot}` })
  }
  await Promise.all(cluster.brokers.map((b) => b.start()))
  await waitServing(cluster.brokers)
}

interface Ack {
  value: string
  offset: bigint
  at: number
}

test('a leader cut off from ZooKeeper is replaced and acknowledges no acks=all write once the new leader does', { skip, timeout: 180_000 }, async () => {
  const c = cluster!
  const controller = await controllerId(c)
  const leader = [1, 2, 3].find((id) => id !== controller)!
  const others = [1, 2, 3].filter((id) => id !== leader)
  await createAssignedTopic(c, 'split', [[leader, ...others]], { 'min.insync.replicas': '2' })
  await waitInSync(c, 'split', 0, [1, 2, 3])
  const before = (await describePartition(c.broker(leader).bootstrap, 'split', 0))!

  // Producer 1 talks to the old leader only, whatever happens.
  const pinned: Ack[] = []
  const pinnedErrors = new Map<number, number>()
  let stop = false
  const conn = await RawConnection.connect(c.broker(leader).bootstrap)
  const toOld = (async () => {
    for (let i = 0; !stop; i++) {
      const value = `old-${i}`
      let r: any
      try {
        r = (
          await conn.request(
            ApiKey.Produce,
            9,
            {
              transactionalId: null,
              acks: -1,
              timeoutMs: 2000,
              topicData: [{ name: 'split', partitionData: [{ index: 0, records: encodeBatch([{ key: null, value: Buffer.from(value) }]) }] }],
            },
            30_000,
          )
        ).responses[0].partitionResponses[0]
      } catch {
        break
      }
      if (r.errorCode === ErrorCode.NONE) pinned.push({ value, offset: r.baseOffset, at: Date.now() })
      else {
        pinnedErrors.set(r.errorCode, (pinnedErrors.get(r.errorCode) ?? 0) + 1)
        await new Promise((res) => setTimeout(res, 50))
      }
    }
  })()
  // Producer 2 is a real client: it follows the leadership wherever it goes.
  const kafka = new Kafka({
    clientId: 'split-test',
    brokers: c.bootstrap().split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  })
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 } })
  await producer.connect()
  const following: Ack[] = []
  const followingFailed: string[] = []
  const toLeader = (async () => {
    for (let i = 0; !stop; i++) {
      const value = `any-${i}`
      try {
        const [m] = await producer.send({ topic: 'split', acks: -1, timeout: 5000, messages: [{ value }] })
        following.push({ value, offset: BigInt(m!.baseOffset!), at: Date.now() })
      } catch (err) {
        followingFailed.push(`${value}: ${(err as Error).message}`)
      }
    }
  })()

  let after
  try {
    try {
      await eventually('acknowledgements from both producers', () => pinned.length >= 10 && following.length >= 10)
      proxies.get(leader)!.cut()
      // The cut-off broker keeps its last picture (no controller reaches it): ask the others.
      after = await waitForLeader(c, 'split', 0, { not: leader, ask: others, timeoutMs: 60_000 })
      const acksAtElection = following.length
      await eventually('the new leader acknowledges', () => following.length >= acksAtElection + 20, 60_000)
      // Well past the old leader's replica.lag.time.max.ms: it tried (and failed) to shrink its ISR.
      await new Promise((res) => setTimeout(res, 4000))
      assert.equal((await describePartition(c.broker(after.leader).bootstrap, 'split', 0))!.leader, after.leader)
    } finally {
      proxies.get(leader)!.heal()
    }
    await waitInSync(c, 'split', 0, [1, 2, 3], 60_000)
  } finally {
    stop = true
    conn.close()
    await toOld
    await toLeader
    await producer.disconnect()
  }
  assert.deepEqual(followingFailed, [])

  // Where the new leader's epoch starts in its log.
  const q = await RawConnection.connect(c.broker(after.leader).bootstrap)
  const epochs = await q.request(ApiKey.OffsetForLeaderEpoch, 4, {
    replicaId: -1,
    topics: [{ topic: 'split', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: before.leaderEpoch }] }],
  })
  q.close()
  const newEpochStart = epochs.topics[0].partitions[0].endOffset as bigint
  const firstNewAck = Math.min(...following.filter((a) => a.offset >= newEpochStart).map((a) => a.at))
  for (const a of pinned) {
    assert.ok(a.offset < newEpochStart, `${a.value} was acknowledged by the old leader at offset ${a.offset}, past the new epoch's start ${newEpochStart}`)
    assert.ok(a.at <= firstNewAck, `${a.value} was acknowledged by the old leader after the new leader acknowledged`)
  }
  assert.ok(pinnedErrors.size > 0, 'the old leader refused or timed out writes after the cut')

  const log = (await readPartition(c, 'split', 0)).map((r) => r.value!.toString())
  assert.equal(new Set(log).size, log.length, 'no record twice')
  const inLog = new Set(log)
  for (const a of [...pinned, ...following]) assert.ok(inLog.has(a.value), `acknowledged ${a.value} is in the log`)
})
