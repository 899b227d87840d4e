import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { lines, samsa } from './helpers.js'
import { createLogger } from '../../src/logger.js'
import { RawConnection } from '../support/raw-client.js'

let broker: EmbeddedBroker
let b: string
before(async () => {
  broker = await startBroker({ port: 0 })
  b = broker.bootstrap
  for (const [t, p] of [
    ['text', 3],
    ['bin', 1],
    ['bin64', 1],
    ['meta', 2],
    ['gz', 1],
    ['times', 1],
  ] as const) {
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
  const c = await samsa(['consume', '-e', 'text', '--from-beginning', '--print-key', '--key-separator', ':'], { bootstrap: b })
  assert.equal(c.code, 0, c.stderr)
  assert.deepEqual(lines(c.stdout).sort(), ['u1:one', 'u1:three', 'u2:two', 'u3:four'])
  assert.match(c.stderr, /Consumed 4 records/)
})

test('binary-safe round trip with hex', async () => {
  const values = [randomBytes(64), Buffer.from([0, 10, 13, 255, 0]), Buffer.alloc(0), randomBytes(3000)]
  const p = await samsa(['produce', 'bin', '--input-format', 'hex'], { bootstrap: b, input: values.map((v) => v.toString('hex')).join('\n') + '\n' })
  assert.equal(p.code, 0, p.stderr)
  const c = await samsa(['consume', '-e', 'bin', '--from-beginning', '--format', 'hex'], { bootstrap: b })
  assert.equal(c.code, 0, c.stderr)
  const got = c.stdout
    .split('\n')
    .slice(0, values.length)
    .map((h) => Buffer.from(h, 'hex'))
  assert.equal(got.length, values.length)
  for (let i = 0; i < values.length; i++) assert.ok(got[i]!.equals(values[i]!), `record ${i}`)
})

test('binary-safe round trip with base64, keys included, and gzip', async () => {
  const recs = Array.from({ length: 20 }, (_, i) => ({ key: randomBytes(8), value: randomBytes(100 + i) }))
  const input = recs.map((r) => `${r.key.toString('base64')} ${r.value.toString('base64')}`).join('\n')
  const p = await samsa(['produce', 'bin64', '--input-format', 'base64', '--key-separator', ' ', '--compression', 'gzip'], { bootstrap: b, input })
  assert.equal(p.code, 0, p.stderr)
  const c = await samsa(['consume', '-e', 'bin64', '--from-beginning', '--format', 'base64', '--print-key', '--key-separator', ' '], { bootstrap: b })
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
    const c = await samsa(['consume', '-e', topic, '--from-beginning'], { bootstrap: b })
    assert.equal(c.code, 0, c.stderr)
    assert.deepEqual(lines(c.stdout), ['one', 'two', 'three'], codec)
  }
})

test('headers, explicit partition, json output, --max-messages, --offset', async () => {
  const p = await samsa(['produce', 'meta', '-p', '1', '-H', 'source=test', '-H', 'n=1'], { bootstrap: b, input: 'a\nb\nc\nd\n' })
  assert.equal(p.code, 0, p.stderr)
  let c = await samsa(['consume', '-e', 'meta', '--from-beginning', '--format', 'json'], { bootstrap: b })
  const recs = lines(c.stdout).map((l) => JSON.parse(l))
  assert.deepEqual(
    recs.map((r) => r.value),
    ['a', 'b', 'c', 'd'],
  )
  assert.deepEqual(
    recs.map((r) => r.offset),
    [0, 1, 2, 3],
  )
  assert.ok(recs.every((r) => r.partition === 1 && r.topic === 'meta' && r.key === null && typeof r.timestamp === 'number'))
  assert.deepEqual(recs[0].headers, { source: 'test', n: '1' })
  c = await samsa(['consume', '-e', 'meta', '--from-beginning', '-n', '2'], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['a', 'b'])
  c = await samsa(['consume', '-e', 'meta', '-p', '1', '--offset', '2'], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['c', 'd'])
  c = await samsa(['consume', '-e', 'meta'], { bootstrap: b })
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
  let c = await samsa(['consume', '-e', 'times', '--from-timestamp', String(mid)], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['new'])
  c = await samsa(['consume', '-e', 'times', '--from-timestamp', new Date(mid - 60_000).toISOString()], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['old', 'new'])
})

