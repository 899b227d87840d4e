/**
 * kill -9 durability: a broker in a child process takes acks=1 produce traffic from several
 * connections with requests in flight; it is killed with SIGKILL at seeded random moments,
 * several times, and restarted on the same data directory and port. Every acknowledged record
 * must then be readable at its acknowledged offset with its content, offsets must be contiguous
 * (no holes), and no record may be stored twice. Small segments and a dense index make the kills
 * land around segment rolls and index writes too.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, test } from 'node:test'
import { prng } from '../support/dataset.js'
import { TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'

const CHILD = fileURLToPath(new URL('./broker-child.js', import.meta.url))
const CONFIG = { 'log.segment.bytes': 16384, 'log.index.interval.bytes': 128, 'num.partitions': 2 }
const TOPIC = 'crash'
const PARTITIONS = 2
const ROUNDS = 6
const PRODUCERS = 3

interface Acked {
  partition: number
  offset: number
  id: string
  value: Buffer
}

const dataDir = mkdtempSync(join(tmpdir(), 'samsa-crash-'))
let child: ChildProcess | undefined

after(() => {
  child?.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

function startChild(port: number): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CHILD, dataDir, String(port), JSON.stringify(CONFIG)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`broker child did not start in 20 s: ${err}`)), 20_000)
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n')[0]!
      if (out.includes('\n')) {
        clearTimeout(timer)
        resolve({ proc, port: (JSON.parse(line) as { port: number }).port })
      }
    })
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
    })
    proc.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (!out.includes('\n')) reject(new Error(`broker child exited (${code ?? signal}) before listening: ${err}`))
    })
  })
}

function killChild(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve()
    proc.once('exit', () => resolve())
    proc.kill('SIGKILL')
  })
}

function payload(id: string, rnd: () => number): Buffer {
  // Sizes from a few bytes to a few KB so segments roll at varying points.
  return Buffer.concat([Buffer.from(id + ':'), Buffer.alloc(Math.floor(rnd() * 3000), id)])
}

/**
 * One producer connection: sends batches of 1-5 records with acks=1, two requests in flight,
 * until the connection dies. Acked records are recorded; records of unanswered requests are
 * "maybe stored".
 */
async function produceUntilDeath(bootstrap: string, name: string, rnd: () => number, acked: Acked[], maybe: Set<string>): Promise<void> {
  let client: TestClient
  try {
    client = await TestClient.connect(bootstrap)
  } catch {
    return
  }
  let seq = 0
  const one = async (): Promise<boolean> => {
    const partition = Math.floor(rnd() * PARTITIONS)
    const n = 1 + Math.floor(rnd() * 5)
    const recs = Array.from({ length: n }, () => {
      const id = `${name}-${seq++}`
      return { id, value: payload(id, rnd) }
    })
    for (const r of recs) maybe.add(r.id)
    try {
      const res = await client.produce(TOPIC, partition, encodeBatch(recs.map((r) => ({ key: Buffer.from(r.id), value: r.value }))), 1)
      if (res.errorCode !== 0) return false
      for (const [i, r] of recs.entries()) {
        maybe.delete(r.id)
        acked.push({ partition, offset: Number(res.baseOffset) + i, id: r.id, value: r.value })
      }
      return true
    } catch {
      return false
    }
  }
  // Two in flight on the one connection: the broker answers in order.
  const lane = async (): Promise<void> => {
    while (!client.conn.closed && (await one())) {
      /* until the broker dies */
    }
  }
  await Promise.all([lane(), lane()])
  client.close()
}

test('kill -9 mid-stream loses no acknowledged record and leaves no holes or duplicates', { timeout: 170_000 }, async (t) => {
  const rnd = prng(0xdead)
  let started = await startChild(0)
  child = started.proc
  const port = started.port
  const bootstrap = `127.0.0.1:${port}`
  const admin = await TestClient.connect(bootstrap)
  await admin.createTopic(TOPIC, PARTITIONS)
  admin.close()

  const acked: Acked[] = []
  const maybe = new Set<string>()
  for (let round = 0; round < ROUNDS; round++) {
    const producers = Array.from({ length: PRODUCERS }, (_, p) => produceUntilDeath(bootstrap, `r${round}p${p}`, prng(round * 100 + p), acked, maybe))
    const delay = 100 + Math.floor(rnd() * 700)
    await new Promise((r) => setTimeout(r, delay))
    const before = acked.length
    await killChild(child)
    await Promise.all(producers)
    t.diagnostic(
      `round ${round}: killed after ${delay} ms; ${acked.length} records acknowledged so far (${acked.length - before} during the kill), ${maybe.size} in doubt`,
    )
    started = await startChild(port)
    child = started.proc
    await verify(bootstrap, acked, maybe, `after kill ${round + 1}`)
  }
  assert.ok(acked.length > 100, `too little traffic to mean anything: ${acked.length} acknowledged records`)
})

async function verify(bootstrap: string, acked: readonly Acked[], maybe: ReadonlySet<string>, when: string): Promise<void> {
  const client = await TestClient.connect(bootstrap)
  try {
    const seen = new Map<string, { partition: number; offset: number; value: Buffer }>()
    for (let p = 0; p < PARTITIONS; p++) {
      const { records, highWatermark } = await client.fetchAll(TOPIC, p)
      for (const [i, r] of records.entries()) {
        assert.equal(r.offset, i, `${when}: partition ${p} offset ${r.offset} where ${i} was expected (a hole or a reordering)`)
        const id = r.key!.toString()
        const dup = seen.get(id)
        assert.ok(
          dup === undefined,
          `${when}: record ${id} stored twice (partition ${dup?.partition} offset ${dup?.offset}, partition ${p} offset ${r.offset})`,
        )
        seen.set(id, { partition: p, offset: r.offset, value: r.value! })
      }
      assert.equal(records.length, highWatermark, `${when}: partition ${p} high watermark ${highWatermark} but ${records.length} records readable`)
    }
    for (const a of acked) {
      const s = seen.get(a.id)
      assert.ok(s !== undefined, `${when}: acknowledged record ${a.id} (partition ${a.partition} offset ${a.offset}) is lost`)
      assert.equal(s.partition, a.partition, `${when}: ${a.id} on partition ${s.partition}, acknowledged on ${a.partition}`)
      assert.equal(s.offset, a.offset, `${when}: ${a.id} at offset ${s.offset}, acknowledged at ${a.offset}`)
      assert.ok(s.value.equals(a.value), `${when}: ${a.id} content differs`)
    }
    const ackedIds = new Set(acked.map((a) => a.id))
    for (const id of seen.keys()) {
      const known = ackedIds.has(id) || maybe.has(id)
      assert.ok(known, `${when}: record ${id} stored but never sent`)
    }
  } finally {
    client.close()
  }
}
