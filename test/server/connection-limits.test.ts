// Connection limits with Kafka's names and defaults: connections.max.idle.ms (Kafka's Selector
// closes idle connections), max.connections, max.connections.per.ip and its overrides, listener
// limits and the connection creation rate (Kafka's ConnectionQuotas, KIP-612), dynamic changes
// of them, and queued.max.requests with the per-connection byte bound (a connection
// that does not read its answers is muted, as Kafka mutes a channel).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { RawConnection } from '../support/raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { CONNECTION_HELD_BYTES } from '../../src/server/response-memory.js'
import { parseOverrides } from '../../src/server/connection-quotas.js'
import { loadBrokerConfig } from '../../src/config/load-broker-config.js'

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  for (let waited = 0; !cond(); waited += 10) {
    if (waited > ms) assert.fail(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const ping = (c: RawConnection): Promise<any> => c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'limits', clientSoftwareVersion: '1' })

/** The broker's side of the client connection `c`. */
function serverSide(b: EmbeddedBroker, c: RawConnection) {
  const conn = [...b.running.server.connections].find((s) => s.remotePort === c.socket.localPort)
  assert.ok(conn !== undefined, 'the broker knows the connection')
  return conn
}

test('the config names and Kafka defaults', () => {
  const c = loadBrokerConfig({ env: {} })
  assert.equal(c.get('connections.max.idle.ms'), 600000)
  assert.equal(c.get('queued.max.requests'), 500)
  assert.equal(c.get('max.connections'), 2147483647)
  assert.equal(c.get('max.connections.per.ip'), 2147483647)
  assert.equal(c.get('max.connections.per.ip.overrides'), '')
  assert.equal(c.get('max.connection.creation.rate'), 2147483647)
  assert.deepEqual(
    [...parseOverrides('hostName:100, 127.0.0.1:200,::1:3')],
    [
      ['hostName', 100],
      ['127.0.0.1', 200],
      ['::1', 3],
    ],
  )
  assert.throws(() => parseOverrides('127.0.0.1'))
})

test('connections.max.idle.ms closes connections with no traffic, not busy ones or those waiting for an answer', async () => {
  const b = await startBroker({ port: 0, config: { 'connections.max.idle.ms': 1000 } })
  try {
    const idle = await RawConnection.connect(b.port)
    const busy = await RawConnection.connect(b.port)
    const waiting = await RawConnection.connect(b.port)
    await ping(idle)
    await waiting.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'quiet', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 })
    // A fetch that waits 4 s for a record: its connection has no traffic, but is not idle.
    const parked = waiting.request(ApiKey.Fetch, 12, {
      maxWaitMs: 4000,
      minBytes: 1,
      maxBytes: 1024,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 'quiet', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1024 }] }],
    })
    const stop = Date.now() + 3500
    while (Date.now() < stop) {
      await ping(busy)
      await new Promise((r) => setTimeout(r, 100))
    }
    assert.equal(await idle.waitClosed(100), true, 'the idle connection was closed')
    assert.equal(busy.closed, false)
    assert.equal((await parked).responses[0].partitions[0].errorCode, 0, 'the waiting fetch was answered')
    assert.equal(waiting.closed, false)
    // After its answer it is idle like any other.
    assert.equal(await waiting.waitClosed(5000), true)
    busy.close()
  } finally {
    await b.close()
  }
})

test('max.connections: connections beyond it are closed at once; a freed slot is taken again', async () => {
  const b = await startBroker({ port: 0, config: { 'max.connections': 2 } })
  try {
    const first = await RawConnection.connect(b.port)
    const second = await RawConnection.connect(b.port)
    await ping(first)
    await ping(second)
    const third = await RawConnection.connect(b.port)
    assert.equal(await third.waitClosed(5000), true, 'the third connection was refused')
    assert.equal((await ping(first)).errorCode, 0)
    first.close()
    await until('the broker freed the slot', () => b.running.server.quotas.total === 1)
    const again = await RawConnection.connect(b.port)
    assert.equal((await ping(again)).errorCode, 0)
    again.close()
    second.close()
  } finally {
    await b.close()
  }
})

test('max.connections.per.ip, and an override for an address given by host name', async () => {
  const b = await startBroker({ port: 0, config: { 'max.connections.per.ip': 1 } })
  try {
    const one = await RawConnection.connect(b.port)
    await ping(one)
    const two = await RawConnection.connect(b.port)
    assert.equal(await two.waitClosed(5000), true, 'a second connection from 127.0.0.1 was refused')
    assert.equal((await ping(one)).errorCode, 0)
    one.close()
  } finally {
    await b.close()
  }
  const o = await startBroker({ port: 0, config: { 'max.connections.per.ip': 0, 'max.connections.per.ip.overrides': 'localhost:2' } })
  try {
    const conns = [await RawConnection.connect(o.port), await RawConnection.connect(o.port)]
    for (const c of conns) assert.equal((await ping(c)).errorCode, 0)
    const extra = await RawConnection.connect(o.port)
    assert.equal(await extra.waitClosed(5000), true, 'the override allows two, not three')
    assert.equal(o.running.server.quotas.limitFor('127.0.0.1'), 2)
    for (const c of conns) c.close()
  } finally {
    await o.close()
  }
})

