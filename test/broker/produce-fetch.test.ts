// Produce, Fetch and ListOffsets over real sockets against a real broker and real files.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { encodeRecordBatch, decodeRecords } from '../../src/protocol/record-codec.js'
import { CRC_OFFSET } from '../../src/protocol/record-batch.js'

let dir: string
let broker: EmbeddedBroker
let c: RawConnection

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samsa-pf-'))
  broker = await startBroker({ port: 0, dataDir: dir, config: { 'num.partitions': 2 } })
  c = await RawConnection.connect(broker.port)
  const r = await c.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'orders', numPartitions: 3, replicationFactor: 1 }], timeoutMs: 1000 })
  assert.equal(r.topics[0].errorCode, 0)
})
after(async () => {
  c.close()
  await broker.close()
  rmSync(dir, { recursive: true, force: true })
})

const batch = (values: string[], extra: Record<string, unknown> = {}): Buffer =>
  encodeRecordBatch({ records: values.map((v, i) => ({ key: `k${i}`, value: v })), ...extra })

async function produce(topic: string, partition: number, records: Buffer, version = 9, acks = -1): Promise<any> {
  const r = await c.request(ApiKey.Produce, version, { acks, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: partition, records }] }] })
  return r.responses[0].partitionResponses[0]
}

async function fetch(topic: string, partition: number, offset: bigint, extra: Record<string, unknown> = {}, version = 12): Promise<any> {
  return c.request(ApiKey.Fetch, version, {
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 1 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition, fetchOffset: offset, partitionMaxBytes: 1 << 20 }] }],
    ...extra,
  })
}

function recordsOf(p: any): Array<{ offset: bigint; value: string }> {
  const out: Array<{ offset: bigint; value: string }> = []
  const buf: Buffer = p.records
  let pos = 0
  while (pos + 12 <= buf.length) {
    const size = 12 + buf.readInt32BE(pos + 8)
    if (pos + size > buf.length) break
    for (const r of decodeRecords(buf.subarray(pos, pos + size))) out.push({ offset: r.offset, value: r.value!.toString() })
    pos += size
  }
  return out
}

test('records produced come back from fetch with offsets assigned in order', async () => {
  const a = await produce('orders', 1, batch(['a', 'b', 'c']))
  assert.equal(a.errorCode, 0)
  assert.equal(a.baseOffset, 0n)
  const b = await produce('orders', 1, batch(['d']))
  assert.equal(b.baseOffset, 3n)
  const f = await fetch('orders', 1, 0n)
  const p = f.responses[0].partitions[0]
  assert.equal(p.errorCode, 0)
  assert.equal(p.highWatermark, 4n)
  assert.equal(p.logStartOffset, 0n)
  assert.deepEqual(
    recordsOf(p).map((r) => [r.offset, r.value]),
    [
      [0n, 'a'],
      [1n, 'b'],
      [2n, 'c'],
      [3n, 'd'],
    ],
  )
})

test('every fetch version from 4 to 17 reads the same records', async () => {
  await produce('orders', 2, batch(['x', 'y']))
  const meta = await c.request(ApiKey.Metadata, 12, { topics: [{ name: 'orders' }] })
  const topicId = meta.topics[0].topicId
  for (let v = 4; v <= 17; v++) {
    const body = await c.request(ApiKey.Fetch, v, {
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 20,
      sessionEpoch: -1,
      topics: [{ topic: 'orders', topicId, partitions: [{ partition: 2, fetchOffset: 0n, partitionMaxBytes: 1 << 20 }] }],
    })
    const p = body.responses[0].partitions[0]
    assert.equal(p.errorCode, 0, `v${v}`)
    assert.deepEqual(
      recordsOf(p).map((r) => r.value),
      ['x', 'y'],
      `v${v}`,
    )
  }
})

test('a fetch returns at least one whole batch even when it is larger than max bytes (KIP-74)', async () => {
  await produce('orders', 0, batch(['1'.repeat(5000)]))
  await produce('orders', 0, batch(['2'.repeat(5000)]))
  const f = await fetch('orders', 0, 0n, {
    maxBytes: 100,
    topics: [{ topic: 'orders', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 100 }] }],
  })
  const recs = recordsOf(f.responses[0].partitions[0])
  assert.equal(recs.length, 1)
  assert.equal(recs[0]!.value.length, 5000)
})

