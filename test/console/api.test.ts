// The console's HTTP API against a real broker: overview, topics, configs with sources,
// producing, single messages, request checks and readable errors.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { call, produceMany, setup, type Setup } from './helpers.js'
import { request } from 'node:http'
import { startConsole } from '../../src/console/index.js'

let s: Setup
let base: string

before(async () => {
  s = await setup()
  base = s.console.url
})
after(() => s.close())

test('overview: cluster id, brokers with the controller, counts, disk use', async () => {
  await s.admin.createTopics([{ name: 'ov', partitions: 2 }])
  await produceMany(s.producer, 'ov', 5)
  const { status, body } = await call(base, '/api/overview')
  assert.equal(status, 200)
  assert.equal(typeof body.clusterId, 'string')
  assert.equal(body.brokers.length, 1)
  assert.equal(body.brokers[0].controller, true)
  assert.equal(body.brokers[0].port, s.broker.port)
  assert.ok(body.topics >= 1)
  assert.ok(body.partitions >= 2)
  assert.ok(body.records >= 5)
  assert.ok(body.diskBytes > 0)
  assert.ok(body.logDirs[0].path.length > 0)
})

test('brokers: the controller and the partitions each broker leads and hosts', async () => {
  await s.admin.createTopics([{ name: 'led', partitions: 3 }])
  const { status, body } = await call(base, '/api/brokers')
  assert.equal(status, 200)
  assert.equal(body.brokers[0].controller, true)
  assert.ok(body.brokers[0].leaderOf >= 3, `leader of ${body.brokers[0].leaderOf}`)
  assert.equal(body.brokers[0].replicas, body.brokers[0].leaderOf)
  assert.equal(body.offlinePartitions, 0)
})

test('rates: sampled end-offset deltas become records per second', async () => {
  await s.admin.createTopics([{ name: 'rates', partitions: 1 }])
  await call(base, '/api/rates')
  const deadline = Date.now() + 10_000
  let seen = 0
  while (Date.now() < deadline && seen === 0) {
    await produceMany(s.producer, 'rates', 20)
    await new Promise((r) => setTimeout(r, 400))
    const { body } = await call(base, '/api/rates')
    seen = body.samples.reduce((m: number, x: { produced: number | null }) => Math.max(m, x.produced ?? 0), 0)
  }
  assert.ok(seen > 0, 'a positive produce rate was sampled')
})

test('topics: create with configs, list with records and size, add partitions, delete', async () => {
  const created = await call(base, '/api/topics', {
    method: 'POST',
    body: { name: 'tp', partitions: 2, replicationFactor: 1, configs: { 'retention.ms': '3600000' } },
  })
  assert.equal(created.status, 201)
  assert.equal(created.body.partitions, 2)
  assert.equal((await call(base, '/api/topics', { method: 'POST', body: { name: 'tp', partitions: 1 } })).status, 409)
  assert.equal((await call(base, '/api/topics', { method: 'POST', body: { name: 'bad name!', partitions: 1 } })).status, 400)
  assert.equal((await call(base, '/api/topics', { method: 'POST', body: { partitions: 1 } })).status, 400)

  await produceMany(s.producer, 'tp', 7)
  const list = await call(base, '/api/topics')
  const row = list.body.topics.find((t: { name: string }) => t.name === 'tp')
  assert.deepEqual(
    { partitions: row.partitions, replicationFactor: row.replicationFactor, records: row.records },
    { partitions: 2, replicationFactor: 1, records: 7 },
  )
  assert.ok(row.sizeBytes > 0)

  const detail = await call(base, '/api/topics/tp')
  assert.equal(detail.body.partitions.length, 2)
  assert.equal(
    detail.body.partitions.reduce((n: number, p: { endOffset: number }) => n + p.endOffset, 0),
    7,
  )
  assert.deepEqual(detail.body.partitions[0].replicas, [1])

  assert.equal((await call(base, '/api/topics/tp/partitions', { method: 'POST', body: { count: 4 } })).status, 200)
  assert.equal((await call(base, '/api/topics/tp')).body.partitions.length, 4)
  assert.equal((await call(base, '/api/topics/tp/partitions', { method: 'POST', body: { count: 2 } })).status, 400)

  assert.equal((await call(base, '/api/topics/tp', { method: 'DELETE' })).status, 200)
  assert.equal((await call(base, '/api/topics/tp')).status, 404)
})