test('listener.name.<l>.max.connections, and max.connections changed at run time (a dynamic broker config)', async () => {
  const b = await startBroker({ port: 0, config: { 'listener.name.plaintext.max.connections': 2 } })
  try {
    const conns = [await RawConnection.connect(b.port), await RawConnection.connect(b.port)]
    for (const c of conns) assert.equal((await ping(c)).errorCode, 0)
    const third = await RawConnection.connect(b.port)
    assert.equal(await third.waitClosed(5000), true, 'the listener allows two')
    conns.pop()!.close()
    await until('the broker freed the slot', () => b.running.server.quotas.total === 1)
    // max.connections=1 for every broker, set through the config API: the next one is refused at once.
    const set = await conns[0]!.request(ApiKey.IncrementalAlterConfigs, 1, {
      resources: [{ resourceType: 4, resourceName: '', configs: [{ name: 'max.connections', configOperation: 0, value: '1' }] }],
      validateOnly: false,
    })
    assert.equal(set.responses[0].errorCode, 0)
    await until('the new limit is applied', () => b.running.server.quotas.maxConnections === 1)
    const refused = await RawConnection.connect(b.port)
    assert.equal(await refused.waitClosed(5000), true, 'max.connections=1 refuses a second connection')
    conns[0]!.close()
  } finally {
    await b.close()
  }
})

test('max.connection.creation.rate (KIP-612): past the rate the listener admits the next connections only after the throttle time, then all', async () => {
  // One connection a second, measured over 2 samples of 1 s: the second connection already waits.
  const b = await startBroker({ port: 0, config: { 'max.connection.creation.rate': 1, 'quota.window.num': 2, 'quota.window.size.seconds': 1 } })
  try {
    const server = b.running.server
    const conns = await Promise.all(Array.from({ length: 4 }, () => RawConnection.connect(b.port)))
    await until('a connection waits for the rate', () => server.throttledConnections > 0)
    // Every connection is served in the end, in the order it came.
    for (const c of conns)
      assert.equal((await c.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'rate', clientSoftwareVersion: '1' }, 30_000)).errorCode, 0)
    assert.equal(server.connectionCount, 4)
    for (const c of conns) c.close()
  } finally {
    await b.close()
  }
})

test('queued.max.requests: a connection with that many requests in flight is not read until one is answered', async () => {
  const b = await startBroker({ port: 0, config: { 'queued.max.requests': 4 } })
  try {
    const admin = await RawConnection.connect(b.port)
    await admin.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'empty', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 1000 })
    const c = await RawConnection.connect(b.port)
    // Six long-polling fetches of an empty partition, then a ping, all in one write.
    const frames: Buffer[] = []
    for (let id = 1; id <= 6; id++) {
      frames.push(
        c.frame(
          ApiKey.Fetch,
          12,
          {
            maxWaitMs: 600_000,
            minBytes: 1,
            maxBytes: 1024,
            isolationLevel: 0,
            sessionId: 0,
            sessionEpoch: -1,
            topics: [{ topic: 'empty', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 1024 }] }],
          },
          id,
        ),
      )
    }
    frames.push(c.frame(ApiKey.ApiVersions, 3, { clientSoftwareName: 'x', clientSoftwareVersion: '1' }, 7))
    c.writeRaw(Buffer.concat(frames))
    const conn = serverSide(b, c)
    await until('four fetches are parked', () => b.running.broker.replicas.fetchPurgatory.delayed === 4)
    assert.equal(conn.muted, true)
    assert.equal(conn.inFlight, 4)
    await new Promise((r) => setTimeout(r, 200))
    assert.equal(b.running.broker.replicas.fetchPurgatory.delayed, 4, 'the fifth request was not read')
    // A record completes the parked fetches; the rest is read and answered in order.
    const records = encodeRecordBatch({ records: [{ value: 'x' }] })
    await admin.request(ApiKey.Produce, 9, { acks: -1, timeoutMs: 1000, topicData: [{ name: 'empty', partitionData: [{ index: 0, records }] }] })
    for (let id = 1; id <= 6; id++) assert.equal((await c.response(ApiKey.Fetch, 12, id)).responses[0].partitions[0].errorCode, 0)
    assert.equal((await c.response(ApiKey.ApiVersions, 3, 7)).errorCode, 0)
    c.close()
    admin.close()
  } finally {
    await b.close()
  }
})

test('a client that pipelines requests and never reads is muted once it holds its share of bytes', async () => {
  const b = await startBroker({ port: 0 })
  try {
    const c = await RawConnection.connect(b.port)
    await ping(c)
    c.socket.pause()
    // The broker's configs with their documentation: about 12 KB an answer, 18 MB in all.
    const n = 1500
    const frames: Buffer[] = []
    for (let i = 0; i < n; i++) {
      frames.push(
        c.frame(
          ApiKey.DescribeConfigs,
          4,
          { resources: [{ resourceType: 4, resourceName: '1', configurationKeys: null }], includeSynonyms: true, includeDocumentation: true },
          100 + i,
        ),
      )
    }
    c.writeRaw(Buffer.concat(frames))
    const conn = serverSide(b, c)
    await until('the connection is muted', () => conn.muted)
    await new Promise((r) => setTimeout(r, 300))
    // Muted at the per-connection bound, give or take the answers to one read of requests.
    assert.ok(conn.inFlight < 500, 'muted for the bytes it holds, not for queued.max.requests')
    assert.ok(conn.heldBytes <= 2 * CONNECTION_HELD_BYTES, `holds ${conn.heldBytes} bytes`)
    const other = await RawConnection.connect(b.port)
    assert.equal((await ping(other)).errorCode, 0, 'others are served meanwhile')
    other.close()
    c.socket.resume()
    for (let i = 0; i < n; i++) assert.equal((await c.nextBody()).readInt32BE(0), 100 + i)
    c.close()
  } finally {
    await b.close()
  }
})
