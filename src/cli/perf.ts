/**
 * `samsa perf produce|consume`: throughput and latency, like Kafka's perf-test tools. The
 * figures are those of Samsa's Node.js client in one process, which may be what limits them:
 * the output says so. On a terminal a progress bar shows the way; elsewhere a line every 5 s,
 * as kafka-producer-perf-test.sh prints. Ctrl-C stops the run and still prints its summary.
 */
import type { ConsumedRecord } from '../client/consumer.js'
import { type CommandSpec, UsageError, intOption } from './command.js'
import type { Context } from './context.js'
import { rewind } from './consume.js'
import { ProgressBar, formatBytes, formatCount, formatMs, toJson } from './output.js'
import { parseAcks } from './produce.js'

/** Latency samples, reservoir-sampled beyond a million. */
class Latencies {
  readonly #samples: number[] = []
  #seen = 0
  #max = 0
  #sum = 0

  add(ms: number): void {
    this.#seen++
    this.#sum += ms
    if (ms > this.#max) this.#max = ms
    if (this.#samples.length < 1_000_000) this.#samples.push(ms)
    else {
      const i = Math.floor(Math.random() * this.#seen)
      if (i < this.#samples.length) this.#samples[i] = ms
    }
  }

  summary(): { avg: number; p50: number; p99: number; p999: number; max: number } {
    const s = Float64Array.from(this.#samples).sort()
    const at = (q: number): number => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!)
    return { avg: this.#seen === 0 ? 0 : this.#sum / this.#seen, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: this.#max }
  }
}

const CLIENT_NOTE = "Measured with samsa's Node.js client in one process, which may be the limit rather than the broker."
const MIB = 1024 * 1024
const PERIOD_MS = 5000

/** Progress: a bar on a terminal, else a line every 5 s on stderr (kafka-producer-perf-test.sh's window lines). */
class Progress {
  readonly #ctx: Context
  readonly #bar: ProgressBar | undefined
  readonly #started = Date.now()
  #windowStart = Date.now()
  #windowRecords = 0
  #windowBytes = 0
  #windowLatency = new Latencies()

  constructor(ctx: Context, total: number) {
    this.#ctx = ctx
    const tty = ctx.values.progress === true || (process.stderr.isTTY === true && ctx.values['no-progress'] !== true)
    this.#bar = tty && total > 0 ? new ProgressBar(total, true) : undefined
  }

  update(done: number, records: number, bytes: number, latencyMs: number | undefined): void {
    this.#windowRecords += records
    this.#windowBytes += bytes
    if (latencyMs !== undefined) this.#windowLatency.add(latencyMs)
    const now = Date.now()
    if (this.#bar !== undefined) {
      this.#bar.update(done, `${formatCount((done * 1000) / Math.max(1, now - this.#started))} records/s`)
      return
    }
    if (now - this.#windowStart < PERIOD_MS || this.#ctx.values['no-progress'] === true) return
    const secs = (now - this.#windowStart) / 1000
    const l = this.#windowLatency.summary()
    this.#ctx.note(
      `${formatCount(this.#windowRecords)} records, ${formatCount(this.#windowRecords / secs)} records/s (${(this.#windowBytes / MIB / secs).toFixed(2)} MiB/s), ${formatMs(l.avg)} ms avg latency, ${formatMs(l.max)} ms max latency`,
    )
    this.#windowStart = now
    this.#windowRecords = 0
    this.#windowBytes = 0
    this.#windowLatency = new Latencies()
  }

  done(): void {
    this.#bar?.done()
  }
}

function report(ctx: Context, kind: string, records: number, bytes: number, ms: number, lat: Latencies, latencyName: string): void {
  const secs = ms / 1000
  const l = lat.summary()
  const result = {
    kind,
    records,
    bytes,
    seconds: secs,
    recordsPerSec: secs > 0 ? records / secs : 0,
    mibPerSec: secs > 0 ? bytes / MIB / secs : 0,
    latencyMs: { avg: l.avg, p50: l.p50, p99: l.p99, p999: l.p999, max: l.max },
    interrupted: ctx.interrupted,
    client: 'samsa Node.js client, one process',
  }
  if (ctx.json) return ctx.print(toJson(result, 2))
  ctx.print(
    `${formatCount(records)} records (${formatBytes(bytes)}) in ${secs.toFixed(2)} s${ctx.interrupted ? ' (interrupted)' : ''}: ${formatCount(result.recordsPerSec)} records/s, ${result.mibPerSec.toFixed(2)} MiB/s`,
  )
  ctx.print(
    `${latencyName} latency ms: avg ${formatMs(l.avg)}, p50 ${formatMs(l.p50)}, p99 ${formatMs(l.p99)}, p99.9 ${formatMs(l.p999)}, max ${formatMs(l.max)}`,
  )
  ctx.note(CLIENT_NOTE)
}

const PROGRESS = {
  progress: { type: 'boolean', description: 'Show the progress bar even when stderr is not a terminal' },
  'no-progress': { type: 'boolean', description: 'Neither a progress bar nor periodic lines' },
} as const

const produce: CommandSpec = {
  path: ['perf', 'produce'],
  summary: 'Measure producer throughput and latency',
  usage: 'TOPIC [options]',
  description: `Sends --num-records records of --record-size random letters, as kafka-producer-perf-test.sh does. ${CLIENT_NOTE}`,
  connects: true,
  options: {
    'num-records': { type: 'string', short: 'n', value: 'N', description: 'Records to send', default: '100000' },
    'record-size': { type: 'string', short: 's', value: 'BYTES', description: 'Value size of each record', default: '100' },
    throughput: { type: 'string', short: 't', value: 'N', description: 'Records per second; -1 for no limit', default: '-1' },
    acks: { type: 'string', value: '0|1|all', description: 'Acknowledgements', default: 'all', choices: ['0', '1', 'all'] },
    'batch-size': { type: 'string', value: 'BYTES', description: 'Batch size per partition', default: '16384' },
    'linger-ms': { type: 'string', value: 'MS', description: 'Wait this long to fill batches', default: '0' },
    compression: {
      type: 'string',
      value: 'TYPE',
      description: 'none, gzip, snappy, lz4 or zstd',
      default: 'none',
      choices: ['none', 'gzip', 'snappy', 'lz4', 'zstd'],
    },
    'max-in-flight': { type: 'string', value: 'N', description: 'Produce requests in flight per broker', default: '5' },
    ...PROGRESS,
  },
  examples: [
    'samsa perf produce bench --num-records 100000 --record-size 100',
    'samsa perf produce bench -n 20000 --throughput 10000 --acks 1 --json',
    'samsa perf produce bench --compression gzip --batch-size 65536 --linger-ms 5',
  ],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const n = intOption(ctx.values, 'num-records', { min: 1 }) ?? 100_000
    const size = intOption(ctx.values, 'record-size', { min: 0 }) ?? 100
    const throughput = intOption(ctx.values, 'throughput', { min: -1 }) ?? -1
    const [{ randomBytes }, { parseCompression }, { Producer }] = await Promise.all([
      import('node:crypto'),
      import('../client/compression.js'),
      import('../client/producer.js'),
    ])
    let compression
    try {
      compression = parseCompression(String(ctx.values.compression ?? 'none'))
    } catch (err) {
      throw new UsageError((err as Error).message, ctx.spec.path)
    }
    const signal = ctx.interruptible()
    const producer = new Producer((await ctx.admin()).cluster, {
      acks: parseAcks(ctx.values.acks),
      compression,
      batchSize: intOption(ctx.values, 'batch-size', { min: 1 }) ?? 16_384,
      lingerMs: intOption(ctx.values, 'linger-ms', { min: 0 }) ?? 0,
      maxInFlight: intOption(ctx.values, 'max-in-flight', { min: 1 }) ?? 5,
      maxRequestSize: Math.max(1_048_576, size + 1024),
    })
    await producer.partitionCount(topic!)
    // Random uppercase letters, as Kafka's tool sends; a few payloads reused to keep the client cheap.
    const payloads = Array.from({ length: 16 }, () => Buffer.from(randomBytes(size).map((b) => 65 + (b % 26))))
    const lat = new Latencies()
    const progress = new Progress(ctx, n)
    const start = Date.now()
    let acked = 0
    let failure: unknown
    let inFlight = 0
    let wake: (() => void) | undefined
    const window = 20_000
    signal.addEventListener('abort', () => wake?.(), { once: true })
    for (let i = 0; i < n && failure === undefined && !signal.aborted; i++) {
      if (throughput > 0) {
        const wait = start + (i / throughput) * 1000 - Date.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
      if (inFlight >= window) await new Promise<void>((r) => (wake = r))
      if (signal.aborted) break
      const sent = performance.now()
      inFlight++
      producer
        .send({ topic: topic!, value: payloads[i % payloads.length]! })
        .then(
          () => {
            const ms = performance.now() - sent
            lat.add(ms)
            acked++
            progress.update(acked, 1, size, ms)
          },
          (err: unknown) => {
            failure ??= err
          },
        )
        .finally(() => {
          inFlight--
          if (wake !== undefined && inFlight < window / 2) {
            const w = wake
            wake = undefined
            w()
          }
        })
    }
    await producer.flush()
    while (inFlight > 0) await new Promise((r) => setImmediate(r))
    progress.done()
    if (failure !== undefined) throw failure
    report(ctx, 'produce', acked, acked * size, Date.now() - start, lat, 'Produce')
  },
}

const consume: CommandSpec = {
  path: ['perf', 'consume'],
  summary: 'Measure consumer throughput and fetch latency',
  usage: 'TOPIC [options]',
  description: `Reads from the beginning of every partition (or with --group from its committed offsets) until exactly --num-records records are read or it has caught up with the end; a group commits only what was counted. ${CLIENT_NOTE}`,
  connects: true,
  options: {
    'num-records': { type: 'string', short: 'n', value: 'N', description: 'Stop after N records', default: 'all there are' },
    group: { type: 'string', short: 'g', value: 'GROUP', description: 'Consume as a member of this group' },
    'max-wait-ms': { type: 'string', value: 'MS', description: 'Fetch long-poll wait', default: '500' },
    'fetch-max-bytes': { type: 'string', value: 'BYTES', description: 'Max bytes per partition per fetch', default: '1048576' },
    timeout: { type: 'string', value: 'MS', description: 'Give up after this long without records', default: '10000' },
    ...PROGRESS,
  },
  examples: ['samsa perf consume bench', 'samsa perf consume bench -n 50000 --fetch-max-bytes 4194304 --json'],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const n = intOption(ctx.values, 'num-records', { min: 1 })
    const timeout = intOption(ctx.values, 'timeout', { min: 1 }) ?? 10_000
    const { Consumer } = await import('../client/consumer.js')
    const signal = ctx.interruptible()
    const cluster = (await ctx.admin()).cluster
    const info = await cluster.topic(topic!)
    const group = ctx.values.group as string | undefined
    const consumer = new Consumer(cluster, {
      ...(group !== undefined ? { groupId: group } : {}),
      autoOffsetReset: 'earliest',
      maxWaitMs: intOption(ctx.values, 'max-wait-ms', { min: 0 }) ?? 500,
      partitionMaxBytes: intOption(ctx.values, 'fetch-max-bytes', { min: 1 }) ?? 1_048_576,
    })
    const lat = new Latencies()
    let records = 0
    let bytes = 0
    try {
      if (group !== undefined) await consumer.subscribe([topic!])
      else await consumer.assign(info.partitions.map((p) => ({ topic: topic!, partition: p.partition, start: 'earliest' as const })))
      const progress = new Progress(ctx, n ?? 0)
      const start = Date.now()
      let lastData = Date.now()
      while (!signal.aborted) {
        const t0 = performance.now()
        let got: ConsumedRecord[] = await consumer.poll()
        const ms = performance.now() - t0
        lat.add(ms)
        if (got.length > 0) lastData = Date.now()
        if (n !== undefined && records + got.length > n) {
          // Count exactly n, and put the rest back so a group commits only what was counted.
          rewind(consumer, got.slice(n - records))
          got = got.slice(0, n - records)
        }
        let b = 0
        for (const r of got) b += (r.value?.length ?? 0) + (r.key?.length ?? 0)
        bytes += b
        records += got.length
        progress.update(records, got.length, b, ms)
        if (n !== undefined ? records >= n : consumer.caughtUp()) break
        if (Date.now() - lastData > timeout) {
          ctx.note(`No records for ${timeout} ms; stopping.`)
          break
        }
      }
      progress.done()
      report(ctx, 'consume', records, bytes, Date.now() - start, lat, 'Fetch')
    } finally {
      await consumer.close()
    }
  },
}

export const perfCommands: CommandSpec[] = [produce, consume]
