import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { lines, plain, samsa, spawnPty, until } from './helpers.js'

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
  assert.match(r.stderr, /unknown option --bogus/)
  r = await samsa(['topics', 'create', 'x', '--partitons', '3'], { bootstrap: b })
  assert.match(r.stderr, /unknown option --partitons; did you mean --partitions\?/)
  assert.match(r.stderr, /see `samsa topics create --help`/)
  // A bad value found while the command runs points at that command's help, not the top level.
  r = await samsa(['consume', 'x', '--max-messages', 'lots'], { bootstrap: b })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /see `samsa consume --help`/)
  r = await samsa(['produce', 'x', '--partition'], { bootstrap: b })
  assert.match(r.stderr, /--partition needs a value/)
  r = await samsa(['topcs'])
  assert.equal(r.code, 2)
  assert.match(r.stderr, /did you mean "topics"/)
})

test('--help on every command, with examples', async () => {
  const r = await samsa(['--help'])
  assert.equal(r.code, 0)
  const commands = [
    'start',
    'topics create',
    'topics list',
    'topics describe',
    'topics alter',
    'topics delete',
    'topics purge',
    'produce',
    'consume',
    'records delete',
    'groups list',
    'groups describe',
    'groups reset-offsets',
    'groups delete',
    'configs describe',
    'configs alter',
    'cluster',
    'perf produce',
    'perf consume',
    'console',
    'completion',
  ]
  for (const c of commands) {
    const h = await samsa([...c.split(' '), '--help'])
    assert.equal(h.code, 0, c)
    assert.match(h.stdout, new RegExp(`Usage: samsa ${c}`), c)
    assert.match(h.stdout, /Examples:/, c)
    if (c !== 'start') assert.match(h.stdout, /-q, --quiet/, `${c} takes -q`)
  }
  const start = await samsa(['start', '--help'])
  assert.doesNotMatch(start.stdout, /--json/, 'start takes no --json')
  assert.match(start.stdout, /--log-level LEVEL/)
  for (const v of [['--version'], ['-v'], ['-V'], ['version']]) {
    const r = await samsa(v)
    assert.equal(r.code, 0)
    assert.match(r.stdout, /^samsa \d+\.\d+\.\d+\n$/)
  }
})

test('topic arguments are names or regular expressions matching whole names, as kafka-topics.sh --topic', async () => {
  for (const t of ['load-1', 'load-2', 'load-10', 'keep']) assert.equal((await samsa(['topics', 'create', t], { bootstrap: b })).code, 0)
  assert.deepEqual(lines((await samsa(['topics', 'list', 'load-.*'], { bootstrap: b })).stdout), ['load-1', 'load-10', 'load-2'])
  assert.deepEqual(lines((await samsa(['topics', 'list', 'load'], { bootstrap: b })).stdout), [], 'whole names only')
  const d = JSON.parse((await samsa(['topics', 'describe', 'load-[12]', '--json'], { bootstrap: b })).stdout)
  assert.deepEqual(
    d.map((t: { name: string }) => t.name),
    ['load-1', 'load-2'],
  )
  let r = await samsa(['topics', 'alter', 'load-1.*', '--config', 'retention.ms=60000'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(lines(r.stdout), ['Altered topic load-1: retention.ms=60000.', 'Altered topic load-10: retention.ms=60000.'])
  r = await samsa(['topics', 'describe', 'load-(', '--json'], { bootstrap: b })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /neither a topic name nor a valid regular expression/)

  // A pattern deletes nothing without a yes: stdin is not a terminal here, so --yes is needed.
  r = await samsa(['topics', 'delete', 'load-.*'], { bootstrap: b })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /Delete 3 topics and their data: load-1, load-10, load-2\? Not asking, as stdin is not a terminal: add --yes/)
  assert.equal(lines((await samsa(['topics', 'list', 'load-.*'], { bootstrap: b })).stdout).length, 3)

  // On a terminal it asks; "n" keeps them, "y" deletes.
  for (const [answer, code, shown] of [
    ['n', 1, /Delete 2 topics and their data: load-1, load-10\? \[y\/N\] n\s+Nothing deleted\./],
    ['y', 0, /Deleted topic load-1\.\s+Deleted topic load-10\./],
  ] as const) {
    const t = spawnPty(['topics', 'delete', 'load-1.*'], { bootstrap: b })
    try {
      await until('the question', () => /\[y\/N\] $/.test(plain(t.output())))
      t.child.stdin!.write(`${answer}\r`)
      assert.equal(await t.exited, code)
      assert.match(plain(t.output()), shown)
    } finally {
      t.child.kill('SIGKILL')
    }
  }
  r = await samsa(['topics', 'delete', 'load-.*', '--yes'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(lines((await samsa(['topics', 'list', 'load-.*|keep'], { bootstrap: b })).stdout), ['keep'])
  // Exact names are deleted without a question, as before.
  assert.equal((await samsa(['topics', 'delete', 'keep'], { bootstrap: b })).code, 0)
})

test('records delete (DeleteRecords) and topics purge', async () => {
  await samsa(['topics', 'create', 'rec', '-p', '2'], { bootstrap: b })
  await samsa(['produce', 'rec', '-p', '0'], { bootstrap: b, input: 'a\nb\nc\nd\n' })
  await samsa(['produce', 'rec', '-p', '1'], { bootstrap: b, input: 'x\ny\n' })
  let r = await samsa(['records', 'delete', 'rec', '--partition', '0', '--offset', '3'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /rec\s+0\s+3/)
  assert.deepEqual(lines((await samsa(['consume', 'rec', '-p', '0', '--from-beginning', '-e'], { bootstrap: b })).stdout), ['d'])
  r = await samsa(['records', 'delete', 'rec', '--offset', '99'], { bootstrap: b })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /OFFSET_OUT_OF_RANGE/)
  r = await samsa(['topics', 'purge', 'rec'], { bootstrap: b })
  assert.equal(r.code, 2, 'asks first')
  r = await samsa(['topics', 'purge', 'rec', '--yes'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Purged topic rec: no records left; its partitions now start at 4, 2\./)
  assert.deepEqual(lines((await samsa(['consume', 'rec', '--from-beginning', '-e'], { bootstrap: b })).stdout), [])
  const d = JSON.parse((await samsa(['topics', 'describe', 'rec', '--json'], { bootstrap: b })).stdout)
  assert.deepEqual(
    d[0].partitions.map((p: { startOffset: number; endOffset: number }) => [p.startOffset, p.endOffset]),
    [
      [4, 4],
      [2, 2],
    ],
  )
})
