/**
 * The controller's ZooKeeper primitives against a real ZooKeeper, as Kafka's ZooKeeper mode
 * does them (KafkaZkClient, KafkaController, ZkProducerIdManager): cluster id, top-level paths,
 * broker registration (a duplicate node.id is refused; re-registration after a session expiry),
 * controller election with epoch fencing, producer id blocks.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BrokerIdInUseError, BrokerRegistrar, registerBroker } from '../../src/metadata/zk/broker-registration.js'
import { createOrGetClusterId, createTopLevelPaths, generateBrokerSequenceId, getClusterId } from '../../src/metadata/zk/cluster.js'
import { ControllerElection, ControllerMovedError, fencedMulti, tryElectController } from '../../src/metadata/zk/controller-election.js'
import { allocateProducerIdBlock } from '../../src/metadata/zk/producer-id-block.js'
import { BrokerIdZNode, PERSISTENT_ZK_PATHS, ProducerIdBlockZNode, ZkPaths } from '../../src/metadata/zk/znodes.js'
import { ZooKeeperMultiError } from '../../src/zookeeper/errors.js'
import { expireSession, nextEvent, skipWithoutZooKeeper, startTestEnsemble, testClient, waitFor } from '../support/zookeeper.js'

const skip = skipWithoutZooKeeper()
const ensemble = skip === false ? await startTestEnsemble(1) : null

let chroots = 0
/** Each test runs in its own chroot: a fresh "cluster" on the shared server. */
async function cluster(): Promise<string> {
  const chroot = `/cluster-${++chroots}`
  const root = await testClient(ensemble!.connectString())
  await root.create(chroot)
  return ensemble!.connectString(chroot)
}

const plaintext = (port: number) => [{ listener: 'PLAINTEXT', host: '127.0.0.1', port, securityProtocol: 'PLAINTEXT' }]

test('top-level paths, cluster id (the first broker decides), broker sequence ids', { skip, timeout: 30_000 }, async () => {
  const connect = await cluster()
  const a = await testClient(connect)
  const b = await testClient(connect)
  await createTopLevelPaths(a)
  await createTopLevelPaths(b) // idempotent
  for (const path of PERSISTENT_ZK_PATHS) assert.notEqual(await a.exists(path), null, path)

  assert.equal(await getClusterId(a), null)
  const ids = await Promise.all([createOrGetClusterId(a, 'AAAAAAAAAAAAAAAAAAAAAA'), createOrGetClusterId(b, 'BBBBBBBBBBBBBBBBBBBBBB')])
  assert.equal(ids[0], ids[1])
  assert.equal(await getClusterId(b), ids[0])
  assert.equal(await createOrGetClusterId(b), ids[0])
  assert.deepEqual(JSON.parse((await a.getData(ZkPaths.clusterId)).data.toString()), { version: '1', id: ids[0] })
  assert.match(await createOrGetClusterId(await testClient(await cluster())), /^[A-Za-z0-9_-]{22}$/)

  const seq = [await generateBrokerSequenceId(a), await generateBrokerSequenceId(b), await generateBrokerSequenceId(a)]
  assert.deepEqual(seq, [seq[0], seq[0]! + 1, seq[0]! + 2])
})

