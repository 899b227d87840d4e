import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { lines, samsa } from './helpers.js'

let broker: EmbeddedBroker
let b: string
before(async () => {
  broker = await startBroker({ port: 0 })
  b = broker.bootstrap
  for (const [t, p] of [['text', 3], ['bin', 1], ['bin64', 1], ['meta', 2], ['gz', 1], ['times', 1]] as const) {
    const r = await samsa(['topics', 'create', t, '-p', String(p)], { bootstrap: b })
    assert.equal(r.code, 0, r.stderr)
  }
})
after(async () => broker.close())

test('text lines with keys round-trip; same key, same partition', async () => {
  const input = 'u1:one\nu2:two\nu1:three\nu3:four\n'
  const p = await samsa(['produce', 'text', '--key-separator', ':', '--print-offsets', '--json'], { bootstrap: b, input })
  assert.equal(p.code, 0, p.stderr)
  const placed = lines(p.stdout).map((l) => JSON.parse(l))
  assert.equal(placed.length, 4)
  assert.equal(placed[0].partition, placed[2].partition)
  const c = await samsa(['consume', 'text', '--from-beginning', '--print-key', '--key-separator', ':'], { bootstrap: b })
  assert.equal(c.code, 0, c.stderr)
  assert.deepEqual(lines(c.stdout).sort(), ['u1:one', 'u1:three', 'u2:two', 'u3:four'])
  assert.match(c.stderr, /Consumed 4 records/)
})

test('binary-safe round trip with hex', async () => {
  const values = [randomBytes(64), Buffer.from([0, 10, 13, 255, 0]), Buffer.alloc(0), randomBytes(3000)]
  const p = await samsa(['produce', 'bin', '--input-format', 'hex'], { bootstrap: b, input: values.map((v) => v.toString('hex')).join('\n') + '\n' })
  assert.equal(p.code, 0, p.stderr)
  const c = await samsa(['consume', 'bin', '--from-beginning', '--format', 'hex'], { bootstrap: b })
  assert.equal(c.code, 0, c.stderr)
  const got = c.stdout.split('\n').slice(0, values.length).map((h) => Buffer.from(h, 'hex'))
  assert.equal(got.length, values.length)
  for (let i = 0; i < values.length; i++) assert.ok(got[i]!.equals(values[i]!), `record ${i}`)
})

test('binary-safe round trip with base64, keys included, and gzip', async () => {
  const recs = Array.from({ length: 20 }, (_, i) => ({ key: randomBytes(8), value: randomBytes(100 + i) }))
  const input = recs.map((r) => `${r.key.toString('base64')} ${r.value.toString('base64')}`).join('\n')
  const p = await samsa(['produce', 'bin64', '--input-format', 'base64', '--key-separator', ' ', '--compression', 'gzip'], { bootstrap: b, input })
  assert.equal(p.code, 0, p.stderr)
  const c = await samsa(['consume', 'bin64', '--from-beginning', '--format', 'base64', '--print-key', '--key-separator', ' '], { bootstrap: b })
  assert.equal(c.code, 0, c.stderr)
  const got = lines(c.stdout).map((l) => l.split(' ').map((s) => Buffer.from(s, 'base64')))
  assert.equal(got.length, recs.length)
  recs.forEach((r, i) => {
    assert.ok(got[i]![0]!.equals(r.key))
    assert.ok(got[i]![1]!.equals(r.value))
  })
})

test('produce with each codec, consume back through the broker', async () => {
  for (const codec of ['snappy', 'lz4', 'zstd']) {
    const topic = `codec-${codec}`
    const t = await samsa(['topics', 'create', topic], { bootstrap: b })
    assert.equal(t.code, 0, t.stderr)
    const p = await samsa(['produce', topic, '--compression', codec], { bootstrap: b, input: 'one\ntwo\nthree\n' })
    assert.equal(p.code, 0, p.stderr)
    const c = await samsa(['consume', topic, '--from-beginning'], { bootstrap: b })
    assert.equal(c.code, 0, c.stderr)
    assert.deepEqual(lines(c.stdout), ['one', 'two', 'three'], codec)
  }
})

test('headers, explicit partition, json output, --max-messages, --offset', async () => {
  const p = await samsa(['produce', 'meta', '-p', '1', '-H', 'source=test', '-H', 'n=1'], { bootstrap: b, input: 'a\nb\nc\nd\n' })
  assert.equal(p.code, 0, p.stderr)
  let c = await samsa(['consume', 'meta', '--from-beginning', '--format', 'json'], { bootstrap: b })
  const recs = lines(c.stdout).map((l) => JSON.parse(l))
  assert.deepEqual(recs.map((r) => r.value), ['a', 'b', 'c', 'd'])
  assert.deepEqual(recs.map((r) => r.offset), [0, 1, 2, 3])
  assert.ok(recs.every((r) => r.partition === 1 && r.topic === 'meta' && r.key === null && typeof r.timestamp === 'number'))
  assert.deepEqual(recs[0].headers, { source: 'test', n: '1' })
  c = await samsa(['consume', 'meta', '--from-beginning', '-n', '2'], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['a', 'b'])
  c = await samsa(['consume', 'meta', '-p', '1', '--offset', '2'], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['c', 'd'])
  c = await samsa(['consume', 'meta'], { bootstrap: b })
  assert.equal(c.code, 0)
  assert.deepEqual(lines(c.stdout), [], 'default start is the end')
  const bad = await samsa(['produce', 'meta', '-p', '7'], { bootstrap: b, input: 'x\n' })
  assert.equal(bad.code, 1)
  assert.match(bad.stderr, /UNKNOWN_TOPIC_OR_PARTITION/)
})

test('--from-timestamp starts at the first record at or after the time', async () => {
  await samsa(['produce', 'times'], { bootstrap: b, input: 'old\n' })
  await new Promise((r) => setTimeout(r, 50))
  const mid = Date.now()
  await new Promise((r) => setTimeout(r, 50))
  await samsa(['produce', 'times'], { bootstrap: b, input: 'new\n' })
  let c = await samsa(['consume', 'times', '--from-timestamp', String(mid)], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['new'])
  c = await samsa(['consume', 'times', '--from-timestamp', new Date(mid - 60_000).toISOString()], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['old', 'new'])
})

test('produce and consume to an unknown topic fail clearly', async () => {
  const p = await samsa(['produce', 'missing'], { bootstrap: b, input: 'x\n' })
  assert.equal(p.code, 1)
  assert.match(p.stderr, /unknown topic "missing"/)
  const c = await samsa(['consume', 'missing'], { bootstrap: b })
  assert.equal(c.code, 1)
  assert.match(c.stderr, /unknown topic "missing"/)
})

test('--rate limits records per second', async () => {
  const start = Date.now()
  const p = await samsa(['produce', 'gz', '--rate', '20'], { bootstrap: b, input: Array.from({ length: 10 }, (_, i) => `r${i}`).join('\n') })
  assert.equal(p.code, 0, p.stderr)
  assert.ok(Date.now() - start >= 400, 'ten records at 20/s take about half a second')
})

test('consume usage errors', async () => {
  const r = await samsa(['consume', 'meta', '--from-beginning', '--offset', '3'], { bootstrap: b })
  assert.equal(r.code, 2)
  const g = await samsa(['consume', 'meta', '--group', 'g', '--offset', '3'], { bootstrap: b })
  assert.equal(g.code, 2)
  assert.match(g.stderr, /--group reads from committed offsets/)
})
