// Decompression bombs against a broker: for each, the answer, how long it took, the longest
// event-loop stall while it arrived (the broker runs in this process, so the histogram is its
// own), what inflation held (inflationStats) and how far the peak RSS rose, and the slowest
// round trip another client saw meanwhile.
//
//   npm run bench:bomb                       every bomb
//   npm run bench:bomb -- --only zstd-1.9g,gzip-900m
//
// Not part of `npm test` (test/broker/compression-bombs.test.ts checks the bounds).
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { startBroker } from '../src/index.js'
import { ApiKey } from '../src/protocol/generated/index.js'
import { RawConnection } from '../test/support/raw-client.js'
import { giantRecordBomb, manyRecords } from '../test/support/compressed-batches.js'

const MiB = 1024 * 1024
const { values: opt } = parseArgs({ options: { only: { type: 'string' } } })

interface Bomb {
  id: string
  what: string
  topic: string
  make: () => Buffer
  /** Sent this many times at once, each on its own connection. */
  copies?: number
}

const bombs: Bomb[] = [
  { id: 'zstd-1.9g', what: 'zstd, one record of 1.9 GB', topic: 'bombs', make: () => giantRecordBomb('zstd', 1900 * MiB) },
  { id: 'zstd-4x1.9g', what: 'zstd, 4 at once, one record of 1.9 GB each', topic: 'bombs', make: () => giantRecordBomb('zstd', 1950 * MiB), copies: 4 },
  { id: 'gzip-900m', what: 'gzip, one record of 900 MB', topic: 'bombs', make: () => giantRecordBomb('gzip', 900 * MiB) },
  { id: 'lz4-200m', what: 'lz4, one record of 200 MB', topic: 'bombs', make: () => giantRecordBomb('lz4', 200 * MiB) },
  { id: 'snappy-160m', what: 'snappy, one record of 160 MB', topic: 'big', make: () => giantRecordBomb('snappy', 160 * MiB) },
  { id: 'gzip-records', what: 'gzip, 70,000 records of 1 KB', topic: 'big', make: () => manyRecords('gzip', 70_000, 1000, 'repetitive') },
  { id: 'lz4-records', what: 'lz4, 70,000 records of 1 KB', topic: 'big', make: () => manyRecords('lz4', 70_000, 1000, 'repetitive') },
  { id: 'zstd-records', what: 'zstd, 70,000 records of 1 KB', topic: 'big', make: () => manyRecords('zstd', 70_000, 1000, 'repetitive') },
]

// Older builds have no inflation budget to read.
const inflate = await import('../src/protocol/inflate.js').catch(() => null)

const broker = await startBroker({ port: 0 })
const admin = await RawConnection.connect(broker.bootstrap)
await admin.negotiate()
await admin.request(ApiKey.CreateTopics, 7, {
  timeoutMs: 5000,
  topics: [
    { name: 'bombs', numPartitions: 1, replicationFactor: 1 },
    { name: 'big', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'max.message.bytes', value: String(16 * MiB) }] },
  ],
})

const rows: string[] = []
for (const b of bombs) {
  if (opt.only !== undefined && !opt.only.split(',').includes(b.id)) continue
  const batch = b.make()
  const copies = b.copies ?? 1
  const conns = await Promise.all(Array.from({ length: copies }, () => RawConnection.connect(broker.bootstrap)))
  const other = await RawConnection.connect(broker.bootstrap)
  global.gc?.()
  const rss0 = process.memoryUsage().rss
  const maxRss0 = process.resourceUsage().maxRSS * 1024
  inflate?.resetInflationPeak()
  const delay = monitorEventLoopDelay({ resolution: 1 })
  let running = true
  let slowestPing = 0
  const pings = (async () => {
    while (running) {
      const t = performance.now()
      await other.request(ApiKey.Metadata, 12, { topics: [{ name: 'bombs' }] }, 600_000)
      slowestPing = Math.max(slowestPing, performance.now() - t)
    }
  })()
  delay.enable()
  const t0 = performance.now()
  const answers = await Promise.all(
    conns.map((c) =>
      c.request(
        ApiKey.Produce,
        9,
        {
          acks: -1,
          timeoutMs: 5000,
          topicData: [{ name: b.topic, partitionData: [{ index: 0, records: batch }] }],
        },
        600_000,
      ),
    ),
  )
  const ms = performance.now() - t0
  // The histogram records a stall when its timer fires after it: let it fire before disabling.
  await new Promise((resolve) => setTimeout(resolve, 20))
  delay.disable()
  running = false
  await pings
  const codes = [...new Set(answers.map((a: any) => a.responses[0].partitionResponses[0].errorCode))].join('/')
  const peak = inflate?.inflationStats().peak
  const maxRssRise = Math.max(0, process.resourceUsage().maxRSS * 1024 - Math.max(maxRss0, rss0))
  rows.push(
    `| ${b.what} | ${(batch.length / 1024).toFixed(0)} KB | ${codes} | ${ms.toFixed(0)} | ${(delay.max / 1e6).toFixed(1)} | ${slowestPing.toFixed(1)} | ${peak === undefined ? '-' : (peak / MiB).toFixed(2)} | ${(maxRssRise / MiB).toFixed(0)} |`,
  )
  process.stderr.write(`${rows.at(-1)}\n`)
  for (const c of [...conns, other]) c.close()
}

console.log(
  '| bomb | batch | error code | answered after, ms | longest event-loop stall, ms | slowest other request, ms | inflation held, MiB | peak RSS rise, MiB |',
)
console.log('|---|--:|--:|--:|--:|--:|--:|--:|')
for (const r of rows) console.log(r)
admin.close()
await broker.close()