test('topic configs: sources, fallbacks, set and reset', async () => {
  await s.admin.createTopics([{ name: 'cf', partitions: 1, configs: { 'retention.ms': '1000' } }])
  const get = async (name: string) => (await call(base, '/api/topics/cf/configs')).body.configs.find((c: { name: string }) => c.name === name)
  const r = await get('retention.ms')
  assert.equal(r.value, '1000')
  assert.equal(r.source, 'DYNAMIC_TOPIC_CONFIG')
  // Kafka's ConfigHelper lists no broker synonym for retention.ms while log.retention.ms is unset
  assert.deepEqual(
    r.synonyms.map((x: { source: string }) => x.source),
    ['DYNAMIC_TOPIC_CONFIG'],
  )
  assert.deepEqual(
    (await get('cleanup.policy')).synonyms.map((x: { name: string; source: string }) => [x.name, x.source]),
    [['log.cleanup.policy', 'DEFAULT_CONFIG']],
  )
  assert.equal((await get('segment.bytes')).isDefault, true)

  const patch = await call(base, '/api/topics/cf/configs', { method: 'PATCH', body: { set: { 'cleanup.policy': 'compact' }, delete: ['retention.ms'] } })
  assert.equal(patch.status, 200)
  assert.equal((await get('cleanup.policy')).value, 'compact')
  assert.equal((await get('retention.ms')).source, 'DEFAULT_CONFIG')
  const bad = await call(base, '/api/topics/cf/configs', { method: 'PATCH', body: { set: { 'cleanup.policy': 'sometimes' } } })
  assert.equal(bad.status, 400)
  assert.match(bad.body.error.message, /cleanup\.policy|INVALID_CONFIG/)
})

test('produce through the API with key, headers and partition; read it back in full', async () => {
  await s.admin.createTopics([{ name: 'pr', partitions: 3 }])
  const res = await call(base, '/api/topics/pr/messages', {
    method: 'POST',
    body: { key: 'k', value: '{"a":1}', headers: [{ key: 'h', value: 'v' }], partition: 2 },
  })
  assert.equal(res.status, 201)
  assert.equal(res.body.partition, 2)
  const m = await call(base, `/api/topics/pr/messages/2/${res.body.offset}`)
  assert.equal(m.status, 200)
  assert.deepEqual(m.body.key, { text: 'k', size: 1 })
  assert.deepEqual(m.body.value, { text: '{"a":1}', size: 7 })
  assert.deepEqual(m.body.headers, [{ key: 'h', value: { text: 'v', size: 1 } }])

  const nullKey = await call(base, '/api/topics/pr/messages', { method: 'POST', body: { key: null, value: 'x' } })
  assert.equal(nullKey.status, 201)
  assert.equal((await call(base, '/api/topics/pr/messages', { method: 'POST', body: { value: 'x', partition: 9 } })).status, 404)
  assert.equal((await call(base, '/api/topics/missing/messages', { method: 'POST', body: { value: 'x' } })).status, 404)
  assert.equal((await call(base, '/api/topics/pr/messages/2/999')).status, 404)
})

test('tombstones and purge: a null value is produced; purge deletes every record and keeps the topic', async () => {
  await s.admin.createTopics([{ name: 'pg', partitions: 2 }])
  await produceMany(s.producer, 'pg', 6, (i) => ({ key: `k${i}`, value: `v${i}`, partition: i % 2 }))
  const tomb = await call(base, '/api/topics/pg/messages', { method: 'POST', body: { key: 'k1', value: null, partition: 1 } })
  assert.equal(tomb.status, 201)
  const m = await call(base, `/api/topics/pg/messages/1/${tomb.body.offset}`)
  assert.equal(m.body.value, null)
  assert.deepEqual(m.body.key, { text: 'k1', size: 2 })
  const purged = await call(base, '/api/topics/pg/purge', { method: 'POST', body: {} })
  assert.equal(purged.status, 200)
  assert.deepEqual(purged.body.partitions, [
    { partition: 0, logStartOffset: 3 },
    { partition: 1, logStartOffset: 4 },
  ])
  const t = await call(base, '/api/topics/pg')
  assert.deepEqual(
    t.body.partitions.map((p: { records: number }) => p.records),
    [0, 0],
  )
  assert.equal((await call(base, '/api/topics/missing/purge', { method: 'POST', body: {} })).status, 404)
})