test("produce creates a missing topic when the broker would (auto.create.topics.enable), as Kafka's producer asks it to", async () => {
  const p = await samsa(['produce', 'fresh'], { bootstrap: b, input: 'x\n' })
  assert.equal(p.code, 0, p.stderr)
  assert.match(p.stderr, /Topic fresh did not exist; the broker created it \(1 partition/)
  assert.match(p.stderr, /Produced 1 record to fresh\./)
  const c = await samsa(['consume', '-e', 'missing'], { bootstrap: b })
  assert.equal(c.code, 1)
  assert.match(c.stderr, /unknown topic "missing"/)

  const strict = await startBroker({ port: 0, config: { 'auto.create.topics.enable': false } })
  try {
    const r = await samsa(['produce', 'missing'], { bootstrap: strict.bootstrap, input: 'x\n' })
    assert.equal(r.code, 1)
    assert.match(r.stderr, /did not create topic missing \(its auto.create.topics.enable is false\)/)
    assert.match(r.stderr, /unknown topic "missing"/)
  } finally {
    await strict.close()
  }
})

test("a bad line stops the input with a summary of what was written; --ignore-error goes on as Kafka's LineMessageReader", async () => {
  await samsa(['topics', 'create', 'lines'], { bootstrap: b })
  let p = await samsa(['produce', 'lines', '-k', ':'], { bootstrap: b, input: 'a:1\nb:2\nno separator\nc:3\n' })
  assert.equal(p.code, 2)
  assert.match(p.stderr, /Produced 2 records to lines \(lines 1-2\) before it stopped/)
  assert.match(p.stderr, /line 3 has no key separator ":"/)
  p = await samsa(['produce', 'lines', '-k', ':', '--ignore-error', '--input-format', 'hex'], { bootstrap: b, input: '6b:76\nzz:76\n7676\n' })
  assert.equal(p.code, 0, p.stderr)
  assert.match(p.stderr, /skipped line 2: the key on line 2 is not valid hex/)
  assert.match(p.stderr, /Produced 2 records to lines; skipped 1 bad line\./)
  const c = await samsa(['consume', '-e', 'lines', '--from-beginning', '-f', '%k=%s\\n'], { bootstrap: b })
  assert.deepEqual(lines(c.stdout), ['a=1', 'b=2', 'k=v', 'null=vv'])
})

test('tombstones: --null-marker sends null keys and values, consumed as null', async () => {
  await samsa(['topics', 'create', 'tomb', '--config', 'cleanup.policy=compact'], { bootstrap: b })
  const p = await samsa(['produce', 'tomb', '-k', ':', '--null-marker', 'NULL'], { bootstrap: b, input: 'k1:v1\nk1:NULL\n' })
  assert.equal(p.code, 0, p.stderr)
  const c = await samsa(['consume', '-e', 'tomb', '--from-beginning', '--format', 'json'], { bootstrap: b })
  const recs = lines(c.stdout).map((l) => JSON.parse(l))
  assert.deepEqual(
    recs.map((r) => [r.key, r.value]),
    [
      ['k1', 'v1'],
      ['k1', null],
    ],
  )
})

test("start offsets: earliest, latest, an offset, -N from the end (kcat's -o); kcat-style -f format strings", async () => {
  await samsa(['topics', 'create', 'offs', '-p', '2'], { bootstrap: b })
  await samsa(['produce', 'offs', '-p', '0'], { bootstrap: b, input: 'a\nb\nc\nd\n' })
  await samsa(['produce', 'offs', '-p', '1'], { bootstrap: b, input: 'x\ny\n' })
  const run = async (...args: string[]): Promise<string[]> => lines((await samsa(['consume', '-e', 'offs', ...args], { bootstrap: b })).stdout).sort()
  assert.deepEqual(await run('-o', 'earliest'), ['a', 'b', 'c', 'd', 'x', 'y'])
  assert.deepEqual(await run('-o', 'latest'), [])
  assert.deepEqual(await run('-o', '-1'), ['d', 'y'])
  assert.deepEqual(await run('--offset', '-3'), ['b', 'c', 'd', 'x', 'y'])
  assert.deepEqual(await run('-p', '0', '-o', '2'), ['c', 'd'])
  assert.deepEqual(await run('-p', '1', '--offset=-1'), ['y'])
  const f = await samsa(['consume', '-e', 'offs', '-p', '0', '-o', '3', '-f', '%t/%p@%o %k %s %S%%\\t%T\\n'], { bootstrap: b })
  assert.match(f.stdout, /^offs\/0@3 null d 1%\t\d{13}\n$/)
  const bad = await samsa(['consume', '-e', 'offs', '-f', '%q'], { bootstrap: b })
  assert.equal(bad.code, 2)
  assert.match(bad.stderr, /unknown token %q/)
})

test('binary data: --encoding base64/hex in JSON and text; text output says when it altered bytes', async () => {
  await samsa(['topics', 'create', 'raw'], { bootstrap: b })
  const bytes = Buffer.from([0xff, 0x00, 0x41, 0xc3])
  await samsa(['produce', 'raw', '--input-format', 'hex', '-k', ':'], { bootstrap: b, input: `6b:${bytes.toString('hex')}\n` })
  const j = await samsa(['consume', '-e', 'raw', '--from-beginning', '--format', 'json', '--encoding', 'base64'], { bootstrap: b })
  const rec = JSON.parse(j.stdout)
  assert.equal(rec.encoding, 'base64')
  assert.ok(Buffer.from(rec.value, 'base64').equals(bytes))
  assert.equal(Buffer.from(rec.key, 'base64').toString(), 'k')
  const h = await samsa(['consume', '-e', 'raw', '--from-beginning', '--encoding', 'hex', '-K'], { bootstrap: b })
  assert.equal(h.stdout, `6b\t${bytes.toString('hex')}\n`)
  const t = await samsa(['consume', '-e', 'raw', '--from-beginning'], { bootstrap: b })
  assert.ok(t.raw.includes(Buffer.from('\ufffd')), 'shown with U+FFFD')
  assert.match(t.stderr, /raw-0@0 is not UTF-8 text; such bytes are shown as U\+FFFD \(--encoding base64 or hex shows them exactly\)/)
  assert.match(t.stderr, /Consumed 1 record \(1 with bytes that are not UTF-8, shown as U\+FFFD\)/)
})

test('MESSAGE_TOO_LARGE says which limit and how to raise it', async () => {
  await samsa(['topics', 'create', 'big'], { bootstrap: b })
  const value = 'v'.repeat(2_000_000) + '\n'
  let r = await samsa(['produce', 'big'], { bootstrap: b, input: value })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /MESSAGE_TOO_LARGE .*more than max\.request\.size \(1048576\)/)
  assert.match(r.stderr, /--max-request-size/)
  r = await samsa(['produce', 'big', '--max-request-size', '3000000'], { bootstrap: b, input: value })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /batch of \d+ bytes exceeds max\.message\.bytes 1048588/)
  assert.match(r.stderr, /samsa topics alter big --config max\.message\.bytes=BYTES/)
  assert.match(r.stderr, /socket\.request\.max\.bytes/)
  await samsa(['topics', 'alter', 'big', '--config', 'max.message.bytes=3000000'], { bootstrap: b })
  r = await samsa(['produce', 'big', '--max-request-size', '3000000'], { bootstrap: b, input: value })
  assert.equal(r.code, 0, r.stderr)
})

