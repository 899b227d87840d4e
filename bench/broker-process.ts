/**
 * A ZooKeeper-mode broker the cluster benchmarks start as its own process (`samsa start`), with
 * its output kept for the lines the benchmarks wait for.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnWithLifeline, type LifelineChild } from '../src/cli/lifeline.js'

const SAMSA = fileURLToPath(new URL('../../bin/samsa.js', import.meta.url))

export interface BenchBroker {
  id: number
  port: number
  child?: LifelineChild
  /** The last 20,000 characters it wrote (JSON log lines). */
  out: string
}

/** Starts broker `b` (again) with its data in `dir`/broker-<id>; returns once it is spawned. */
export async function startBenchBroker(b: BenchBroker, opts: { dir: string; connect: string; sessionMs: number }): Promise<void> {
  b.out = ''
  const args = ['start', '--log-level', 'info', '--log-format', 'json', '--node.id', String(b.id)]
  args.push('--listeners', `PLAINTEXT://127.0.0.1:${b.port}`, '--log.dirs', join(opts.dir, `broker-${b.id}`))
  args.push('--zookeeper.connect', opts.connect, '--console.enable', 'false', '--zookeeper.session.timeout.ms', String(opts.sessionMs))
  b.child = await spawnWithLifeline(process.execPath, [SAMSA, ...args], { graceSeconds: 5 })
  const keep = (d: Buffer): void => {
    b.out = (b.out + d.toString()).slice(-20_000)
  }
  b.child.stderr.on('data', keep)
  b.child.stdout.on('data', keep)
}
