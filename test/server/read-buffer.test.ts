// Accepted sockets read into the listener's shared buffer and Connection assembles frames from
// it; the rest of a large frame is read straight into the frame's own buffer. Connection.receive is wrapped here to see each read the broker got, so the tests can check
// their premise (a prefix really was split, many frames really came in one read) and wait until
// the broker has read some bytes before sending more, instead of hoping that pauses split reads.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, Socket } from 'node:net'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { Connection } from '../../src/server/connection.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { encodeRecordBatch, decodeRecords } from '../../src/protocol/record-codec.js'

const MB = 1024 * 1024

/** Reads the broker got, by the client's local port (the broker's remote port). */
const reads = new Map<number, number[]>()
const connections = new Map<number, Connection>()
const readBuffers = new Set<Buffer>()
/** Bytes read into something other than the 256 KiB shared buffer (a frame's own), by port. */
const direct = new Map<number, number>()
const originalReceive = Connection.prototype.receive
Connection.prototype.receive = function (this: Connection, buf: Buffer, start: number, end: number): void {
  readBuffers.add(buf)
  if (buf.buffer.byteLength !== 256 * 1024) direct.set(this.remotePort, (direct.get(this.remotePort) ?? 0) + end - start)
  connections.set(this.remotePort, this)
  const list = reads.get(this.remotePort) ?? []
  list.push(end - start)
  reads.set(this.remotePort, list)
  originalReceive.call(this, buf, start, end)
}

