import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { lines, samsa } from './helpers.js'

let broker: EmbeddedBroker
let b: string
before(async () => {
  broker = await startBroker({ port: 0 })
  b = broker.bootstrap
})
after(async () => broker.close())

test('create, list, describe, alter, delete', async () => {
  let r = await samsa(['topics', 'create', 'orders', '--partitions', '3'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Created topic orders \(3 partitions, replication factor 1\)/)

  r = await samsa(['topics', 'list'], { bootstrap: b })
  assert.deepEqual(lines(r.stdout), ['orders'])

  r = await samsa(['topics', 'describe', 'orders'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Topic: orders .*Partitions: 3/)
  assert.match(r.stdout, /PARTITION\s+LEADER\s+REPLICAS\s+ISR\s+START\s+END/)
  assert.equal(lines(r.stdout).filter((l) => /^\s+\d\s+1\s+1\s+1\s+0\s+0/.test(l)).length, 3)

  r = await samsa(['topics', 'alter', 'orders', '--partitions', '5'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['topics', 'describe', 'orders', '--json'], { bootstrap: b })
  const [desc] = JSON.parse(r.stdout)
  assert.equal(desc.name, 'orders')
  assert.equal(desc.partitions.length, 5)
  assert.deepEqual(Object.keys(desc.partitions[0]).sort(), ['endOffset', 'isr', 'leader', 'leaderEpoch', 'offline', 'partition', 'replicas', 'startOffset'])

  r = await samsa(['topics', 'delete', 'orders'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['topics', 'list', '--json'], { bootstrap: b })
  assert.deepEqual(JSON.parse(r.stdout), [])
})

test('create with configs and --if-not-exists; --json', async () => {
  let r = await samsa(['topics', 'create', 'cfg', '-p', '1', '--config', 'retention.ms=3600000', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  const created = JSON.parse(r.stdout)
  assert.equal(created.name, 'cfg')
  assert.equal(created.created, true)
  r = await samsa(['topics', 'create', 'cfg'], { bootstrap: b })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /topic "cfg" already exists \(TOPIC_ALREADY_EXISTS\)/)
  assert.match(r.stderr, /--if-not-exists/)
  r = await samsa(['topics', 'create', 'cfg', '--if-not-exists', '--json'], { bootstrap: b })
  assert.equal(r.code, 0)
  assert.equal(JSON.parse(r.stdout).created, false)
})

test('unknown topic: a Kafka error name and exit 1, no stack trace', async () => {
  const r = await samsa(['topics', 'describe', 'nope'], { bootstrap: b })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /unknown topic "nope" \(UNKNOWN_TOPIC_OR_PARTITION\)/)
  assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/)
  const j = await samsa(['topics', 'delete', 'nope', '--json'], { bootstrap: b })
  assert.equal(j.code, 1)
  assert.equal(JSON.parse(j.stderr).error.kafkaError, 'UNKNOWN_TOPIC_OR_PARTITION')
  const ok = await samsa(['topics', 'delete', 'nope', '--if-exists'], { bootstrap: b })
  assert.equal(ok.code, 0)
})

test('no broker at the address: exit 1 naming it', async () => {
  const closed = await startBroker({ port: 0 })
  const addr = closed.bootstrap
  await closed.close()
  const r = await samsa(['topics', 'list', '--bootstrap-server', addr])
  assert.equal(r.code, 1)
  assert.match(r.stderr, new RegExp(`no broker reachable at ${addr.replace('.', '\\.')}`))
  assert.match(r.stderr, /samsa start/)
  const j = await samsa(['topics', 'list', '--json'], { bootstrap: addr })
  assert.equal(JSON.parse(j.stderr).error.code, 'SAMSA_CLIENT_CONNECT')
})

test('usage errors exit 2 and point at --help', async () => {
  let r = await samsa(['topics', 'create'], { bootstrap: b })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /missing TOPIC/)
  assert.match(r.stderr, /samsa topics create --help/)
  r = await samsa(['topics', 'create', 'x', '--partitions', 'many'], { bootstrap: b })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /--partitions must be a whole number/)
  r = await samsa(['topics', 'create', 'x', '--bogus'], { bootstrap: b })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /Unknown option '--bogus'/)
  r = await samsa(['topcs'])
  assert.equal(r.code, 2)
  assert.match(r.stderr, /did you mean "topics"/)
})

test('--help on every command, with examples', async () => {
  const r = await samsa(['--help'])
  assert.equal(r.code, 0)
  const commands = ['start', 'topics create', 'topics list', 'topics describe', 'topics alter', 'topics delete', 'produce', 'consume',
    'groups list', 'groups describe', 'groups reset-offsets', 'groups delete', 'configs describe', 'configs alter', 'cluster',
    'perf produce', 'perf consume', 'completion']
  for (const c of commands) {
    const h = await samsa([...c.split(' '), '--help'])
    assert.equal(h.code, 0, c)
    assert.match(h.stdout, new RegExp(`Usage: samsa ${c}`), c)
    assert.match(h.stdout, /Examples:/, c)
  }
})
