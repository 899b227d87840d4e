// The connection against a scripted fake broker: version negotiation with the v0 fallback,
// header versions, pipelining with frames split at every byte, timeouts and connect errors.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server, type Socket } from 'node:net'
import { Reader } from '../../src/protocol/reader.js'
import { Writer } from '../../src/protocol/writer.js'
import { apiSpecs, ApiKey } from '../../src/protocol/generated/index.js'
import { decodeRequestHeader } from '../../src/protocol/generated/request-header.js'
import { encodeResponseHeader } from '../../src/protocol/generated/response-header.js'
import { Connection } from '../../src/client/connection.js'
import { ClientError } from '../../src/client/errors.js'
import { requestHeaderVersion, responseHeaderVersion } from '../../src/client/versions.js'
import { sharedBufferPool } from '../../src/buffers/buffer-pool.js'

interface Seen {
  apiKey: number
  version: number
  clientId: string | null
  body: any
}
type Answer = (req: Seen) => { version?: number; body: unknown; headerVersion?: 0 | 1 } | null

async function fakeBroker(answer: Answer, opts: { trickle?: boolean } = {}): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((socket: Socket) => {
    let buf = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk])
      while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
        const frame = buf.subarray(4, 4 + buf.readInt32BE(0))
        buf = buf.subarray(4 + frame.length)
        const apiKey = frame.readInt16BE(0)
        const version = frame.readInt16BE(2)
        const r = new Reader(frame)
        const header = decodeRequestHeader(r, requestHeaderVersion(apiKey, version))
        const spec = apiSpecs.get(apiKey)!
        let body: unknown
        try {
          body = spec.decodeRequest(r, version)
        } catch {
          body = undefined
        }
        const req = { apiKey, version, clientId: header.clientId, body }
        seen.push(req)
        const res = answer(req)
        if (res === null) continue
        const w = new Writer()
        const v = res.version ?? version
        encodeResponseHeader(w, res.headerVersion ?? responseHeaderVersion(apiKey, version), { correlationId: header.correlationId })
        spec.encodeResponse(w, v, res.body)
        const out = w.toBuffer()
        const size = Buffer.alloc(4)
        size.writeInt32BE(out.length)
        const bytes = Buffer.concat([size, out])
        if (opts.trickle) for (let i = 0; i < bytes.length; i++) socket.write(bytes.subarray(i, i + 1))
        else socket.write(bytes)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { server, port, seen }
}

const OLD_BROKER = [
  { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 2 },
  { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 8 },
]

test('falls back when the broker rejects our ApiVersions version, then negotiates per API', async () => {
  const { server, port, seen } = await fakeBroker((req) => {
    if (req.apiKey === ApiKey.ApiVersions) {
      if (req.version > 2) return { version: 0, body: { errorCode: 35, apiKeys: OLD_BROKER } }
      return { body: { errorCode: 0, apiKeys: OLD_BROKER } }
    }
    return { body: { brokers: [{ nodeId: 1, host: 'h', port: 1 }], controllerId: 1, topics: [] } }
  })
  const conn = await Connection.connect({ host: '127.0.0.1', port })
  try {
    assert.deepEqual(
      seen.map((s) => s.version),
      [4, 2],
    )
    assert.equal(conn.versionFor(ApiKey.Metadata), 8)
    const md = await conn.request('Metadata', { topics: [] })
    assert.equal(seen.at(-1)!.version, 8)
    assert.equal(seen.at(-1)!.clientId, 'samsa')
    assert.equal(md.brokers[0]!.host, 'h')
    await assert.rejects(conn.request('DescribeCluster', {}), (e: unknown) => e instanceof ClientError && e.code === 'SAMSA_CLIENT_UNSUPPORTED')
  } finally {
    await conn.close()
    server.close()
  }
})

test("an UNSUPPORTED_VERSION answer in the broker's own newer format still falls back (librdkafka mock)", async () => {
  const MOCK = [
    { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 },
    { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 9 },
  ]
  const { server, port, seen } = await fakeBroker((req) => {
    if (req.apiKey === ApiKey.ApiVersions) {
      if (req.version > 3) return { version: 3, body: { errorCode: 35, apiKeys: MOCK } }
      return { body: { errorCode: 0, apiKeys: MOCK } }
    }
    return { body: { brokers: [], controllerId: -1, topics: [] } }
  })
  const conn = await Connection.connect({ host: '127.0.0.1', port })
  try {
    assert.equal(seen[0]!.version, 4)
    assert.equal(seen.at(-1)!.version <= 3, true)
    assert.equal(conn.versionFor(ApiKey.Metadata), 9)
  } finally {
    await conn.close()
    server.close()
  }
})

