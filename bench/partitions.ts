/**
 * Many partitions under this machine's open-file limit: `npm run bench:partitions [-- --topics 1000 --per-topic 10]`
 *
 * Starts Samsa in its own process (bench/samsa-broker.ts) with the shell's default limit, creates
 * `--topics` topics of `--per-topic` partitions (CreateTopics, 50 topics a request), produces one
 * record to every partition, then:
 * - stops it cleanly (stdin closed) and starts it again on the same data: restart time is from
 *   spawning the new process until a Metadata request naming every topic is answered;
 * - kills it with SIGKILL and starts it again (a start that recovers every log).
 * Reports the limit, the descriptors the broker holds after each step (/proc/PID/fd), and the
 * times. Linux only (it counts /proc/PID/fd).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { Admin } from '../src/client/admin.js'
import { Cluster } from '../src/client/cluster.js'
import { encodeRecordBatch } from '../src/protocol/record-codec.js'
import { CLEAN_SHUTDOWN_FILE } from '../src/storage/log-manager.js'

const { values: args } = parseArgs({ options: { topics: { type: 'string', default: '1000' }, 'per-topic': { type: 'string', default: '10' } } })
const TOPICS = Number(args.topics)
const PER_TOPIC = Number(args['per-topic'])
const BROKER = fileURLToPath(new URL('./samsa-broker.js', import.meta.url))
const names = Array.from({ length: TOPICS }, (_, i) => `bench-${String(i).padStart(5, '0')}`)

const dataDir = mkdtempSync(join(tmpdir(), 'samsa-bench-partitions-'))
let child: ChildProcess | undefined

interface Started {
  proc: ChildProcess
  bootstrap: string
  pid: number
}

function start(): Promise<Started> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BROKER, '--data-dir', dataDir, '--config', 'auto.create.topics.enable=false'], { stdio: ['pipe', 'pipe', 'inherit'] })
    child = proc
    let out = ''
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) {
        const { bootstrap, pid } = JSON.parse(out.split('\n')[0]!) as { bootstrap: string; pid: number }
        resolve({ proc, bootstrap, pid })
      }
    })
    proc.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`broker exited ${code} before it was ready`))
    })
  })
}

const fds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length
const limitOf = (pid: number) => /^Max open files\s+(\S+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1] ?? '?'
const exited = (p: ChildProcess) =>
  new Promise<void>((r) => {
    if (p.exitCode !== null || p.signalCode !== null) r()
    else p.once('exit', () => r())
  })

/** Spawns the broker and waits until a Metadata request naming every topic is answered with all their partitions. */
async function timedStart(): Promise<{ s: Started; ms: number }> {
  const t0 = performance.now()
  const s = await start()
  const cluster = new Cluster({ bootstrap: s.bootstrap })
  const md = await cluster.refreshMetadata(names)
  const partitions = [...md.values()].reduce((n, t) => n + (t.errorCode === 0 ? t.info.partitions.length : 0), 0)
  const ms = performance.now() - t0
  await cluster.close()
  if (partitions !== TOPICS * PER_TOPIC) throw new Error(`after the start ${partitions} partitions, expected ${TOPICS * PER_TOPIC}`)
  return { s, ms }
}

try {
  const s = await start()
  console.log(`open-file limit of the broker: ${limitOf(s.pid)}; descriptors at start: ${fds(s.pid)}`)
  const admin = await Admin.connect({ bootstrap: s.bootstrap })
  let t = performance.now()
  for (let i = 0; i < TOPICS; i += 50) {
    await admin.createTopics(names.slice(i, i + 50).map((name) => ({ name, partitions: PER_TOPIC, replicationFactor: 1 })))
  }
  const createMs = performance.now() - t
  console.log(`created ${TOPICS} topics x ${PER_TOPIC} = ${TOPICS * PER_TOPIC} partitions in ${(createMs / 1000).toFixed(1)} s; descriptors: ${fds(s.pid)}`)

  const cluster = new Cluster({ bootstrap: s.bootstrap })
  const conn = await cluster.anyConnection()
  t = performance.now()
  for (let i = 0; i < TOPICS; i += 50) {
    const res = await conn.request('Produce', () => ({
      transactionalId: null,
      acks: 1,
      timeoutMs: 30_000,
      topicData: names.slice(i, i + 50).map((name) => ({
        name,
        partitionData: Array.from({ length: PER_TOPIC }, (_, index) => ({
          index,
          records: encodeRecordBatch({ records: [{ key: null, value: `${name}/${index}` }] }),
        })),
      })),
    }))
    for (const tr of res.responses)
      for (const p of tr.partitionResponses) if (p.errorCode !== 0) throw new Error(`produce ${tr.name}-${p.index}: error ${p.errorCode}`)
  }
  console.log(`produced a record to each partition in ${((performance.now() - t) / 1000).toFixed(1)} s; descriptors: ${fds(s.pid)}`)
  await cluster.close()
  await admin.close()

  t = performance.now()
  s.proc.stdin!.end()
  await exited(s.proc)
  const stopMs = performance.now() - t
  console.log(`clean shutdown in ${(stopMs / 1000).toFixed(2)} s; clean-shutdown marker written: ${existsSync(join(dataDir, CLEAN_SHUTDOWN_FILE))}`)

  const restart = await timedStart()
  console.log(
    `restart after a clean shutdown: serving all ${TOPICS * PER_TOPIC} partitions ${(restart.ms / 1000).toFixed(2)} s after spawn; descriptors: ${fds(restart.s.pid)}`,
  )
  restart.s.proc.kill('SIGKILL')
  await exited(restart.s.proc)
  const recovered = await timedStart()
  console.log(`restart after kill -9 (every log recovered): serving ${(recovered.ms / 1000).toFixed(2)} s after spawn; descriptors: ${fds(recovered.s.pid)}`)
  recovered.s.proc.stdin!.end()
  await exited(recovered.s.proc)
} finally {
  child?.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
}
