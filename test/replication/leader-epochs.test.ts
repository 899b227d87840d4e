// The current leader epoch a client sends (KIP-320: Fetch v9+, ListOffsets v4+,
// OffsetForLeaderEpoch v2+) is checked as Kafka checks it (Partition.getLocalLog), on three broker
// processes and a real ZooKeeper, after a real leader change (controlled shutdown of the leader):
// on any broker hosting the partition, leader or follower, an older epoch is FENCED_LEADER_EPOCH
// and a newer one UNKNOWN_LEADER_EPOCH, before the leadership check; with the current epoch (or
// none) a follower answers NOT_LEADER_OR_FOLLOWER where the leader is needed, and serves a
// consumer's Fetch from v11 (KIP-392). A broker not hosting the partition answers
// NOT_LEADER_OR_FOLLOWER whatever the epoch. Metadata on every broker names the epoch the
// replicas check. A librdkafka consumer (kcat) reads on across the leader change.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { requireTool, tools } from '../support/env.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { splitHostPort } from '../support/raw-client.js'
import { createAssignedTopic, createTopic, describePartition, produceBatch, waitForLeader, waitInSync } from '../support/replication.js'
import { Connection } from '../../src/client/connection.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

const skip = skipWithoutZooKeeper() || requireTool(tools.kcat())
const cluster: TestCluster | undefined = skip === false ? await startTestCluster({ zookeepers: 1, brokers: 3 }) : undefined

const TOPIC = 'epochs'
const { NONE, FENCED_LEADER_EPOCH: FENCED, UNKNOWN_LEADER_EPOCH: UNKNOWN, NOT_LEADER_OR_FOLLOWER: NOT_LEADER } = ErrorCode

async function connectTo(c: TestCluster, id: number): Promise<Connection> {
  const [host, port] = splitHostPort(c.broker(id).bootstrap)
  return Connection.connect({ host, port, clientId: 'epochs-test' })
}

/** A consumer's (or, with replicaId, a follower's) Fetch of one partition from offset 0. */
async function fetchCode(conn: Connection, version: number, topic: string, epoch: number, replicaId = -1): Promise<{ errorCode: number; hasRecords: boolean }> {
  const res = await conn.request(
    'Fetch',
    {
      replicaId,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1 << 20,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, currentLeaderEpoch: epoch, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [],
      rackId: '',
    },
    { minVersion: version, maxVersion: version },
  )
  const p = res.responses[0]!.partitions[0]!
  return { errorCode: p.errorCode, hasRecords: p.records !== null && p.records.length > 0 }
}

/** ListOffsets (v9) latest for one partition, as a consumer (-1) or the debugging replica (-2). */
async function listOffsets(conn: Connection, topic: string, epoch: number, replicaId = -1): Promise<{ errorCode: number; offset: bigint }> {
  const res = await conn.request(
    'ListOffsets',
    { replicaId, isolationLevel: 0, topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: epoch, timestamp: -1n }] }] },
    { minVersion: 9, maxVersion: 9 },
  )
  return res.topics[0]!.partitions[0]!
}

/** OffsetForLeaderEpoch (v4): where `epoch` ends, as a consumer (-1) or a follower. */
async function endOffsetCode(conn: Connection, topic: string, currentEpoch: number, epoch: number, replicaId = -1): Promise<number> {
  const res = await conn.request(
    'OffsetForLeaderEpoch',
    { replicaId, topics: [{ topic, partitions: [{ partition: 0, currentLeaderEpoch: currentEpoch, leaderEpoch: epoch }] }] },
    { minVersion: 4, maxVersion: 4 },
  )
  return res.topics[0]!.partitions[0]!.errorCode
}

/**
 * kcat (librdkafka) reading partition 0 from the beginning until it has `count` records (-u: each
 * line as it is read); `seen` resolves once it printed `early` records, or it ended.
 */
function kcatConsumer(bootstrap: string, count: number, early: number): { seen: Promise<void>; done: Promise<string[]>; kill(): void } {
  const child = spawn('kcat', ['-u', '-C', '-b', bootstrap, '-t', TOPIC, '-p', '0', '-o', 'beginning', '-c', String(count), '-q', '-f', '%s\\n'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  let onEarly: () => void = () => {}
  const seen = new Promise<void>((resolve) => (onEarly = resolve))
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    if (out.split('\n').length > early) onEarly()
  })
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)))
  // A stalled consumer fails the test with what librdkafka said.
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const done = new Promise<string[]>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      onEarly()
      if (code === 0) resolve(out.split('\n').filter((l) => l !== ''))
      else reject(new Error(`kcat ended with ${code ?? signal}: ${err}\nread:\n${out}`))
    })
  })
  done.catch(() => {}) // awaited by the test; not unhandled when an earlier step failed
  return { seen, done, kill: () => child.kill('SIGKILL') }
}

