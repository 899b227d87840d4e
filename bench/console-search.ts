/**
 * How fast the web console searches a topic, beside the command-line consumer reading the same
 * records: `npm run bench:console-search [-- --records 200000 --partitions 4]`.
 *
 * A broker and its console run in this process, as `samsa start` runs them. The topic gets
 * `--records` JSON records of about 100 bytes over `--partitions` partitions. Then:
 * - `samsa consume TOPIC --from-beginning -e` in a child process, output to /dev/null;
 * - console searches over the whole topic that match nothing (so every record is scanned and
 *   nothing is rendered): a substring, a regular expression, and a filter expression.
 * Each runs `--runs` times and prints the median records per second; the console's figure is
 * scanned records over its own elapsed time (the `done` event), the CLI's is records over the
 * wall time of the process. For searches it also prints the CPU time this process spent per
 * record scanned (broker and console together), which a busy machine disturbs far less than
 * wall time.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startBroker } from '../src/index.js'
import { startConsole } from '../src/console/index.js'
import { Admin, Producer } from '../src/client/index.js'

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '200000' },
    partitions: { type: 'string', default: '4' },
    runs: { type: 'string', default: '3' },
  },
})
const RUNS = Number(args.runs)
const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const N = Number(args.records)
const P = Number(args.partitions)
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..')

const broker = await startBroker({ port: 0 })
const console_ = await startConsole({ bootstrap: broker.bootstrap, port: 0 })
try {
  const admin = await Admin.connect({ bootstrap: broker.bootstrap })
  await admin.createTopics([{ name: 'search', partitions: P }])
  await admin.close()
  const producer = await Producer.connect({ bootstrap: broker.bootstrap, lingerMs: 5, batchSize: 256 * 1024 })
  for (let i = 0; i < N; i += 10_000) {
    await Promise.all(
      Array.from({ length: Math.min(10_000, N - i) }, (_, j) => {
        const n = i + j
        return producer.send({
          topic: 'search',
          key: `user-${n % 5000}`,
          value: JSON.stringify({ n, user: { id: n % 5000, name: `name ${n % 997}` }, item: `widget ${n % 313}`, price: (n % 1000) / 10 }),
          headers: [{ key: 'source', value: 'bench' }],
        })
      }),
    )
  }
  await producer.close()
  process.stdout.write(`${N} records in ${P} partitions\n`)

  const cli: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const cliStarted = Date.now()
    await new Promise<void>((resolve, reject) => {
      const c = spawn(process.execPath, [join(root, 'bin', 'samsa.js'), 'consume', 'search', '--from-beginning', '-e', '-q', '-b', broker.bootstrap], {
        stdio: ['ignore', 'ignore', 'inherit'],
      })
      c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`samsa consume exited ${code}`))))
    })
    cli.push(Date.now() - cliStarted)
  }
  const cliMs = median(cli)
  process.stdout.write(
    `samsa consume (process start included): ${Math.round(N / (cliMs / 1000)).toLocaleString('en-US')} records/s (median ${cliMs} ms of ${RUNS})\n`,
  )

  for (const [label, query] of [
    ['console search, substring', 'q=no-such-needle'],
    ['console search, regex', `q=${encodeURIComponent('no-such-(needle|pin)')}&mode=regex`],
    ['console search, filter', `mode=filter&q=${encodeURIComponent('value.user.id == 123456 && key contains "x"')}`],
  ] as const) {
    const runs: Array<{ scanned: number; elapsedMs: number; matches: number }> = []
    const cpu: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const before = process.cpuUsage()
      const done = await search(new URL(`/api/topics/search/search?${query}&limit=10`, console_.url).href)
      const used = process.cpuUsage(before)
      if (done !== undefined) {
        runs.push(done)
        cpu.push((used.user + used.system) / done.scanned)
      }
    }
    if (runs.length === 0) {
      process.stdout.write(`${label}: not supported\n`)
      continue
    }
    const ms = median(runs.map((r) => r.elapsedMs))
    process.stdout.write(
      `${label}: ${Math.round(runs[0]!.scanned / (ms / 1000)).toLocaleString('en-US')} records/s, ${median(cpu).toFixed(1)} µs CPU a record (${runs[0]!.scanned} scanned, median ${ms} ms of ${RUNS}, ${runs[0]!.matches} matches)\n`,
    )
  }
} finally {
  await console_.close()
  await broker.close()
}

async function search(url: string): Promise<{ scanned: number; elapsedMs: number; matches: number } | undefined> {
  const res = await fetch(url)
  if (!res.ok) return undefined
  const decoder = new TextDecoder()
  let buf = ''
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true })
    const m = /event: done\ndata: (.*)\n/.exec(buf)
    if (m !== null) return JSON.parse(m[1]!)
    const e = /event: error\ndata: (.*)\n/.exec(buf)
    if (e !== null) throw new Error(e[1])
    if (buf.length > 1_000_000) buf = buf.slice(-10_000)
  }
  return undefined
}