test("a request over socket.request.max.bytes: the broker's log says which limit and how to raise it", async () => {
  const lines: string[] = []
  const small = await startBroker({
    port: 0,
    config: { 'socket.request.max.bytes': 2 * 1024 * 1024 },
    logger: createLogger({ level: 'warn', destination: { write: (l: string) => void lines.push(l) }, env: {} }),
  })
  const c = await RawConnection.connect(small.port)
  try {
    const header = Buffer.alloc(4)
    header.writeInt32BE(3 * 1024 * 1024)
    c.writeRaw(header)
    assert.equal(await c.waitClosed(5000), true)
    assert.match(lines.join(''), /request of 3145728 bytes is over socket\.request\.max\.bytes \(2097152\); raise that broker config to accept it/)
  } finally {
    c.close()
    await small.close()
  }
})

test('--rate limits records per second', async () => {
  const start = Date.now()
  const p = await samsa(['produce', 'gz', '--rate', '20'], { bootstrap: b, input: Array.from({ length: 10 }, (_, i) => `r${i}`).join('\n') })
  assert.equal(p.code, 0, p.stderr)
  assert.ok(Date.now() - start >= 400, 'ten records at 20/s take about half a second')
})

test('consume usage errors', async () => {
  const r = await samsa(['consume', '-e', 'meta', '--from-beginning', '--offset', '3'], { bootstrap: b })
  assert.equal(r.code, 2)
  const g = await samsa(['consume', '-e', 'meta', '--group', 'g', '--offset', '3'], { bootstrap: b })
  assert.equal(g.code, 2)
  assert.match(g.stderr, /--group reads from committed offsets/)
})
