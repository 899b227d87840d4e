/**
 * kill -9 in every phase of a transaction (Jepsen's "aborted read" and "duplicate" anomalies): a
 * consume-transform-produce loop (kafkajs, read_committed, offsets sent in its transactions) runs
 * against a broker in a child process that is killed with SIGKILL
 *   1. with a transaction open (before EndTxn),
 *   2. between PrepareCommit and the markers (the child holds the commit markers back),
 *   3. right after a commit completed,
 * and restarted on the same data directory each time; a new loop instance with the same
 * transactional id takes over (fencing the old one). At the end every transaction is fully
 * visible or fully invisible to a read_committed consumer, the output holds each input exactly
 * once, and the group's committed offsets cover the input. SAMSA_TXN_KILL_ROUNDS=N adds N rounds
 * with the kill at a random point of the loop.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, test } from 'node:test'
import { Kafka, logLevel, type Consumer, type Producer, type Transaction } from 'kafkajs'
import { prng } from '../support/dataset.js'

const CHILD = fileURLToPath(new URL('./txn-broker-child.js', import.meta.url))
const CONFIG = { 'num.partitions': 2, 'log.segment.bytes': 8192, 'transaction.abort.timed.out.transaction.cleanup.interval.ms': 500 }
const IN = 'eos-in'
const OUT = 'eos-out'
const GROUP = 'eos-group'
const TXN_ID = 'eos-loop'
const N = 600
const EXTRA_ROUNDS = Number(process.env.SAMSA_TXN_KILL_ROUNDS ?? 0)

const dataDir = mkdtempSync(join(tmpdir(), 'samsa-txn-crash-'))
let child: ChildProcess | undefined
after(() => {
  child?.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

interface Child {
  proc: ChildProcess
  port: number
  /** Resolves when the child prints `{"event":name}`. */
  event(name: string): Promise<void>
}

function startChild(port: number, env: Record<string, string> = {}): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CHILD, dataDir, String(port), JSON.stringify(CONFIG)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let out = ''
    let err = ''
    const waiters = new Map<string, () => void>()
    let started = false
    const timer = setTimeout(() => reject(new Error(`broker child did not start in 20 s: ${err}`)), 20_000)
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      let nl
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = JSON.parse(out.slice(0, nl)) as { port?: number; event?: string }
        out = out.slice(nl + 1)
        if (line.port !== undefined && !started) {
          started = true
          clearTimeout(timer)
          resolve({ proc, port: line.port, event: (name) => new Promise((r) => waiters.set(name, r)) })
        }
        if (line.event !== undefined) waiters.get(line.event)?.()
      }
    })
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
    })
    proc.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (!started) reject(new Error(`broker child exited (${code ?? signal}) before listening: ${err}`))
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

/** Where a loop instance may be stopped by a kill. */
type Point = 'before-commit' | 'after-commit'

/**
 * One instance of the loop: initialises its transactional id first (which waits for a prepared
 * transaction to complete and aborts an open one), then consumes and produces a transaction per
 * fetched batch, with the consumed offsets in it. `hook` runs at each point; it may kill the
 * broker, after which the instance stops.
 */
class Loop {
  readonly #kafka: Kafka
  #producer: Producer | undefined
  #consumer: Consumer | undefined
  #first: Transaction | undefined
  committedTxns = 0
  stopped = false

  constructor(
    bootstrap: string,
    readonly name: string,
    readonly hook: (point: Point, loop: Loop) => Promise<void>,
  ) {
    this.#kafka = new Kafka({
      brokers: [bootstrap],
      clientId: name,
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2000 },
    })
  }

  async start(): Promise<void> {
    this.#producer = this.#kafka.producer({ transactionalId: TXN_ID, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 30_000 })
    await this.#producer.connect()
    this.#first = await this.#producer.transaction()
    this.#consumer = this.#kafka.consumer({
      groupId: GROUP,
      readUncommitted: false,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 1500,
      sessionTimeout: 6000,
      heartbeatInterval: 300,
    })
    await this.#consumer.connect()
    await this.#consumer.subscribe({ topic: IN, fromBeginning: true })
    await this.#consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        if (this.stopped || batch.messages.length === 0) return
        const t = this.#first ?? (await this.#producer!.transaction())
        this.#first = undefined
        const txn = `${this.name}-${this.committedTxns}`
        await t.send({
          topic: OUT,
          messages: batch.messages.map((m) => ({ key: m.key, value: `${m.value!.toString()}!`, headers: { txn, size: String(batch.messages.length) } })),
        })
        const next = String(BigInt(batch.messages.at(-1)!.offset) + 1n)
        await t.sendOffsets({ consumerGroupId: GROUP, topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] })
        await this.hook('before-commit', this)
        if (this.stopped) throw new Error('stopped')
        await t.commit()
        this.committedTxns++
        for (const m of batch.messages) resolveOffset(m.offset)
        await this.hook('after-commit', this)
      },
    })
  }

  /** Drops the clients without waiting for a broker that is gone. */
  async stop(): Promise<void> {
    this.stopped = true
    const quietly = (p: Promise<void> | undefined) => Promise.race([p?.catch(() => {}), new Promise((r) => setTimeout(r, 3000))])
    await quietly(this.#consumer?.disconnect())
    await quietly(this.#producer?.disconnect())
  }
}

interface OutRecord {
  value: string
  txn: string
  size: number
}

/** Everything a read_committed consumer sees of OUT, once its end is reached. */
async function readOutput(bootstrap: string): Promise<OutRecord[]> {
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'verifier', logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  const ends = await admin.fetchTopicOffsets(OUT)
  await admin.disconnect()
  const consumer = kafka.consumer({ groupId: `verify-${Date.now()}`, readUncommitted: false, maxWaitTimeInMs: 100 })
  await consumer.connect()
  await consumer.subscribe({ topic: OUT, fromBeginning: true })
  const out: OutRecord[] = []
  const positions = new Map<number, bigint>()
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) out.push({ value: m.value!.toString(), txn: m.headers!.txn!.toString(), size: Number(m.headers!.size!.toString()) })
      positions.set(batch.partition, BigInt(batch.lastOffset()) + 1n)
    },
  })
  // read_committed reaches the LSO, which equals the end once no transaction is open.
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline && !ends.every((e) => (positions.get(e.partition) ?? 0n) >= BigInt(e.high) || BigInt(e.high) === 0n))
    await new Promise((r) => setTimeout(r, 100))
  await new Promise((r) => setTimeout(r, 300))
  await consumer.disconnect()
  return out
}