test('fetching outside the log gives OFFSET_OUT_OF_RANGE with the log bounds', async () => {
  const f = await fetch('orders', 1, 1000n)
  const p = f.responses[0].partitions[0]
  assert.equal(p.errorCode, ErrorCode.OFFSET_OUT_OF_RANGE)
  assert.equal(p.highWatermark, 4n)
})

test('a long-polling fetch is woken by an append, not by its timeout', async () => {
  const other = await RawConnection.connect(broker.port)
  const started = Date.now()
  const pending = other.request(
    ApiKey.Fetch,
    12,
    {
      maxWaitMs: 30000,
      minBytes: 1,
      maxBytes: 1 << 20,
      sessionEpoch: -1,
      topics: [{ topic: 'orders', partitions: [{ partition: 1, fetchOffset: 4n, partitionMaxBytes: 1 << 20 }] }],
    },
    40_000,
  ) // past maxWaitMs, so a fetch that waits it out fails the assertion below, not the client
  await new Promise((r) => setTimeout(r, 100))
  await produce('orders', 1, batch(['late']))
  const body = await pending
  assert.deepEqual(
    recordsOf(body.responses[0].partitions[0]).map((r) => r.value),
    ['late'],
  )
  assert.ok(Date.now() - started < 30000, 'the fetch waited for its whole timeout')
  other.close()
})

test('a parked fetch answers empty when max.wait.ms passes', async () => {
  const f = await fetch('orders', 0, 2n, { maxWaitMs: 50, minBytes: 1 })
  assert.equal(f.responses[0].partitions[0].errorCode, 0)
  assert.equal(recordsOf(f.responses[0].partitions[0]).length, 0)
})

test('incremental fetch sessions send only partitions with news (KIP-227)', async () => {
  const topics = [{ topic: 'orders', partitions: [0, 1, 2].map((p) => ({ partition: p, fetchOffset: 0n, partitionMaxBytes: 1 << 20 })) }]
  const first = await fetch('orders', 0, 0n, { sessionId: 0, sessionEpoch: 0, topics })
  assert.notEqual(first.sessionId, 0)
  assert.equal(first.responses[0].partitions.length, 3)
  // Caught up everywhere: the next incremental fetch names nothing new.
  const ends = new Map<number, bigint>(first.responses[0].partitions.map((p: any) => [p.partitionIndex, p.highWatermark]))
  const caughtUp = [{ topic: 'orders', partitions: [0, 1, 2].map((p) => ({ partition: p, fetchOffset: ends.get(p)!, partitionMaxBytes: 1 << 20 })) }]
  const second = await fetch('orders', 0, 0n, { sessionId: first.sessionId, sessionEpoch: 1, topics: caughtUp })
  assert.equal(second.sessionId, first.sessionId)
  const third = await fetch('orders', 0, 0n, { sessionId: first.sessionId, sessionEpoch: 2, topics: [] })
  assert.equal(third.responses.length, 0)
  await produce('orders', 2, batch(['news']))
  const fourth = await fetch('orders', 0, 0n, { sessionId: first.sessionId, sessionEpoch: 3, topics: [] })
  assert.equal(fourth.responses.length, 1)
  assert.deepEqual(
    fourth.responses[0].partitions.map((p: any) => p.partitionIndex),
    [2],
  )
  const stale = await fetch('orders', 0, 0n, { sessionId: first.sessionId, sessionEpoch: 3, topics: [] })
  assert.equal(stale.errorCode, ErrorCode.INVALID_FETCH_SESSION_EPOCH)
  const unknown = await fetch('orders', 0, 0n, { sessionId: 12345, sessionEpoch: 1, topics: [] })
  assert.equal(unknown.errorCode, ErrorCode.FETCH_SESSION_ID_NOT_FOUND)
})