test('broker registration: ephemeral, a duplicate node.id refused, re-registered after a session expiry', { skip, timeout: 30_000 }, async () => {
  const connect = await cluster()
  const zk1 = await testClient(connect)
  const zk2 = await testClient(connect)
  const registrar = new BrokerRegistrar(zk1, { id: 1, endpoints: plaintext(9092), rack: 'r1' })
  const epoch1 = await registrar.register()
  const { data, stat } = await zk2.getData(ZkPaths.brokerId(1))
  assert.equal(stat.ephemeralOwner, zk1.sessionId)
  assert.equal(stat.czxid, epoch1) // the broker epoch
  const info = BrokerIdZNode.decode(1, data)
  assert.deepEqual(info.endpoints, plaintext(9092))
  assert.equal(info.rack, 'r1')
  assert.equal(info.version, 5)

  // the same session registering again (a retry after a lost reply) is not a duplicate
  assert.equal((await registerBroker(zk1, { id: 1, endpoints: plaintext(9092), rack: 'r1' })).czxid, epoch1)

  // another broker with the same node.id is refused, with a message that says what to do
  await assert.rejects(registerBroker(zk2, { id: 1, endpoints: plaintext(9093), rack: null }), (err: unknown) => {
    assert.ok(err instanceof BrokerIdInUseError)
    assert.equal(err.code, 'SAMSA_BROKER_ID_IN_USE')
    assert.match(err.message, /node\.id 1 is already registered .*PLAINTEXT:\/\/127\.0\.0\.1:9092.*different node\.id/)
    return true
  })
  assert.equal((await zk2.exists(ZkPaths.brokerId(1)))?.ephemeralOwner, zk1.sessionId)

  // the session expires: the registration disappears, and the registrar puts it back
  const reregistered = nextEvent<[{ brokerEpoch: bigint }]>(registrar, 'registered')
  await expireSession(connect, zk1)
  const [{ brokerEpoch }] = await reregistered
  assert.ok(brokerEpoch > epoch1, `new broker epoch ${brokerEpoch} > ${epoch1}`)
  assert.equal(registrar.brokerEpoch, brokerEpoch)
  assert.equal((await zk2.exists(ZkPaths.brokerId(1)))?.ephemeralOwner, zk1.sessionId)

  // deregistering (a clean shutdown) frees the id at once
  await registrar.deregister()
  assert.equal(await zk2.exists(ZkPaths.brokerId(1)), null)
  await registerBroker(zk2, { id: 1, endpoints: plaintext(9093), rack: null })
})

test('controller election: one winner among concurrent contenders, epoch incremented from a version-0 epoch znode', { skip, timeout: 30_000 }, async () => {
  const connect = await cluster()
  const clients = await Promise.all([1, 2, 3, 4, 5].map(() => testClient(connect)))
  const results = await Promise.all(clients.map((zk, i) => tryElectController(zk, i + 1)))
  const winners = results.filter((r) => r !== null)
  assert.equal(winners.length, 1, JSON.stringify(results))
  // /controller_epoch was created at 0 (version 0); the winner's conditional write made it 1 (version 1)
  assert.deepEqual(winners[0], { epoch: 1, epochZkVersion: 1 })
  const winner = results.findIndex((r) => r !== null) + 1
  const controller = JSON.parse((await clients[0]!.getData(ZkPaths.controller)).data.toString()) as { brokerid: number }
  assert.equal(controller.brokerid, winner)
  assert.equal((await clients[0]!.getData(ZkPaths.controllerEpoch)).data.toString(), '1')

  // A contender that read the epoch before the winner's write tries again once /controller is
  // gone, still expecting version 0. Were 0 sent as "any version" (node-zookeeper-client's bug),
  // epoch 1 would be taken a second time; ZooKeeper must refuse it.
  await clients[winner - 1]!.close()
  const stale = clients.find((_, i) => i !== winner - 1)!
  await assert.rejects(
    stale.multi([
      { type: 'create', path: ZkPaths.controller, data: 'stale', mode: 'ephemeral' },
      { type: 'setData', path: ZkPaths.controllerEpoch, data: '1', version: 0 },
    ]),
    (err: unknown) => err instanceof ZooKeeperMultiError && err.zkCode === 'BADVERSION' && err.opIndex === 1,
  )
  assert.equal(await stale.exists(ZkPaths.controller), null)
})

