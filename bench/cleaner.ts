/**
 * Log cleaner benchmark: `npm run bench:cleaner [-- --mb 256 --keys 100000 --compression none]`
 *
 * 1. Throughput: fills a compacted partition log with `--mb` MiB of keyed records (batches of
 *    100 records of ~100-byte values over `--keys` keys), then times one cleaning pass and
 *    reports MiB of log cleaned per second (the size of the segments the pass covered).
 * 2. Produce latency: a broker with a second such log; a producer in a worker thread sends
 *    small acks=1 produce requests back to back to another topic, first while nothing else
 *    runs, then while the cleaner cleans the big log. Reports p50/p99/max latency of each.
 *
 * Everything runs on this machine's disk under the OS temp dir, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { startBroker } from '../src/index.js'
import type { CompressionType } from '../src/protocol/record-batch.js'
import { encodeRecordBatch } from '../src/protocol/record-codec.js'
import { LogCleanerManager } from '../src/storage/cleaner/cleaner-manager.js'
import { logConfig } from '../src/storage/log-config.js'
import { PartitionLog } from '../src/storage/partition-log.js'
import { silentLogger } from '../src/storage/logger.js'

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '256' },
    keys: { type: 'string', default: '100000' },
    compression: { type: 'string', default: 'none' },
    seconds: { type: 'string', default: '3' },
  },
})
const MB = Number(args.mb)
const KEYS = Number(args.keys)
const COMPRESSION = args.compression as CompressionType
const BASELINE_SECONDS = Number(args.seconds)
const MiB = 1024 * 1024

/** Pre-encoded batches to append (copies: append assigns offsets in place). */
function templates(n: number): Buffer[] {
  let seed = 42
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
  const value = Buffer.alloc(100, 'v')
  return Array.from({ length: n }, () =>
    encodeRecordBatch({
      records: Array.from({ length: 100 }, () => ({ key: `key-${Math.floor(rnd() * KEYS)}`, value })),
      compression: COMPRESSION,
    }),
  )
}

function fill(log: PartitionLog, bytes: number): void {
  const batches = templates(2000)
  for (let i = 0; log.size < bytes; i++) log.append(Buffer.from(batches[i % batches.length]!))
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
function summary(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b)
  return `n=${s.length} p50=${pct(s, 50).toFixed(2)} ms p99=${pct(s, 99).toFixed(2)} ms max=${s.at(-1)!.toFixed(2)} ms`
}

async function throughput(dir: string): Promise<void> {
  const config = logConfig({ cleanupPolicy: ['compact'], segmentBytes: 64 * MiB, fileDeleteDelayMs: 0 })
  const log = await PartitionLog.open(join(dir, 'throughput-0'), config)
  const t0 = performance.now()
  fill(log, MB * MiB)
  log.append(encodeRecordBatch({ records: [{ key: 'last', value: 'x' }] }))
  await log.flush()
  const cleanable = log.size - log.segments.at(-1)!.size
  console.log(`filled ${(log.size / MiB).toFixed(0)} MiB (${log.segmentCount} segments, ${COMPRESSION}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const cleaner = new LogCleanerManager(() => [log], {}, silentLogger)
  const stats = (await cleaner.cleanOne(log))!
  const s = stats.durationMs / 1000
  console.log(
    `cleaner throughput: ${(cleanable / MiB / s).toFixed(1)} MiB/s of log cleaned ` +
      `(${(cleanable / MiB).toFixed(0)} MiB in ${s.toFixed(2)} s; read ${(stats.bytesRead / MiB).toFixed(0)} MiB, ` +
      `wrote ${(stats.bytesWritten / MiB).toFixed(1)} MiB, ${stats.mapKeys} keys, ${stats.recordsRemoved} records removed)`,
  )
  await log.close()
}

/** The producer thread: runs for the whole latency part; measure() collects one phase. */
class Producer {
  #worker: Worker
  #next: ((samples: number[]) => void) | undefined
  readonly ready: Promise<void>

  constructor(port: number) {
    this.#worker = new Worker(new URL('./produce-worker.js', import.meta.url), { workerData: { port, topic: 'latency' } })
    this.ready = new Promise((resolve, reject) => {
      this.#worker.once('error', reject)
      this.#worker.on('message', (m: 'ready' | number[]) => (m === 'ready' ? resolve() : this.#next?.(m)))
    })
  }

  /** Latencies of the requests made until `done` resolves. */
  async measure(done: Promise<unknown>): Promise<number[]> {
    this.#worker.postMessage('measure')
    await done
    const samples = new Promise<number[]>((resolve) => (this.#next = resolve))
    this.#worker.postMessage('pause')
    return samples
  }

  async close(): Promise<void> {
    this.#worker.postMessage('exit')
    await new Promise((resolve) => this.#worker.once('exit', resolve))
  }
}

async function latency(dir: string): Promise<void> {
  const broker = await startBroker({ port: 0, dataDir: join(dir, 'broker'), config: { 'log.cleaner.backoff.ms': 3_600_000, 'log.segment.delete.delay.ms': 0 } })
  const b = broker.running.broker
  await b.admin.createTopic('latency', { partitions: 1 })
  await b.admin.createTopic('big', { partitions: 1, configs: { 'cleanup.policy': 'compact', 'segment.bytes': String(64 * MiB) } })
  const big = b.replicas.partition('big', 0)!.log
  fill(big, MB * MiB)
  big.append(encodeRecordBatch({ records: [{ key: 'last', value: 'x' }] }))
  await big.flush()
  const producer = new Producer(broker.port)
  await producer.ready
  await sleep(500) // warm-up
  const idle = await producer.measure(sleep(BASELINE_SECONDS * 1000))
  console.log(`produce latency, cleaner idle:     ${summary(idle)}`)
  const t0 = performance.now()
  const pass = broker.running.logManager.cleaner!.cleanOne(big)
  const busy = await producer.measure(pass)
  const stats = await pass
  const s = (performance.now() - t0) / 1000
  console.log(`produce latency, while cleaning:   ${summary(busy)}`)
  console.log(`  (that pass: ${((stats?.bytesRead ?? 0) / 2 / MiB).toFixed(0)} MiB of log in ${s.toFixed(2)} s while serving produce requests)`)
  await producer.close()
  await broker.close()
}

const dir = mkdtempSync(join(tmpdir(), 'samsa-bench-'))
try {
  console.log(`node ${process.version}, ${MB} MiB, ${KEYS} keys, ${COMPRESSION}`)
  await throughput(dir)
  await latency(dir)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
