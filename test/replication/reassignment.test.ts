// Partition reassignment (KIP-455, Kafka's ZooKeeper-mode KafkaController.onPartitionReassignment)
// and leader elections an operator asks for (ElectLeaders, KIP-460), against real ZooKeeper and
// three broker processes: a partition moves to new brokers (the new replica catches up, joins the
// ISR, takes leadership when the old leader leaves, and the removed replica deletes its log); the
// adding/removing replicas sit in the topic znode while the move is under way; a cancel goes back
// to the origin replicas; Kafka's error codes for bad requests; preferred and unclean elections.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { skipWithoutZooKeeper, testClient } from '../support/zookeeper.js'
import { startTestCluster, eventually, type TestCluster } from '../support/cluster.js'
import { RawConnection } from '../support/raw-client.js'
import { controllerId, createAssignedTopic, describePartition, produceBatch, readPartition, replicaLogs, waitForLeader } from '../support/replication.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { samsa } from '../cli/helpers.js'
import { call } from '../console/helpers.js'
import { startConsole } from '../../src/console/index.js'
import { Admin } from '../../src/client/admin.js'
import { tools } from '../support/env.js'
import { runOk } from '../support/process.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined =
  skip === false
    ? await startTestCluster({
        zookeepers: 1,
        brokers: 3,
        config: { 'replica.lag.time.max.ms': 3000, 'zookeeper.session.timeout.ms': 10_000, 'auto.leader.rebalance.enable': false },
      })
    : undefined

/** The controller's id once the brokers name one (a broker that just restarted says -1 for a moment). */
async function activeController(c: TestCluster): Promise<number> {
  return eventually('a broker to name the controller', async () => {
    const id = await controllerId(c)
    return id >= 0 && c.broker(id)?.running === true ? id : false
  })
}

async function onController<T>(c: TestCluster, fn: (conn: RawConnection) => Promise<T>): Promise<T> {
  const conn = await RawConnection.connect(c.broker(await activeController(c)).bootstrap)
  try {
    return await fn(conn)
  } finally {
    conn.close()
  }
}

type Move = { topic: string; partition: number; replicas: number[] | null }

async function reassign(
  c: TestCluster,
  moves: Move[],
): Promise<{ errorCode: number; results: Map<string, { errorCode: number; errorMessage: string | null }> }> {
  const res = await onController(c, (conn) =>
    conn.request(ApiKey.AlterPartitionReassignments, 0, {
      timeoutMs: 30_000,
      topics: [...new Set(moves.map((m) => m.topic))].map((name) => ({
        name,
        partitions: moves.filter((m) => m.topic === name).map((m) => ({ partitionIndex: m.partition, replicas: m.replicas })),
      })),
    }),
  )
  const results = new Map<string, { errorCode: number; errorMessage: string | null }>()
  for (const t of res.responses)
    for (const p of t.partitions) results.set(`${t.name}-${p.partitionIndex}`, { errorCode: p.errorCode, errorMessage: p.errorMessage })
  return { errorCode: res.errorCode, results }
}

async function ongoing(c: TestCluster): Promise<Map<string, { replicas: number[]; adding: number[]; removing: number[] }>> {
  const res = await onController(c, (conn) => conn.request(ApiKey.ListPartitionReassignments, 0, { timeoutMs: 30_000, topics: null }))
  assert.equal(res.errorCode, ErrorCode.NONE)
  const out = new Map<string, { replicas: number[]; adding: number[]; removing: number[] }>()
  for (const t of res.topics)
    for (const p of t.partitions) out.set(`${t.name}-${p.partitionIndex}`, { replicas: p.replicas, adding: p.addingReplicas, removing: p.removingReplicas })
  return out
}

async function elect(
  c: TestCluster,
  version: number,
  type: number,
  parts: Array<{ topic: string; partitions: number[] }> | null,
): Promise<{ errorCode: number; results: Map<string, number> }> {
  const res = await onController(c, (conn) => conn.request(ApiKey.ElectLeaders, version, { electionType: type, topicPartitions: parts, timeoutMs: 30_000 }))
  const results = new Map<string, number>()
  for (const t of res.replicaElectionResults) for (const p of t.partitionResult) results.set(`${t.topic}-${p.partitionId}`, p.errorCode)
  return { errorCode: res.errorCode ?? ErrorCode.NONE, results }
}

