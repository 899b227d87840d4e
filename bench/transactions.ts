/**
 * Transactional throughput: `npm run bench:transactions [-- --runs 3 --seconds 10 --size 1024]`
 *
 * One load generator, confluent-kafka-python on librdkafka 2.0.2 (bench/txn_load.py), produces
 * `--size`-byte records for `--seconds` to an 8-partition topic of a Samsa broker started for
 * the run (its own process and data directory): idempotent without transactions, then in
 * transactions of 100 and of 1,000 records (begin, produce, commit, one after another, so each
 * commit's PrepareCommit, markers to the 8 partitions and CompleteCommit are on the path). Each
 * figure is the median records/s of `--runs` runs, each on a fresh broker; commit latencies are
 * the median run's p50/p99.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    size: { type: 'string', default: '1024' },
  },
})
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const RUNS = Number(args.runs)

interface Load {
  records: number
  seconds: number
  transactions: number
  commitP50: number | null
  commitP99: number | null
}

function startBroker(dataDir: string): Promise<{ bootstrap: string; stop(): Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/bench/samsa-broker.js'), '--data-dir', dataDir, '--config', 'num.partitions=8'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (!out.includes('\n')) return
      const { bootstrap } = JSON.parse(out.split('\n')[0]!) as { bootstrap: string }
      resolvePromise({
        bootstrap,
        stop: () =>
          new Promise((r) => {
            child.on('exit', () => r())
            child.stdin.end()
          }),
      })
    })
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`broker exited ${code}`))
    })
  })
}

function load(bootstrap: string, txn: number, id: string): Promise<Load> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      '/usr/bin/python3',
      [
        join(ROOT, 'bench/txn_load.py'),
        '--bootstrap',
        bootstrap,
        '--topic',
        'bench-txn',
        '--txn',
        String(txn),
        '--size',
        args.size,
        '--seconds',
        args.seconds,
        '--id',
        id,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`txn_load.py exited ${code}`))
      resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as Load)
    })
  })
}

const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!
const results: Array<{ name: string; rate: number; p50: number | null; p99: number | null }> = []
for (const [name, txn] of [
  ['idempotent, no transactions', 0],
  ['transactions of 100 records', 100],
  ['transactions of 1,000 records', 1000],
] as const) {
  const runs: Load[] = []
  for (let r = 0; r < RUNS; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'samsa-bench-txn-'))
    const broker = await startBroker(dir)
    try {
      runs.push(await load(broker.bootstrap, txn, `bench-${r}`))
    } finally {
      await broker.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const m = median(runs, (x) => x.records / x.seconds)
  results.push({ name, rate: m.records / m.seconds, p50: m.commitP50, p99: m.commitP99 })
  process.stderr.write(`[bench] ${name}: ${Math.round(m.records / m.seconds)} records/s\n`)
}
const base = results[0]!.rate
process.stdout.write(
  `\n${args.size}-byte records, ${args.seconds} s per run, median of ${RUNS} runs, confluent-kafka-python (librdkafka 2.0.2), 8 partitions\n\n`,
)
process.stdout.write('| load | records/s | vs idempotent | commit p50 ms | commit p99 ms |\n| --- | ---: | ---: | ---: | ---: |\n')
for (const r of results) {
  process.stdout.write(
    `| ${r.name} | ${Math.round(r.rate).toLocaleString('en-US')} | ${((r.rate / base) * 100).toFixed(0)}% | ${r.p50 === null ? '-' : r.p50.toFixed(1)} | ${r.p99 === null ? '-' : r.p99.toFixed(1)} |\n`,
  )
}
