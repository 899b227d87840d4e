/**
 * Hostile input over raw sockets: truncated frames, negative and oversized sizes, unknown API
 * keys and versions, random bodies for every API key, and Produce requests carrying corrupt
 * record batches. Every case must end in an error response or a closed connection (never a
 * crash or a hang of the broker), a second client must keep producing and consuming after every
 * case, corrupt batches must not be appended, and data stored before the fuzzing must be intact
 * afterwards. Random inputs come from a fixed seed, so every run sends the same bytes.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { ApiKey, apiSpecs } from '../../src/protocol/generated/index.js'
import { startTestBroker, type TestBroker } from '../support/broker.js'
import { decodeResponse, encodeFrame, RawConnection, TestClient } from '../support/raw-client.js'
import { encodeBatch, fixCrc, type TestRecord } from '../support/records.js'
import { prng } from '../support/dataset.js'

const MAX_REQUEST = 2_000_000
let broker: TestBroker
/** The second client: one long-lived connection that must keep working through everything. */
let witness: TestClient
let witnessCount = 0
const precious: TestRecord[] = Array.from({ length: 50 }, (_, i) => ({
  key: Buffer.from(`precious-${i}`),
  value: Buffer.from(`value ${i} `.repeat(1 + (i % 7))),
  headers: [{ key: 'n', value: Buffer.from(String(i)) }],
  timestamp: 1_700_000_000_000 + i,
}))

before(async () => {
  broker = await startTestBroker({ 'socket.request.max.bytes': MAX_REQUEST, 'auto.create.topics.enable': false })
  const c = await TestClient.connect(broker.bootstrap)
  await c.createTopic('fuzz-precious', 1)
  await c.createTopic('fuzz-target', 1)
  await c.createTopic('fuzz-witness', 1)
  // Plain and gzip batches, so both kinds of stored data are checked at the end.
  for (let i = 0; i < precious.length; i += 10) {
    const r = await c.produce('fuzz-precious', 0, encodeBatch(precious.slice(i, i + 10), { compression: i % 20 === 0 ? 1 : 0 }))
    assert.equal(r.errorCode, 0, 'seeding precious data')
  }
  c.close()
  witness = await TestClient.connect(broker.bootstrap)
})

after(async () => {
  witness?.close()
  await broker?.close()
})

/** The witness produces one record and reads it back; a fresh connection answers ApiVersions. */
async function assertServing(afterCase: string): Promise<void> {
  const n = witnessCount++
  const value = Buffer.from(`witness ${n} after ${afterCase}`)
  const r = await witness.produce('fuzz-witness', 0, encodeBatch([{ key: null, value }]))
  assert.equal(r.errorCode, 0, `witness produce after ${afterCase}`)
  assert.equal(Number(r.baseOffset), n, `witness offset after ${afterCase}`)
  const f = await witness.fetchOnce('fuzz-witness', 0, n)
  assert.equal(f.errorCode, 0, `witness fetch after ${afterCase}`)
  assert.ok(f.records?.includes(value), `witness reads its record back after ${afterCase}`)
  if (n % 25 === 0) {
    const fresh = await RawConnection.connect(broker.bootstrap)
    await fresh.negotiate()
    fresh.close()
  }
}

type Outcome = { kind: 'closed' } | { kind: 'timeout' } | { kind: 'frame'; body: Buffer }

/** Sends bytes on a new connection and waits for one response, the close, or the time limit. */
async function send(bytes: Buffer | Buffer[], opts: { halfClose?: boolean; timeoutMs?: number } = {}): Promise<Outcome> {
  const c = await RawConnection.connect(broker.bootstrap)
  try {
    for (const b of Array.isArray(bytes) ? bytes : [bytes]) c.writeRaw(b)
    if (opts.halfClose === true) c.end()
    return await c.nextFrame(opts.timeoutMs ?? 3000)
  } finally {
    c.close()
  }
}