async function topicZNode(
  c: TestCluster,
  topic: string,
): Promise<{ partitions: Record<string, number[]>; adding_replicas: Record<string, number[]>; removing_replicas: Record<string, number[]> }> {
  const zk = await testClient(c.connect)
  try {
    return JSON.parse((await zk.getData(`/brokers/topics/${topic}`)).data.toString())
  } finally {
    await zk.close()
  }
}

test('a partition moves to other brokers: the new replica catches up, leads, and the removed one deletes its log', { skip }, async () => {
  const c = cluster!
  await activeController(c)
  await createAssignedTopic(c, 'moving', [[1, 2]])
  for (let i = 0; i < 5; i++)
    assert.equal(
      (await produceBatch(c.broker((await waitForLeader(c, 'moving', 0)).leader).bootstrap, 'moving', 0, [`r${i}a`, `r${i}b`])).errorCode,
      ErrorCode.NONE,
    )

  const r = await reassign(c, [{ topic: 'moving', partition: 0, replicas: [3, 2] }])
  assert.equal(r.errorCode, ErrorCode.NONE)
  assert.equal(r.results.get('moving-0')?.errorCode, ErrorCode.NONE)

  const done = await eventually('the partition on brokers 3 and 2, led by 3', async () => {
    const v = await waitForLeader(c, 'moving', 0)
    return v.leader === 3 && v.replicas.join() === '3,2' && [...v.isr].sort().join() === '2,3' ? v : false
  })
  assert.ok(done.leaderEpoch > 0)
  assert.equal((await ongoing(c)).size, 0)
  const z = await topicZNode(c, 'moving')
  assert.deepEqual(z.partitions['0'], [3, 2])
  assert.deepEqual(z.adding_replicas, {})
  assert.deepEqual(z.removing_replicas, {})
  // Broker 1 no longer holds the partition; broker 3 holds all of it.
  await eventually('broker 1 to delete its replica', async () => (await replicaLogs(c, 'moving', 0, [1])).get(1) === undefined)
  const records = await readPartition(c, 'moving', 0)
  assert.deepEqual(
    records.map((x) => x.value?.toString()),
    Array.from({ length: 5 }, (_, i) => [`r${i}a`, `r${i}b`]).flat(),
  )
})