test("controller failover and epoch fencing: a deposed controller's writes fail", { skip, timeout: 30_000 }, async () => {
  const connect = await cluster()
  const zkA = await testClient(connect)
  const zkB = await testClient(connect)
  const a = new ControllerElection(zkA, 1)
  const b = new ControllerElection(zkB, 2)
  await a.start()
  await b.start()
  assert.equal(a.isActive, true)
  assert.deepEqual(a.epoch, { epoch: 1, epochZkVersion: 1 })
  assert.equal(b.isActive, false)
  assert.equal(b.controllerId, 1)

  const [created] = await a.fencedMulti([{ type: 'create', path: '/state', data: 'by 1' }])
  assert.deepEqual(created, { type: 'create', path: '/state' })
  // an operation's own failure is reported at its index among the caller's operations
  await assert.rejects(
    a.fencedMulti([
      { type: 'setData', path: '/state', data: 'x', version: 0 },
      { type: 'delete', path: '/missing' },
    ]),
    (err: unknown) => {
      assert.ok(err instanceof ZooKeeperMultiError)
      assert.equal(err.zkCode, 'NONODE')
      assert.equal(err.opIndex, 1)
      return true
    },
  )
  const staleA = a.epoch!

  // A's session expires (a long pause): A resigns, B takes over under the next epoch
  const resigned = nextEvent<[{ reason: string }]>(a, 'resigned')
  const bElected = nextEvent<[{ epoch: number; epochZkVersion: number }]>(b, 'elected')
  await expireSession(connect, zkA)
  await resigned
  const [epochB] = await bElected
  // 2, or more: the expiry trick can let A re-attach a few times first, and each return to
  // its session is a new term under a new epoch
  assert.ok(epochB.epoch > staleA.epoch, `B's epoch ${epochB.epoch} after A's ${staleA.epoch}`)
  await waitFor('A sees B as controller', () => a.controllerId === 2)
  assert.equal(a.isActive, false)

  // a write A prepared under its old epoch is fenced off, and nothing of it is applied
  await assert.rejects(fencedMulti(zkA, staleA.epochZkVersion, [{ type: 'setData', path: '/state', data: 'stale', version: 0 }]), ControllerMovedError)
  await assert.rejects(a.fencedMulti([{ type: 'setData', path: '/state', data: 'stale' }]), ControllerMovedError)
  assert.equal((await zkB.getData('/state')).data.toString(), 'by 1')
  await b.fencedMulti([{ type: 'setData', path: '/state', data: 'by 2', version: 0 }])

  // the active controller leaving deletes /controller: A takes over at once, under the next epoch
  const aElected = nextEvent<[{ epoch: number }]>(a, 'elected')
  await b.close()
  assert.equal((await aElected)[0].epoch, epochB.epoch + 1)
  assert.equal(b.isActive, false)
  await a.close()
})

test('producer id blocks: concurrent brokers get disjoint blocks of 1000', { skip, timeout: 30_000 }, async () => {
  const connect = await cluster()
  const zk1 = await testClient(connect)
  const zk2 = await testClient(connect)
  await createTopLevelPaths(zk1) // Kafka creates the znode empty
  const blocks = (
    await Promise.all(
      [zk1, zk2].map(async (zk, i) => {
        const mine = []
        for (let n = 0; n < 10; n++) mine.push(await allocateProducerIdBlock(zk, i + 1))
        return mine
      }),
    )
  ).flat()
  const starts = blocks.map((b) => b.firstProducerId).sort((x, y) => (x < y ? -1 : 1))
  assert.deepEqual(
    starts,
    Array.from({ length: 20 }, (_, i) => BigInt(i * 1000)),
  )
  for (const b of blocks) assert.equal(b.lastProducerId - b.firstProducerId, 999n)
  const last = ProducerIdBlockZNode.decode((await zk1.getData(ZkPaths.producerIdBlock)).data)
  assert.equal(last.lastProducerId, 19_999n)

  // without the znode (no top-level paths created yet) the first block is created
  const fresh = await testClient(await cluster())
  assert.deepEqual(await allocateProducerIdBlock(fresh, 7), { assignedBrokerId: 7, firstProducerId: 0n, lastProducerId: 999n })
})