const readsOf = (c: RawConnection): number[] => reads.get(c.socket.localPort!) ?? []
const receivedBy = (c: RawConnection): number => readsOf(c).reduce((a, b) => a + b, 0)

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; !cond(); i++) {
    if (i > 2000) throw new Error(`gave up waiting: ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Writes `bytes` in pieces cut at `cuts`, each piece only once the broker has read the last. */
async function writeInSteps(c: RawConnection, bytes: Buffer, cuts: number[]): Promise<void> {
  const base = receivedBy(c)
  let from = 0
  for (const to of [...cuts, bytes.length]) {
    c.writeRaw(bytes.subarray(from, to))
    await until(`broker read ${to} bytes`, () => receivedBy(c) - base >= to)
    from = to
  }
}

let broker: EmbeddedBroker
let c: RawConnection

before(async () => {
  broker = await startBroker({ port: 0, config: { 'message.max.bytes': 32 * MB, 'socket.request.max.bytes': 40 * MB } })
  c = await RawConnection.connect(broker.port)
  c.socket.setNoDelay(true)
  const r = await c.request(ApiKey.CreateTopics, 7, {
    topics: ['big', 'pooled', 'wide'].map((name) => ({ name, numPartitions: 1, replicationFactor: 1 })),
    timeoutMs: 1000,
  })
  for (const t of r.topics) assert.equal(t.errorCode, 0)
})
after(async () => {
  c.close()
  await broker.close()
  Connection.prototype.receive = originalReceive
})

const metadata = (client: RawConnection, correlationId: number): Buffer =>
  client.frame(ApiKey.Metadata, 12, { topics: [], allowAutoTopicCreation: false }, correlationId)

function produceFrame(client: RawConnection, topic: string, value: Buffer, correlationId: number): Buffer {
  const records = encodeRecordBatch({ records: [{ key: 'k', value }] })
  return client.frame(ApiKey.Produce, 9, { acks: -1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] }, correlationId)
}

async function produce(topic: string, value: Buffer): Promise<bigint> {
  c.writeRaw(produceFrame(c, topic, value, 7))
  const p = (await c.response(ApiKey.Produce, 9, 7)).responses[0].partitionResponses[0]
  assert.equal(p.errorCode, 0)
  return p.baseOffset
}

async function fetchValue(topic: string, offset: bigint): Promise<Buffer> {
  const r = await c.request(ApiKey.Fetch, 12, {
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 64 * MB,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, partitionMaxBytes: 64 * MB }] }],
  })
  const records: Buffer = r.responses[0].partitions[0].records
  const size = 12 + records.readInt32BE(8)
  return decodeRecords(records.subarray(0, size))[0]!.value!
}

/** Bytes that differ from one position to the next, so a misplaced copy shows. */
function pattern(n: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(n)
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed + (i >> 8)) & 0xff
  return b
}

test('accepted connections read into one shared buffer', async () => {
  const other = await RawConnection.connect(broker.port)
  await other.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' })
  await c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' })
  other.close()
  // One buffer, not one per read: otherwise Node's per-read allocation (the fallback) is in use.
  assert.equal(readBuffers.size, 1)
  assert.equal([...readBuffers][0]!.length, 256 * 1024)
})

test('a length prefix split across reads, inside the size and between size and API key', async () => {
  for (const cuts of [[1], [2], [3], [1, 2, 3], [4], [5], [2, 5, 9]]) {
    const before = readsOf(c).length
    const bytes = metadata(c, 40 + cuts[0]!)
    await writeInSteps(c, bytes, cuts)
    assert.deepEqual(readsOf(c).slice(before), [cuts[0]!, ...cuts.slice(1).map((x, i) => x - cuts[i]!), bytes.length - cuts.at(-1)!])
    // response() checks the correlation id.
    await c.response(ApiKey.Metadata, 12, 40 + cuts[0]!)
  }
})

test('many frames in one read, ending in part of the next, are all answered in order', async () => {
  const frames: Buffer[] = []
  for (let i = 0; i < 300; i++)
    frames.push(i % 3 === 0 ? metadata(c, 5000 + i) : c.frame(ApiKey.ApiVersions, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' }, 5000 + i))
  const bytes = Buffer.concat(frames)
  const before = readsOf(c).length
  await writeInSteps(c, bytes, [bytes.length - 3])
  const got = readsOf(c).slice(before)
  assert.ok(
    got.some((n) => n > frames[0]!.length + frames[1]!.length),
    `no read held two frames: ${got.join(',')}`,
  )
  for (let i = 0; i < 300; i++) assert.equal((await c.nextBody()).readInt32BE(0), 5000 + i)
})

test('Produce requests larger than the read buffer (pooled and not) arrive intact, back to back', async () => {
  // 6 MB, then 2 MB into the pooled buffer the first one used, then 20 MB (beyond the frame pool).
  const sizes = [6 * MB, 2 * MB, 20 * MB]
  const values = sizes.map((n, i) => pattern(n, i))
  const before = readsOf(c).length
  const directBefore = direct.get(c.socket.localPort!) ?? 0
  const offsets: bigint[] = []
  for (const v of values) offsets.push(await produce('big', v))
  assert.ok(readsOf(c).length - before >= 3, 'the big requests should take many reads')
  // Read into the frames themselves, not copied out of the shared buffer: all but the first
  // read of the first frame (after a large frame only the next one's prefix is read alone).
  const directly = (direct.get(c.socket.localPort!) ?? 0) - directBefore
  assert.ok(directly >= 28 * MB - 256 * 1024, `${directly} bytes read into frames`)
  for (let i = 0; i < values.length; i++) assert.ok((await fetchValue('big', offsets[i]!)).equals(values[i]!), `value ${i} changed`)
  // Pipelined: frames of different sizes in one write, the pooled buffers reused in between.
  const small = pattern(5000, 9)
  const mid = pattern(300 * 1024, 10)
  c.writeRaw(Buffer.concat([produceFrame(c, 'pooled', mid, 1), produceFrame(c, 'pooled', small, 2), produceFrame(c, 'pooled', mid.subarray(7), 3)]))
  for (let id = 1; id <= 3; id++) assert.equal((await c.response(ApiKey.Produce, 9, id)).responses[0].partitionResponses[0].errorCode, 0)
  assert.ok((await fetchValue('pooled', 0n)).equals(mid))
  assert.ok((await fetchValue('pooled', 1n)).equals(small))
  assert.ok((await fetchValue('pooled', 2n)).equals(mid.subarray(7)))
})

test('a client that closes mid-frame closes only its connection', async () => {
  for (const cut of [2, 5, 3 * MB]) {
    const quitter = await RawConnection.connect(broker.port)
    const bytes = produceFrame(quitter, 'pooled', pattern(4 * MB, 3), 1)
    await writeInSteps(quitter, bytes.subarray(0, cut), [])
    const conn = connections.get(quitter.socket.localPort!)!
    quitter.close()
    await until('the broker sees the close', () => conn.closed)
  }
  const value = pattern(3 * MB, 4)
  const offset = await produce('pooled', value)
  assert.ok((await fetchValue('pooled', offset)).equals(value))
})

test('a slow reader pauses reading (not memory) and everything is answered once it reads', async () => {
  await produce('wide', pattern(4 * MB, 5))
  const encoder = await RawConnection.connect(broker.port)
  const fetch = (id: number): Buffer =>
    encoder.frame(
      ApiKey.Fetch,
      12,
      {
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 8 * MB,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topic: 'wide', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 8 * MB }] }],
      },
      id,
    )
  encoder.close()

  let paused = 0
  const originalPause = Socket.prototype.pause
  Socket.prototype.pause = function (this: Socket): Socket {
    if (this.localPort === broker.port) paused++
    return originalPause.call(this)
  }
  const slow = await new Promise<Socket>((resolve) => {
    const s = connect(broker.port, '127.0.0.1', () => resolve(s))
  })
  try {
    slow.pause()
    // Ten 4 MB responses: more than the kernel buffers plus the broker's 16 MB high water.
    slow.write(Buffer.concat(Array.from({ length: 10 }, (_, i) => fetch(100 + i))))
    await until('the broker pauses reading', () => paused > 0)
    slow.write(metadata(encoder, 200)) // read only once the broker resumes

    const ids: number[] = []
    let pending: Buffer = Buffer.alloc(0)
    let remaining = -1 // bytes left of the current frame, -1 between frames
    slow.on('data', (d: Buffer) => {
      pending = pending.length === 0 ? d : Buffer.concat([pending, d])
      for (;;) {
        if (remaining < 0) {
          if (pending.length < 8) return
          remaining = pending.readInt32BE(0)
          ids.push(pending.readInt32BE(4))
          pending = pending.subarray(4)
        }
        const n = Math.min(remaining, pending.length)
        remaining -= n
        pending = pending.subarray(n)
        if (remaining > 0) return
        remaining = -1
      }
    })
    slow.resume()
    await until('all 11 responses', () => ids.length === 11)
    assert.deepEqual(ids, [...Array.from({ length: 10 }, (_, i) => 100 + i), 200])
  } finally {
    Socket.prototype.pause = originalPause
    slow.destroy()
  }
})

test('broker.close() with idle, mid-frame and long-polling connections closes them all', async () => {
  const other = await startBroker({ port: 0 })
  const idle = await RawConnection.connect(other.port)
  const partial = await RawConnection.connect(other.port)
  const polling = await RawConnection.connect(other.port)
  await polling.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'quiet', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 })
  const bytes = produceFrame(partial, 'quiet', pattern(MB, 6), 1)
  await writeInSteps(partial, bytes.subarray(0, bytes.length >> 1), [])
  // A fetch parked for ten minutes: close() must end it rather than wait for (or leave) its timer.
  await writeInSteps(
    polling,
    polling.frame(ApiKey.Fetch, 12, {
      maxWaitMs: 600_000,
      minBytes: 1,
      maxBytes: MB,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 'quiet', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: MB }] }],
    }),
    [],
  )
  await until('the fetch is parked', () => other.running.broker.replicas.fetchPurgatory.delayed === 1)
  await other.close()
  assert.equal(other.running.broker.replicas.fetchPurgatory.delayed, 0, 'close() ended the parked fetch (and cleared its timer)')
  for (const client of [idle, partial, polling]) assert.equal(await client.waitClosed(), true)
})
