/** `samsa perf produce|consume`: throughput and latency, like Kafka's perf-test tools. */
import { randomBytes } from 'node:crypto'
import { parseCompression } from '../client/compression.js'
import { Consumer } from '../client/consumer.js'
import { Producer } from '../client/producer.js'
import { type CommandSpec, UsageError, intOption } from './command.js'
import type { Context } from './context.js'
import { ProgressBar, formatBytes, formatCount, formatMs, toJson } from './output.js'
import { parseAcks } from './produce.js'

/** Latency samples, reservoir-sampled beyond a million. */
export class Latencies {
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

function progressEnabled(ctx: Context): boolean {
  return ctx.values.progress === true || (process.stderr.isTTY === true && ctx.values['no-progress'] !== true)
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
    mbPerSec: secs > 0 ? bytes / 1024 / 1024 / secs : 0,
    latencyMs: { avg: l.avg, p50: l.p50, p99: l.p99, p999: l.p999, max: l.max },
  }
  if (ctx.json) return ctx.print(toJson(result, 2))
  ctx.print(`${formatCount(records)} records (${formatBytes(bytes)}) in ${secs.toFixed(2)} s: ${formatCount(result.recordsPerSec)} records/s, ${result.mbPerSec.toFixed(2)} MB/s`)
  ctx.print(`${latencyName} latency ms: avg ${formatMs(l.avg)}, p50 ${formatMs(l.p50)}, p99 ${formatMs(l.p99)}, p99.9 ${formatMs(l.p999)}, max ${formatMs(l.max)}`)
}

const PROGRESS = {
  progress: { type: 'boolean', description: 'Show the progress bar even when stderr is not a terminal' },
  'no-progress': { type: 'boolean', description: 'Never show the progress bar' },
} as const