test('produce errors come back as Kafka error codes', async () => {
  assert.equal((await produce('orders', 9, batch(['x']))).errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
  const corrupt = batch(['x'])
  corrupt[CRC_OFFSET] = corrupt[CRC_OFFSET]! ^ 0xff
  assert.equal((await produce('orders', 0, corrupt)).errorCode, ErrorCode.CORRUPT_MESSAGE)
  assert.equal((await produce('orders', 0, batch(['x']), 9, 2)).errorCode, ErrorCode.INVALID_REQUIRED_ACKS)
  assert.equal((await produce('orders', 0, batch(['x'.repeat(1_100_000)]))).errorCode, ErrorCode.MESSAGE_TOO_LARGE)
  assert.equal((await produce('orders', 0, batch(['x']), 2)).errorCode, ErrorCode.UNSUPPORTED_VERSION)
  // The log is unchanged by any of them.
  const f = await fetch('orders', 0, 0n)
  assert.equal(f.responses[0].partitions[0].highWatermark, 2n)
})

test('acks=0 gets no response: the next reply on the connection is for the next request', async () => {
  const frameA = c.frame(
    ApiKey.Produce,
    9,
    { acks: 0, timeoutMs: 1000, topicData: [{ name: 'orders', partitionData: [{ index: 0, records: batch(['quiet']) }] }] },
    900,
  )
  const frameB = c.frame(ApiKey.Metadata, 12, { topics: null }, 901)
  c.writeRaw(Buffer.concat([frameA, frameB]))
  const reply = await c.nextBody()
  assert.equal(reply.readInt32BE(0), 901)
  const f = await fetch('orders', 0, 2n)
  assert.deepEqual(
    recordsOf(f.responses[0].partitions[0]).map((r) => r.value),
    ['quiet'],
  )
})

test('ListOffsets: earliest, latest, by timestamp and max timestamp', async () => {
  await c.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'times', numPartitions: 1, replicationFactor: 1 }] })
  for (const ts of [1000n, 2000n, 3000n]) {
    await produce('times', 0, encodeRecordBatch({ records: [{ key: 'k', value: `t${ts}`, timestamp: ts }] }))
  }
  const ask = async (timestamp: bigint, v = 7): Promise<any> =>
    (await c.request(ApiKey.ListOffsets, v, { replicaId: -1, topics: [{ name: 'times', partitions: [{ partitionIndex: 0, timestamp }] }] })).topics[0]
      .partitions[0]
  assert.equal((await ask(-2n)).offset, 0n)
  assert.equal((await ask(-1n)).offset, 3n)
  assert.equal((await ask(1500n)).offset, 1n)
  assert.equal((await ask(2000n)).offset, 1n)
  assert.equal((await ask(9999n)).offset, -1n)
  const max = await ask(-3n)
  assert.deepEqual([max.offset, max.timestamp], [2n, 3000n])
  for (let v = 1; v <= 10; v++) assert.equal((await ask(-1n, v)).offset, 3n, `v${v}`)
})

test('idempotent producer: duplicates acked with their first offset, gaps refused, state kept across restart', async () => {
  const init = await c.request(ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: -1 })
  assert.equal(init.errorCode, 0)
  const pid = init.producerId as bigint
  const b0 = (seq: number, vals: string[]): Buffer => batch(vals, { producerId: pid, producerEpoch: 0, baseSequence: seq })
  const first = await produce('times', 0, b0(0, ['p0', 'p1']))
  assert.equal(first.errorCode, 0)
  const dup = await produce('times', 0, b0(0, ['p0', 'p1']))
  assert.equal(dup.errorCode, 0)
  assert.equal(dup.baseOffset, first.baseOffset)
  const gap = await produce('times', 0, b0(5, ['p5']))
  assert.equal(gap.errorCode, ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER)
  const next = await produce('times', 0, b0(2, ['p2']))
  assert.equal(next.baseOffset, first.baseOffset + 2n)
  // Restart on the same directory: the duplicate is still recognised.
  c.close()
  await broker.close()
  broker = await startBroker({ port: 0, dataDir: dir })
  c = await RawConnection.connect(broker.port)
  const again = await produce('times', 0, b0(2, ['p2']))
  assert.equal(again.errorCode, 0)
  assert.equal(again.baseOffset, next.baseOffset)
  const f = await fetch('times', 0, 0n)
  assert.equal(f.responses[0].partitions[0].highWatermark, next.baseOffset + 1n)
  const desc = await c.request(ApiKey.DescribeProducers, 0, { topics: [{ name: 'times', partitionIndexes: [0] }] })
  const prod = desc.topics[0].partitions[0].activeProducers.find((p: any) => p.producerId === pid)
  assert.equal(prod.lastSequence, 2)
  const fresh = await c.request(ApiKey.InitProducerId, 4, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1n, producerEpoch: -1 })
  assert.notEqual(fresh.producerId, pid, 'producer ids are never handed out twice, even across restarts')
  const npid = fresh.producerId as bigint
  // A higher epoch starts again at sequence 0 and fences the lower one.
  assert.equal((await produce('times', 0, batch(['n0'], { producerId: npid, producerEpoch: 1, baseSequence: 0 }))).errorCode, 0)
  const old = await produce('times', 0, batch(['n1'], { producerId: npid, producerEpoch: 0, baseSequence: 1 }))
  assert.equal(old.errorCode, ErrorCode.INVALID_PRODUCER_EPOCH)
})

