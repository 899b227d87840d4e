/**
 * Transactions across a ZooKeeper cluster of three broker processes, with the coordinator on a
 * broker that is not the controller (Kafka's TransactionCoordinator, TransactionStateManager and
 * TransactionMarkerChannelManager under broker failure):
 *   - `__transaction_state` is replicated (transaction.state.log.replication.factor 3,
 *     transaction.state.log.min.isr 2);
 *   - a transaction left open past its transaction.timeout.ms is aborted by its coordinator, the
 *     abort markers written at a leader on another broker;
 *   - an idle transactional id is forgotten after transactional.id.expiration.ms, and stays
 *     forgotten when its `__transaction_state` partition moves to another broker (the tombstone
 *     is replicated);
 *   - the coordinator's broker killed with kill -9 between PrepareCommit (and, for a second
 *     transaction, PrepareAbort) and the markers (one partition's leader is down, so neither can
 *     complete): the broker that leads the `__transaction_state` partitions next loads them and
 *     sends the markers itself, so read_committed readers see the committed transaction whole
 *     and the aborted one not at all (each record once, one marker each written under the new
 *     coordinator epoch), and the committed one's offsets become the group's.
 * The transaction is driven on the wire (InitProducerId, AddPartitionsToTxn, Produce,
 * AddOffsetsToTxn, TxnOffsetCommit, EndTxn) so each step happens exactly when the test says.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { describeTransaction, listTransactions, partitionStability } from '../../src/client/admin-transactions.js'
import { Cluster } from '../../src/client/cluster.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { partitionForTransactionalId } from '../../src/transactions/transaction-log.js'
import { eventually, startTestCluster, type TestCluster } from '../support/cluster.js'
import { decodeBatches, type DecodedRecord } from '../support/records.js'
import { RawConnection } from '../support/raw-client.js'
import { controllerId, createAssignedTopic, describePartition, readPartition, waitForLeader } from '../support/replication.js'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'

const TXN_TOPIC = '__transaction_state'
const TXN_PARTITIONS = 6
const EXPIRATION_MS = 10_000

const skip = skipWithoutZooKeeper()
const cluster: TestCluster | undefined =
  skip === false
    ? await startTestCluster({
        zookeepers: 1,
        brokers: 3,
        config: {
          'transaction.state.log.num.partitions': TXN_PARTITIONS,
          'offsets.topic.num.partitions': 6,
          'transactional.id.expiration.ms': EXPIRATION_MS,
          'transaction.remove.expired.transaction.cleanup.interval.ms': 500,
          'transaction.abort.timed.out.transaction.cleanup.interval.ms': 500,
        },
      })
    : undefined

async function request<T = any>(c: TestCluster, brokerId: number, key: number, version: number, body: unknown, timeoutMs = 15_000): Promise<T> {
  const conn = await RawConnection.connect(c.broker(brokerId).bootstrap)
  try {
    return await conn.request<T>(key, version, body, timeoutMs)
  } finally {
    conn.close()
  }
}

/** The broker coordinating `key` (keyType 1 a transactional id, 0 a group), once there is one. */
function coordinatorOf(c: TestCluster, key: string, keyType: 0 | 1): Promise<number> {
  return eventually(
    `a coordinator for ${key}`,
    async () => {
      const b = c.brokers.find((x) => x.running)!
      const r = await request(c, b.id, ApiKey.FindCoordinator, 3, { key, keyType })
      return r.errorCode === ErrorCode.NONE ? (r.nodeId as number) : false
    },
    60_000,
  )
}

/** A transactional id (`prefix-N`) that broker `brokerId` coordinates. */
async function idCoordinatedBy(c: TestCluster, brokerId: number, prefix: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const id = `${prefix}-${i}`
    if ((await coordinatorOf(c, id, 1)) === brokerId) return id
  }
  throw new Error(`no transactional id ${prefix}-N is coordinated by broker ${brokerId}`)
}

