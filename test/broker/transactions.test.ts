// The transaction APIs on the wire (Kafka's TransactionCoordinator, KafkaApis and
// AddPartitionsToTxnManager behaviour): KIP-890's refusal of a transactional batch for a
// partition not in the transaction (INVALID_TXN_STATE before Produce v11, TRANSACTION_ABORTABLE
// from v11); read_committed Fetch and ListOffsets at the LSO with the aborted transactions;
// InitProducerId's KIP-360 recovery and fencing codes by version; TxnOffsetCommit pending until
// the commit (UNSTABLE_OFFSET_COMMIT for require_stable); Describe/ListTransactions; the state
// surviving a restart; transactional.id.expiration.ms.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { TestClient } from '../support/raw-client.js'

let broker: TestBroker
let client: TestClient

before(async () => {
  broker = await startTestBroker({ 'transactional.id.expiration.ms': 60_000 })
  client = await TestClient.connect(broker.bootstrap)
  await client.createTopic('t', 2)
})
after(async () => {
  client?.close()
  await broker?.close()
})

const req = <T = any>(key: number, version: number, body: unknown): Promise<T> => client.conn.request<T>(key, version, body)

async function init(
  transactionalId: string,
  version = 4,
  expected?: { producerId: bigint; producerEpoch: number },
): Promise<{ errorCode: number; producerId: bigint; producerEpoch: number }> {
  for (let i = 0; i < 50; i++) {
    const r = await req(ApiKey.InitProducerId, version, {
      transactionalId,
      transactionTimeoutMs: 60_000,
      producerId: expected?.producerId ?? -1n,
      producerEpoch: expected?.producerEpoch ?? -1,
    })
    if (r.errorCode !== ErrorCode.CONCURRENT_TRANSACTIONS) return r
    await new Promise((res) => setTimeout(res, 50))
  }
  throw new Error('InitProducerId: CONCURRENT_TRANSACTIONS for too long')
}

const addPartitions = (transactionalId: string, p: { producerId: bigint; producerEpoch: number }, topic: string, partitions: number[]) =>
  req(ApiKey.AddPartitionsToTxn, 3, {
    v3AndBelowTransactionalId: transactionalId,
    v3AndBelowProducerId: p.producerId,
    v3AndBelowProducerEpoch: p.producerEpoch,
    v3AndBelowTopics: [{ name: topic, partitions }],
  })

const endTxn = (transactionalId: string, p: { producerId: bigint; producerEpoch: number }, committed: boolean) =>
  req(ApiKey.EndTxn, 3, { transactionalId, producerId: p.producerId, producerEpoch: p.producerEpoch, committed })

async function produceTxn(
  transactionalId: string | null,
  p: { producerId: bigint; producerEpoch: number },
  partition: number,
  seq: number,
  values: string[],
  version = 9,
): Promise<{ errorCode: number; baseOffset: bigint }> {
  const records = encodeRecordBatch({
    records: values.map((value) => ({ value })),
    producerId: p.producerId,
    producerEpoch: p.producerEpoch,
    baseSequence: seq,
    isTransactional: true,
  })
  const r = await req(ApiKey.Produce, version, {
    transactionalId,
    acks: -1,
    timeoutMs: 10_000,
    topicData: [{ name: 't', partitionData: [{ index: partition, records }] }],
  })
  return r.responses[0].partitionResponses[0]
}

async function waitFor(what: string, cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (await cond()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const fetchCommitted = async (partition: number) => {
  const r = await req(ApiKey.Fetch, 11, {
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 1,
    sessionId: 0,
    sessionEpoch: -1,
    rackId: '',
    topics: [{ topic: 't', partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1 << 20 }] }],
    forgottenTopicsData: [],
  })
  return r.responses[0].partitions[0]
}

const latest = async (partition: number, isolationLevel: number): Promise<bigint> => {
  const r = await req(ApiKey.ListOffsets, 5, {
    replicaId: -1,
    isolationLevel,
    topics: [{ name: 't', partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp: -1n }] }],
  })
  return r.topics[0].partitions[0].offset
}