test('message.timestamp.type=LogAppendTime stamps batches with the broker time', async () => {
  const created = await c.request(ApiKey.CreateTopics, 7, {
    topics: [{ name: 'stamped', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }],
  })
  assert.equal(created.topics[0].errorCode, 0)
  const before = BigInt(Date.now())
  const r = await produce('stamped', 0, encodeRecordBatch({ records: [{ value: 'x', timestamp: 5n }] }))
  assert.equal(r.errorCode, 0)
  assert.ok(r.logAppendTimeMs >= before)
  const f = await fetch('stamped', 0, 0n)
  const buf: Buffer = f.responses[0].partitions[0].records
  assert.equal(buf.readInt16BE(21) & 0x08, 0x08, 'timestamp type bit set')
  assert.equal(buf.readBigInt64BE(35), r.logAppendTimeMs)
})

test('large produce requests pipelined on one connection keep their own records (recycled frame buffers)', async () => {
  // Frames larger than one socket read are assembled in recycled buffers; each must be stored
  // intact although the next request reuses its buffer as soon as the response is out.
  const values = (tag: string) => Array.from({ length: 40 }, (_, i) => `${tag}${i}-`.padEnd(4000, tag))
  const frames = ['p', 'q', 'r', 's'].map((tag, i) =>
    c.frame(
      ApiKey.Produce,
      9,
      { acks: -1, timeoutMs: 1000, topicData: [{ name: 'recycled', partitionData: [{ index: 0, records: batch(values(tag)) }] }] },
      700 + i,
    ),
  )
  await c.request(ApiKey.Metadata, 12, { topics: [{ name: 'recycled' }], allowAutoTopicCreation: true })
  const all = Buffer.concat(frames)
  for (let at = 0; at < all.length; at += 7000) c.writeRaw(all.subarray(at, at + 7000))
  for (let i = 0; i < frames.length; i++) {
    const r = await c.response(ApiKey.Produce, 9, 700 + i)
    assert.equal(r.responses[0].partitionResponses[0].errorCode, 0)
  }
  const got: string[] = []
  for (let offset = 0n; got.length < 160; ) {
    const recs = recordsOf((await fetch('recycled', 0, offset)).responses[0].partitions[0])
    assert.ok(recs.length > 0)
    got.push(...recs.map((r) => r.value))
    offset = recs.at(-1)!.offset + 1n
  }
  const expected = ['p', 'q', 'r', 's'].flatMap(values)
  assert.equal(got.length, expected.length)
  for (let i = 0; i < got.length; i++) assert.ok(got[i] === expected[i], `record ${i} differs: ${got[i]!.slice(0, 12)}...`)
})

test('pipelined fetches of large batches each get their own records (recycled read buffers)', async () => {
  // Record bytes read for a Fetch are recycled once the socket has written them; a buffer handed
  // back any earlier would be overwritten by the next fetch's read before it went out.
  // Responses far larger than the socket buffers, so the socket still holds them when the next
  // fetch reads.
  const values = (tag: string) => Array.from({ length: 30 }, (_, i) => `${tag}${i}-`.padEnd(30000, tag))
  const offsets: bigint[] = []
  for (const tag of ['a', 'b', 'c']) offsets.push((await produce('reads', 0, batch(values(tag)))).baseOffset)
  const tags = ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b']
  const frames = tags.map((tag, i) =>
    c.frame(
      ApiKey.Fetch,
      12,
      {
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topic: 'reads', partitions: [{ partition: 0, fetchOffset: offsets['abc'.indexOf(tag)]!, partitionMaxBytes: 1000 * 1000 }] }],
      },
      800 + i,
    ),
  )
  for (let round = 0; round < 2; round++) {
    c.writeRaw(Buffer.concat(frames))
    for (const [n, tag] of tags.entries()) {
      const body = await c.response(ApiKey.Fetch, 12, 800 + n)
      const got = recordsOf(body.responses[0].partitions[0]).map((r) => r.value)
      assert.equal(got.length, 30)
      assert.ok(
        got.every((v, i) => v === values(tag)[i]),
        `fetch of batch ${tag} returned other records`,
      )
    }
  }
})
