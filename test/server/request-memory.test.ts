// Many producers pipelining megabyte requests at once (issue 18: 64 librdkafka producers made
// the broker hold hundreds of MB of request frames and acknowledge nothing for seconds). The
// broker counts the Produce frames it holds (RequestMemory) and a connection about to start one
// waits while the count is at its bound, as Kafka's network threads mute a channel that cannot
// get a buffer from the queued.max.request.bytes memory pool. These tests check that account
// against the bound, that nothing is lost, and that other requests are served meanwhile.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { RequestMemory } from '../../src/server/request-memory.js'
import { sharedBufferPool } from '../../src/buffers/buffer-pool.js'

const MB = 1024 * 1024
let broker: EmbeddedBroker
let admin: RawConnection

before(async () => {
  broker = await startBroker({ port: 0 })
  admin = await RawConnection.connect(broker.port)
  const r = await admin.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'many', numPartitions: 4, replicationFactor: 1 }], timeoutMs: 1000 })
  assert.equal(r.topics[0].errorCode, 0)
})
after(async () => {
  admin.close()
  await broker.close()
})

/** A connected socket that will send `frames` at once; `answered` resolves with the responses' count once all came. */
async function pipelined(frames: Buffer[]): Promise<{ socket: Socket; answered: Promise<number>; send: () => void }> {
  const socket = connect({ host: '127.0.0.1', port: broker.port })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  const answered = new Promise<number>((resolve, reject) => {
    let pending = Buffer.alloc(0)
    let count = 0
    socket.on('data', (d: Buffer) => {
      pending = Buffer.concat([pending, d])
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        pending = pending.subarray(4 + pending.readInt32BE(0))
        if (++count === frames.length) resolve(count)
      }
    })
    socket.once('close', () => reject(new Error(`closed after ${count} of ${frames.length} answers`)))
  })
  return { socket, answered, send: () => socket.write(Buffer.concat(frames)) }
}

test('24 connections pipelining 8 produce requests of 900 KB each: the Produce frames held stay at the bound, every record is stored', async () => {
  const connections = 24
  const perConnection = 8
  const requestMemory = broker.running.server.requestMemory
  const value = Buffer.alloc(900 * 1024, 7)
  const records = encodeRecordBatch({ records: [{ value }] })
  requestMemory.resetPeak()
  const leasedBefore = sharedBufferPool.leasedBytes
  const clients = []
  for (let c = 0; c < connections; c++) {
    const frames = []
    for (let i = 0; i < perConnection; i++) {
      frames.push(
        admin.frame(ApiKey.Produce, 9, { acks: 1, timeoutMs: 30000, topicData: [{ name: 'many', partitionData: [{ index: (c + i) % 4, records }] }] }, i + 1),
      )
    }
    clients.push(await pipelined(frames))
  }
  for (const c of clients) c.send()
  // Other requests are not held up by the Produce frames waiting.
  const md = await admin.request(ApiKey.Metadata, 12, {
    topics: [{ name: 'many', topicId: null }],
    allowAutoTopicCreation: false,
    includeTopicAuthorizedOperations: false,
  })
  assert.equal(md.topics[0].errorCode, 0)
  const answered = await Promise.all(clients.map((c) => c.answered))
  assert.deepEqual(
    answered,
    clients.map(() => perConnection),
  )
  // Every frame, and every read put aside while its connection waited, is back in the pool.
  assert.equal(sharedBufferPool.leasedBytes, leasedBefore)
  // 173 MB were sent at once; the broker held at most its bound plus the one frame that crossed it.
  assert.ok(
    requestMemory.peak <= requestMemory.limit + MB,
    `peak ${(requestMemory.peak / MB).toFixed(1)} MiB of Produce frames held, bound ${requestMemory.limit / MB} MiB`,
  )
  assert.ok(requestMemory.peak >= requestMemory.limit, 'the bound was reached (the test sends more than it)')
  // Nothing lost: the log end offsets add up to every record sent.
  const lo = await admin.request(ApiKey.ListOffsets, 7, {
    replicaId: -1,
    isolationLevel: 0,
    topics: [{ name: 'many', partitions: [0, 1, 2, 3].map((p) => ({ partitionIndex: p, currentLeaderEpoch: -1, timestamp: -1n })) }],
  })
  const total = lo.topics[0].partitions.reduce((sum: bigint, p: { offset: bigint }) => sum + p.offset, 0n)
  assert.equal(total, BigInt(connections * perConnection))
  for (const c of clients) c.socket.destroy()
  assert.equal(requestMemory.held, 0)
})

test('RequestMemory wakes its waiters on a later turn once under the bound, and not while over it', async () => {
  const m = new RequestMemory(100)
  let woken = 0
  m.add(150)
  m.whenBelow(() => woken++)
  m.sub(40)
  await new Promise((r) => setImmediate(r))
  assert.equal(woken, 0, 'still at 110, over the bound')
  m.sub(20)
  assert.equal(woken, 0, 'not woken inside sub()')
  await new Promise((r) => setImmediate(r))
  assert.equal(woken, 1)
  assert.equal(m.peak, 150)
})