describe('transactions on the wire', () => {
  it('refuses a transactional batch for a partition not in the transaction (KIP-890)', async () => {
    const p = await init('kip890')
    assert.equal(p.errorCode, 0)
    await addPartitions('kip890', p, 't', [0])
    assert.equal((await produceTxn('kip890', p, 1, 0, ['x'], 9)).errorCode, ErrorCode.INVALID_TXN_STATE, 'Produce v9: INVALID_TXN_STATE')
    assert.equal((await produceTxn('kip890', p, 1, 0, ['x'], 11)).errorCode, ErrorCode.TRANSACTION_ABORTABLE, 'Produce v11: TRANSACTION_ABORTABLE')
    assert.equal(
      (await produceTxn(null, p, 0, 0, ['x'])).errorCode,
      ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
      'a transactional batch needs its transactional id',
    )
    assert.equal((await produceTxn('kip890', p, 0, 0, ['ok'])).errorCode, ErrorCode.NONE, 'the partition that was added')
    assert.equal((await endTxn('kip890', p, false)).errorCode, 0)
  })

  it('read_committed stops at the LSO and lists the aborted transactions', async () => {
    const p = await init('reader')
    await addPartitions('reader', p, 't', [1])
    const hwBefore = await latest(1, 0)
    await produceTxn('reader', p, 1, 0, ['a1', 'a2'])
    assert.equal(await latest(1, 1), hwBefore, 'ListOffsets read_committed: the LSO, at the open transaction')
    assert.equal(await latest(1, 0), hwBefore + 2n)
    let f = await fetchCommitted(1)
    assert.equal(f.lastStableOffset, hwBefore)
    assert.equal(f.highWatermark, hwBefore + 2n)
    assert.equal((await endTxn('reader', p, false)).errorCode, 0)
    await waitFor('the abort marker', async () => (await latest(1, 1)) === hwBefore + 3n)
    f = await fetchCommitted(1)
    assert.deepEqual(
      f.abortedTransactions.map((t: { producerId: bigint; firstOffset: bigint }) => [t.producerId, t.firstOffset]),
      [[p.producerId, hwBefore]],
    )
    assert.equal(f.lastStableOffset, f.highWatermark)
  })

  it('InitProducerId: KIP-360 recovery with the id and epoch the producer had, fencing by version', async () => {
    const first = await init('recover')
    const bumped = await init('recover', 4, first)
    assert.deepEqual([bumped.producerId, bumped.producerEpoch], [first.producerId, first.producerEpoch + 1], 'the next epoch')
    const retried = await init('recover', 4, first)
    assert.deepEqual([retried.producerId, retried.producerEpoch], [bumped.producerId, bumped.producerEpoch], 'a retry of the same bump gets the same epoch')
    const stale = { producerId: first.producerId, producerEpoch: first.producerEpoch + 5 }
    assert.equal((await init('recover', 4, stale)).errorCode, ErrorCode.PRODUCER_FENCED, 'v4: PRODUCER_FENCED')
    assert.equal((await init('recover', 3, stale)).errorCode, ErrorCode.INVALID_PRODUCER_EPOCH, 'v3: INVALID_PRODUCER_EPOCH')
    const half = await req(ApiKey.InitProducerId, 4, {
      transactionalId: 'recover',
      transactionTimeoutMs: 60_000,
      producerId: first.producerId,
      producerEpoch: -1,
    })
    assert.equal(half.errorCode, ErrorCode.INVALID_REQUEST, 'a producer id without an epoch')
    const tooLong = await req(ApiKey.InitProducerId, 4, { transactionalId: 'recover', transactionTimeoutMs: 900_001, producerId: -1n, producerEpoch: -1 })
    assert.equal(tooLong.errorCode, ErrorCode.INVALID_TRANSACTION_TIMEOUT, 'above transaction.max.timeout.ms')
    const old = await init('recover')
    const fenced = await endTxn('recover', { producerId: old.producerId, producerEpoch: old.producerEpoch - 1 }, true)
    assert.equal(fenced.errorCode, ErrorCode.PRODUCER_FENCED)
  })

  it('TxnOffsetCommit offsets are invisible (UNSTABLE_OFFSET_COMMIT with require_stable) until the commit', async () => {
    const p = await init('offsets')
    assert.equal(
      (await req(ApiKey.AddOffsetsToTxn, 3, { transactionalId: 'offsets', producerId: p.producerId, producerEpoch: p.producerEpoch, groupId: 'og' })).errorCode,
      0,
    )
    const commit = await req(ApiKey.TxnOffsetCommit, 3, {
      transactionalId: 'offsets',
      groupId: 'og',
      producerId: p.producerId,
      producerEpoch: p.producerEpoch,
      generationId: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: -1, committedMetadata: null }] }],
    })
    assert.equal(commit.topics[0].partitions[0].errorCode, 0)
    const fetchOffsets = (requireStable: boolean) =>
      req(ApiKey.OffsetFetch, 7, { groupId: 'og', topics: [{ name: 't', partitionIndexes: [0] }], requireStable })
    assert.equal((await fetchOffsets(false)).topics[0].partitions[0].committedOffset, -1n, 'not visible yet')
    assert.equal((await fetchOffsets(true)).topics[0].partitions[0].errorCode, ErrorCode.UNSTABLE_OFFSET_COMMIT)
    assert.equal((await endTxn('offsets', p, true)).errorCode, 0)
    await waitFor('the committed offset', async () => (await fetchOffsets(true)).topics[0].partitions[0].committedOffset === 42n)
  })

  it('DescribeTransactions and ListTransactions; the state survives a restart', async () => {
    const p = await init('described')
    await addPartitions('described', p, 't', [0, 1])
    let d = (await req(ApiKey.DescribeTransactions, 0, { transactionalIds: ['described', 'unknown-id'] })).transactionStates
    assert.equal(d[0].transactionState, 'Ongoing')
    assert.deepEqual(
      d[0].topics.map((t: { topic: string; partitions: number[] }) => [t.topic, t.partitions]),
      [['t', [0, 1]]],
    )
    assert.equal(d[1].errorCode, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND)
    const listed = await req(ApiKey.ListTransactions, 1, { stateFilters: ['Ongoing'], producerIdFilters: [], durationFilter: -1n })
    assert.ok(listed.transactionStates.some((t: { transactionalId: string }) => t.transactionalId === 'described'))
    const unknownState = await req(ApiKey.ListTransactions, 1, { stateFilters: ['Nope'], producerIdFilters: [], durationFilter: -1n })
    assert.deepEqual(unknownState.unknownStateFilters, ['Nope'])
    client.close()
    await broker.restart()
    client = await TestClient.connect(broker.bootstrap)
    d = (await req(ApiKey.DescribeTransactions, 0, { transactionalIds: ['described'] })).transactionStates
    assert.equal(d[0].transactionState, 'Ongoing', 'reloaded from __transaction_state')
    assert.equal(d[0].producerId, p.producerId)
    assert.equal((await endTxn('described', p, true)).errorCode, 0)
    await waitFor(
      'CompleteCommit',
      async () => (await req(ApiKey.DescribeTransactions, 0, { transactionalIds: ['described'] })).transactionStates[0].transactionState === 'CompleteCommit',
    )
  })
})

describe('transactional.id.expiration.ms', () => {
  it('forgets an idle transactional id', async () => {
    const b = await startTestBroker({ 'transactional.id.expiration.ms': 300, 'transaction.remove.expired.transaction.cleanup.interval.ms': 100 })
    const c = await TestClient.connect(b.bootstrap)
    try {
      let r
      for (let i = 0; i < 50; i++) {
        r = await c.conn.request(ApiKey.InitProducerId, 4, { transactionalId: 'idle', transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 })
        if (r.errorCode === 0) break
        await new Promise((res) => setTimeout(res, 50))
      }
      assert.equal(r.errorCode, 0)
      const deadline = Date.now() + 10_000
      let state
      do {
        await new Promise((res) => setTimeout(res, 100))
        state = (await c.conn.request(ApiKey.DescribeTransactions, 0, { transactionalIds: ['idle'] })).transactionStates[0]
      } while (state.errorCode === 0 && Date.now() < deadline)
      assert.equal(state.errorCode, ErrorCode.TRANSACTIONAL_ID_NOT_FOUND)
    } finally {
      c.close()
      await b.close()
    }
  })
})