const produce: CommandSpec = {
  path: ['perf', 'produce'],
  summary: 'Measure producer throughput and latency',
  usage: 'TOPIC [options]',
  connects: true,
  options: {
    'num-records': { type: 'string', short: 'n', value: 'N', description: 'Records to send', default: '100000' },
    'record-size': { type: 'string', short: 's', value: 'BYTES', description: 'Value size of each record', default: '100' },
    throughput: { type: 'string', short: 't', value: 'N', description: 'Records per second; -1 for no limit', default: '-1' },
    acks: { type: 'string', value: '0|1|all', description: 'Acknowledgements', default: 'all', choices: ['0', '1', 'all'] },
    'batch-size': { type: 'string', value: 'BYTES', description: 'Batch size per partition', default: '16384' },
    'linger-ms': { type: 'string', value: 'MS', description: 'Wait this long to fill batches', default: '0' },
    compression: { type: 'string', value: 'TYPE', description: 'none or gzip', default: 'none', choices: ['none', 'gzip', 'snappy', 'lz4', 'zstd'] },
    'max-in-flight': { type: 'string', value: 'N', description: 'Produce requests in flight per broker', default: '5' },
    ...PROGRESS,
  },
  examples: [
    'samsa perf produce bench --num-records 1000000 --record-size 100',
    'samsa perf produce bench -n 50000 --throughput 10000 --acks 1 --json',
    'samsa perf produce bench --compression gzip --batch-size 65536 --linger-ms 5',
  ],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const n = intOption(ctx.values, 'num-records', { min: 1 }) ?? 100_000
    const size = intOption(ctx.values, 'record-size', { min: 0 }) ?? 100
    const throughput = intOption(ctx.values, 'throughput', { min: -1 }) ?? -1
    let compression
    try {
      compression = parseCompression(String(ctx.values.compression ?? 'none'))
    } catch (err) {
      throw new UsageError((err as Error).message, ctx.spec.path)
    }
    const producer = new Producer((await ctx.admin()).cluster, {
      acks: parseAcks(ctx.values.acks),
      compression,
      batchSize: intOption(ctx.values, 'batch-size', { min: 1 }) ?? 16_384,
      lingerMs: intOption(ctx.values, 'linger-ms', { min: 0 }) ?? 0,
      maxInFlight: intOption(ctx.values, 'max-in-flight', { min: 1 }) ?? 5,
    })
    await producer.partitionCount(topic!)
    // Random uppercase letters, as Kafka's tool sends; a few payloads reused to keep the client cheap.
    const payloads = Array.from({ length: 16 }, () => Buffer.from(randomBytes(size).map((b) => 65 + (b % 26))))
    const lat = new Latencies()
    const bar = new ProgressBar(n, progressEnabled(ctx))
    const start = Date.now()
    let acked = 0
    let failure: unknown
    let inFlight = 0
    let wake: (() => void) | undefined
    const window = 20_000
    for (let i = 0; i < n && failure === undefined; i++) {
      if (throughput > 0) {
        const wait = start + (i / throughput) * 1000 - Date.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
      if (inFlight >= window) await new Promise<void>((r) => (wake = r))
      const sent = performance.now()
      inFlight++
      producer.send({ topic: topic!, value: payloads[i % payloads.length]! }).then(() => {
        lat.add(performance.now() - sent)
        acked++
        bar.update(acked, `${formatCount((acked * 1000) / Math.max(1, Date.now() - start))} records/s`)
      }, (err: unknown) => {
        failure ??= err
      }).finally(() => {
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
    bar.done()
    if (failure !== undefined) throw failure
    report(ctx, 'produce', acked, acked * size, Date.now() - start, lat, 'Produce')
  },
}

const consume: CommandSpec = {
  path: ['perf', 'consume'],
  summary: 'Measure consumer throughput and fetch latency',
  usage: 'TOPIC [options]',
  description: 'Reads from the beginning of every partition (or with --group from its committed offsets) until --num-records records have arrived or it has caught up with the end.',
  connects: true,
  options: {
    'num-records': { type: 'string', short: 'n', value: 'N', description: 'Stop after N records', default: 'all there are' },
    group: { type: 'string', short: 'g', value: 'GROUP', description: 'Consume as a member of this group' },
    'max-wait-ms': { type: 'string', value: 'MS', description: 'Fetch long-poll wait', default: '500' },
    'fetch-max-bytes': { type: 'string', value: 'BYTES', description: 'Max bytes per partition per fetch', default: '1048576' },
    timeout: { type: 'string', value: 'MS', description: 'Give up after this long without records', default: '10000' },
    ...PROGRESS,
  },
  examples: ['samsa perf consume bench', 'samsa perf consume bench -n 1000000 --fetch-max-bytes 4194304 --json'],
  async run(ctx) {
    const [topic] = ctx.args(['TOPIC'])
    const n = intOption(ctx.values, 'num-records', { min: 1 })
    const timeout = intOption(ctx.values, 'timeout', { min: 1 }) ?? 10_000
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
      const total = n ?? 0
      const bar = new ProgressBar(total, progressEnabled(ctx) && total > 0)
      const start = Date.now()
      let lastData = Date.now()
      for (;;) {
        const t0 = performance.now()
        const got = await consumer.poll()
        lat.add(performance.now() - t0)
        if (got.length > 0) lastData = Date.now()
        for (const r of got) bytes += (r.value?.length ?? 0) + (r.key?.length ?? 0)
        records += got.length
        bar.update(records, `${formatCount((records * 1000) / Math.max(1, Date.now() - start))} records/s`)
        if (n !== undefined ? records >= n : consumer.caughtUp()) break
        if (Date.now() - lastData > timeout) {
          ctx.note(`No records for ${timeout} ms; stopping.`)
          break
        }
      }
      bar.done()
      report(ctx, 'consume', records, bytes, Date.now() - start, lat, 'Fetch')
    } finally {
      await consumer.close()
    }
  },
}

export const perfCommands: CommandSpec[] = [produce, consume]