interface Producer {
  transactionalId: string
  coordinator: number
  producerId: bigint
  producerEpoch: number
  sequences: Map<string, number>
}

async function initProducer(c: TestCluster, transactionalId: string, coordinator: number, transactionTimeoutMs = 60_000): Promise<Producer> {
  const r = await eventually(`InitProducerId for ${transactionalId}`, async () => {
    const res = await request(c, coordinator, ApiKey.InitProducerId, 4, { transactionalId, transactionTimeoutMs, producerId: -1n, producerEpoch: -1 })
    if (res.errorCode === ErrorCode.CONCURRENT_TRANSACTIONS || res.errorCode === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) return false
    assert.equal(res.errorCode, ErrorCode.NONE, `InitProducerId ${transactionalId}`)
    return res
  })
  return { transactionalId, coordinator, producerId: r.producerId, producerEpoch: r.producerEpoch, sequences: new Map() }
}

async function addPartitions(c: TestCluster, p: Producer, topic: string, partitions: number[]): Promise<void> {
  const r = await request(c, p.coordinator, ApiKey.AddPartitionsToTxn, 3, {
    v3AndBelowTransactionalId: p.transactionalId,
    v3AndBelowProducerId: p.producerId,
    v3AndBelowProducerEpoch: p.producerEpoch,
    v3AndBelowTopics: [{ name: topic, partitions }],
  })
  for (const t of r.resultsByTopicV3AndBelow)
    for (const x of t.resultsByPartition) assert.equal(x.partitionErrorCode, ErrorCode.NONE, `AddPartitionsToTxn ${t.name}-${x.partitionIndex}`)
}

/** A transactional batch of `values` to the partition's leader, acks=all. */
async function produce(c: TestCluster, p: Producer, topic: string, partition: number, values: string[]): Promise<void> {
  const leader = (await waitForLeader(c, topic, partition)).leader
  const key = `${topic}-${partition}`
  const seq = p.sequences.get(key) ?? 0
  const records = encodeRecordBatch({
    records: values.map((value) => ({ value })),
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    baseSequence: seq,
    isTransactional: true,
  })
  const r = await request(c, leader, ApiKey.Produce, 9, {
    transactionalId: p.transactionalId,
    acks: -1,
    timeoutMs: 10_000,
    topicData: [{ name: topic, partitionData: [{ index: partition, records }] }],
  })
  assert.equal(r.responses[0].partitionResponses[0].errorCode, ErrorCode.NONE, `Produce ${key}`)
  p.sequences.set(key, seq + values.length)
}

const endTxn = (c: TestCluster, p: Producer, committed: boolean): Promise<{ errorCode: number }> =>
  request(
    c,
    p.coordinator,
    ApiKey.EndTxn,
    3,
    { transactionalId: p.transactionalId, producerId: p.producerId, producerEpoch: p.producerEpoch, committed },
    45_000,
  )

async function describeTxn(
  c: TestCluster,
  brokerId: number,
  transactionalId: string,
): Promise<{ errorCode: number; transactionState: string; producerEpoch: number }> {
  return (await request(c, brokerId, ApiKey.DescribeTransactions, 0, { transactionalIds: [transactionalId] })).transactionStates[0]
}

/** The leader's high watermark and last stable offset (ListOffsets latest, read_uncommitted and read_committed). */
async function stability(c: TestCluster, topic: string, partition: number): Promise<{ hw: bigint; lso: bigint }> {
  const leader = (await waitForLeader(c, topic, partition)).leader
  const latest = async (isolationLevel: number): Promise<bigint> => {
    const r = await request(c, leader, ApiKey.ListOffsets, 5, {
      replicaId: -1,
      isolationLevel,
      topics: [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp: -1n }] }],
    })
    const x = r.topics[0].partitions[0]
    assert.equal(x.errorCode, ErrorCode.NONE, `ListOffsets ${topic}-${partition}`)
    return x.offset
  }
  return { hw: await latest(0), lso: await latest(1) }
}

