// Clients that send big fetches and never read (issue: 40 of them took the broker to 2 GB RSS and
// kept other clients waiting seconds). A response carries its records as file regions read only
// as the socket drains, a connection is muted while it holds too much, and the broker counts
// what it holds: these tests check that account, and what the process itself holds, against the
// bounds, and that other clients are served meanwhile. Kafka: SocketServer mutes a channel until
// its response is sent, and sends FileRecords with transferTo.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { encodeRecordBatch, decodeRecords } from '../../src/protocol/record-codec.js'
import { isCrcValid } from '../../src/protocol/record-batch.js'
import { CONNECTION_HELD_BYTES } from '../../src/server/response-memory.js'
import { REGION_CHUNK, SEND_HIGH_WATER } from '../../src/server/response-sender.js'
import { FileRegion, SharedFile } from '../../src/storage/file-region.js'
import { Reader } from '../../src/protocol/reader.js'
import { apiSpecs } from '../../src/protocol/generated/index.js'

const MB = 1024 * 1024
const VALUE = 900 * 1024
let broker: EmbeddedBroker
let admin: RawConnection

async function createTopic(name: string): Promise<void> {
  const r = await admin.request(ApiKey.CreateTopics, 7, { topics: [{ name, numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 })
  assert.equal(r.topics[0].errorCode, 0)
}

/** Appends `mb` batches of one ~0.9 MB record each, value bytes i % 251 for record i. */
async function fill(topic: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const records = encodeRecordBatch({ records: [{ key: `k${i}`, value: Buffer.alloc(VALUE, i % 251) }] })
    const r = await admin.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] })
    assert.equal(r.responses[0].partitionResponses[0].errorCode, 0)
  }
}

/** A 50 MB Fetch (v12) of `topic` from offset 0, framed. */
function bigFetch(c: RawConnection, topic: string): Buffer {
  return c.frame(
    ApiKey.Fetch,
    12,
    {
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 50 * MB,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 50 * MB }] }],
    },
    1,
  )
}

/** A raw socket that sends `frame` and reads nothing until told to. */
async function slowReader(frame: Buffer): Promise<Socket> {
  const s = connect({ host: '127.0.0.1', port: broker.port })
  await new Promise<void>((resolve, reject) => {
    s.once('connect', resolve)
    s.once('error', reject)
  })
  s.on('error', () => {})
  s.pause()
  s.write(frame)
  return s
}

/** Reads one whole response frame (without its size) from a paused socket. */
function readFrame(s: Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let have = 0
    let want = -1
    s.on('data', (d: Buffer) => {
      chunks.push(d)
      have += d.length
      if (want < 0 && have >= 4) want = 4 + Buffer.concat(chunks).readInt32BE(0)
      if (want >= 0 && have >= want) {
        s.pause()
        resolve(Buffer.concat(chunks).subarray(4, want))
      }
    })
    s.once('close', () => reject(new Error('closed before the response was read')))
    s.resume()
  })
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  for (let waited = 0; !cond(); waited += 10) {
    if (waited > ms) assert.fail(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

before(async () => {
  broker = await startBroker({ port: 0 })
  admin = await RawConnection.connect(broker.port)
  await createTopic('big')
  await fill('big', 24)
})
after(async () => {
  admin.close()
  await broker.close()
})

test('slow readers of 50 MB fetches: the broker holds a bounded number of bytes and keeps serving others', async () => {
  const server = broker.running.server
  const readers = 20
  const arrayBuffersBefore = process.memoryUsage().arrayBuffers
  const regionsBefore = FileRegion.liveCount
  server.memory.resetPeak()
  broker.running.eventLoopDelay.reset()
  const probe = await RawConnection.connect(broker.port)
  const sockets: Socket[] = []
  for (let i = 0; i < readers; i++) sockets.push(await slowReader(bigFetch(probe, 'big')))
  // Every fetch was answered and its sending is stuck on a socket nobody reads.
  await until('every slow reader holds a response', () => [...server.connections].filter((c) => c.heldBytes > 0).length >= readers)
  await new Promise((r) => setTimeout(r, 300))

  // Another client is served meanwhile: metadata, a produce and a fetch of its own.
  await createTopic('other')
  const versions = await probe.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'probe', clientSoftwareVersion: '1' })
  assert.equal(versions.errorCode, 0)
  await fill('other', 1)
  const f = await probe.request(ApiKey.Fetch, 12, {
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: MB,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic: 'other', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: MB }] }],
  })
  assert.equal(f.responses[0].partitions[0].errorCode, 0)
  assert.ok(f.responses[0].partitions[0].records.length > VALUE)

  // The broker's own account: each slow connection holds at most its socket's worth plus one
  // region chunk, far from the 21 MB each asked for.
  const perConnection = SEND_HIGH_WATER + REGION_CHUNK
  for (const c of server.connections) assert.ok(c.heldBytes <= perConnection, `a connection holds ${c.heldBytes} bytes`)
  assert.ok(server.memory.peak <= readers * perConnection + CONNECTION_HELD_BYTES, `peak held ${server.memory.peak} bytes`)
  // And the process: buffers grew by far less than what the readers asked for (20 x 21 MB).
  const grown = process.memoryUsage().arrayBuffers - arrayBuffersBefore
  assert.ok(grown < 100 * MB, `array buffers grew by ${(grown / MB).toFixed(0)} MB`)
  // No stall of everyone else: the broker's event loop never waited a second.
  assert.ok(broker.running.eventLoopDelay.max < 1e9, `event loop stalled ${(broker.running.eventLoopDelay.max / 1e6).toFixed(0)} ms`)

  for (const s of sockets) s.destroy()
  probe.close()
  await until('the closed connections released what they held', () => server.memory.held === 0 && FileRegion.liveCount === regionsBefore)
})

test('a response in flight stays whole when its topic is deleted meanwhile (its file region keeps the file)', async () => {
  await createTopic('doomed')
  await fill('doomed', 8)
  const filesBefore = SharedFile.openCount
  const probe = await RawConnection.connect(broker.port)
  const s = await slowReader(bigFetch(probe, 'doomed'))
  await until('the response is being sent', () => [...broker.running.server.connections].some((c) => c.heldBytes > 0))
  const del = await admin.request(ApiKey.DeleteTopics, 4, { topicNames: ['doomed'], timeoutMs: 1000 })
  assert.equal(del.responses[0].errorCode, 0)
  const body = await readFrame(s)
  const r = new Reader(body)
  assert.equal(r.int32(), 1, 'correlation id')
  r.taggedFields()
  const res = apiSpecs.get(ApiKey.Fetch)!.decodeResponse(r, 12) as any
  const records: Buffer = res.responses[0].partitions[0].records
  let pos = 0
  let n = 0
  while (pos < records.length) {
    const size = 12 + records.readInt32BE(pos + 8)
    assert.ok(isCrcValid(records, pos, size), `batch ${n} intact`)
    const [rec] = decodeRecords(records.subarray(pos, pos + size))
    assert.deepEqual(rec!.value, Buffer.alloc(VALUE, n % 251))
    pos += size
    n++
  }
  assert.equal(n, 8, 'all eight records of the deleted topic arrived')
  s.destroy()
  probe.close()
  await until('the deleted segment files are closed', () => SharedFile.openCount <= filesBefore - 1)
})
