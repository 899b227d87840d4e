/**
 * ZooKeeper-mode cluster figures: `npm run bench:cluster [-- --zookeepers 3 --brokers 3 --partitions 1000 --session-timeout-ms 6000]`
 *
 * 1. Up: a ZooKeeper ensemble and broker processes (`samsa start --zookeeper.connect`) started
 *    from nothing, until ZooKeeper serves, then until every broker's Metadata lists all brokers
 *    and a controller.
 * 2. A topic of `--partitions` partitions (replication factor 1) created through the controller,
 *    until the CreateTopics answer (the controller's own metadata shows every partition led),
 *    then until every broker's Metadata shows every partition with a live leader.
 * 3. Controller failover: the controller is killed (SIGKILL), until a surviving broker names a
 *    new controller, then until that one creates a topic. Dominated by the ZooKeeper session
 *    timeout (the dead broker's session must expire). Then the same with a clean stop
 *    (SIGTERM: the controller resigns, so another takes over at once).
 *
 * Everything runs on loopback ports chosen at run time, under the OS temp dir, removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { ZooKeeperEnsemble, freePorts } from '../src/zookeeper/server-process.js'
import { startBenchBroker, type BenchBroker } from './broker-process.js'
import { Connection } from '../src/client/connection.js'
import { Admin } from '../src/client/admin.js'

const { values: args } = parseArgs({
  options: {
    zookeepers: { type: 'string', default: '3' },
    brokers: { type: 'string', default: '3' },
    partitions: { type: 'string', default: '1000' },
    'session-timeout-ms': { type: 'string', default: '6000' },
  },
})
const ZOOKEEPERS = Number(args.zookeepers)
const BROKERS = Number(args.brokers)
const PARTITIONS = Number(args.partitions)
const SESSION_MS = Number(args['session-timeout-ms'])

type Broker = BenchBroker

const dir = mkdtempSync(join(tmpdir(), 'samsa-bench-cluster-'))
const brokers: Broker[] = []
let ensemble: ZooKeeperEnsemble | undefined

async function metadata(port: number, topics: string[] | null): Promise<{ brokers: number[]; controllerId: number; led: number; partitions: number }> {
  const conn = await Connection.connect({ host: '127.0.0.1', port, connectTimeoutMs: 2000 })
  try {
    const res = await conn.request('Metadata', { topics: topics?.map((name) => ({ name })) ?? null, allowAutoTopicCreation: false })
    const parts = res.topics.flatMap((t) => t.partitions)
    return {
      brokers: res.brokers.map((b) => b.nodeId).sort(),
      controllerId: res.controllerId,
      led: parts.filter((p) => p.leaderId >= 0).length,
      partitions: parts.length,
    }
  } finally {
    conn.destroy()
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const start = performance.now()
  for (;;) {
    try {
      if (await check()) return performance.now() - start
    } catch {
      // not yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

async function startBroker(b: Broker, connect: string): Promise<void> {
  await startBenchBroker(b, { dir, connect, sessionMs: SESSION_MS })
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const live = (): Broker[] => brokers.filter((b) => b.child?.running === true)

try {
  const t0 = performance.now()
  ensemble = await ZooKeeperEnsemble.start({ size: ZOOKEEPERS, dir: join(dir, 'zookeeper'), tickTimeMs: 500, maxSessionTimeoutMs: 60_000 })
  const zkReady = performance.now() - t0
  const connect = ensemble.connectString('/samsa')
  const ports = await freePorts('127.0.0.1', BROKERS)
  for (let i = 0; i < BROKERS; i++) brokers.push({ id: i + 1, port: ports[i]!, out: '' })
  const t1 = performance.now()
  await Promise.all(brokers.map((b) => startBroker(b, connect)))
  const all = brokers.map((b) => b.id)
  await until('every broker sees the whole cluster', async () => {
    for (const b of brokers) {
      const md = await metadata(b.port, [])
      if (md.brokers.length !== BROKERS || md.controllerId < 0) return false
    }
    return true
  })
  const brokersUp = performance.now() - t1
  console.log(
    `${ZOOKEEPERS}+${BROKERS} cluster up: ${fmt(zkReady + brokersUp)} (ZooKeeper ensemble serving ${fmt(zkReady)}, then brokers registered and every broker's Metadata listing ${all.join(',')} with a controller ${fmt(brokersUp)})`,
  )

  const bootstrap = brokers.map((b) => `127.0.0.1:${b.port}`).join(',')
  const admin = await Admin.connect({ bootstrap, requestTimeoutMs: 120_000 })
  const t2 = performance.now()
  await admin.createTopics([{ name: 'big', partitions: PARTITIONS, replicationFactor: 1 }], { timeoutMs: 120_000 })
  const answered = performance.now() - t2
  await until('every broker sees every partition led', async () => {
    for (const b of brokers) {
      const md = await metadata(b.port, ['big'])
      if (md.led !== PARTITIONS) return false
    }
    return true
  })
  const everywhere = performance.now() - t2
  const leaders = new Map<number, number>()
  for (const p of (await admin.describeTopics(['big']))[0]!.partitions) leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1)
  await admin.close()
  console.log(
    `${PARTITIONS}-partition topic: CreateTopics answered after ${fmt(answered)}, every partition led in every broker's metadata after ${fmt(everywhere)} (leaders: ${[
      ...leaders,
    ]
      .sort()
      .map(([id, n]) => `broker ${id} ${n}`)
      .join(', ')})`,
  )
  for (const b of brokers) {
    const line = /"msg":"new partitions"/.test(b.out)
      ? b.out
          .split('\n')
          .filter((l) => l.includes('"new partitions"') && l.includes(`"partitions":${PARTITIONS}`))
          .pop()
      : undefined
    if (line !== undefined) console.log(`  the controller (broker ${b.id}) chose leaders and wrote ${PARTITIONS} partition states in ${JSON.parse(line).ms} ms`)
  }

  for (const how of ['SIGKILL', 'SIGTERM'] as const) {
    const first = live()[0]!
    const controller = (await metadata(first.port, [])).controllerId
    const victim = brokers.find((b) => b.id === controller)!
    const survivor = live().find((b) => b !== victim)!
    const t3 = performance.now()
    victim.child!.signal(how)
    const newController = await until('a new controller', async () => {
      const md = await metadata(survivor.port, [])
      return md.controllerId >= 0 && md.controllerId !== controller
    })
    const adm = await Admin.connect({
      bootstrap: live()
        .filter((b) => b !== victim)
        .map((b) => `127.0.0.1:${b.port}`)
        .join(','),
    })
    await until('a topic created by the new controller', async () => {
      await adm.createTopics([{ name: `after-${how}`, partitions: 3, replicationFactor: 1 }], { ifNotExists: true })
      return true
    })
    const created = performance.now() - t3
    await adm.close()
    await victim.child!.exited
    console.log(
      `controller failover after ${how} of the controller (broker ${controller}; zookeeper.session.timeout.ms ${SESSION_MS}): new controller named after ${fmt(newController)}, first topic created after ${fmt(created)}`,
    )
    await startBroker(victim, connect)
    await until('the broker is back', async () => (await metadata(survivor.port, [])).brokers.length === BROKERS)
  }
} catch (err) {
  console.error(err)
  for (const b of brokers) console.error(`--- broker ${b.id}\n${b.out.slice(-3000)}`)
  process.exitCode = 1
} finally {
  for (const b of brokers) b.child?.signal('SIGKILL')
  await Promise.all(brokers.map((b) => b.child?.exited))
  await ensemble?.stop()
  rmSync(dir, { recursive: true, force: true })
}
