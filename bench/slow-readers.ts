/**
 * Slow readers: N clients each send a Fetch with max_bytes 50 MB and never read the answer, while
 * one normal client pings the broker (ApiVersions) every 50 ms. Reports the broker's RSS before
 * and at its peak, and the ping latencies meanwhile. The broker runs in its own process (the
 * benchmark's samsa-broker.js), so its RSS is its own.
 *
 *   npm run build && node dist/bench/slow-readers.js [--readers 80] [--seconds 10] [--mb 60]
 *     [--broker-script PATH]   another build's dist/bench/samsa-broker.js, for a before/after
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline'
import { RawConnection } from '../test/support/raw-client.js'
import { ApiKey } from '../src/protocol/generated/index.js'
import { encodeRecordBatch } from '../src/protocol/record-codec.js'

const { values: args } = parseArgs({
  options: {
    readers: { type: 'string', default: '80' },
    seconds: { type: 'string', default: '10' },
    mb: { type: 'string', default: '60' },
    'broker-script': { type: 'string' },
  },
})
const READERS = Number(args.readers)
const SECONDS = Number(args.seconds)
const FILL_MB = Number(args.mb)
const MB = 1024 * 1024
const script = args['broker-script'] ?? join(dirname(fileURLToPath(import.meta.url)), 'samsa-broker.js')

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return kb / 1024
}

function pct(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
}

const dataDir = mkdtempSync(join(tmpdir(), 'samsa-slow-readers-'))
const child = spawn('node', [script, '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] })
const lines = createInterface({ input: child.stdout! })
const line = await new Promise<string>((resolve, reject) => {
  lines.once('line', resolve)
  child.once('exit', (code) => reject(new Error(`broker exited (${code})`)))
})
/** The broker's own figures since the last call (event-loop delay, response bytes held), when its script reports them. */
async function brokerStats(): Promise<{ eventLoopDelayMaxMs: number; eventLoopDelayP99Ms: number; heldBytesPeak: number } | undefined> {
  child.stdin!.write('stats\n')
  return Promise.race([new Promise<any>((resolve) => lines.once('line', (l) => resolve(JSON.parse(l)))), sleep(2000).then(() => undefined)])
}
const { bootstrap } = JSON.parse(line) as { bootstrap: string }
const [host, port] = [bootstrap.slice(0, bootstrap.lastIndexOf(':')), Number(bootstrap.slice(bootstrap.lastIndexOf(':') + 1))]
const sockets: Socket[] = []
try {
  const admin = await RawConnection.connect(bootstrap)
  const created = await admin.request(ApiKey.CreateTopics, 7, { topics: [{ name: 'big', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 })
  if (created.topics[0].errorCode !== 0) throw new Error(`CreateTopics: ${created.topics[0].errorCode}`)
  const value = Buffer.alloc(900 * 1024, 7)
  for (let filled = 0; filled < FILL_MB * MB; filled += value.length) {
    const records = encodeRecordBatch({ records: [{ value }] })
    await admin.request(ApiKey.Produce, 9, { acks: 1, timeoutMs: 5000, topicData: [{ name: 'big', partitionData: [{ index: 0, records }] }] })
  }
  await sleep(1000)
  const rssBefore = rssMb(child.pid!)
  await brokerStats()

  const fetch = admin.frame(
    ApiKey.Fetch,
    12,
    {
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 50 * MB,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [{ topic: 'big', partitions: [{ partition: 0, fetchOffset: 0n, partitionMaxBytes: 50 * MB }] }],
    },
    1,
  )
  for (let i = 0; i < READERS; i++) {
    const s = connect({ host, port })
    s.on('error', () => {})
    await new Promise<void>((resolve) => s.once('connect', resolve))
    s.pause()
    s.write(fetch)
    sockets.push(s)
  }

  const pings: number[] = []
  const started = performance.now()
  let slowest = { ms: 0, at: 0 }
  let unanswered = 0
  let peak = rssBefore
  const end = Date.now() + SECONDS * 1000
  const probe = await RawConnection.connect(bootstrap)
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(child.pid!))
  }, 100)
  while (Date.now() < end) {
    const t0 = performance.now()
    try {
      await probe.request(ApiKey.ApiVersions, 3, { clientSoftwareName: 'ping', clientSoftwareVersion: '1' }, 30_000)
      pings.push(performance.now() - t0)
      if (pings.at(-1)! > slowest.ms) slowest = { ms: pings.at(-1)!, at: t0 - started }
    } catch {
      unanswered++
    }
    await sleep(50)
  }
  clearInterval(sampler)
  peak = Math.max(peak, rssMb(child.pid!))
  const stats = await brokerStats()
  pings.sort((a, b) => a - b)
  const ms = (x: number): string => `${x.toFixed(1)} ms`
  console.log(`slow readers: ${READERS} x Fetch(max_bytes 50 MB) of a ${FILL_MB} MB partition, never read, for ${SECONDS} s`)
  console.log(`broker RSS: ${rssBefore.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak`)
  console.log(
    `ping (ApiVersions every 50 ms): ${pings.length} answered, ${unanswered} not; p50 ${ms(pct(pings, 0.5))}, p99 ${ms(pct(pings, 0.99))}, max ${ms(pings.at(-1) ?? NaN)} (sent ${(slowest.at / 1000).toFixed(1)} s into the run)`,
  )
  if (stats !== undefined)
    console.log(
      `broker's own figures: event-loop delay p99 ${ms(stats.eventLoopDelayP99Ms)}, max ${ms(stats.eventLoopDelayMaxMs)}; response bytes held at most ${(stats.heldBytesPeak / MB).toFixed(1)} MiB`,
    )
  probe.close()
  admin.close()
} finally {
  for (const s of sockets) s.destroy()
  child.stdin!.end()
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await new Promise((r) => child.once('exit', r))
  clearTimeout(killer)
  rmSync(dataDir, { recursive: true, force: true })
}
