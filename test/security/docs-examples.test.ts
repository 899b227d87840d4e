/**
 * docs/security.md cannot rot: its examples run here as written. The openssl block makes the
 * certificates, the `server.properties` block (ports moved to free ones, the JWKS path to the
 * test's) starts `samsa start server.properties`, the broker that fails to start prints what the
 * console block shows, and every kcat command, kafkajs block and kafka-python block connects with
 * the documented settings and produces a record (kafkajs' and kafka-python's snippets build
 * clients; the test has each produce one record to `orders`). `samsa topics list
 * --command-config client.properties` runs with the documented client properties. What the page
 * shows with Kafka's own tools (kafka-configs.sh, kafka-acls.sh) is done here through the same
 * APIs: SCRAM credentials and the ACLs for alice.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import kafkajs from 'kafkajs'
import { freePorts } from '../../src/zookeeper/server-process.js'
import { AclOperation as Op, PatternType, PermissionType, ResourceType as RT } from '../../src/security/acl.js'
import { makeCerts, type CertFiles } from '../support/certs.js'
import { PYTHON, requireTool, sourcePath, tools } from '../support/env.js'
import { run, runOk } from '../support/process.js'
import { eventually } from '../support/cluster.js'
import { bin } from '../cli/helpers.js'
import { connect, leakedSecrets, secret, upsertScram } from './helpers.js'

const DOC = readFileSync(sourcePath('docs/security.md'), 'utf8')

interface Block {
  lang: string
  text: string
}
const BLOCKS: Block[] = [...DOC.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }))
const only = (what: string, found: Block[]): Block => {
  assert.equal(found.length, 1, `one ${what} block in docs/security.md`)
  return found[0]!
}
/** A shell block's commands: continuation lines joined, comments dropped. */
const commands = (text: string): string[] =>
  text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))

const SETUP = only(
  'openssl',
  BLOCKS.filter((b) => b.lang === 'sh' && b.text.includes('openssl req -x509')),
)
const SERVER = only(
  'server.properties',
  BLOCKS.filter((b) => b.lang === 'properties' && b.text.includes('listeners=ADMIN')),
)
const CLIENT = only(
  'client.properties',
  BLOCKS.filter((b) => b.lang === 'properties' && b.text.includes('security.protocol=')),
)
const REFUSED = only(
  'refused start',
  BLOCKS.filter((b) => b.lang === 'console' && b.text.includes('$ samsa start')),
)
const KCAT = BLOCKS.filter((b) => b.lang === 'sh')
  .flatMap((b) => commands(b.text))
  .filter((c) => c.startsWith('kcat '))
const KAFKAJS = BLOCKS.filter((b) => b.lang === 'js')
const PYTHON_BLOCKS = BLOCKS.filter((b) => b.lang === 'python')
const START = BLOCKS.filter((b) => b.lang === 'sh')
  .flatMap((b) => commands(b.text))
  .find((c) => c.startsWith('samsa start '))
const TOPICS = BLOCKS.filter((b) => b.lang === 'sh')
  .flatMap((b) => commands(b.text))
  .find((c) => c.includes('--command-config client.properties') && c.startsWith('samsa topics'))

let dir: string
let certs: CertFiles
let broker: ChildProcess | undefined
let brokerOutput = ''
const ports = new Map<string, string>()
/** The documented text with the documented ports (9092-9095) moved to this run's. */
const localize = (s: string): string => s.replace(/\b909[2-5]\b/g, (p) => ports.get(p)!)

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samsa-docs-security-'))
  certs = await makeCerts()
  const free = await freePorts('127.0.0.1', 4)
  for (const [i, p] of ['9092', '9093', '9094', '9095'].entries()) ports.set(p, String(free[i]))
  await runOk('bash', ['-euo', 'pipefail', '-c', SETUP.text], { cwd: dir })
  const properties = localize(SERVER.text).replace(/file:\/\/\/etc\/samsa\/jwks\.json/, `file://${certs.jwks}`)
  assert.notEqual(properties, SERVER.text, 'the documented JWKS path and ports are replaced')
  writeFileSync(join(dir, 'server.properties'), properties)
  // The documented command, with the console off (it would take port 8080).
  assert.equal(START, 'samsa start server.properties --log.dirs ./data')
  broker = spawn(process.execPath, [bin, ...START.split(' ').slice(1), '--console.enable', 'false'], {
    cwd: dir,
    env: { ...process.env, SAMSA_LOG_LEVEL: 'debug' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  broker.stdout!.on('data', (d: Buffer) => {
    brokerOutput += d.toString()
  })
  broker.stderr!.on('data', (d: Buffer) => {
    brokerOutput += d.toString()
  })
  const admin = await eventually('the documented broker to serve', async () => {
    if (broker!.exitCode !== null) throw new Error(`samsa start exited ${broker!.exitCode}:\n${brokerOutput.slice(-3000)}`)
    try {
      return await connect(`127.0.0.1:${ports.get('9092')}`)
    } catch {
      return false
    }
  })
  try {
    const ct = await admin.request('CreateTopics', { topics: [{ name: 'orders', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 10000 })
    assert.equal(ct.topics[0]!.errorCode, 0)
    // What the page does with kafka-configs.sh and kafka-acls.sh.
    await upsertScram(admin, 'alice', 'alice-secret')
    const acl = (resourceType: number, resourceName: string, operation: number, resourcePatternType: number = PatternType.LITERAL) => ({
      resourceType,
      resourceName,
      resourcePatternType,
      principal: 'User:alice',
      host: '*',
      operation,
      permissionType: PermissionType.ALLOW,
    })
    const made = await admin.request('CreateAcls', {
      creations: [acl(RT.TOPIC, 'orders', Op.READ), acl(RT.TOPIC, 'orders', Op.WRITE), acl(RT.GROUP, 'billing', Op.READ, PatternType.PREFIXED)],
    })
    for (const r of made.results) assert.equal(r.errorCode, 0)
  } finally {
    await admin.close()
  }
})

after(async () => {
  if (broker !== undefined && broker.exitCode === null) {
    const exited = new Promise((resolve) => broker!.once('exit', resolve))
    broker.kill('SIGTERM')
    await exited
  }
  certs?.remove()
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  assert.deepEqual(leakedSecrets(brokerOutput), [], 'the documented broker logged a secret')
})

async function ordersCount(): Promise<number> {
  const admin = await connect(`127.0.0.1:${ports.get('9092')}`)
  try {
    const r = await admin.request('ListOffsets', {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, timestamp: -1n, currentLeaderEpoch: -1 }] }],
    })
    return Number(r.topics[0]!.partitions[0]!.offset)
  } finally {
    await admin.close()
  }
}

