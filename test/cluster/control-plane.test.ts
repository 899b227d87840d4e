// A broker obeys its controller's LeaderAndIsr / UpdateMetadata / StopReplica the same way
// whichever controller sends them. Here a test plays a second controller in-process against a
// single broker (whose own controller has epoch 1): requests from an older controller epoch are
// refused with STALE_CONTROLLER_EPOCH (Kafka's ReplicaManager.becomeLeaderOrFollower and
// KafkaApis.handleUpdateMetadataRequest), older leader epochs per partition likewise; a
// partition led elsewhere answers NOT_LEADER_OR_FOLLOWER to Produce and (before v11) Fetch; the group
// coordinator drops the groups of a __consumer_offsets partition it stops leading
// (NOT_COORDINATOR, FindCoordinator names the new leader) and loads them back when it leads it
// again (GroupCoordinator.onResignation / onElection).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker } from '../../src/index.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'
import type { PartitionLeadership, ControlledBroker } from '../../src/controller/control.js'
import { partitionForGroup } from '../../src/groups/records.js'

const broker = await startBroker({ port: 0 })
after(() => broker.close())
const parts = broker.running.broker
const control: ControlledBroker = parts.controlPlane
const client = await TestClient.connect(broker.bootstrap)
after(() => client.close())

const OTHER = 2
const otherBroker = { id: OTHER, rack: null, endpoints: [{ listener: 'PLAINTEXT', host: '127.0.0.1', port: 1, securityProtocol: 'PLAINTEXT' }] }
const self = () => ({ id: 1, rack: null, endpoints: parts.metadata.listeners })

function state(topic: string, partition: number, leader: number, leaderEpoch: number, replicas = [1, OTHER]): PartitionLeadership {
  const t = parts.metadata.topic(topic)!
  return {
    topic,
    topicId: t.meta.topicId,
    partition,
    leader,
    leaderEpoch,
    isr: [leader],
    partitionEpoch: leaderEpoch,
    replicas,
    addingReplicas: [],
    removingReplicas: [],
    leaderRecoveryState: 0,
  }
}

async function moveLeader(controllerEpoch: number, states: PartitionLeadership[]) {
  const lai = await control.leaderAndIsr({
    controllerId: OTHER,
    controllerEpoch,
    brokerEpoch: -1n,
    full: false,
    partitions: states.map((s) => ({ ...s, isNew: false })),
  })
  const um = await control.updateMetadata({
    controllerId: OTHER,
    controllerEpoch,
    brokerEpoch: -1n,
    brokers: [self(), otherBroker],
    partitions: states.map((s) => ({ ...s, offlineReplicas: [] })),
  })
  return { lai, um }
}

await client.createTopic('moving', 2)
// __consumer_offsets is created while this broker is the only one its cache knows.
assert.equal(await parts.groups.whenReady(), ErrorCode.NONE)
const record = () => encodeBatch([{ key: null, value: Buffer.from('v') }])

test('requests from an older controller epoch change nothing', async () => {
  const { lai, um } = await moveLeader(0, [state('moving', 1, OTHER, 5)])
  assert.equal(lai.errorCode, ErrorCode.STALE_CONTROLLER_EPOCH)
  assert.equal(um.errorCode, ErrorCode.STALE_CONTROLLER_EPOCH)
  assert.equal(parts.replicas.partition('moving', 1)?.isLeader, true)
  assert.equal((await client.produce('moving', 1, record())).errorCode, ErrorCode.NONE)
})

