import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { lines, samsa } from './helpers.js'

let broker: EmbeddedBroker
let b: string
before(async () => {
  broker = await startBroker({ port: 0 })
  b = broker.bootstrap
  assert.equal((await samsa(['topics', 'create', 'cfg', '-p', '1'], { bootstrap: b })).code, 0)
  assert.equal((await samsa(['topics', 'create', 'bench', '-p', '2'], { bootstrap: b })).code, 0)
})
after(async () => broker.close())

test('configs describe and alter a topic', async () => {
  let r = await samsa(
    ['configs', 'alter', '--entity-type', 'topics', '--entity-name', 'cfg', '--add-config', 'retention.ms=86400000,cleanup.policy=[compact,delete]'],
    { bootstrap: b },
  )
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['configs', 'describe', '--entity-type', 'topics', '--entity-name', 'cfg'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /retention\.ms\s+86400000\s+DYNAMIC_TOPIC_CONFIG/)
  assert.match(r.stdout, /cleanup\.policy\s+compact,delete/)
  r = await samsa(['configs', 'alter', '--topic', 'cfg', '--delete-config', 'retention.ms'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['configs', 'describe', '--topic', 'cfg', '--json', '--all'], { bootstrap: b })
  const entry = JSON.parse(r.stdout).configs.find((c: { name: string }) => c.name === 'retention.ms')
  assert.equal(entry.isDefault, true)
  r = await samsa(['configs', 'describe', '--entity-type', 'brokers', '--entity-name', '1', '--all', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.ok(JSON.parse(r.stdout).configs.length > 10)
  r = await samsa(['configs', 'describe', '--topic', 'nope'], { bootstrap: b })
  assert.equal(r.code, 1)
  r = await samsa(['configs', 'describe'], { bootstrap: b })
  assert.equal(r.code, 2)
})

test('configs of a consumer group and the broker default (KIP-848 GROUP resources, kafka-configs.sh --entity-default)', async () => {
  let r = await samsa(['configs', 'alter', '--group', 'cli-app', '--add-config', 'consumer.session.timeout.ms=50000'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Altered configs of group cli-app: consumer\.session\.timeout\.ms=50000/)
  r = await samsa(['configs', 'describe', '--entity-type', 'groups', '--entity-name', 'cli-app'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /consumer\.session\.timeout\.ms\s+50000\s+GROUP_CONFIG/)
  assert.doesNotMatch(r.stdout, /consumer\.heartbeat\.interval\.ms/)
  r = await samsa(['configs', 'alter', '--group', 'cli-app', '--add-config', 'consumer.session.timeout.ms=1'], { bootstrap: b })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /group\.consumer\.min\.session\.timeout\.ms/)
  r = await samsa(['configs', 'alter', '--entity-type', 'brokers', '--entity-default', '--add-config', 'log.cleaner.backoff.ms=20000'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Altered configs of the broker default/)
  r = await samsa(['configs', 'describe', '--broker', '1'], { bootstrap: b })
  assert.match(r.stdout, /log\.cleaner\.backoff\.ms\s+20000\s+DYNAMIC_DEFAULT_BROKER_CONFIG/)
  r = await samsa(['configs', 'alter', '--entity-type', 'brokers', '--entity-default', '--delete-config', 'log.cleaner.backoff.ms'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  r = await samsa(['configs', 'describe', '--entity-type', 'topics', '--entity-default'], { bootstrap: b })
  assert.equal(r.code, 2)
})

test('cluster: id, controller, brokers and API versions', async () => {
  let r = await samsa(['cluster'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /Cluster id: \S+/)
  assert.match(r.stdout, /Controller: 1/)
  assert.match(r.stdout, /BROKER\s+HOST\s+PORT\s+RACK\s+CONTROLLER\s+LEADER OF\s+REPLICAS/)
  assert.match(r.stdout, /ApiVersions\s+0\s+4/)
  r = await samsa(['cluster', '--json'], { bootstrap: b })
  const c = JSON.parse(r.stdout)
  assert.equal(c.brokers.length, 1)
  assert.equal(c.brokers[0].port, broker.port)
  assert.equal(c.brokers[0].controller, true)
  assert.equal(typeof c.brokers[0].leaderOf, 'number')
  assert.ok(c.apiVersions.some((a: { name: string }) => a.name === 'Produce'))
})

test('perf produce and consume report throughput and latency percentiles', async () => {
  let r = await samsa(['perf', 'produce', 'bench', '--num-records', '2000', '--record-size', '50', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  const p = JSON.parse(r.stdout)
  assert.equal(p.records, 2000)
  assert.equal(p.bytes, 100_000)
  assert.ok(p.recordsPerSec > 0 && p.mibPerSec > 0)
  assert.match(p.client, /samsa Node\.js client/)
  for (const k of ['p50', 'p99', 'p999']) assert.equal(typeof p.latencyMs[k], 'number')
  r = await samsa(['perf', 'produce', 'bench', '-n', '500', '--compression', 'gzip', '--acks', '1', '--progress'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /500 records \(.* KiB\) .* records\/s, .* MiB\/s/)
  assert.match(r.stdout, /p50 .* p99 .* p99\.9/)
  assert.match(r.stderr, /\[#+/, 'progress bar on stderr')
  r = await samsa(['perf', 'consume', 'bench', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout).records, 2500)
})

test('perf consume -n reads exactly n and a group commits only those; without a terminal a line every 5 s', async () => {
  let r = await samsa(['perf', 'consume', 'bench', '-n', '100', '-g', 'perf-group', '--json'], { bootstrap: b })
  assert.equal(r.code, 0, r.stderr)
  assert.equal(JSON.parse(r.stdout).records, 100)
  const d = JSON.parse((await samsa(['groups', 'describe', 'perf-group', '--json'], { bootstrap: b })).stdout)
  assert.equal(
    d.partitions.reduce((n: number, p: { committed: number | null }) => n + (p.committed ?? 0), 0),
    100,
  )
  // Kafka's perf tools print a line every 5 s; so does this one when stderr is not a terminal.
  r = await samsa(['perf', 'produce', 'bench', '-n', '12000', '--throughput', '2000'], { bootstrap: b, timeoutMs: 60_000 })
  assert.equal(r.code, 0, r.stderr)
  const periodic = r.stderr
    .split('\n')
    .filter((l) => /^[\d,]+ records, [\d,]+ records\/s \([\d.]+ MiB\/s\), [\d.]+ ms avg latency, [\d.]+ ms max latency$/.test(l))
  assert.ok(periodic.length >= 1, r.stderr)
})

test('completion scripts for bash and zsh', async () => {
  const bash = await samsa(['completion', 'bash'])
  assert.equal(bash.code, 0)
  assert.match(bash.stdout, /complete -o default -F _samsa_complete samsa/)
  assert.match(bash.stdout, /"topics create"\)/)
  assert.match(bash.stdout, /--bootstrap-server/)
  const zsh = await samsa(['completion', 'zsh'])
  assert.match(zsh.stdout, /bashcompinit/)
  const fish = await samsa(['completion', 'fish'])
  assert.equal(fish.code, 2)
  assert.ok(lines(bash.stdout).length > 20)
})
