// The server layer against raw sockets: framing split at every byte, pipelining in order,
// ApiVersions fallback, size limits and bad input closing only the offending connection.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'

let broker: EmbeddedBroker

before(async () => {
  broker = await startBroker({ port: 0, config: { 'socket.request.max.bytes': 1024 * 1024 } })
})
after(async () => {
  await broker.close()
})

test('ApiVersions at every version lists what is registered, with response header v0', async () => {
  const c = await RawConnection.connect(broker.port)
  for (let v = 0; v <= 4; v++) {
    const r = await c.request(ApiKey.ApiVersions, v, { clientSoftwareName: 'samsa-test', clientSoftwareVersion: '1.0' })
    assert.equal(r.errorCode, 0)
    const keys = r.apiKeys.map((k: { apiKey: number }) => k.apiKey)
    assert.ok(keys.includes(ApiKey.Produce) && keys.includes(ApiKey.Fetch) && keys.includes(ApiKey.Metadata))
  }
  c.close()
})

test('ApiVersions at an unsupported version answers UNSUPPORTED_VERSION in the v0 format', async () => {
  const c = await RawConnection.connect(broker.port)
  c.writeRaw(c.frame(ApiKey.ApiVersions, 4, {}, 77).subarray(0, 4)) // just the size first
  const full = c.frame(ApiKey.ApiVersions, 4, {}, 77)
  full.writeInt16BE(99, 6) // version 99
  c.writeRaw(full.subarray(4))
  const r = await c.response(ApiKey.ApiVersions, 0, 77) // throws unless the correlation id is 77
  assert.equal(r.errorCode, ErrorCode.UNSUPPORTED_VERSION)
  const produce = r.apiKeys.find((k: { apiKey: number }) => k.apiKey === ApiKey.Produce)
  assert.deepEqual([produce.minVersion, produce.maxVersion], [0, 11])
  c.close()
})

test('a request split at every byte boundary is still understood', async () => {
  const c = await RawConnection.connect(broker.port)
  const bytes = c.frame(ApiKey.Metadata, 12, { topics: [], allowAutoTopicCreation: false }, 5)
  for (let i = 0; i < bytes.length; i++) {
    c.writeRaw(bytes.subarray(i, i + 1))
    await new Promise((r) => setImmediate(r))
  }
  const r = await c.response(ApiKey.Metadata, 12, 5) // throws unless the correlation id is 5
  assert.equal(r.brokers.length, 1)
  assert.equal(r.brokers[0].port, broker.port)
  c.close()
})

test('pipelined requests are answered in request order', async () => {
  const c = await RawConnection.connect(broker.port)
  const frames: Buffer[] = []
  for (let i = 0; i < 50; i++) {
    frames.push(
      i % 2 === 0
        ? c.frame(ApiKey.ApiVersions, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' }, 1000 + i)
        : c.frame(ApiKey.Metadata, 9, { topics: null }, 1000 + i),
    )
  }
  c.writeRaw(Buffer.concat(frames))
  for (let i = 0; i < 50; i++) {
    const f = await c.nextBody()
    assert.equal(f.readInt32BE(0), 1000 + i)
  }
  c.close()
})

test('oversized and negative sizes, unknown keys and garbage close only that connection', async () => {
  const cases: Buffer[] = []
  const big = Buffer.alloc(4)
  big.writeInt32BE(1024 * 1024 + 1)
  cases.push(big)
  const neg = Buffer.alloc(4)
  neg.writeInt32BE(-5)
  cases.push(neg)
  const unknown = Buffer.from('0000000a' + '7fff0000' + '00000001' + '0000', 'hex')
  cases.push(unknown)
  const garbage = Buffer.from('00000010' + '0003000c' + '00000001' + 'ffffffffffffffff', 'hex')
  cases.push(garbage)
  const tiny = Buffer.from('00000002' + '0003', 'hex')
  cases.push(tiny)
  for (const bytes of cases) {
    const bad = await RawConnection.connect(broker.port)
    bad.writeRaw(bytes)
    assert.equal(await bad.waitClosed(), true, `connection kept open after ${bytes.toString('hex')}`)
    const good = await RawConnection.connect(broker.port)
    const r = await good.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' })
    assert.equal(r.errorCode, 0)
    good.close()
  }
})

test('ApiVersions v3 with an invalid client software name gets INVALID_REQUEST', async () => {
  const c = await RawConnection.connect(broker.port)
  const r = await c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: '-bad name', clientSoftwareVersion: '1' })
  assert.equal(r.errorCode, ErrorCode.INVALID_REQUEST)
  c.close()
})

test('Metadata advertises advertised.listeners, not the bound address', async () => {
  const other = await startBroker({ port: 0, config: { 'advertised.listeners': 'PLAINTEXT://kafka.example.internal:29092' } })
  try {
    const c = await RawConnection.connect(other.port)
    const r = await c.request(ApiKey.Metadata, 12, { topics: null })
    assert.deepEqual([r.brokers[0].host, r.brokers[0].port], ['kafka.example.internal', 29092])
    const d = await c.request(ApiKey.DescribeCluster, 0, {})
    assert.deepEqual([d.brokers[0].host, d.brokers[0].port], ['kafka.example.internal', 29092])
    c.close()
  } finally {
    await other.close()
  }
})

test('requests larger than socket.request.max.bytes close the connection', async () => {
  const c = await RawConnection.connect(broker.port)
  const body = c.frame(ApiKey.Metadata, 12, { topics: Array.from({ length: 60000 }, (_, i) => ({ name: `topic-name-${i}` })) })
  assert.ok(body.length > 1024 * 1024)
  c.writeRaw(body)
  assert.equal(await c.waitClosed(), true)
})
