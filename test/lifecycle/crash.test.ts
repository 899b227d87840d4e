// Crash safety of cleaning: a broker in a child process compacts a topic continuously while we
// produce to it; we kill -9 it at a random moment, restart it on the same data and check that
// every key still reads its latest acknowledged value (or the value of the one request in
// flight at the kill), that every batch is intact, and that no swap or cleaned file is left.
// Many runs, one data directory, so recoveries pile up on each other.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { isCrcValid, LOG_OVERHEAD, readBatchHeader } from '../../src/protocol/record-batch.js'
import { encodeRecordBatch } from '../../src/protocol/record-codec.js'
import { prng } from '../prng.js'
import { RawConnection, fetchAt, listOffset, produce, readAll, tempDir } from './helpers.js'

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'crash-child.js')
const TOPIC = 'crashy'
const RUNS = Number(process.env.SAMSA_CRASH_RUNS ?? 12)
const KEYS = 300

async function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [CHILD, dataDir, TOPIC], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line !== undefined) resolve((JSON.parse(line) as { port: number }).port)
    })
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before serving`)))
  })
  return { child, port }
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

/** Every batch of the partition, checked for CRC; returns the records. */
async function readChecked(c: RawConnection) {
  let offset = (await listOffset(c, TOPIC, -2n)).offset
  for (;;) {
    const f = await fetchAt(c, TOPIC, offset)
    assert.equal(f.errorCode, 0)
    if (f.records.length === 0) break
    for (let pos = 0; pos < f.records.length; ) {
      const h = readBatchHeader(f.records, pos)
      const size = h.batchLength + LOG_OVERHEAD
      if (pos + size > f.records.length) break
      assert.ok(isCrcValid(f.records, pos, size), `CRC of the batch at ${h.baseOffset}`)
      offset = h.baseOffset + BigInt(h.lastOffsetDelta) + 1n
      pos += size
    }
  }
  return readAll(c, TOPIC)
}

describe('kill -9 during cleaning', () => {
  it(`never loses the latest value of a key nor corrupts a segment (${RUNS} runs)`, async (t) => {
    const dataDir = tempDir()
    const rnd = prng(20240601)
    /** Latest acknowledged value per key (null: tombstone). */
    const acked = new Map<string, string | null>()
    let n = 0
    const produceErrors: number[] = []
    let killedMidCleaning = 0
    for (let run = 0; run < RUNS; run++) {
      const { child, port } = await startChild(dataDir)
      const client = await RawConnection.connect(port)
      // Produce for a random while, then kill at a random moment (cleaning runs every few ms).
      const until = Date.now() + 100 + Math.floor(rnd() * 400)
      let inFlight: Map<string, string | null> | undefined
      const producing = (async () => {
        while (Date.now() < until) {
          const records = Array.from({ length: 20 }, () => {
            const key = `key-${Math.floor(rnd() * KEYS)}`
            return { key, value: rnd() < 0.08 ? null : `v${n++}-${'p'.repeat(Math.floor(rnd() * 60))}` }
          })
          inFlight = new Map(records.map((r) => [r.key, r.value]))
          const r = await produce(client, TOPIC, encodeRecordBatch({ records, compression: run % 2 === 0 ? 'none' : 'lz4' }))
          if (r.errorCode !== 0) produceErrors.push(r.errorCode)
          for (const [k, v] of inFlight) acked.set(k, v)
          inFlight = undefined
        }
      })().catch(() => {})
      await sleep(until - Date.now() + Math.floor(rnd() * 150))
      await kill(child)
      client.close()
      await producing
      assert.deepEqual(produceErrors, [])
      // Restart and check: the loader has finished or dropped any interrupted swap.
      const dir = join(dataDir, `${TOPIC}-0`)
      const leftovers = readdirSync(dir).filter((f) => /\.(cleaned|swap|deleted)$/.test(f))
      if (leftovers.length > 0) killedMidCleaning++
      const again = await startChild(dataDir)
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.endsWith('.swap')),
        [],
        'no swap file after loading',
      )
      const c = await RawConnection.connect(again.port)
      const records = await readChecked(c)
      const latest = new Map<string, { value: string | null; count: number }>()
      for (const r of records) latest.set(r.key!, { value: r.value, count: (latest.get(r.key!)?.count ?? 0) + 1 })
      for (const [key, value] of acked) {
        const got = latest.get(key)
        const maybe = inFlight?.get(key)
        const ok =
          (value === null && (got === undefined || got.value === null)) ||
          got?.value === value ||
          (inFlight?.has(key) === true && (got?.value === maybe || (maybe === null && got === undefined)))
        assert.ok(ok, `run ${run}: key ${key} reads ${JSON.stringify(got?.value)}, acknowledged ${JSON.stringify(value)}`)
      }
      if (inFlight !== undefined) for (const [k, v] of inFlight) if (latest.get(k)?.value === v) acked.set(k, v)
      c.close()
      await kill(again.child)
    }
    t.diagnostic(`${killedMidCleaning} of ${RUNS} kills left cleaner files behind; ${n} records produced`)
  })
})
