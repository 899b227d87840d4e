// Group commands need the broker's group coordinator; they skip while it is not served.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { lines, samsa, spawnSamsa } from './helpers.js'

let broker: EmbeddedBroker
let b: string
before(async () => {
  broker = await startBroker({ port: 0 })
  b = broker.bootstrap
  assert.equal((await samsa(['topics', 'create', 'orders', '-p', '2'], { bootstrap: b })).code, 0)
  const input = Array.from({ length: 10 }, (_, i) => `k${i}:v${i}`).join('\n')
  assert.equal((await samsa(['produce', 'orders', '-k', ':'], { bootstrap: b, input })).code, 0)
})
after(async () => broker.close())

test('consume with a group, see the lag, reset it, consume again', async () => {
  let c = await samsa(['consume', '-e', 'orders', '--group', 'billing', '--from-beginning', '-n', '4'], { bootstrap: b })
  assert.equal(c.code, 0, c.stderr)
  assert.equal(lines(c.stdout).length, 4)

  let d = await samsa(['groups', 'describe', 'billing', '--json'], { bootstrap: b })
  assert.equal(d.code, 0, d.stderr)
  const desc = JSON.parse(d.stdout)
  assert.equal(desc.state, 'Empty')
  assert.equal(desc.totalLag, 6)
  assert.equal(
    desc.partitions.reduce((n: number, p: { committed: number | null }) => n + (p.committed ?? 0), 0),
    4,
  )

  d = await samsa(['groups', 'describe', 'billing'], { bootstrap: b })
  assert.match(d.stdout, /Group: billing\s+State: Empty/)
  assert.match(d.stdout, /TOPIC\s+PARTITION\s+COMMITTED\s+END\s+LAG/)

  const l = await samsa(['groups', 'list', '--json'], { bootstrap: b })
  assert.ok(JSON.parse(l.stdout).some((g: { groupId: string }) => g.groupId === 'billing'))

  c = await samsa(['consume', '-e', 'orders', '--group', 'billing'], { bootstrap: b })
  assert.equal(lines(c.stdout).length, 6, 'resumes at the committed offsets')

  let r = await samsa(['groups', 'reset-offsets', 'billing', '--topic', 'orders', '--to-earliest'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stderr, /Dry run/)
  d = await samsa(['groups', 'describe', 'billing', '--json'], { bootstrap: b })
  assert.equal(JSON.parse(d.stdout).totalLag, 0, 'a dry run changes nothing')

  r = await samsa(['groups', 'reset-offsets', 'billing', '--topic', 'orders', '--to-earliest', '--execute', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.ok(JSON.parse(r.stdout).partitions.every((p: { new: number }) => p.new === 0))
  d = await samsa(['groups', 'describe', 'billing', '--json'], { bootstrap: b })
  assert.equal(JSON.parse(d.stdout).totalLag, 10)

  r = await samsa(['groups', 'reset-offsets', 'billing', '--all-topics', '--shift-by', '3', '--execute'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  c = await samsa(['consume', '-e', 'orders', '--group', 'billing'], { bootstrap: b })
  assert.equal(lines(c.stdout).length, 10 - 6)

  r = await samsa(['groups', 'reset-offsets', 'billing', '--topic', 'orders:0', '--to-offset', '1', '--execute'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)

  const del = await samsa(['groups', 'delete', 'billing'], { bootstrap: b })
  assert.equal(del.code, 0, del.stderr)
  const gone = await samsa(['groups', 'describe', 'billing'], { bootstrap: b })
  assert.equal(gone.code, 1)
  assert.match(gone.stderr, /GROUP_ID_NOT_FOUND/)
})

test('reset --execute is refused while the group has members; SIGINT commits and leaves', async () => {
  const child = spawnSamsa(['consume', 'orders', '--group', 'live', '--from-beginning', '--follow'], b)
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  const deadline = Date.now() + 15_000
  while (lines(out).length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  assert.equal(lines(out).length, 10)

  const d = await samsa(['groups', 'describe', 'live', '--json'], { bootstrap: b })
  assert.equal(JSON.parse(d.stdout).members.length, 1)
  const r = await samsa(['groups', 'reset-offsets', 'live', '--topic', 'orders', '--to-earliest', '--execute'], { bootstrap: b })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /stop its consumers/)

  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  child.kill('SIGINT')
  assert.equal(await exited, 0)
  const after = await samsa(['groups', 'describe', 'live', '--json'], { bootstrap: b })
  const desc = JSON.parse(after.stdout)
  assert.equal(desc.members.length, 0, 'left the group')
  assert.equal(desc.totalLag, 0, 'committed everything it printed')
})

test('negative values: --shift-by -2 and --to-datetime -1h are values, not options', async () => {
  assert.equal((await samsa(['consume', '-e', 'orders', '--group', 'neg', '--from-beginning'], { bootstrap: b })).code, 0)
  let r = await samsa(['groups', 'reset-offsets', 'neg', '--topic', 'orders', '--shift-by', '-2', '--execute', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  const plan = JSON.parse(r.stdout).partitions as Array<{ current: number; new: number }>
  assert.ok(
    plan.every((p) => p.new === Math.max(0, p.current - 2)),
    r.stdout,
  )
  r = await samsa(['groups', 'reset-offsets', 'neg', '--topic', 'orders:1', '--to-datetime', '-1h', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.deepEqual(
    JSON.parse(r.stdout).partitions.map((p: { partition: number; new: number }) => [p.partition, p.new]),
    [[1, 0]],
  )
  r = await samsa(['groups', 'reset-offsets', 'neg', '--all-topics', '--shift-by=-1'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['groups', 'reset-offsets', 'neg', '--all-topics', '--to-datetime', '-1x'], { bootstrap: b })
  assert.equal(r.code, 2)
  assert.match(r.stderr, /or a time ago such as -1h/)
})