function errorCodes(v: unknown, out: number[] = []): number[] {
  if (Array.isArray(v)) for (const x of v) errorCodes(x, out)
  else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'errorCode' && typeof x === 'number') out.push(x)
      else errorCodes(x, out)
    }
  }
  return out
}

/** A response must decode cleanly; returns every errorCode in it. */
function decodeOrFail(what: string, apiKey: number, version: number, correlationId: number, body: Buffer): number[] {
  let res: unknown
  try {
    res = decodeResponse(apiKey, version, correlationId, body)
  } catch (err) {
    assert.fail(`${what}: the broker's response does not decode: ${(err as Error).message}`)
  }
  return errorCodes(res)
}

/** Closed, or a well-formed response carrying a non-zero error code. */
function assertRejected(what: string, o: Outcome, apiKey: number, version: number, correlationId: number): void {
  assert.notEqual(o.kind, 'timeout', `${what}: neither a response nor a close within the time limit`)
  if (o.kind === 'frame') {
    const codes = decodeOrFail(what, apiKey, version, correlationId, o.body)
    assert.ok(
      codes.some((c) => c !== 0),
      `${what}: answered without an error code (codes: ${JSON.stringify(codes)})`,
    )
  }
}

const frameOf = (apiKey: number, version: number, body: Buffer, correlationId: number): Buffer => encodeFrame(apiKey, version, body, correlationId)

function withSize(frame: Buffer, size: number): Buffer {
  const f = Buffer.from(frame)
  f.writeInt32BE(size, 0)
  return f
}

