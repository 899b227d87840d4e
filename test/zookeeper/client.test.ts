/**
 * The ZooKeeper client against a real standalone ZooKeeper: every operation, error codes,
 * watches (one-shot and re-armed), chroot, multi with expected versions (0 included: the
 * node-zookeeper-client bug sent 0 as "any"), session expiry, close, and the hung-server
 * watchdog (a SIGSTOPped server is reported as a lost connection within 2/3 of the session
 * timeout, as ZooKeeper's Java client does).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ZooKeeperClient } from '../../src/zookeeper/client.js'
import { isZooKeeperError, type ZooKeeperError, ZooKeeperMultiError } from '../../src/zookeeper/errors.js'
import { createSilentLogger } from '../../src/logger.js'
import { ensureChroot, watchChildren, watchData } from '../../src/zookeeper/recipes.js'
import type { WatchEvent } from '../../src/zookeeper/watches.js'
import { expireSession, nextEvent, skipWithoutZooKeeper, startTestEnsemble, testClient, waitFor } from '../support/zookeeper.js'

const skip = skipWithoutZooKeeper()
const started = Date.now()
const ensemble = skip === false ? await startTestEnsemble(1) : null
if (ensemble !== null) console.log(`# standalone ZooKeeper serving after ${Date.now() - started} ms`)
const connect = (chroot = ''): string => ensemble!.connectString(chroot)

function rejectsWith(zkCode: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(isZooKeeperError(err), `expected a ZooKeeperError, got ${String(err)}`)
    assert.equal(err.zkCode, zkCode, err.message)
    assert.equal(err.code, `SAMSA_ZK_${zkCode}`)
    return true
  }
}

test('create, read, update and delete with versions and ZooKeeper error codes', { skip, timeout: 30_000 }, async () => {
  const zk = await testClient(connect())
  assert.equal(zk.state, 'connected')
  assert.equal(await zk.create('/crud', 'one'), '/crud')
  const { data, stat } = await zk.getData('/crud')
  assert.equal(data.toString(), 'one')
  assert.equal(stat.version, 0)
  assert.equal(stat.ephemeralOwner, 0n)
  assert.equal(stat.dataLength, 3)

  await assert.rejects(zk.create('/crud'), rejectsWith('NODEEXISTS'))
  await assert.rejects(zk.getData('/missing'), rejectsWith('NONODE'))
  await assert.rejects(zk.create('/missing/child'), rejectsWith('NONODE'))
  assert.equal(await zk.exists('/missing'), null)

  const s1 = await zk.setData('/crud', 'two', 0)
  assert.equal(s1.version, 1)
  await assert.rejects(zk.setData('/crud', 'stale', 0), rejectsWith('BADVERSION'))
  assert.equal((await zk.setData('/crud', Buffer.from('three'))).version, 2) // -1: any version
  assert.equal((await zk.getData('/crud')).data.toString(), 'three')

  await zk.create('/crud/child')
  await assert.rejects(zk.delete('/crud'), rejectsWith('NOTEMPTY'))
  await assert.rejects(zk.delete('/crud/child', 5), rejectsWith('BADVERSION'))
  await zk.delete('/crud/child', 0)
  await zk.delete('/crud', 2)
  assert.equal(await zk.exists('/crud'), null)

  // invalid paths never reach the server
  for (const bad of ['relative', '/trailing/', '/a//b', '/a/./b', '/a/../b', '']) {
    assert.throws(() => zk.getData(bad), rejectsWith('BADARGUMENTS'), bad)
  }
})

test('ephemeral and sequential znodes, children, createWithParents', { skip, timeout: 30_000 }, async () => {
  const owner = await testClient(connect())
  const other = await testClient(connect())
  await owner.createWithParents('/eph/deep/parent')
  assert.equal(await owner.createWithParents('/eph/deep/parent', undefined, { ignoreExisting: true }), false)
  await assert.rejects(owner.createWithParents('/eph/deep/parent'), rejectsWith('NODEEXISTS'))

  const { stat } = await owner.createWithStat('/eph/e', 'x', { mode: 'ephemeral' })
  assert.equal(stat.ephemeralOwner, owner.sessionId)
  assert.ok(stat.czxid > 0n)
  await assert.rejects(owner.create('/eph/e/child'), rejectsWith('NOCHILDRENFOREPHEMERALS'))

  const s1 = await owner.create('/eph/seq-', 'a', { mode: 'persistent_sequential' })
  const s2 = await owner.create('/eph/seq-', 'b', { mode: 'ephemeral_sequential' })
  assert.match(s1, /^\/eph\/seq-\d{10}$/)
  assert.ok(s2 > s1, `${s2} after ${s1}`)
  const { children, stat: parent } = await other.getChildren('/eph')
  assert.deepEqual(children.sort(), ['deep', 'e', s1.slice(5), s2.slice(5)].sort())
  assert.equal(parent.numChildren, 4)

  // closing the session deletes its ephemerals at once
  await owner.close()
  assert.equal(owner.state, 'closed')
  assert.deepEqual((await other.getChildren('/eph')).children.sort(), ['deep', s1.slice(5)].sort())
  await assert.rejects(owner.getData('/eph'), rejectsWith('CLOSED'))
})

test('chroot: paths inside it in requests, replies and watch events', { skip, timeout: 30_000 }, async () => {
  const root = await testClient(connect())
  await ensureChroot({ connect: connect('/chrooted'), logger: createSilentLogger() })
  await ensureChroot({ connect: connect('/chrooted'), logger: createSilentLogger() }) // exists: fine
  await ensureChroot({ connect: connect('/deep/chroot'), logger: createSilentLogger() })
  assert.notEqual(await root.exists('/deep/chroot'), null)
  const zk = await testClient(connect('/chrooted'))
  assert.equal(zk.chroot, '/chrooted')
  await zk.create('/a', 'in chroot')
  assert.equal((await root.getData('/chrooted/a')).data.toString(), 'in chroot')
  const seq = await zk.create('/a/s-', '', { mode: 'persistent_sequential' })
  assert.match(seq, /^\/a\/s-\d{10}$/)
  assert.deepEqual((await zk.getChildren('/')).children, ['a'])
  assert.equal((await zk.exists('/'))?.numChildren, 1)

  let fired!: (e: WatchEvent) => void
  const event = new Promise<WatchEvent>((resolve) => {
    fired = resolve
  })
  await zk.getData('/a', { watch: fired }) // the watch is set once the reply is in
  await root.setData('/chrooted/a', 'changed')
  assert.deepEqual(await event, { type: 'dataChanged', path: '/a' })

  const [result] = await zk.multi([{ type: 'create', path: '/m-', mode: 'persistent_sequential' }])
  assert.ok(result?.type === 'create' && /^\/m-\d{10}$/.test(result.path), JSON.stringify(result))
})

test('watches fire once, for the right events, and re-armed helpers follow every change', { skip, timeout: 30_000 }, async () => {
  const zk = await testClient(connect())
  const writer = await testClient(connect())
  await zk.create('/w')
  const events: WatchEvent[] = []
  const record = (e: WatchEvent): void => {
    events.push(e)
  }

  await zk.getData('/w', { watch: record })
  await zk.getChildren('/w', { watch: record })
  assert.equal(await zk.exists('/w/new', { watch: record }), null)
  await writer.setData('/w', '1')
  await writer.setData('/w', '2') // the data watch was one-shot
  await writer.create('/w/new') // fires the exists watch and the child watch
  await waitFor('three events', () => events.length >= 3)
  await writer.sync('/')
  await zk.sync('/')
  assert.deepEqual(events.map((e) => `${e.type} ${e.path}`).sort(), ['childrenChanged /w', 'created /w/new', 'dataChanged /w'])

  // deletion fires data, exists and child watches, each watcher once
  events.length = 0
  await zk.getData('/w/new', { watch: record })
  await zk.getChildren('/w/new', { watch: record })
  await writer.delete('/w/new')
  await waitFor('the deletion event', () => events.length >= 1)
  await zk.sync('/')
  assert.deepEqual(events, [{ type: 'deleted', path: '/w/new' }])

  // re-armed helpers
  const seen: Array<string | null> = []
  const kids: Array<string[] | null> = []
  const h1 = watchData(zk, '/w/follow', (v) => {
    seen.push(v === null ? null : v.data.toString())
  })
  const h2 = watchChildren(zk, '/w/follow', (c) => {
    kids.push(c)
  })
  await waitFor('initial reads', () => seen.length === 1 && kids.length === 1)
  await writer.create('/w/follow', 'a')
  await waitFor('created', () => seen.at(-1) === 'a')
  await writer.setData('/w/follow', 'b')
  await waitFor('changed', () => seen.at(-1) === 'b')
  await writer.create('/w/follow/x')
  await writer.create('/w/follow/y')
  await waitFor('children', () => JSON.stringify(kids.at(-1)) === '["x","y"]')
  await writer.delete('/w/follow/x')
  await writer.delete('/w/follow/y')
  await writer.delete('/w/follow')
  await waitFor('deleted', () => seen.at(-1) === null && kids.at(-1) === null)
  assert.deepEqual(seen.slice(0, 3), [null, 'a', 'b'])
  h1.close()
  h2.close()
  const count = seen.length
  await writer.create('/w/follow', 'after close')
  await zk.sync('/')
  await new Promise((r) => setTimeout(r, 50))
  assert.equal(seen.length, count)
})

test('multi: all or nothing, and an expected version of 0 is version 0, not "any"', { skip, timeout: 30_000 }, async () => {
  const zk = await testClient(connect())
  const other = await testClient(connect())
  await zk.create('/guard', 'v0')

  // guard still at version 0: applies
  const ok = await zk.transaction().check('/guard', 0).create('/guarded-1', 'x').setData('/guard', 'v1', 0).commit()
  assert.deepEqual(
    ok.map((r) => r.type),
    ['check', 'create', 'setData'],
  )
  assert.equal(ok[2]?.type === 'setData' ? ok[2].stat.version : -1, 1)

  // the znode moved on (another client wrote it): a guard on version 0 must fail, nothing applied
  await zk.create('/guard0', 'v0')
  await other.setData('/guard0', 'moved on')
  await assert.rejects(
    zk.multi([
      { type: 'create', path: '/guarded-2' },
      { type: 'check', path: '/guard0', version: 0 },
      { type: 'setData', path: '/guard0', data: 'stale write', version: -1 },
    ]),
    (err: unknown) => {
      assert.ok(err instanceof ZooKeeperMultiError)
      assert.equal(err.zkCode, 'BADVERSION')
      assert.equal(err.opIndex, 1)
      assert.equal(err.path, '/guard0')
      assert.deepEqual(err.results, [0, -103, -2])
      return true
    },
  )
  assert.equal(await zk.exists('/guarded-2'), null)
  assert.equal((await zk.getData('/guard0')).data.toString(), 'moved on')

  // setData and delete with version 0 inside a multi are conditional too
  await assert.rejects(zk.multi([{ type: 'setData', path: '/guard0', data: 'x', version: 0 }]), rejectsWith('BADVERSION'))
  await assert.rejects(zk.multi([{ type: 'delete', path: '/guard0', version: 0 }]), rejectsWith('BADVERSION'))
  await zk.multi([
    { type: 'delete', path: '/guard0', version: 1 },
    { type: 'delete', path: '/guarded-1', version: 0 },
  ])
  assert.equal(await zk.exists('/guard0'), null)
  assert.deepEqual(await zk.multi([]), [])
})

test('session expiry: ephemerals are deleted, watches end, a new session follows', { skip, timeout: 30_000 }, async () => {
  const zk = await testClient(connect())
  const observer = await testClient(connect())
  const firstSession = zk.sessionId
  await zk.create('/expiring', '', { mode: 'ephemeral' })
  let watchEnded!: Promise<WatchEvent>
  await new Promise<void>((armed) => {
    watchEnded = new Promise<WatchEvent>((resolve) => {
      zk.getData('/expiring', { watch: resolve }).then(
        () => armed(),
        () => {},
      )
    })
  })
  const states: string[] = []
  zk.on('state', (s) => states.push(s))
  const expired = nextEvent<[{ sessionId: bigint }]>(zk, 'expired')
  const renewed = nextEvent<[bigint]>(zk, 'session')

  await expireSession(connect(), zk)
  const [{ sessionId }] = await expired
  assert.equal(sessionId, firstSession)
  assert.deepEqual(await watchEnded, { type: 'sessionExpired', path: '/expiring' })
  const [newSession] = await renewed
  assert.notEqual(newSession, firstSession)
  assert.equal(zk.sessionId, newSession)
  assert.equal(states[0], 'disconnected')
  assert.deepEqual(states.slice(-3), ['expired', 'connecting', 'connected'])
  assert.equal(await observer.exists('/expiring'), null)
  await zk.create('/expiring', '', { mode: 'ephemeral' }) // the owner re-creates it in its new session
  assert.equal((await observer.exists('/expiring'))?.ephemeralOwner, newSession)

  // without renewal, an expired client stays expired
  const once = await testClient(connect(), { renewExpiredSession: false })
  const gone = nextEvent(once, 'expired')
  await expireSession(connect(), once)
  await gone
  assert.equal(once.state, 'expired')
  await assert.rejects(once.getData('/'), rejectsWith('SESSIONEXPIRED'))
})

test('a client that cannot connect fails with CONNECTIONLOSS within the connection timeout', { skip, timeout: 30_000 }, async () => {
  // a port nothing listens on
  const port = ensemble!.servers[0]!.clientPort === 1 ? 2 : 1
  const started = Date.now()
  await assert.rejects(
    ZooKeeperClient.connect({ connect: `127.0.0.1:${port}`, connectionTimeoutMs: 600, sessionTimeoutMs: 3000 }),
    rejectsWith('CONNECTIONLOSS'),
  )
  assert.ok(Date.now() - started < 5000)
})

test('bounded: a reply larger than maxPacketBytes drops the connection instead of buffering it', { skip, timeout: 30_000 }, async () => {
  const writer = await testClient(connect())
  await writer.create('/big', Buffer.alloc(200_000, 1))
  const small = await testClient(connect(), { maxPacketBytes: 64 * 1024 })
  await assert.rejects(small.getData('/big'), rejectsWith('CONNECTIONLOSS'))
  await small.waitUntilConnected()
  assert.equal((await small.exists('/big'))?.dataLength, 200_000)
  const queue = await testClient(connect(), { maxQueuedRequests: 2 })
  const results = await Promise.allSettled([queue.exists('/'), queue.exists('/'), queue.exists('/')])
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'fulfilled', 'rejected'],
  )
  assert.ok(results[2]?.status === 'rejected' && (results[2].reason as ZooKeeperError).zkCode === 'THROTTLEDOP')
})

// Last: it freezes the file's server.
test('watchdog: a frozen (SIGSTOPped) server is a lost connection within 2/3 of the session timeout', { skip, timeout: 30_000 }, async () => {
  const zk = await testClient(connect(), { sessionTimeoutMs: 3000 })
  const timeout = zk.sessionTimeoutMs
  assert.equal(timeout, 3000)
  const server = ensemble!.servers[0]!
  const lost = nextEvent<[{ reason: string }]>(zk, 'disconnected')
  await server.pause()
  const frozenAt = Date.now()
  const pending = zk.getData('/') // sent to the frozen server: never answered
  pending.catch(() => {})
  try {
    const [{ reason }] = await lost
    const detectedMs = Date.now() - frozenAt
    // the watchdog fires after 2/3 of the timeout without an answer; its check runs every 1/12
    assert.ok(detectedMs <= timeout, `detected after ${detectedMs} ms, session timeout ${timeout} ms`)
    assert.match(reason, /no answer from the server/)
    await assert.rejects(pending, rejectsWith('CONNECTIONLOSS'))
    // while disconnected, requests wait for a connection
    const waiting = zk.exists('/')
    server.resume()
    await zk.waitUntilConnected(10_000)
    assert.notEqual(await waiting, null)
    console.log(`# frozen ZooKeeper detected after ${detectedMs} ms (session timeout ${timeout} ms)`)
  } finally {
    server.resume()
  }
})