test("Kafka's errors: bad replica lists, unknown partitions, nothing to cancel, not the controller", { skip }, async () => {
  const c = cluster!
  await createAssignedTopic(c, 'checked', [[1, 2]])
  const r = await reassign(c, [
    { topic: 'checked', partition: 0, replicas: [] },
    { topic: 'checked', partition: 1, replicas: [1, 2] },
    { topic: 'nope', partition: 0, replicas: [1] },
    { topic: 'checked-too', partition: 0, replicas: null },
  ])
  assert.equal(r.results.get('checked-0')?.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT)
  assert.equal(r.results.get('checked-1')?.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  assert.equal(r.results.get('nope-0')?.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  assert.equal(r.results.get('checked-too-0')?.errorCode, ErrorCode.NO_REASSIGNMENT_IN_PROGRESS)
  for (const bad of [
    [1, 1],
    [1, 9],
    [-1, 2],
  ]) {
    const one = await reassign(c, [{ topic: 'checked', partition: 0, replicas: bad }])
    assert.equal(one.results.get('checked-0')?.errorCode, ErrorCode.INVALID_REPLICA_ASSIGNMENT, `replicas ${bad.join(',')}`)
  }
  assert.equal(
    (await reassign(c, [{ topic: 'checked', partition: 0, replicas: null }])).results.get('checked-0')?.errorCode,
    ErrorCode.NO_REASSIGNMENT_IN_PROGRESS,
  )
  // Another broker is not the controller.
  const ctl = await activeController(c)
  const notController = c.broker([1, 2, 3].find((id) => id !== ctl)!)
  const conn = await RawConnection.connect(notController.bootstrap)
  try {
    const res = await conn.request(ApiKey.AlterPartitionReassignments, 0, {
      timeoutMs: 1000,
      topics: [{ name: 'checked', partitions: [{ partitionIndex: 0, replicas: [2, 1] }] }],
    })
    assert.equal(res.errorCode, ErrorCode.NOT_CONTROLLER)
    const list = await conn.request(ApiKey.ListPartitionReassignments, 0, { timeoutMs: 1000, topics: null })
    assert.equal(list.errorCode, ErrorCode.NOT_CONTROLLER)
    const el = await conn.request(ApiKey.ElectLeaders, 2, { electionType: 0, topicPartitions: [{ topic: 'checked', partitions: [0] }], timeoutMs: 1000 })
    assert.equal(el.replicaElectionResults[0].partitionResult[0].errorCode, ErrorCode.NOT_CONTROLLER)
  } finally {
    conn.close()
  }
})

test('a reassignment whose new replica cannot catch up is listed, kept in the topic znode, and cancelled back to its origin', { skip }, async () => {
  const c = cluster!
  const ctl = await activeController(c)
  const [x, y] = [1, 2, 3].filter((id) => id !== ctl) as [number, number]
  await createAssignedTopic(c, 'stuck', [[ctl, x]])
  // The adding replica is on a frozen broker (still registered): it cannot catch up.
  const frozen = c.broker(y)
  frozen.pause()
  try {
    const r = await reassign(c, [{ topic: 'stuck', partition: 0, replicas: [ctl, x, y] }])
    assert.equal(r.results.get('stuck-0')?.errorCode, ErrorCode.NONE)
    assert.deepEqual((await ongoing(c)).get('stuck-0'), { replicas: [ctl, x, y], adding: [y], removing: [] })
    const z = await topicZNode(c, 'stuck')
    assert.deepEqual(z.partitions['0'], [ctl, x, y])
    assert.deepEqual(z.adding_replicas['0'], [y])
    assert.deepEqual((await describePartition(c.broker(x).bootstrap, 'stuck', 0))?.replicas, [ctl, x, y])
    // Cancel: back to the origin replicas.
    const cancel = await reassign(c, [{ topic: 'stuck', partition: 0, replicas: null }])
    assert.equal(cancel.results.get('stuck-0')?.errorCode, ErrorCode.NONE)
    assert.equal((await ongoing(c)).size, 0)
    const after = await topicZNode(c, 'stuck')
    assert.deepEqual(after.partitions['0'], [ctl, x])
    assert.deepEqual(after.adding_replicas, {})
  } finally {
    frozen.resume()
  }
  await eventually('every broker to see the origin replicas again', async () => {
    const views = await Promise.all([1, 2, 3].map((id) => describePartition(c.broker(id).bootstrap, 'stuck', 0)))
    return views.every((v) => v?.replicas.join() === `${ctl},${x}`)
  })
  await eventually('the frozen broker to delete the cancelled replica', async () => (await replicaLogs(c, 'stuck', 0, [y])).get(y) === undefined)
})

test('ElectLeaders PREFERRED moves leadership to the first assigned replica (ELECTION_NOT_NEEDED when it leads)', { skip }, async () => {
  const c = cluster!
  await activeController(c)
  await createAssignedTopic(c, 'preferred', [
    [1, 2, 3],
    [2, 3, 1],
  ])
  // Reordering the replicas is a reassignment that completes at once; the leader stays.
  assert.equal((await reassign(c, [{ topic: 'preferred', partition: 0, replicas: [2, 1, 3] }])).results.get('preferred-0')?.errorCode, ErrorCode.NONE)
  const before = await eventually('the new order', async () => {
    const v = await waitForLeader(c, 'preferred', 0)
    return v.replicas.join() === '2,1,3' ? v : false
  })
  assert.equal(before.leader, 1)
  for (const version of [0, 1, 2]) {
    const r = await elect(c, version, 0, [{ topic: 'preferred', partitions: [0, 1, 7] }])
    assert.equal(r.errorCode, ErrorCode.NONE)
    assert.equal(r.results.get('preferred-1'), ErrorCode.ELECTION_NOT_NEEDED, `v${version}`)
    assert.equal(r.results.get('preferred-7'), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `v${version}`)
    assert.equal(r.results.get('preferred-0'), version === 0 ? ErrorCode.NONE : ErrorCode.ELECTION_NOT_NEEDED, `v${version}`)
  }
  const after = await describePartition(c.broker(3).bootstrap, 'preferred', 0)
  assert.equal(after?.leader, 2, 'the answer waited for the metadata of the new leader')
  assert.ok(after!.leaderEpoch > before.leaderEpoch)
  // Every partition: those that needed no election are left out of the answer.
  const all = await elect(c, 2, 0, null)
  assert.ok(![...all.results.values()].includes(ErrorCode.ELECTION_NOT_NEEDED))
})

test('an offline partition shows in Metadata; ElectLeaders UNCLEAN brings it back on an out-of-sync replica', { skip }, async () => {
  const c = cluster!
  const ctl = await activeController(c)
  const [a, b] = [1, 2, 3].filter((id) => id !== ctl) as [number, number]
  await createAssignedTopic(c, 'fragile', [[a, b]])
  await produceBatch(c.broker(a).bootstrap, 'fragile', 0, ['x'])
  // b stops cleanly (leaves the ISR), then the leader a dies: nobody in sync is left.
  await c.broker(b).stop()
  await eventually('the ISR without the stopped follower', async () => (await describePartition(c.broker(a).bootstrap, 'fragile', 0))?.isr.join() === String(a))
  await c.broker(a).kill()
  await c.broker(b).start()
  try {
    await offlineThenUnclean(c, a, b)
  } finally {
    if (!c.broker(a).running) await c.broker(a).start()
  }
})

async function offlineThenUnclean(c: TestCluster, a: number, b: number): Promise<void> {
  const offline = await eventually('the partition offline', async () => {
    const v = await describePartition(c.broker(b).bootstrap, 'fragile', 0)
    return v !== undefined && v.leader === -1 && v.offline.includes(a) ? v : false
  })
  assert.equal(offline.errorCode, ErrorCode.LEADER_NOT_AVAILABLE)
  // The command line shows it among the unavailable (and under-replicated, under-min-ISR) partitions.
  const shown = await samsa(['topics', 'describe', '--unavailable-partitions'], { bootstrap: c.broker(b).bootstrap })
  assert.equal(shown.code, 0, shown.stderr)
  assert.match(shown.stdout, /Topic: fragile /)
  assert.match(shown.stdout, /OFFLINE/)
  assert.match(shown.stdout, new RegExp(`^\\s*0\\s+none\\s+${a},${b}\\s+${a}\\s+${a}\\s`, 'm'))
  const underReplicated = await samsa(['topics', 'describe', '--under-replicated-partitions', '--json'], { bootstrap: c.broker(b).bootstrap })
  const listed = JSON.parse(underReplicated.stdout) as Array<{ name: string; partitions: Array<{ isr: number[]; replicas: number[] }> }>
  assert.ok(listed.some((t) => t.name === 'fragile'))
  assert.ok(listed.every((t) => t.partitions.every((p) => p.isr.length < p.replicas.length)))
  // librdkafka (kcat -L) sees it without a leader, with its replicas and ISR.
  if (tools.kcat() === null) {
    const md = await runOk('kcat', ['-L', '-b', c.broker(b).bootstrap, '-t', 'fragile'], { timeoutMs: 30_000 })
    assert.match(md.stdout.toString(), new RegExp(`partition 0, leader -1, replicas: ${a},${b}, isrs: ${a}`), md.stdout.toString())
  }
  // The console counts it on the overview and marks it on the topic pages.
  const ui = await startConsole({ bootstrap: c.broker(b).bootstrap, port: 0 })
  try {
    const overview = (await call(ui.url, '/api/overview')).body
    assert.ok(overview.offlinePartitions >= 1 && overview.underReplicatedPartitions >= 1, JSON.stringify(overview))
    const fragile = (await call(ui.url, '/api/topics')).body.topics.find((t: { name: string }) => t.name === 'fragile')
    assert.deepEqual([fragile.offline, fragile.underReplicated], [1, 1])
    const topic = (await call(ui.url, '/api/topics/fragile')).body
    assert.deepEqual(topic.partitions[0].offline, [a])
  } finally {
    await ui.close()
  }
  assert.equal((await elect(c, 2, 0, [{ topic: 'fragile', partitions: [0] }])).results.get('fragile-0'), ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE)
  const unclean = await samsa(['leader-election', '--election-type', 'unclean', '--topic', 'fragile'], { bootstrap: c.broker(b).bootstrap })
  assert.equal(unclean.code, 0, unclean.stdout + unclean.stderr)
  assert.match(unclean.stdout, /Successfully completed leader election \(UNCLEAN\) for partitions fragile-0/)
  const back = await waitForLeader(c, 'fragile', 0)
  assert.equal(back.leader, b)
  assert.equal((await elect(c, 2, 1, [{ topic: 'fragile', partitions: [0] }])).results.get('fragile-0'), ErrorCode.ELECTION_NOT_NEEDED)
}

test('a new controller resumes a reassignment from the topic znode', { skip }, async () => {
  const c = cluster!
  const ctl = await activeController(c)
  const [x, y] = [1, 2, 3].filter((id) => id !== ctl) as [number, number]
  await createAssignedTopic(c, 'resumed', [[x]])
  await produceBatch(c.broker(x).bootstrap, 'resumed', 0, ['one', 'two'])
  const frozen = c.broker(y)
  frozen.pause()
  try {
    assert.equal((await reassign(c, [{ topic: 'resumed', partition: 0, replicas: [y, x] }])).results.get('resumed-0')?.errorCode, ErrorCode.NONE)
    // The controller stops cleanly (its ZooKeeper session ends at once): another broker takes over.
    await c.broker(ctl).stop()
    await eventually('a new controller', async () => {
      const id = await controllerId(c)
      return id >= 0 && id !== ctl
    })
    assert.deepEqual((await ongoing(c)).get('resumed-0'), { replicas: [y, x], adding: [y], removing: [] })
  } finally {
    frozen.resume()
  }
  const done = await eventually('the move completed by the new controller', async () => {
    const v = await waitForLeader(c, 'resumed', 0)
    return v.replicas.join() === `${y},${x}` && v.isr.includes(y) ? v : false
  })
  assert.equal(done.leader, x, 'the leader stays: it is a target replica')
  assert.equal((await ongoing(c)).size, 0)
  assert.deepEqual((await topicZNode(c, 'resumed')).adding_replicas, {})
  await c.broker(ctl).start()
})

test('samsa reassign execute, verify and list; samsa leader-election', { skip }, async () => {
  const c = cluster!
  await activeController(c)
  await createAssignedTopic(c, 'by-cli', [
    [1, 2],
    [2, 3],
  ])
  const dir = mkdtempSync(join(tmpdir(), 'samsa-reassign-'))
  const plan = join(dir, 'plan.json')
  writeFileSync(
    plan,
    JSON.stringify({
      version: 1,
      partitions: [
        { topic: 'by-cli', partition: 0, replicas: [3, 1], log_dirs: ['any', 'any'] },
        { topic: 'by-cli', partition: 1, replicas: [2, 3] },
      ],
    }),
  )
  const bootstrap = c.bootstrap()
  const generated = await samsa(['reassign', 'generate', '--topics', 'by-cli', '--brokers', '1,2,3', '--json'], { bootstrap })
  assert.equal(generated.code, 0, generated.stderr)
  const proposal = JSON.parse(generated.stdout)
  assert.deepEqual(
    proposal.current.partitions.map((p: { replicas: number[] }) => p.replicas),
    [
      [1, 2],
      [2, 3],
    ],
  )
  assert.equal(proposal.proposed.partitions.length, 2)
  const started = await samsa(['reassign', 'execute', plan, '--throttle', '100000000'], { bootstrap })
  assert.equal(started.code, 0, started.stdout + started.stderr)
  assert.match(started.stderr, /throttle limit was set to 100000000 B\/s on brokers 1, 2, 3/)
  assert.match(started.stdout, /Successfully started partition reassignments for by-cli-0, by-cli-1/)
  assert.match(started.stderr, /"replicas":\[1,2\]/, 'the current assignment, to roll back with')
  await eventually('samsa reassign verify to report completion', async () => {
    const v = await samsa(['reassign', 'verify', plan], { bootstrap })
    return v.code === 0 && /Reassignment of partition by-cli-0 is completed\.\nReassignment of partition by-cli-1 is completed\./.test(v.stdout)
  })
  // Verify removed the throttles once every move was done.
  const admin = await Admin.connect({ bootstrap })
  try {
    const topicConfigs = await admin.describeConfigs(
      { type: 'topic', name: 'by-cli' },
      { keys: ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'] },
    )
    assert.deepEqual(topicConfigs.map((e) => [e.name, e.value, e.source]).sort(), [
      ['follower.replication.throttled.replicas', '', 'DEFAULT_CONFIG'],
      ['leader.replication.throttled.replicas', '', 'DEFAULT_CONFIG'],
    ])
    const rate = await admin.describeConfigs({ type: 'broker', name: '3' }, { keys: ['leader.replication.throttled.rate'] })
    assert.equal(rate[0]?.source, 'DEFAULT_CONFIG')
  } finally {
    await admin.close()
  }
  const listed = await samsa(['reassign', 'list', '--json'], { bootstrap })
  assert.deepEqual(JSON.parse(listed.stdout), [])
  // Partition 0 is led by 1 (kept: it is a target replica), its preferred leader is 3.
  const elected = await samsa(['leader-election', '--election-type', 'preferred', '--topic', 'by-cli'], { bootstrap })
  assert.equal(elected.code, 0, elected.stdout + elected.stderr)
  assert.match(elected.stdout, /Successfully completed leader election \(PREFERRED\) for partitions by-cli-0/)
  assert.match(elected.stdout, /Valid replica already elected for partitions by-cli-1/)
  assert.equal((await waitForLeader(c, 'by-cli', 0)).leader, 3)
  // A bad plan: a broker that does not exist.
  writeFileSync(plan, JSON.stringify({ version: 1, partitions: [{ topic: 'by-cli', partition: 0, replicas: [3, 42] }] }))
  const refused = await samsa(['reassign', 'execute', plan], { bootstrap })
  assert.equal(refused.code, 1)
  assert.match(refused.stdout, /Error reassigning by-cli-0: INVALID_REPLICA_ASSIGNMENT/)
})

test("replication throttles hold back a reassignment's new replica until they are lifted (leader and follower side)", { skip }, async () => {
  const c = cluster!
  // Partition 0 throttled where broker 1 leads it, partition 1 where broker 2 follows it.
  await activeController(c)
  await createAssignedTopic(c, 'throttled', [[1], [1]], { 'leader.replication.throttled.replicas': '0:1', 'follower.replication.throttled.replicas': '1:2' })
  const value = 'x'.repeat(100_000)
  for (const p of [0, 1])
    for (let i = 0; i < 25; i++) assert.equal((await produceBatch(c.broker(1).bootstrap, 'throttled', p, [value], { acks: 1 })).errorCode, ErrorCode.NONE)
  const admin = await Admin.connect({ bootstrap: c.bootstrap() })
  try {
    // One byte a second: after a first fetch (up to replica.fetch.max.bytes) the rate is far above it.
    await admin.alterConfigs({ type: 'broker', name: '1' }, [{ name: 'leader.replication.throttled.rate', op: 'set', value: '1' }])
    await admin.alterConfigs({ type: 'broker', name: '2' }, [{ name: 'follower.replication.throttled.rate', op: 'set', value: '1' }])
    const r = await reassign(c, [
      { topic: 'throttled', partition: 0, replicas: [1, 2] },
      { topic: 'throttled', partition: 1, replicas: [1, 2] },
    ])
    assert.deepEqual(
      [...r.results.values()].map((x) => x.errorCode),
      [ErrorCode.NONE, ErrorCode.NONE],
    )
    const full = (await replicaLogs(c, 'throttled', 0, [1])).get(1)!.size
    await new Promise((resolve) => setTimeout(resolve, 2500))
    for (const p of [0, 1]) {
      const copied = (await replicaLogs(c, 'throttled', p, [2])).get(2)?.size ?? 0n
      assert.ok(copied <= 1_200_000n && copied < full, `partition ${p}: ${copied} of ${full} bytes copied while throttled`)
      assert.ok((await ongoing(c)).has(`throttled-${p}`), `partition ${p} still moving`)
    }
    // Lifted: the new replica catches up and the moves complete.
    await admin.alterConfigs({ type: 'broker', name: '1' }, [{ name: 'leader.replication.throttled.rate', op: 'delete' }])
    await admin.alterConfigs({ type: 'broker', name: '2' }, [{ name: 'follower.replication.throttled.rate', op: 'delete' }])
  } finally {
    await admin.close()
  }
  await eventually('both moves to complete', async () => (await ongoing(c)).size === 0)
  for (const p of [0, 1]) assert.deepEqual((await waitForLeader(c, 'throttled', p)).isr.sort(), [1, 2])
})