/** A read_committed Fetch from offset 0 at the leader: the records below the LSO and the aborted transactions among them. */
async function fetchCommitted(
  c: TestCluster,
  topic: string,
  partition: number,
): Promise<{ records: DecodedRecord[]; aborted: Array<{ producerId: bigint; firstOffset: bigint }> }> {
  const leader = (await waitForLeader(c, topic, partition)).leader
  const r = await request(c, leader, ApiKey.Fetch, 11, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 1,
    sessionId: 0,
    sessionEpoch: -1,
    rackId: '',
    topics: [{ topic, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [],
  })
  const p = r.responses[0].partitions[0]
  assert.equal(p.errorCode, ErrorCode.NONE)
  return { records: await decodeBatches(p.records), aborted: p.abortedTransactions ?? [] }
}

/** A control record's marker: COMMIT or ABORT and the coordinator epoch that wrote it (Kafka's EndTransactionMarker). */
function marker(r: DecodedRecord): { type: 'COMMIT' | 'ABORT'; coordinatorEpoch: number } {
  assert.ok(r.batch.isControl && r.key !== null && r.value !== null)
  return { type: r.key.readInt16BE(2) === 1 ? 'COMMIT' : 'ABORT', coordinatorEpoch: r.value.readInt32BE(2) }
}

const dataValues = (records: DecodedRecord[]) => records.filter((r) => !r.batch.isControl).map((r) => r.value!.toString())
const txnPartitionOf = (transactionalId: string): number => partitionForTransactionalId(transactionalId, TXN_PARTITIONS)

// Roles, fixed by the first test: C coordinates (not the controller), K is the controller, P the
// other broker. The crash test kills P and then C; K stays up throughout.
let C = -1
let K = -1
let P = -1
let expiredId = ''

test('__transaction_state is replicated: three replicas in sync per partition, min.insync.replicas 2', { skip, timeout: 120_000 }, async () => {
  const c = cluster!
  K = await controllerId(c)
  C = [1, 2, 3].find((id) => id !== K)!
  P = [1, 2, 3].find((id) => id !== K && id !== C)!
  await coordinatorOf(c, 'first', 1) // creates the topic
  for (let p = 0; p < TXN_PARTITIONS; p++) {
    const v = await eventually(`${TXN_TOPIC}-${p} fully in sync`, async () => {
      const x = await describePartition(c.bootstrap().split(',')[0]!, TXN_TOPIC, p)
      return x !== undefined && x.leader >= 0 && x.isr.length === 3 ? x : false
    })
    assert.deepEqual([...v.replicas].sort(), [1, 2, 3], `${TXN_TOPIC}-${p} replicas`)
  }
  const configs = await request(c, K, ApiKey.DescribeConfigs, 4, {
    resources: [{ resourceType: 2, resourceName: TXN_TOPIC, configurationKeys: ['min.insync.replicas', 'cleanup.policy'] }],
    includeSynonyms: false,
    includeDocumentation: false,
  })
  const entries = Object.fromEntries(configs.results[0].configs.map((x: { name: string; value: string }) => [x.name, x.value]))
  assert.deepEqual(entries, { 'min.insync.replicas': '2', 'cleanup.policy': 'compact' })
})

test('a transaction left open past its timeout is aborted by a coordinator that is not the controller; markers reach the leader on another broker', {
  skip,
  timeout: 120_000,
}, async () => {
  const c = cluster!
  assert.ok(C > 0, 'roles are set by the first test')
  await createAssignedTopic(c, 'txn-timeout', [[K]])
  const id = await idCoordinatedBy(c, C, 'stuck')
  const p = await initProducer(c, id, C, 8000)
  await addPartitions(c, p, 'txn-timeout', [0])
  await produce(c, p, 'txn-timeout', 0, ['never-0', 'never-1', 'never-2'])
  const open = await stability(c, 'txn-timeout', 0)
  assert.deepEqual(open, { hw: 3n, lso: 0n }, 'the open transaction holds the LSO at its first offset')
  // What `samsa transactions list|describe|lso` ask: the id at its coordinator, the LSO at the leader.
  const admin = new Cluster({ bootstrap: c.bootstrap() })
  try {
    const listed = (await listTransactions(admin)).filter((x) => x.transactionalId === id)
    assert.deepEqual(
      listed.map((x) => [x.state, x.coordinator]),
      [['Ongoing', C]],
    )
    const described = await describeTransaction(admin, id)
    assert.deepEqual([described.state, described.partitions], ['Ongoing', [{ topic: 'txn-timeout', partition: 0 }]])
    const [lso] = await partitionStability(admin, [{ topic: 'txn-timeout', partition: 0 }])
    assert.deepEqual([lso!.highWatermark, lso!.lastStableOffset], [3n, 0n])
  } finally {
    await admin.close()
  }
  // The coordinator notices after transaction.timeout.ms (8 s), bumps the epoch and aborts.
  await eventually(
    'the abort marker',
    async () => {
      const s = await stability(c, 'txn-timeout', 0)
      return s.lso === s.hw && s.hw === 4n
    },
    60_000,
  )
  const all = await readPartition(c, 'txn-timeout', 0)
  assert.deepEqual(
    all.filter((r) => r.batch.isControl).map((r) => marker(r).type),
    ['ABORT'],
  )
  const committed = await fetchCommitted(c, 'txn-timeout', 0)
  assert.deepEqual(
    committed.aborted.map((a) => [a.producerId, a.firstOffset]),
    [[p.producerId, 0n]],
    'a read_committed reader is told to drop the records',
  )
  const late = await endTxn(c, p, true)
  assert.ok(
    ([ErrorCode.PRODUCER_FENCED, ErrorCode.INVALID_PRODUCER_EPOCH, ErrorCode.INVALID_PRODUCER_ID_MAPPING] as number[]).includes(late.errorCode),
    `the timed-out producer cannot commit (${late.errorCode})`,
  )
  const d = await describeTxn(c, C, id)
  // Idle ids expire after transactional.id.expiration.ms, which this cluster keeps short.
  if (d.errorCode === ErrorCode.NONE) {
    assert.equal(d.transactionState, 'CompleteAbort')
    assert.equal(d.producerEpoch, p.producerEpoch + 1, 'the abort fenced the producer')
  } else {
    assert.equal(d.errorCode, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND)
  }
})

test('transactional.id.expiration.ms forgets an idle transactional id on a coordinator that is not the controller', { skip, timeout: 120_000 }, async () => {
  const c = cluster!
  assert.ok(C > 0, 'roles are set by the first test')
  await createAssignedTopic(c, 'txn-expire', [[K]])
  expiredId = await idCoordinatedBy(c, C, 'idle')
  const p = await initProducer(c, expiredId, C)
  await addPartitions(c, p, 'txn-expire', [0])
  await produce(c, p, 'txn-expire', 0, ['kept'])
  assert.equal((await endTxn(c, p, true)).errorCode, ErrorCode.NONE)
  await eventually('CompleteCommit', async () => (await describeTxn(c, C, expiredId)).transactionState === 'CompleteCommit')
  const started = Date.now()
  await eventually('the id expired', async () => (await describeTxn(c, C, expiredId)).errorCode === ErrorCode.TRANSACTIONAL_ID_NOT_FOUND, 60_000)
  assert.ok(Date.now() - started >= EXPIRATION_MS - 2_000, 'not before transactional.id.expiration.ms')
  const listed = await request(c, C, ApiKey.ListTransactions, 1, { stateFilters: [], producerIdFilters: [], durationFilter: -1n })
  assert.ok(!listed.transactionStates.some((t: { transactionalId: string }) => t.transactionalId === expiredId), 'not listed')
  assert.deepEqual(dataValues((await fetchCommitted(c, 'txn-expire', 0)).records), ['kept'], 'the committed data stays')
})

test("kill -9 of the coordinator's broker between PrepareCommit/PrepareAbort and the markers: the next coordinator completes the commit and the abort", {
  skip,
  timeout: 300_000,
}, async (t) => {
  const c = cluster!
  assert.ok(C > 0, 'roles are set by the first test')
  const Q = K
  await createAssignedTopic(c, 'eos-cluster', [[P], [Q]])
  const id = await idCoordinatedBy(c, C, 'eos')
  const txnPartition = txnPartitionOf(id)
  const group = 'eos-cluster-group'
  const p = await initProducer(c, id, C)
  await addPartitions(c, p, 'eos-cluster', [0, 1])
  await produce(c, p, 'eos-cluster', 0, ['a0', 'a1', 'a2'])
  await produce(c, p, 'eos-cluster', 1, ['b0', 'b1', 'b2'])
  // A second transaction over the same partitions, to be aborted.
  const abortId = await idCoordinatedBy(c, C, 'eos-abort')
  const ap = await initProducer(c, abortId, C)
  await addPartitions(c, ap, 'eos-cluster', [0, 1])
  await produce(c, ap, 'eos-cluster', 0, ['x0', 'x1'])
  await produce(c, ap, 'eos-cluster', 1, ['y0'])
  // FindCoordinator first: it creates __consumer_offsets (AddOffsetsToTxn answers the retriable
  // COORDINATOR_NOT_AVAILABLE until the topic exists).
  const groupCoordinator = await coordinatorOf(c, group, 0)
  const addOffsets = await request(c, C, ApiKey.AddOffsetsToTxn, 3, {
    transactionalId: id,
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    groupId: group,
  })
  assert.equal(addOffsets.errorCode, ErrorCode.NONE)
  const offsets = await request(c, groupCoordinator, ApiKey.TxnOffsetCommit, 3, {
    transactionalId: id,
    groupId: group,
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [{ name: 'eos-cluster', partitions: [{ partitionIndex: 0, committedOffset: 3n, committedLeaderEpoch: -1, committedMetadata: null }] }],
  })
  assert.equal(offsets.topics[0].partitions[0].errorCode, ErrorCode.NONE)

  // P (the only replica of eos-cluster-0) dies: the markers there cannot be written.
  await c.broker(P).kill()
  // Once the controller has taken P out of the ISR, C can write PrepareCommit and PrepareAbort
  // (min.isr 2 with Q).
  const inSyncWithoutP = (partition: number) =>
    eventually(
      `${TXN_TOPIC}-${partition} in sync on C and Q only`,
      async () => {
        const v = await describePartition(c.broker(C).bootstrap, TXN_TOPIC, partition)
        return v !== undefined && v.leader === C && !v.isr.includes(P) && v.isr.includes(Q) ? v : false
      },
      60_000,
    )
  const before = await inSyncWithoutP(txnPartition)
  const abortBefore = await inSyncWithoutP(txnPartitionOf(abortId))
  assert.equal((await endTxn(c, p, true)).errorCode, ErrorCode.NONE, 'EndTxn answers once PrepareCommit is written')
  assert.equal((await endTxn(c, ap, false)).errorCode, ErrorCode.NONE, 'EndTxn answers once PrepareAbort is written')
  assert.equal((await describeTxn(c, C, id)).transactionState, 'PrepareCommit', 'the commit waits for the marker at P')
  assert.equal((await describeTxn(c, C, abortId)).transactionState, 'PrepareAbort', 'the abort waits for the marker at P')

  await c.broker(C).kill()
  const after = await waitForLeader(c, TXN_TOPIC, txnPartition, { not: C, timeoutMs: 60_000 })
  assert.equal(after.leader, Q)
  assert.ok(after.leaderEpoch > before.leaderEpoch, 'a new coordinator epoch')
  const abortAfter = await waitForLeader(c, TXN_TOPIC, txnPartitionOf(abortId), { not: C, timeoutMs: 60_000 })
  assert.ok(abortAfter.leader === Q && abortAfter.leaderEpoch > abortBefore.leaderEpoch)
  await c.broker(P).start()
  const started = Date.now()
  for (const [partition, end] of [
    [0, 7n],
    [1, 6n],
  ] as const) {
    await eventually(
      `eos-cluster-${partition} stable`,
      async () => {
        const s = await stability(c, 'eos-cluster', partition)
        return s.lso === s.hw && s.hw >= end
      },
      90_000,
    )
  }
  t.diagnostic(`the new coordinator completed the commit and the abort ${Date.now() - started} ms after P restarted`)

  const p0 = await readPartition(c, 'eos-cluster', 0)
  assert.deepEqual(dataValues(p0), ['a0', 'a1', 'a2', 'x0', 'x1'], 'each record once')
  const p0Markers = p0
    .filter((r) => r.batch.isControl)
    .map(marker)
    .sort((a, b) => a.type.localeCompare(b.type))
  assert.deepEqual(
    p0Markers,
    [
      { type: 'ABORT', coordinatorEpoch: abortAfter.leaderEpoch },
      { type: 'COMMIT', coordinatorEpoch: after.leaderEpoch },
    ],
    'one marker each, from the new coordinator',
  )
  const p1 = await readPartition(c, 'eos-cluster', 1)
  assert.deepEqual(dataValues(p1), ['b0', 'b1', 'b2', 'y0'], 'each record once')
  const p1Markers = new Set(p1.filter((r) => r.batch.isControl).map((r) => marker(r).type))
  assert.deepEqual([...p1Markers].sort(), ['ABORT', 'COMMIT'])
  for (const partition of [0, 1]) {
    const read = await fetchCommitted(c, 'eos-cluster', partition)
    // Only the aborted transaction: where the old coordinator's abort marker got through, the new
    // one's second marker ends no transaction and is not indexed (Kafka's ProducerAppendInfo).
    assert.deepEqual(
      read.aborted.map((a) => [a.producerId, a.firstOffset]),
      [[ap.producerId, 3n]],
      'the aborted transaction, for a read_committed reader to drop',
    )
    const visible = read.records.filter((r) => !read.aborted.some((a) => a.producerId === r.batch.producerId && BigInt(r.offset) >= a.firstOffset))
    assert.deepEqual(dataValues(visible), partition === 0 ? ['a0', 'a1', 'a2'] : ['b0', 'b1', 'b2'])
  }
  // The transaction's offsets are the group's, stable, wherever the group's coordinator is now.
  await eventually(
    'the committed offset',
    async () => {
      const coordinator = await coordinatorOf(c, group, 0)
      const r = await request(c, coordinator, ApiKey.OffsetFetch, 7, {
        groupId: group,
        topics: [{ name: 'eos-cluster', partitionIndexes: [0] }],
        requireStable: true,
      })
      return r.errorCode === ErrorCode.NONE && r.topics[0].partitions[0].errorCode === ErrorCode.NONE && r.topics[0].partitions[0].committedOffset === 3n
    },
    60_000,
  )
  const d = await describeTxn(c, Q, id)
  if (d.errorCode === ErrorCode.NONE) assert.equal(d.transactionState, 'CompleteCommit')
  else assert.equal(d.errorCode, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND, 'expired after completing')
  // The id expired on C stays forgotten where its partition of __transaction_state is now led.
  const expiredOn = (await waitForLeader(c, TXN_TOPIC, txnPartitionOf(expiredId))).leader
  assert.equal((await describeTxn(c, expiredOn, expiredId)).errorCode, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND)
})
