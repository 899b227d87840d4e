/**
 * Runs Samsa for the benchmark in its own process through the embedded API, as an application
 * embedding it would: `startBroker()` on a random port with the given data directory and broker
 * settings (Kafka names).
 *
 *   node dist/bench/samsa-broker.js --data-dir DIR [--config num.partitions=8 ...] [--stats]
 *
 * --stats prints a line a second on stderr: CPU used, the event loop's longest delay, Produce
 * frame bytes held, the buffer pool and external memory (to see what a run's first seconds pay).
 *
 * Prints {"bootstrap": "127.0.0.1:PORT", "pid": N, "listeners": {...}} on stdout when ready; closes the broker
 * cleanly when stdin closes or on SIGTERM. A line `stats` on stdin prints the broker's own figures
 * since the previous one: {"eventLoopDelayMaxMs", "eventLoopDelayP99Ms", "heldBytesPeak"} (and resets them).
 */
import { parseArgs } from 'node:util'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { startBroker } from '../src/index.js'
import { sharedBufferPool } from '../src/buffers/buffer-pool.js'

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    config: { type: 'string', multiple: true, default: [] },
    stats: { type: 'boolean', default: false },
  },
})
const config: Record<string, string> = {}
for (const kv of args.config) {
  const eq = kv.indexOf('=')
  if (eq <= 0) throw new Error(`--config wants name=value, not ${kv}`)
  config[kv.slice(0, eq)] = kv.slice(eq + 1)
}
const broker = await startBroker({ dataDir: args['data-dir'], config })
// Every listener too (`{"SSL": "127.0.0.1:PORT"}`), for the TLS rows.
const listeners = Object.fromEntries(broker.running.listeners.map((l) => [l.name, `127.0.0.1:${l.port}`]))
process.stdout.write(JSON.stringify({ bootstrap: broker.bootstrap, pid: process.pid, listeners }) + '\n')

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  broker.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`samsa-broker: ${String(err)}\n`)
      process.exit(1)
    },
  )
}
process.stdin.on('data', (d: Buffer) => {
  if (!d.toString().split('\n').includes('stats')) return
  const { eventLoopDelay, server } = broker.running
  process.stdout.write(
    JSON.stringify({
      eventLoopDelayMaxMs: eventLoopDelay.max / 1e6,
      eventLoopDelayP99Ms: eventLoopDelay.percentile(99) / 1e6,
      heldBytesPeak: server.memory.peak,
    }) + '\n',
  )
  eventLoopDelay.reset()
  server.memory.resetPeak()
})
process.stdin.on('end', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

if (args.stats) {
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  let cpu = process.cpuUsage()
  const t0 = Date.now()
  const requestMemory = broker.running.server.requestMemory
  setInterval(() => {
    const used = process.cpuUsage(cpu)
    cpu = process.cpuUsage()
    const mb = (n: number): string => (n / 1e6).toFixed(0)
    process.stderr.write(
      `stats t=${((Date.now() - t0) / 1000).toFixed(0)}s cpu=${((used.user + used.system) / 1000).toFixed(0)}ms loopDelayMax=${(delay.max / 1e6).toFixed(0)}ms requestHeld=${mb(requestMemory.held)}MB peak=${mb(requestMemory.peak)}MB poolLeased=${mb(sharedBufferPool.leasedBytes)}MB poolIdle=${mb(sharedBufferPool.idleBytes)}MB external=${mb(process.memoryUsage().arrayBuffers)}MB rss=${mb(process.memoryUsage.rss())}MB\n`,
    )
    requestMemory.resetPeak()
    delay.reset()
  }, 1000).unref()
}