const validRequests: Array<{ name: string; apiKey: number; version: number; body: unknown }> = [
  { name: 'ApiVersions v3', apiKey: ApiKey.ApiVersions, version: 3, body: { clientSoftwareName: 'fuzz', clientSoftwareVersion: '1' } },
  { name: 'Metadata v1', apiKey: ApiKey.Metadata, version: 1, body: { topics: [{ name: 'fuzz-precious' }] } },
  {
    name: 'Metadata v12',
    apiKey: ApiKey.Metadata,
    version: 12,
    body: { topics: [{ name: 'fuzz-precious', topicId: '00000000-0000-0000-0000-000000000000' }] },
  },
  {
    name: 'Produce v7',
    apiKey: ApiKey.Produce,
    version: 7,
    body: {
      acks: 1,
      timeoutMs: 1000,
      topicData: [
        { name: 'fuzz-target', partitionData: [{ index: 0, records: encodeBatch([{ key: Buffer.from('k'), value: Buffer.from('truncated produce') }]) }] },
      ],
    },
  },
  {
    name: 'Produce v9',
    apiKey: ApiKey.Produce,
    version: 9,
    body: {
      acks: 1,
      timeoutMs: 1000,
      topicData: [
        { name: 'fuzz-target', partitionData: [{ index: 0, records: encodeBatch([{ key: Buffer.from('k'), value: Buffer.from('truncated produce') }]) }] },
      ],
    },
  },
  {
    name: 'Fetch v11',
    apiKey: ApiKey.Fetch,
    version: 11,
    body: {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 1,
      maxBytes: 1 << 20,
      sessionEpoch: -1,
      topics: [
        { topic: 'fuzz-precious', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, logStartOffset: -1n }] },
      ],
    },
  },
  {
    name: 'ListOffsets v7',
    apiKey: ApiKey.ListOffsets,
    version: 7,
    body: { replicaId: -1, topics: [{ name: 'fuzz-precious', partitions: [{ partitionIndex: 0, timestamp: -1n, currentLeaderEpoch: -1 }] }] },
  },
  {
    name: 'CreateTopics v7',
    apiKey: ApiKey.CreateTopics,
    version: 7,
    body: { topics: [{ name: 'fuzz-created', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 },
  },
]

test('truncated frames: a frame whose body stops early is rejected or the connection closed', async () => {
  for (const req of validRequests) {
    const body = RawConnection.encodeBody(req.apiKey, req.version, req.body)
    const full = frameOf(req.apiKey, req.version, body, 7)
    const payload = full.subarray(4)
    // Every cut for small requests, up to 40 spread cuts for larger ones.
    const step = Math.max(1, Math.floor(payload.length / 40))
    for (let cut = 0; cut < payload.length; cut += step) {
      const frame = Buffer.concat([Buffer.alloc(4), payload.subarray(0, cut)])
      frame.writeInt32BE(cut, 0)
      const what = `${req.name} cut to ${cut} of ${payload.length} bytes`
      const o = await send(frame)
      if (cut >= 8) assertRejected(what, o, req.apiKey, req.version, 7)
      else assert.equal(o.kind, 'closed', `${what}: a frame shorter than a request header must close the connection`)
      await assertServing(what)
    }
    assert.equal(Number((await witness.listOffset('fuzz-target', 0, -1n)).offset), 0, `${req.name}: a truncated Produce appended data`)
  }
})

test('a frame cut off by the end of input (half-close) closes the connection', async () => {
  for (const req of validRequests) {
    const full = frameOf(req.apiKey, req.version, RawConnection.encodeBody(req.apiKey, req.version, req.body), 8)
    for (const cut of [1, 3, 4, 6, 12, full.length - 1]) {
      const o = await send(full.subarray(0, cut), { halfClose: true })
      assert.equal(o.kind, 'closed', `${req.name}: first ${cut} of ${full.length} bytes then end of input`)
      await assertServing(`${req.name} half-closed at ${cut}`)
    }
  }
})

test('negative, zero, tiny and oversized frame sizes close the connection', async () => {
  const header = frameOf(ApiKey.ApiVersions, 0, Buffer.alloc(0), 9)
  for (const size of [-1, -2, -2147483648, 0, 1, 7, MAX_REQUEST + 1, 0x7fffffff]) {
    const frame = withSize(header, size)
    const o = await send(frame)
    assert.equal(o.kind, 'closed', `frame size ${size}: ${o.kind}`)
    await assertServing(`frame size ${size}`)
  }
  // The largest allowed size is accepted as a size: the broker waits for the bytes, so here it
  // must neither answer nor hang up before they arrive.
  const o = await send(withSize(header, MAX_REQUEST), { timeoutMs: 300 })
  assert.equal(o.kind, 'timeout', 'a frame of exactly socket.request.max.bytes is read, not refused')
  await assertServing('frame of the maximum size')
})

test('unknown API keys close the connection or get an error', async () => {
  for (const key of [-1, -32768, 88, 99, 1000, 32767]) {
    const o = await send(frameOf(key, 0, Buffer.alloc(16), 10))
    assert.notEqual(o.kind, 'timeout', `API key ${key}: no answer and no close`)
    if (o.kind === 'frame')
      assert.ok(o.body.length >= 6 && o.body.readInt32BE(0) === 10 && o.body.readInt16BE(4) !== 0, `API key ${key}: a response without an error code`)
    await assertServing(`API key ${key}`)
  }
})

test('unsupported versions: ApiVersions answers UNSUPPORTED_VERSION in the v0 format, other APIs error or close', async () => {
  const probe = await RawConnection.connect(broker.bootstrap)
  await probe.negotiate()
  const versions = probe.versions
  probe.close()
  for (const v of [-1, 1000, 32767]) {
    const o = await send(frameOf(ApiKey.ApiVersions, v, Buffer.alloc(0), 11))
    assert.equal(o.kind, 'frame', `ApiVersions v${v} must be answered`)
    if (o.kind !== 'frame') continue
    const res = decodeResponse<any>(ApiKey.ApiVersions, 0, 11, o.body)
    assert.equal(res.errorCode, 35, `ApiVersions v${v}: UNSUPPORTED_VERSION`)
    assert.ok(
      res.apiKeys.some((k: { apiKey: number }) => k.apiKey === ApiKey.ApiVersions),
      `ApiVersions v${v}: the error response lists the supported ranges`,
    )
    await assertServing(`ApiVersions v${v}`)
  }
  for (const [key, range] of versions) {
    if (key === ApiKey.ApiVersions) continue
    for (const v of [range.max + 1, -1]) {
      const spec = apiSpecs.get(key)!
      const what = `${spec.name} v${v} (broker serves v${range.min}-${range.max})`
      const o = await send(frameOf(key, v, Buffer.alloc(32), 12))
      assert.notEqual(o.kind, 'timeout', `${what}: no answer and no close`)
      // The codec cannot decode an unknown version; any frame must at least carry the id.
      if (o.kind === 'frame') assert.equal(o.body.readInt32BE(0), 12, `${what}: correlation id`)
      await assertServing(what)
    }
  }
})

test('random bodies for every API key and version the broker advertises', { timeout: 170_000 }, async (t) => {
  const rnd = prng(0x5a115a)
  const probe = await RawConnection.connect(broker.bootstrap)
  await probe.negotiate()
  const versions = [...probe.versions]
  probe.close()
  let answered = 0
  let closed = 0
  let silent = 0
  for (const [key, range] of versions) {
    const name = apiSpecs.get(key)?.name ?? String(key)
    for (let v = range.min; v <= range.max; v++) {
      for (let i = 0; i < 6; i++) {
        const len = [0, 1, 2, 5, 17, 64, 300][Math.floor(rnd() * 7)]!
        const body = Buffer.alloc(len)
        for (let j = 0; j < len; j++) body[j] = Math.floor(rnd() * 256)
        const o = await send(frameOf(key, v, body, 13), { timeoutMs: 1000 })
        const what = `${name} v${v} with ${len} random bytes (${body.toString('hex').slice(0, 80)})`
        if (o.kind === 'frame') {
          answered++
          // Whatever the broker made of it, the answer must be a well-formed response.
          decodeOrFail(what, key, v, 13, o.body)
        } else if (o.kind === 'closed') closed++
        else silent++ // e.g. random bytes that decode as a long-poll Fetch or an acks=0 Produce
        await assertServing(what)
      }
    }
  }
  t.diagnostic(`random bodies: ${answered} answered, ${closed} closed, ${silent} still waiting after 1 s`)
})

test('valid requests with a few random bytes flipped', { timeout: 120_000 }, async (t) => {
  const rnd = prng(0xf11b)
  let answered = 0
  let closed = 0
  let silent = 0
  for (const req of validRequests) {
    const body = RawConnection.encodeBody(req.apiKey, req.version, req.body)
    for (let i = 0; i < 40; i++) {
      const mutated = Buffer.from(body)
      const flips = 1 + Math.floor(rnd() * 4)
      for (let f = 0; f < flips; f++) mutated[Math.floor(rnd() * mutated.length)] = Math.floor(rnd() * 256)
      const what = `${req.name} with bytes flipped: ${mutated.toString('hex').slice(0, 120)}`
      const o = await send(frameOf(req.apiKey, req.version, mutated, 14), { timeoutMs: 1000 })
      if (o.kind === 'frame') {
        answered++
        decodeOrFail(what, req.apiKey, req.version, 14, o.body)
      } else if (o.kind === 'closed') closed++
      else silent++
      await assertServing(what)
    }
  }
  t.diagnostic(`mutations: ${answered} answered, ${closed} closed, ${silent} still waiting after 1 s`)
})

// ---- corrupt record batches -----------------------------------------------------------------

function produceFrame(records: Buffer, correlationId: number, version = 7): Buffer {
  const body = RawConnection.encodeBody(ApiKey.Produce, version, {
    acks: 1,
    timeoutMs: 1000,
    topicData: [{ name: 'fuzz-target', partitionData: [{ index: 0, records }] }],
  })
  return frameOf(ApiKey.Produce, version, body, correlationId)
}

function goodBatch(n = 3, compression: 0 | 1 = 0): Buffer {
  return encodeBatch(
    Array.from({ length: n }, (_, i) => ({
      key: Buffer.from(`k${i}`),
      value: Buffer.from(`corrupt-test value ${i}`),
      headers: [{ key: 'h', value: Buffer.from('v') }],
    })),
    { compression },
  )
}

const corruptions: Array<{ name: string; records: () => Buffer; knownBug?: string }> = [
  {
    name: 'bad CRC',
    records: () => {
      const b = goodBatch()
      b[b.length - 1]! ^= 0xff
      return b
    },
  },
  {
    name: 'bad CRC field',
    records: () => {
      const b = goodBatch()
      b.writeUInt32BE((b.readUInt32BE(17) + 1) >>> 0, 17)
      return b
    },
  },
  {
    name: 'bad CRC in a gzip batch',
    records: () => {
      const b = goodBatch(3, 1)
      b[b.length - 5]! ^= 0x01
      return b
    },
  },
  {
    name: 'batchLength larger than the data',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(b.readInt32BE(8) + 100, 8)
      return b
    },
  },
  {
    name: 'batchLength smaller than the header',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(20, 8)
      return b
    },
  },
  {
    name: 'batchLength negative',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(-5, 8)
      return b
    },
  },
  {
    name: 'batchLength one short',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(b.readInt32BE(8) - 1, 8)
      return b
    },
  },
  {
    name: 'magic 0',
    records: () =>
      fixCrc(
        (() => {
          const b = goodBatch()
          b.writeInt8(0, 16)
          return b
        })(),
      ),
  },
  {
    name: 'magic 1',
    records: () =>
      fixCrc(
        (() => {
          const b = goodBatch()
          b.writeInt8(1, 16)
          return b
        })(),
      ),
  },
  {
    name: 'magic 3',
    records: () =>
      fixCrc(
        (() => {
          const b = goodBatch()
          b.writeInt8(3, 16)
          return b
        })(),
      ),
  },
  {
    name: 'magic -1',
    records: () =>
      fixCrc(
        (() => {
          const b = goodBatch()
          b.writeInt8(-1, 16)
          return b
        })(),
      ),
  },
  {
    name: 'recordCount larger than the records (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(5, 57)
      return fixCrc(b)
    },
  },
  {
    name: 'recordCount smaller than the records (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(1, 57)
      return fixCrc(b)
    },
  },
  {
    name: 'recordCount zero (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(0, 57)
      return fixCrc(b)
    },
  },
  {
    name: 'recordCount negative (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(-1, 57)
      return fixCrc(b)
    },
  },
  {
    name: 'lastOffsetDelta disagrees with recordCount (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(10, 23)
      return fixCrc(b)
    },
  },
  {
    name: 'lastOffsetDelta negative (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt32BE(-1, 23)
      return fixCrc(b)
    },
  },
  {
    name: 'record length varint past the end (valid CRC)',
    records: () => {
      const b = goodBatch(1)
      b[61] = 0x7e
      return fixCrc(b)
    },
  },
  {
    name: 'record key length past the end (valid CRC)',
    records: () => {
      const b = encodeBatch([{ key: Buffer.from('kkkk'), value: Buffer.from('v') }])
      // record: length, attributes, timestampDelta, offsetDelta, keyLength (zigzag 4 = 0x08)
      const at = b.indexOf(0x08, 61)
      b[at] = 0x60
      return fixCrc(b)
    },
  },
  {
    name: 'garbage gzip payload (valid CRC)',
    records: () => {
      const b = goodBatch(3, 1)
      for (let i = 61; i < b.length; i++) b[i] = (i * 37) & 0xff
      return fixCrc(b)
    },
  },
  {
    name: 'snappy attribute over plain records (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt16BE(2, 21)
      return fixCrc(b)
    },
  },
  {
    name: 'lz4 attribute over plain records (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt16BE(3, 21)
      return fixCrc(b)
    },
  },
  {
    name: 'zstd attribute over plain records (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt16BE(4, 21)
      return fixCrc(b)
    },
  },
  {
    name: 'compression codec 7 (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt16BE(7, 21)
      return fixCrc(b)
    },
  },
  {
    name: 'control batch from a client (valid CRC)',
    records: () => {
      const b = goodBatch()
      b.writeInt16BE(0x20, 21)
      return fixCrc(b)
    },
  },
  {
    name: 'a good batch followed by a corrupt one',
    records: () => {
      const bad = goodBatch()
      bad[bad.length - 1]! ^= 1
      return Buffer.concat([goodBatch(), bad])
    },
  },
  { name: 'a good batch followed by 7 stray bytes', records: () => Buffer.concat([goodBatch(), Buffer.from([1, 2, 3, 4, 5, 6, 7])]) },
  { name: 'empty records', records: () => Buffer.alloc(0) },
]

