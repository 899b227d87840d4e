// Partitions under a small open-file limit (ulimit -n 400, set for a broker in its own
// process): segment files are opened only while used and index files hold no descriptor, so a
// partition at rest costs none; new partitions beyond what the limit leaves room for are
// refused with POLICY_VIOLATION (what Kafka's controller answers when an operation would pass
// a bound it keeps) before anything is created, not met half way as EMFILE. The broker keeps
// accepting clients, shuts down cleanly and starts again under the same limit.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, test } from 'node:test'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { ErrorCode } from '../../src/protocol/generated/error-codes.js'
import { CLEAN_SHUTDOWN_FILE } from '../../src/storage/log-manager.js'
import { TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'

const CHILD = fileURLToPath(new URL('../crash/broker-child.js', import.meta.url))
const LIMIT = 400
/** descriptorBudget(400): 200 kept for connections and transient files, 200 for partition logs. */
const MAX_PARTITIONS = 200
const dataDir = mkdtempSync(join(tmpdir(), 'samsa-fdlimit-'))
let child: ChildProcess | undefined
after(() => {
  child?.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

function startLimited(): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // `ulimit -n` sets the soft and hard limit, so Node cannot raise it again.
    const proc = spawn('sh', ['-c', `ulimit -n ${LIMIT} && exec "$0" "$@"`, process.execPath, CHILD, dataDir, '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`broker did not start in 60 s: ${err}`)), 60_000)
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) {
        clearTimeout(timer)
        resolve({ proc, port: (JSON.parse(out.split('\n')[0]!) as { port: number }).port })
      }
    })
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
    })
    proc.on('exit', (code) => {
      clearTimeout(timer)
      if (!out.includes('\n')) reject(new Error(`broker exited ${code} before listening: ${err}`))
    })
  })
}

const openFds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length
const partitionDirs = () => readdirSync(dataDir).filter((n) => /^t\d+-\d+$/.test(n))

test('partitions up to the limit work, beyond it are refused with POLICY_VIOLATION, and restart works', { timeout: 170_000 }, async () => {
  let { proc, port } = await startLimited()
  let client = await TestClient.connect(`127.0.0.1:${port}`)
  const created: string[] = []
  let refused: { errorCode: number; errorMessage: string } | undefined
  for (let i = 0; i < 10 && refused === undefined; i++) {
    const res = await client.conn.request(ApiKey.CreateTopics, 7, {
      topics: [{ name: `t${i}`, numPartitions: 40, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 10_000,
      validateOnly: false,
    })
    const t = res.topics[0]
    if (t.errorCode === 0) created.push(`t${i}`)
    else refused = t
  }
  assert.equal(created.length * 40, MAX_PARTITIONS)
  assert.equal(refused?.errorCode, ErrorCode.POLICY_VIOLATION)
  assert.match(refused!.errorMessage, /at most 200 partitions/)
  assert.equal(partitionDirs().length, MAX_PARTITIONS, 'nothing of the refused topic on disk')

  // Every partition takes a record (each opens its segment), and new clients still connect.
  for (const topic of created) {
    const res = await client.conn.request(ApiKey.Produce, 7, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 10_000,
      topicData: [
        {
          name: topic,
          partitionData: Array.from({ length: 40 }, (_, p) => ({ index: p, records: encodeBatch([{ key: null, value: Buffer.from(`${topic}/${p}`) }]) })),
        },
      ],
    })
    assert.deepEqual(
      res.responses[0].partitionResponses.map((r: { errorCode: number }) => r.errorCode),
      new Array(40).fill(0),
    )
  }
  assert.ok(openFds(proc.pid!) < LIMIT, `${openFds(proc.pid!)} descriptors open`)
  const other = await TestClient.connect(`127.0.0.1:${port}`)
  assert.equal((await other.metadata(null)).topics.length, created.length)
  other.close()
  client.close()

  // A clean shutdown (every log closed, a few at a time), then a start under the same limit.
  proc.kill('SIGTERM')
  const code = await new Promise((r) => proc.once('exit', r))
  assert.equal(code, 0)
  assert.ok(existsSync(join(dataDir, CLEAN_SHUTDOWN_FILE)), 'closed cleanly: the next start needs no recovery')
  ;({ proc, port } = await startLimited())
  assert.ok(openFds(proc.pid!) < 100, `${openFds(proc.pid!)} descriptors open at rest after the start`)
  client = await TestClient.connect(`127.0.0.1:${port}`)
  for (const [topic, p] of [
    ['t0', 0],
    [created.at(-1)!, 39],
  ] as const) {
    const { records } = await client.fetchAll(topic, p)
    assert.deepEqual(
      records.map((r) => r.value?.toString()),
      [`${topic}/${p}`],
    )
  }
  client.close()
  proc.kill('SIGKILL')
})
