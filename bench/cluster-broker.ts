/**
 * A three-broker cluster as the benchmark's system under test: one ZooKeeper server and three
 * broker processes (`samsa start --zookeeper.connect ...`, as test/support/cluster.ts starts
 * them) on loopback ports chosen at run time, in a temporary directory, with the topic
 * `--topic` created at `--partitions` partitions and replication factor 3 (leaders spread over
 * the brokers), ready once every partition has all three replicas in sync.
 *
 *   node dist/bench/cluster-broker.js [--topic bench] [--partitions 8] [--brokers 3] [--cpu-prof-dir DIR]
 *
 * --cpu-prof-dir runs each broker under `node --cpu-prof` (broker-N.cpuprofile in DIR); the brokers
 * are then stopped with SIGTERM, so that they write their profiles, instead of SIGKILL.
 *
 * Prints {"bootstrap": "127.0.0.1:P1,...", "pids": [broker pids], "zookeeperPid": N} on stdout
 * when ready; stops everything when stdin closes or on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { ZooKeeperEnsemble, freePorts } from '../src/zookeeper/server-process.js'
import { spawnWithLifeline, type LifelineChild } from '../src/cli/lifeline.js'
import { Admin } from '../src/client/admin.js'

const { values: args } = parseArgs({
  options: {
    topic: { type: 'string', default: 'bench' },
    partitions: { type: 'string', default: '8' },
    brokers: { type: 'string', default: '3' },
    'cpu-prof-dir': { type: 'string' },
  },
})
const BROKERS = Number(args.brokers)
const PROFILE_DIR = args['cpu-prof-dir']
const SAMSA = fileURLToPath(new URL('../../bin/samsa.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'samsa-bench-cluster-'))
const children: LifelineChild[] = []
let ensemble: ZooKeeperEnsemble | undefined
let output = ''

async function stop(code: number): Promise<never> {
  for (const c of children) c.signal(PROFILE_DIR === undefined ? 'SIGKILL' : 'SIGTERM')
  await Promise.all(children.map((c) => c.exited))
  await ensemble?.stop().catch(() => {})
  rmSync(dir, { recursive: true, force: true })
  process.exit(code)
}

try {
  ensemble = await ZooKeeperEnsemble.start({ size: 1, dir: join(dir, 'zookeeper'), tickTimeMs: 500, maxSessionTimeoutMs: 60_000 })
  const connect = ensemble.connectString('/samsa')
  const ports = await freePorts('127.0.0.1', BROKERS)
  for (let i = 0; i < BROKERS; i++) {
    const child = await spawnWithLifeline(
      process.execPath,
      [
        ...(PROFILE_DIR === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `broker-${i + 1}.cpuprofile`]),
        SAMSA,
        'start',
        '--log-level',
        'warn',
        '--node.id',
        String(i + 1),
        '--listeners',
        `PLAINTEXT://127.0.0.1:${ports[i]}`,
        '--log.dirs',
        join(dir, `broker-${i + 1}`),
        '--zookeeper.connect',
        connect,
        '--console.enable',
        'false',
        '--zookeeper.session.timeout.ms',
        '6000',
      ],
      { graceSeconds: 5 },
    )
    const collect = (d: Buffer): void => {
      output = (output + d.toString()).slice(-20_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    children.push(child)
  }
  const bootstrap = ports.map((p) => `127.0.0.1:${p}`).join(',')
  const deadline = Date.now() + 120_000
  let admin: Admin | undefined
  for (;;) {
    try {
      admin ??= await Admin.connect({ bootstrap, requestTimeoutMs: 60_000 })
      await admin.createTopics([{ name: args.topic, partitions: Number(args.partitions), replicationFactor: BROKERS }], {
        ifNotExists: true,
        timeoutMs: 30_000,
      })
      const [t] = await admin.describeTopics([args.topic])
      if (t !== undefined && t.partitions.length === Number(args.partitions) && t.partitions.every((p) => p.leader >= 0 && p.isr.length === BROKERS)) break
    } catch {
      // brokers still registering
    }
    if (Date.now() > deadline) throw new Error(`the cluster did not get ${args.topic} fully in sync within 120 s`)
    await sleep(200)
  }
  await admin.close()
  process.stdout.write(JSON.stringify({ bootstrap, pids: children.map((c) => c.pid), zookeeperPid: ensemble.servers[0]?.pid }) + '\n')
} catch (err) {
  process.stderr.write(`cluster-broker: ${String(err)}\n${output.slice(-3000)}\n`)
  await stop(1)
}

process.stdin.on('end', () => void stop(0))
process.stdin.resume()
process.on('SIGTERM', () => void stop(0))
process.on('SIGINT', () => void stop(0))