test('binary values travel as base64 and long ones are cut in listings only', async () => {
  await s.admin.createTopics([{ name: 'bin', partitions: 1 }])
  await s.producer.send({ topic: 'bin', value: Buffer.from([0, 1, 2, 255]) })
  await s.producer.send({ topic: 'bin', value: 'x'.repeat(40_000) })
  const page = await call(base, '/api/topics/bin/messages?from=earliest')
  assert.deepEqual(page.body.messages[0].value, { base64: Buffer.from([0, 1, 2, 255]).toString('base64'), size: 4 })
  assert.equal(page.body.messages[1].value.truncated, true)
  assert.equal(page.body.messages[1].value.size, 40_000)
  const full = await call(base, '/api/topics/bin/messages/0/1')
  assert.equal(full.body.value.text.length, 40_000)
})

test('requests are checked: host, content type, origin, unknown routes, bad JSON', async () => {
  const port = Number(new URL(base).port)
  // fetch() does not let a caller set Host; a DNS-rebinding page's request carries its own name.
  const evil = await new Promise<number>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/api/overview', headers: { host: `evil.example:${port}` } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
      .on('error', reject)
      .end()
  })
  assert.equal(evil, 403)
  const form = await fetch(`${base}api/topics`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"name":"x"}' })
  assert.equal(form.status, 415)
  const cross = await fetch(`${base}api/topics/ov`, { method: 'DELETE', headers: { origin: 'http://evil.example' } })
  assert.equal(cross.status, 403)
  assert.equal((await call(base, '/api/nope')).status, 404)
  assert.equal((await call(base, '/api/topics', { method: 'PUT', body: {} })).status, 405)
  const badJson = await fetch(`${base}api/topics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })
  assert.equal(badJson.status, 400)
  assert.equal((await call(base, '/api/topics/ov/messages?from=offset&offset=abc')).status, 400)
})

test('the UI is served from the built assets, gzipped, with long-lived caching for hashed files', async () => {
  const index = await fetch(base, { headers: { 'accept-encoding': 'gzip' } })
  assert.equal(index.status, 200)
  assert.equal(index.headers.get('cache-control'), 'no-cache')
  const html = await index.text()
  const js = /src="(assets\/[^"]+\.js)"/.exec(html)?.[1]
  const css = /href="(assets\/[^"]+\.css)"/.exec(html)?.[1]
  assert.ok(js !== undefined && css !== undefined, html)
  assert.doesNotMatch(html.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, ''), /https?:\/\//, 'no external URLs')
  const asset = await fetch(new URL(js, base), { headers: { 'accept-encoding': 'gzip' } })
  assert.equal(asset.status, 200)
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/)
  assert.match(asset.headers.get('content-type') ?? '', /javascript/)
  const source = await asset.text()
  assert.doesNotMatch(source, /https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\//i, 'the bundle loads nothing from other hosts')
})

test('a cluster that is down gives 503 with a message naming it, and the console keeps serving', async () => {
  const dead = await startConsole({ bootstrap: '127.0.0.1:1', port: 0 })
  try {
    const started = Date.now()
    const res = await call(dead.url, '/api/overview')
    assert.equal(res.status, 503)
    assert.match(res.body.error.message, /Cannot reach the cluster at 127\.0\.0\.1:1/)
    assert.ok(Date.now() - started < 10_000)
    const health = await call(dead.url, '/api/health')
    assert.equal(health.status, 200)
    assert.equal(health.body.reachable, false)
    assert.equal((await fetch(dead.url)).status, 200)
  } finally {
    await dead.close()
  }
})