test('a partition led by another broker answers NOT_LEADER_OR_FOLLOWER; Metadata names its leader', async () => {
  const { lai, um } = await moveLeader(2, [state('moving', 1, OTHER, 1)])
  assert.equal(lai.errorCode, ErrorCode.NONE)
  assert.deepEqual(
    lai.partitions.map((p) => p.errorCode),
    [ErrorCode.NONE],
  )
  assert.equal(um.errorCode, ErrorCode.NONE)
  assert.equal((await client.produce('moving', 1, record())).errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER)
  // A consumer's Fetch needs the leader before v11; from v11 (KIP-392) a follower serves it, as in Kafka.
  assert.equal((await client.fetchOnce('moving', 1, 0, undefined, 10)).errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER)
  assert.equal((await client.fetchOnce('moving', 1, 0, undefined, 11)).errorCode, ErrorCode.NONE)
  assert.equal((await client.produce('moving', 0, record())).errorCode, ErrorCode.NONE)
  const md = await client.conn.request(ApiKey.Metadata, 12, {
    topics: [{ name: 'moving', topicId: '00000000-0000-0000-0000-000000000000' }],
    allowAutoTopicCreation: false,
  })
  assert.deepEqual(
    md.brokers.map((b: { nodeId: number }) => b.nodeId),
    [1, OTHER],
  )
  assert.equal(md.controllerId, OTHER)
  const p1 = md.topics[0].partitions.find((p: { partitionIndex: number }) => p.partitionIndex === 1)
  assert.equal(p1.leaderId, OTHER)
  assert.equal(p1.leaderEpoch, 1)
  // The follower keeps its log: what was written before is still there.
  assert.ok(parts.replicas.partition('moving', 1)!.log.logEndOffset >= 1n)
})

test('an older leader epoch for a partition is refused on its own', async () => {
  const { lai } = await moveLeader(2, [state('moving', 1, 1, 0), state('moving', 0, 1, 3, [1])])
  assert.deepEqual(
    lai.partitions.map((p) => p.errorCode),
    [ErrorCode.STALE_CONTROLLER_EPOCH, ErrorCode.NONE],
  )
  assert.equal(parts.replicas.partition('moving', 1)!.leaderId, OTHER)
  assert.equal(parts.replicas.partition('moving', 0)!.leaderEpoch, 3)
})

test('StopReplica without delete keeps the log, with delete removes it', async () => {
  const stop = await control.stopReplica({
    controllerId: OTHER,
    controllerEpoch: 2,
    brokerEpoch: -1n,
    partitions: [{ topic: 'moving', partition: 1, leaderEpoch: 1, delete: false }],
  })
  assert.equal(stop.errorCode, ErrorCode.NONE)
  assert.equal(parts.replicas.partition('moving', 1), undefined)
  assert.ok(broker.running.logManager.getLog('moving', 1) !== undefined)
  assert.equal((await client.fetchOnce('moving', 1, 0)).errorCode, ErrorCode.NOT_LEADER_OR_FOLLOWER)
  await control.stopReplica({
    controllerId: OTHER,
    controllerEpoch: 2,
    brokerEpoch: -1n,
    partitions: [{ topic: 'moving', partition: 1, leaderEpoch: 1, delete: true }],
  })
  assert.equal(broker.running.logManager.getLog('moving', 1), undefined)
})

test('the group coordinator follows the leadership of its __consumer_offsets partition', async () => {
  const commit = (offset: bigint) =>
    client.conn.request(ApiKey.OffsetCommit, 8, {
      groupId: 'g',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [{ name: 'moving', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, committedMetadata: null }] }],
    })
  const find = () => client.conn.request(ApiKey.FindCoordinator, 3, { key: 'g', keyType: 0 })
  assert.equal((await find()).nodeId, 1)
  assert.equal((await commit(7n)).topics[0].partitions[0].errorCode, ErrorCode.NONE)

  const p = partitionForGroup('g', parts.metadata.topic('__consumer_offsets')!.partitions.length)
  await moveLeader(2, [state('__consumer_offsets', p, OTHER, 1)])
  assert.equal((await commit(8n)).topics[0].partitions[0].errorCode, ErrorCode.NOT_COORDINATOR)
  assert.equal((await find()).nodeId, OTHER)
  assert.equal(parts.groups.groups.has('g'), false)

  await moveLeader(2, [state('__consumer_offsets', p, 1, 2)])
  assert.equal((await find()).nodeId, 1)
  const fetched = await client.conn.request(ApiKey.OffsetFetch, 7, { groupId: 'g', topics: [{ name: 'moving', partitionIndexes: [0] }], requireStable: false })
  assert.equal(fetched.topics[0].partitions[0].committedOffset, 7n)
})