test('a listener that cannot be secured stops the broker with the documented message', async () => {
  const [command, ...expected] = REFUSED.text.trim().split('\n')
  const args = localize(command!.replace(/^\$ samsa /, '')).split(' ')
  // In a directory of its own: the documented broker holds ./data here.
  const elsewhere = join(dir, 'refused')
  mkdirSync(elsewhere)
  const r = await run(process.execPath, [bin, ...args], { cwd: elsewhere, env: { ...process.env, HOME: elsewhere, NO_COLOR: '1' }, timeoutMs: 30_000 })
  assert.notEqual(r.code, 0)
  assert.deepEqual(r.stderr.trim().split('\n'), expected, r.stderr)
})

test('the kcat examples', { skip: requireTool(tools.kcat()) }, async () => {
  assert.ok(KCAT.length >= 3, `kcat examples: ${KCAT.length}`)
  const before = await ordersCount()
  for (const command of KCAT) {
    const r = await run('bash', ['-c', localize(command)], { cwd: dir, timeoutMs: 60_000 })
    assert.equal(r.code, 0, `${command}\n${r.stderr}`)
  }
  assert.equal(await ordersCount(), before + KCAT.filter((c) => c.includes(' -P')).length)
})

test('the kafkajs examples', async () => {
  assert.ok(KAFKAJS.length >= 2, `kafkajs blocks: ${KAFKAJS.length}`)
  const made: kafkajs.Kafka[] = []
  class Kafka extends kafkajs.Kafka {
    constructor(config: kafkajs.KafkaConfig) {
      super({ ...config, logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 2 } })
      made.push(this)
    }
  }
  // The snippets read their files relative to where they run: the directory the openssl block filled.
  const fs = { readFileSync: (path: string, encoding?: BufferEncoding) => readFileSync(join(dir, path), encoding) }
  const getToken = async () => secret(await certs.token('alice'))
  for (const block of KAFKAJS) {
    // The documented snippet is the code under test: it runs as written, with the clients it builds recorded.
    const snippet = new Function('Kafka', 'fs', 'getToken', localize(block.text)) as (k: unknown, f: unknown, t: unknown) => void
    snippet(Kafka, fs, getToken)
  }
  assert.ok(made.length >= 4, `clients made by the snippets: ${made.length}`)
  const before = await ordersCount()
  for (const kafka of made) {
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic: 'orders', messages: [{ value: 'kafkajs' }] })
    await producer.disconnect()
  }
  assert.equal(await ordersCount(), before + made.length)
})

test('the kafka-python examples', { skip: requireTool(tools.kafkaPython()) }, async () => {
  assert.ok(PYTHON_BLOCKS.length >= 2, `kafka-python blocks: ${PYTHON_BLOCKS.length}`)
  const before = await ordersCount()
  let produced = 0
  for (const block of PYTHON_BLOCKS) {
    // The snippets construct producers: each one made here also produces a record.
    const script = `import os
from kafka import KafkaProducer as _KafkaProducer
def get_token():
    return os.environ['DOC_TOKEN']
def KafkaProducer(**kw):
    p = _KafkaProducer(request_timeout_ms=15000, api_version_auto_timeout_ms=10000, **kw)
    p.send('orders', b'kafka-python').get(timeout=15)
    p.close()
    print('produced')
${localize(block.text)}
`
    const r = await runOk(PYTHON, ['-c', script], { cwd: dir, env: { ...process.env, DOC_TOKEN: secret(await certs.token('alice')) }, timeoutMs: 120_000 })
    produced += r.stdout
      .toString()
      .split('\n')
      .filter((l) => l === 'produced').length
  }
  assert.ok(produced >= 4, `producers made by the snippets: ${produced}`)
  assert.equal(await ordersCount(), before + produced)
})

test('samsa topics list --command-config client.properties', async () => {
  writeFileSync(join(dir, 'client.properties'), CLIENT.text)
  assert.ok(TOPICS !== undefined, 'the documented samsa command')
  const r = await runOk(process.execPath, [bin, ...localize(TOPICS).split(' ').slice(1)], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    timeoutMs: 30_000,
  })
  assert.match(r.stdout.toString(), /\borders\b/)
})