test('flexible versions use request header v2 and response header v1; ApiVersions v3+ reads header v0', async () => {
  const NEW_BROKER = [
    { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 4 },
    { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 12 },
  ]
  const { server, port, seen } = await fakeBroker((req) => {
    if (req.apiKey === ApiKey.ApiVersions) return { body: { errorCode: 0, apiKeys: NEW_BROKER } }
    return { body: { brokers: [], controllerId: -1, topics: [{ name: 'x', topicId: '11111111-2222-3333-4444-555555555555', partitions: [] }] } }
  })
  const conn = await Connection.connect({ host: '127.0.0.1', port, clientId: 'me' })
  try {
    assert.equal(seen[0]!.version, 4)
    assert.equal(seen[0]!.body.clientSoftwareName, 'samsa')
    const md = await conn.request('Metadata', { topics: null })
    assert.equal(seen[1]!.version, 12)
    assert.equal(seen[1]!.clientId, 'me')
    assert.equal(md.topics[0]!.topicId, '11111111-2222-3333-4444-555555555555')
  } finally {
    await conn.close()
    server.close()
  }
})

test('pipelined requests resolve in order when every response arrives a byte at a time', async () => {
  const { server, port } = await fakeBroker(
    (req) => {
      if (req.apiKey === ApiKey.ApiVersions) return { body: { errorCode: 0, apiKeys: OLD_BROKER } }
      const name = req.body.topics[0].name
      return { body: { brokers: [], controllerId: 0, topics: [{ name, partitions: [] }] } }
    },
    { trickle: true },
  )
  const conn = await Connection.connect({ host: '127.0.0.1', port })
  try {
    const names = ['a', 'b', 'c', 'd', 'e']
    const answers = await Promise.all(names.map((name) => conn.request('Metadata', { topics: [{ name }] })))
    assert.deepEqual(
      answers.map((a) => a.topics[0]!.name),
      names,
    )
  } finally {
    await conn.close()
    server.close()
  }
})

test('a leased response is read into a pooled buffer that release() gives back; others get their own', async () => {
  const records = Buffer.alloc(300 * 1024)
  for (let i = 0; i < records.length; i++) records[i] = (i * 7) & 0xff
  const fetchApi = [...OLD_BROKER, { apiKey: ApiKey.Fetch, minVersion: 4, maxVersion: 4 }]
  const { server, port } = await fakeBroker((req) => {
    if (req.apiKey === ApiKey.ApiVersions) return { body: { errorCode: 0, apiKeys: fetchApi } }
    const partition = { partitionIndex: 0, errorCode: 0, highWatermark: 1n, lastStableOffset: 1n, abortedTransactions: null, records }
    return { body: { throttleTimeMs: 0, responses: [{ topic: 't', partitions: [partition] }] } }
  })
  const conn = await Connection.connect({ host: '127.0.0.1', port, framePool: sharedBufferPool })
  const body = { replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, topics: [] }
  try {
    // The 300 KiB frame arrives over several socket reads either way.
    const plain = await conn.request('Fetch', body)
    const plainRecords = plain.responses[0]!.partitions[0]!.records!
    assert.ok(plainRecords.equals(records))
    assert.equal(sharedBufferPool.leaseOf(plainRecords), undefined)

    const { response, release } = await conn.requestLeased('Fetch', body)
    const leasedRecords = response.responses[0]!.partitions[0]!.records!
    assert.ok(leasedRecords.equals(records))
    assert.notEqual(sharedBufferPool.leaseOf(leasedRecords), undefined, 'read into a pooled buffer')
    release()
    assert.equal(sharedBufferPool.leaseOf(leasedRecords), undefined, 'given back')
  } finally {
    await conn.close()
    server.close()
  }
})

test('a request with no answer times out with SAMSA_CLIENT_TIMEOUT', async () => {
  const { server, port } = await fakeBroker((req) => (req.apiKey === ApiKey.ApiVersions ? { body: { errorCode: 0, apiKeys: OLD_BROKER } } : null))
  const conn = await Connection.connect({ host: '127.0.0.1', port, requestTimeoutMs: 100 })
  try {
    await assert.rejects(conn.request('Metadata', { topics: [] }), (e: unknown) => e instanceof ClientError && e.code === 'SAMSA_CLIENT_TIMEOUT')
  } finally {
    await conn.close()
    server.close()
  }
})

test('nothing listening: SAMSA_CLIENT_CONNECT naming the address', async () => {
  const { server, port } = await fakeBroker(() => null)
  await new Promise((r) => server.close(r))
  await assert.rejects(
    Connection.connect({ host: '127.0.0.1', port }),
    (e: unknown) => e instanceof ClientError && e.code === 'SAMSA_CLIENT_CONNECT' && e.message.includes(`no broker reachable at 127.0.0.1:${port}`),
  )
})

test('a dropped connection fails in-flight requests with SAMSA_CLIENT_DISCONNECTED', async () => {
  let sock: Socket | undefined
  const { server, port } = await fakeBroker((req) => {
    if (req.apiKey === ApiKey.ApiVersions) return { body: { errorCode: 0, apiKeys: OLD_BROKER } }
    setImmediate(() => {
      for (const c of conns) c.destroy()
    })
    return null
  })
  const conns: Socket[] = []
  server.on('connection', (c) => {
    conns.push(c)
    sock = c
  })
  const conn = await Connection.connect({ host: '127.0.0.1', port })
  await assert.rejects(conn.request('Metadata', { topics: [] }), (e: unknown) => e instanceof ClientError && e.code === 'SAMSA_CLIENT_DISCONNECTED')
  assert.ok(sock)
  server.close()
})