test('client leader epochs after a leader change: FENCED/UNKNOWN before the leadership check, on leader and follower', { skip, timeout: 180_000 }, async () => {
  const c = cluster!
  await createTopic(c, TOPIC, 1, 3)
  const first = await waitForLeader(c, TOPIC, 0)
  const values = Array.from({ length: 20 }, (_, i) => `v${i}`)
  assert.equal((await produceBatch(c.broker(first.leader).bootstrap, TOPIC, 0, values.slice(0, 10))).errorCode, NONE)

  // librdkafka reads the first half from the first leader, then on from the next one.
  const kcat = kcatConsumer(c.bootstrap(), 20, 10)
  try {
    await kcat.seen
    await c.broker(first.leader).stop()
    const now = await waitForLeader(c, TOPIC, 0, { not: first.leader })
    assert.equal((await produceBatch(c.broker(now.leader).bootstrap, TOPIC, 0, values.slice(10))).errorCode, NONE)
    assert.deepEqual(await kcat.done, values, 'kcat read every record once, in order, across the leader change')
  } finally {
    kcat.kill()
  }

  const view = await waitForLeader(c, TOPIC, 0)
  const leader = view.leader
  const follower = view.replicas.find((id) => id !== leader && id !== first.leader)!
  await waitInSync(c, TOPIC, 0, [leader, follower])
  const E = view.leaderEpoch
  assert.ok(E - 1 >= first.leaderEpoch, `an older epoch that existed (${first.leaderEpoch} then ${E})`)
  // Every broker's Metadata names the epoch the replicas hold.
  for (const id of [leader, follower]) assert.equal((await describePartition(c.broker(id).bootstrap, TOPIC, 0))?.leaderEpoch, E, `Metadata of broker ${id}`)

  // A topic hosted on the leader only: the follower broker has no replica of it.
  await createAssignedTopic(c, 'elsewhere', [[leader]])
  const elsewhere = (await describePartition(c.broker(leader).bootstrap, 'elsewhere', 0))!.leaderEpoch

  const L = await connectTo(c, leader)
  const F = await connectTo(c, follower)
  try {
    // The follower holds epoch E once the controller's LeaderAndIsr reached it (Metadata may come first).
    await eventually('the follower at the current epoch', async () => (await listOffsets(F, TOPIC, E)).errorCode === NOT_LEADER, 10_000)

    for (const v of [10, 12]) {
      const at = async (conn: Connection, epoch: number) => (await fetchCode(conn, v, TOPIC, epoch)).errorCode
      assert.deepEqual(
        [await at(L, E), await at(L, -1), await at(L, E - 1), await at(L, E + 1)],
        [NONE, NONE, FENCED, UNKNOWN],
        `Fetch v${v} on the leader: current, none, older, newer`,
      )
      // Before v11 a consumer reads the leader only; from v11 a follower serves it too.
      const onFollower = v >= 11 ? NONE : NOT_LEADER
      assert.deepEqual(
        [await at(F, E), await at(F, -1), await at(F, E - 1), await at(F, E + 1)],
        [onFollower, onFollower, FENCED, UNKNOWN],
        `Fetch v${v} on the follower: current, none, older, newer`,
      )
    }
    assert.ok((await fetchCode(F, 12, TOPIC, E)).hasRecords, 'the follower serves the records it holds')
    assert.ok((await fetchCode(L, 12, TOPIC, E)).hasRecords)
    // A replica's fetch (replica id) needs the leader; the epoch still comes first.
    assert.deepEqual([(await fetchCode(F, 12, TOPIC, E, leader)).errorCode, (await fetchCode(F, 12, TOPIC, E - 1, leader)).errorCode], [NOT_LEADER, FENCED])

    const lo = async (conn: Connection, epoch: number, replicaId = -1) => (await listOffsets(conn, TOPIC, epoch, replicaId)).errorCode
    assert.deepEqual(
      [await lo(L, E), await lo(L, -1), await lo(L, E - 1), await lo(L, E + 1)],
      [NONE, NONE, FENCED, UNKNOWN],
      'ListOffsets on the leader: current, none, older, newer',
    )
    assert.equal((await listOffsets(L, TOPIC, E)).offset, 20n)
    assert.deepEqual(
      [await lo(F, E), await lo(F, -1), await lo(F, E - 1), await lo(F, E + 1)],
      [NOT_LEADER, NOT_LEADER, FENCED, UNKNOWN],
      'ListOffsets on the follower: current, none, older, newer',
    )
    // Kafka's debugging replica id (-2) may ask a follower: its log end.
    const debug = await listOffsets(F, TOPIC, E, -2)
    assert.deepEqual([debug.errorCode, debug.offset], [NONE, 20n])
    assert.equal(await lo(F, E - 1, -2), FENCED)

    const eo = (conn: Connection, current: number, replicaId = -1) => endOffsetCode(conn, TOPIC, current, first.leaderEpoch, replicaId)
    assert.deepEqual(
      [await eo(L, E), await eo(L, -1), await eo(L, E - 1), await eo(L, E + 1)],
      [NONE, NONE, FENCED, UNKNOWN],
      'OffsetForLeaderEpoch on the leader: current, none, older, newer',
    )
    assert.deepEqual(
      [await eo(F, E), await eo(F, -1), await eo(F, E - 1), await eo(F, E + 1)],
      [NOT_LEADER, NOT_LEADER, FENCED, UNKNOWN],
      'OffsetForLeaderEpoch on the follower: current, none, older, newer',
    )
    // A replica id does not let a follower answer it (Kafka: leader only).
    assert.deepEqual([await eo(F, E, leader), await eo(F, E - 1, leader)], [NOT_LEADER, FENCED])

    // No replica here: NOT_LEADER_OR_FOLLOWER whatever the epoch; an unknown topic is unknown.
    for (const epoch of [elsewhere, elsewhere - 1, elsewhere + 1]) {
      assert.equal((await fetchCode(F, 12, 'elsewhere', epoch)).errorCode, NOT_LEADER, `Fetch, epoch ${epoch}`)
      assert.equal((await listOffsets(F, 'elsewhere', epoch)).errorCode, NOT_LEADER, `ListOffsets, epoch ${epoch}`)
      assert.equal(await endOffsetCode(F, 'elsewhere', epoch, 0), NOT_LEADER, `OffsetForLeaderEpoch, epoch ${epoch}`)
    }
    assert.equal((await fetchCode(F, 12, 'no-such-topic', 0)).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    assert.equal((await listOffsets(F, 'no-such-topic', 0)).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
    assert.equal(await endOffsetCode(F, 'no-such-topic', 0, 0), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  } finally {
    await Promise.all([L.close(), F.close()])
  }
})