test('corrupt record batches are rejected and nothing is appended', async (t) => {
  for (const [i, c] of corruptions.entries()) {
    await t.test(c.name, async (ct) => {
      if (c.knownBug !== undefined) ct.todo(c.knownBug)
      const before = Number((await witness.listOffset('fuzz-target', 0, -1n)).offset)
      for (const version of [3, 7, 9]) {
        const o = await send(produceFrame(c.records(), 100 + i, version))
        assertRejected(`Produce v${version}, ${c.name}`, o, ApiKey.Produce, version, 100 + i)
        await assertServing(`Produce v${version}, ${c.name}`)
      }
      const end = Number((await witness.listOffset('fuzz-target', 0, -1n)).offset)
      assert.equal(end, before, `${c.name}: ${end - before} records appended from rejected batches`)
    })
  }
})

test('truncated record batches are rejected and nothing is appended', async () => {
  const batch = Buffer.concat([goodBatch(4), goodBatch(2, 1)])
  const before = Number((await witness.listOffset('fuzz-target', 0, -1n)).offset)
  const boundary = goodBatch(4).length
  for (let cut = 1; cut < batch.length; cut += 3) {
    if (cut === boundary) continue // exactly the first batch: a valid request
    const o = await send(produceFrame(batch.subarray(0, cut), 200))
    assertRejected(`Produce v7 with the records cut to ${cut} of ${batch.length} bytes`, o, ApiKey.Produce, 7, 200)
    await assertServing(`records cut to ${cut}`)
  }
  const end = Number((await witness.listOffset('fuzz-target', 0, -1n)).offset)
  assert.equal(end, before, 'records appended from truncated batches')
})

test('after the fuzzing, data stored before it is intact and the broker still takes good batches', async () => {
  const c = await TestClient.connect(broker.bootstrap)
  try {
    const { records, highWatermark } = await c.fetchAll('fuzz-precious', 0)
    assert.equal(highWatermark, precious.length)
    assert.equal(records.length, precious.length)
    for (const [i, r] of records.entries()) {
      assert.equal(r.offset, i)
      assert.deepEqual(r.key, precious[i]!.key)
      assert.deepEqual(r.value, precious[i]!.value)
      assert.deepEqual(r.headers, precious[i]!.headers)
      assert.equal(r.timestamp, precious[i]!.timestamp)
    }
    const good = await c.produce('fuzz-target', 0, goodBatch(2))
    assert.equal(good.errorCode, 0)
  } finally {
    c.close()
  }
  // And the same after a restart: nothing the fuzzing did reached the disk in a broken form.
  witness.close()
  await broker.restart()
  witness = await TestClient.connect(broker.bootstrap)
  const { records } = await witness.fetchAll('fuzz-precious', 0)
  assert.equal(records.length, precious.length, 'precious records after a restart')
  await assertServing('restart')
})