function checkAtomic(out: readonly OutRecord[], when: string): void {
  const byTxn = new Map<string, OutRecord[]>()
  for (const r of out) {
    let list = byTxn.get(r.txn)
    if (list === undefined) byTxn.set(r.txn, (list = []))
    list.push(r)
  }
  for (const [txn, records] of byTxn)
    assert.equal(records.length, records[0]!.size, `${when}: transaction ${txn} is partly visible (${records.length} of ${records[0]!.size} records)`)
}

test('kill -9 before EndTxn, between PrepareCommit and the markers, and after: every transaction all or nothing, each input once', {
  timeout: 170_000 + EXTRA_ROUNDS * 30_000,
}, async (t) => {
  let c = await startChild(0)
  child = c.proc
  const port = c.port
  const bootstrap = `127.0.0.1:${port}`
  const kafka = new Kafka({ brokers: [bootstrap], clientId: 'setup', logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({
    topics: [
      { topic: IN, numPartitions: 2 },
      { topic: OUT, numPartitions: 2 },
    ],
  })
  await admin.disconnect()
  const input = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await input.connect()
  // Small batches, so each fetch (maxBytesPerPartition) gives a transaction of a few of them.
  for (let from = 0; from < N; from += 10) {
    await input.send({ topic: IN, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}` })) })
  }
  await input.disconnect()

  const rnd = prng(0x7a11)
  const rounds: Array<{ name: string; env?: Record<string, string>; kill: (loop: Loop, point: Point) => boolean | 'markers' }> = [
    { name: 'before EndTxn', kill: (loop, point) => point === 'before-commit' && loop.committedTxns >= 2 },
    { name: 'between PrepareCommit and the markers', env: { SAMSA_TEST_COMMIT_MARKER_DELAY_MS: '60000' }, kill: () => 'markers' },
    { name: 'after a commit', kill: (loop, point) => point === 'after-commit' && loop.committedTxns >= 2 },
  ]
  for (let i = 0; i < EXTRA_ROUNDS; i++) {
    const at = 1 + Math.floor(rnd() * 4)
    const point: Point = rnd() < 0.5 ? 'before-commit' : 'after-commit'
    rounds.push({ name: `random ${i + 1} (${point} #${at})`, kill: (loop, p) => p === point && loop.committedTxns >= at })
  }
  for (const [i, round] of rounds.entries()) {
    if (round.env !== undefined) {
      // This round's broker holds commit markers back: restart it so.
      await killChild(c.proc)
      c = await startChild(port, round.env)
      child = c.proc
    }
    let killed!: () => void
    const killedNow = new Promise<void>((r) => {
      killed = r
    })
    const doKill = async () => {
      await killChild(c.proc)
      killed()
    }
    const markers = c.event('commit-markers').then(doKill)
    const loop = new Loop(bootstrap, `r${i}`, async (point, l) => {
      const k = round.kill(l, point)
      if (k === true) {
        l.stopped = true
        await doKill()
      }
    })
    void markers
    const running = loop.start().catch((err: unknown) => {
      t.diagnostic(`round ${round.name}: the loop stopped: ${String(err)}`)
    })
    await Promise.race([killedNow, new Promise((_, reject) => setTimeout(() => reject(new Error(`round ${round.name}: no kill within 60 s`)), 60_000))])
    await running
    await loop.stop()
    t.diagnostic(`round ${round.name}: killed after ${loop.committedTxns} commits acknowledged`)
    c = await startChild(port)
    child = c.proc
    checkAtomic(await readOutput(bootstrap), `after the kill ${round.name}`)
  }

  // A last instance finishes the input.
  const final = new Loop(bootstrap, 'final', async () => {})
  const finishing = final.start()
  await finishing
  const deadline = Date.now() + 60_000
  let out: OutRecord[] = []
  while (Date.now() < deadline) {
    out = await readOutput(bootstrap)
    if (out.length >= N) break
    await new Promise((r) => setTimeout(r, 500))
  }
  await final.stop()
  checkAtomic(out, 'at the end')
  const counts = new Map<string, number>()
  for (const r of out) counts.set(r.value, (counts.get(r.value) ?? 0) + 1)
  const dups = [...counts].filter(([, n]) => n > 1)
  assert.deepEqual(dups, [], 'no input processed twice into the output')
  assert.equal(out.length, N, 'every input in the output')
  const admin2 = kafka.admin()
  await admin2.connect()
  const offsets = await admin2.fetchOffsets({ groupId: GROUP, topics: [IN] })
  await admin2.disconnect()
  assert.equal(
    offsets[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0),
    N,
    'the group committed every input',
  )
  await killChild(c.proc)
})
