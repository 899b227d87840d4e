/**
 * The client against a real 3-node ensemble: when the server it is connected to dies, it fails
 * over to another within the session timeout, keeps its session (ephemerals stay), and its
 * watches keep working (re-sent with SetWatches); requests made meanwhile complete. When its
 * server freezes (SIGSTOP), a controller on it stops acting within the session timeout and
 * another broker takes over, and the deposed controller's fenced writes fail
 * (ZooKeeper-mode KafkaController: controller epoch fencing, KIP-380-era behaviour).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ControllerElection, ControllerMovedError, fencedMulti } from '../../src/metadata/zk/controller-election.js'
import { ZkPaths } from '../../src/metadata/zk/znodes.js'
import type { WatchEvent } from '../../src/zookeeper/watches.js'
import { nextEvent, skipWithoutZooKeeper, startTestEnsemble, testClient, waitFor } from '../support/zookeeper.js'

const skip = skipWithoutZooKeeper()
const started = Date.now()
const ensemble = skip === false ? await startTestEnsemble(3) : null
if (ensemble !== null) console.log(`# 3-node ZooKeeper ensemble serving after ${Date.now() - started} ms`)

test('a server of three dies: the client fails over with its session, ephemerals and watches', { skip, timeout: 30_000 }, async () => {
  const zk = await testClient(ensemble!.connectString(), { sessionTimeoutMs: 4000 })
  const observer = await testClient(ensemble!.connectString())
  const session = zk.sessionId
  await zk.create('/failover', 'v0')
  await zk.create('/failover/eph', '', { mode: 'ephemeral' })
  const dataEvent = new Promise<WatchEvent>((resolve) => {
    void zk.getData('/failover', { watch: resolve })
  })
  const childEvent = new Promise<WatchEvent>((resolve) => {
    void zk.getChildren('/failover', { watch: resolve })
  })
  await zk.sync('/')

  const victim = ensemble!.servers.find((s) => s.address === zk.connectedServer)!
  assert.ok(victim !== undefined, `connected to ${zk.connectedServer}`)
  const disconnected = nextEvent(zk, 'disconnected')
  const reconnected = nextEvent<[{ sessionId: bigint; server: string; newSession: boolean }]>(zk, 'connected')
  const killedAt = Date.now()
  await victim.kill()
  await disconnected
  const write = zk.setData('/failover', 'written during the failover') // waits for the new connection
  const [info] = await reconnected
  const failoverMs = Date.now() - killedAt
  try {
    assert.equal(info.newSession, false)
    assert.equal(info.sessionId, session)
    assert.notEqual(info.server, victim.address)
    assert.ok(failoverMs < zk.sessionTimeoutMs, `failover took ${failoverMs} ms`)
    assert.equal((await write).version, 1)
    // the session survived: its ephemeral is still there, seen from another client
    await observer.sync('/')
    assert.equal((await observer.exists('/failover/eph'))?.ephemeralOwner, session)
    // watches set on the dead server were restored on the new one
    assert.deepEqual(await dataEvent, { type: 'dataChanged', path: '/failover' })
    await observer.create('/failover/child')
    assert.deepEqual(await childEvent, { type: 'childrenChanged', path: '/failover' })
    console.log(`# client failover after a ZooKeeper server was killed: ${failoverMs} ms`)
  } finally {
    await victim.start()
    await ensemble!.waitReady()
  }
})

test('a frozen ZooKeeper server: its controller stops acting within the session timeout, another takes over, the old one is fenced', {
  skip,
  timeout: 30_000,
}, async () => {
  // A follower, so that the ensemble keeps its leader and expires A's session on time.
  const modes = await Promise.all(ensemble!.servers.map((s) => s.mode()))
  const frozen = ensemble!.servers[modes.indexOf('follower')]!
  const others = ensemble!.servers
    .filter((s) => s !== frozen)
    .map((s) => s.address)
    .join(',')
  const zkA = await testClient(frozen.address, { sessionTimeoutMs: 2000, connectionTimeoutMs: 20_000 })
  const zkB = await testClient(others, { sessionTimeoutMs: 2000 })
  const timeout = zkA.sessionTimeoutMs

  // a fresh /controller for this test (an earlier test's controller could still be there)
  const a = new ControllerElection(zkA, 1)
  const b = new ControllerElection(zkB, 2)
  const aElected = nextEvent<[{ epoch: number; epochZkVersion: number }]>(a, 'elected')
  await a.start()
  const [epochA] = await aElected
  await b.start()
  assert.equal(a.isActive, true)
  assert.equal(b.isActive, false)
  assert.equal(b.controllerId, 1)
  await a.fencedMulti([{ type: 'create', path: '/fenced-by-a', data: 'a' }])

  const resigned = nextEvent<[{ reason: string }]>(a, 'resigned', 20_000)
  const bElected = nextEvent<[{ epoch: number; epochZkVersion: number }]>(b, 'elected', 20_000)
  let resignedAt = 0
  void resigned.then(() => {
    resignedAt = Date.now()
  })
  await frozen.pause()
  const frozenAt = Date.now()
  try {
    const [{ reason }] = await resigned
    const stoppedMs = resignedAt - frozenAt
    assert.ok(stoppedMs <= timeout, `A stopped acting ${stoppedMs} ms after the freeze (session timeout ${timeout} ms)`)
    assert.match(reason, /connection lost/)
    assert.equal(a.isActive, false)
    await assert.rejects(a.fencedMulti([{ type: 'delete', path: '/fenced-by-a' }]), ControllerMovedError)

    const [epochB] = await bElected
    const tookOverMs = Date.now() - frozenAt
    assert.ok(resignedAt > 0 && resignedAt <= Date.now(), 'A resigned before B acted')
    assert.equal(epochB.epoch, epochA.epoch + 1)
    assert.equal(b.isActive, true)
    console.log(`# frozen ZooKeeper server: controller stopped after ${stoppedMs} ms, another took over after ${tookOverMs} ms (session timeout ${timeout} ms)`)

    // A's old epoch no longer passes the fence, whoever sends the write
    await assert.rejects(fencedMulti(zkB, epochA.epochZkVersion, [{ type: 'delete', path: '/fenced-by-a' }]), ControllerMovedError)
    await b.fencedMulti([{ type: 'setData', path: '/fenced-by-a', data: 'b', version: 0 }])
  } finally {
    frozen.resume()
  }
  // A comes back: its session has expired; in its new session it sees B as the controller
  await waitFor('A back with a new session', () => zkA.state === 'connected' && a.controllerId === 2, 20_000)
  assert.equal(a.isActive, false)
  assert.equal((await zkB.getData(ZkPaths.controllerEpoch)).data.toString(), String(b.epoch?.epoch))
  await a.close()
  await b.close()
  await ensemble!.waitReady()
})
