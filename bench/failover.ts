/**
 * Failover time: `npm run bench:failover [-- --rounds 5 --session-timeout-ms 6000]`
 *
 * One ZooKeeper and three broker processes (`samsa start --zookeeper.connect`, loopback ports
 * chosen at run time, under the OS temp dir, removed at the end); a topic of one partition,
 * replication factor 3, min.insync.replicas 2. A writer sends one acks=all record at a time to the
 * partition's leader. Each round kills the leader (SIGKILL) and measures until the first acks=all
 * write acknowledged on that partition afterwards: the dead broker's ZooKeeper session must
 * expire (zookeeper.session.timeout.ms), the controller elects an in-sync follower, and the
 * writer finds it (it asks a live broker's Metadata every 50 ms, as a client refreshing
 * metadata after NOT_LEADER_OR_FOLLOWER or a dropped connection would). Then the broker is
 * restarted and the next round waits until all three replicas are in sync again.
 * Prints each round and the median; the goal is under 10 s with a 6 s session timeout.
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
import { encodeRecordBatch } from '../src/protocol/record-codec.js'

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'session-timeout-ms': { type: 'string', default: '6000' },
  },
})
const ROUNDS = Number(args.rounds)
const SESSION_MS = Number(args['session-timeout-ms'])
const TOPIC = 'failover'

type Broker = BenchBroker

const dir = mkdtempSync(join(tmpdir(), 'samsa-bench-failover-'))
const brokers: Broker[] = []
let ensemble: ZooKeeperEnsemble | undefined

const running = (): Broker[] => brokers.filter((b) => b.child?.running === true)

async function withConnection<T>(b: Broker, fn: (c: Connection) => Promise<T>): Promise<T> {
  const conn = await Connection.connect({ host: '127.0.0.1', port: b.port, connectTimeoutMs: 1000 })
  try {
    return await fn(conn)
  } finally {
    conn.destroy()
  }
}

/** The partition as broker `b` describes it. */
async function partitionOf(b: Broker): Promise<{ leader: number; isr: number[] } | undefined> {
  return withConnection(b, async (conn) => {
    const res = await conn.request('Metadata', { topics: [{ name: TOPIC }], allowAutoTopicCreation: false })
    const p = res.topics[0]?.partitions[0]
    return p === undefined ? undefined : { leader: p.leaderId, isr: [...p.isrNodes].sort() }
  })
}

/** One acks=all record to the partition on broker `b`; its error code. */
function produce(conn: Connection, value: string): Promise<number> {
  return conn
    .request(
      'Produce',
      {
        transactionalId: null,
        acks: -1,
        timeoutMs: 5000,
        topicData: [{ name: TOPIC, partitionData: [{ index: 0, records: encodeRecordBatch({ records: [{ key: null, value }] }) }] }],
      },
      { minVersion: 3, timeoutMs: 10_000 },
    )
    .then((res) => res.responses[0]!.partitionResponses[0]!.errorCode)
}

async function until<T>(what: string, check: () => Promise<T | false | undefined>, timeoutMs = 120_000): Promise<T> {
  const start = performance.now()
  for (;;) {
    try {
      const v = await check()
      if (v !== false && v !== undefined) return v
    } catch {
      // not yet
    }
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

async function startBroker(b: Broker, connect: string): Promise<void> {
  await startBenchBroker(b, { dir, connect, sessionMs: SESSION_MS })
  await until(`broker ${b.id} listening`, async () => b.out.includes(`listening on 127.0.0.1:${b.port}`))
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

try {
  ensemble = await ZooKeeperEnsemble.start({ size: 1, dir: join(dir, 'zookeeper'), tickTimeMs: 500, maxSessionTimeoutMs: 60_000 })
  const connect = ensemble.connectString('/samsa')
  const ports = await freePorts('127.0.0.1', 3)
  for (let i = 0; i < 3; i++) brokers.push({ id: i + 1, port: ports[i]!, out: '' })
  await Promise.all(brokers.map((b) => startBroker(b, connect)))
  await until('every broker sees the cluster', async () => {
    for (const b of brokers) {
      const ok = await withConnection(b, async (c) => {
        const md = await c.request('Metadata', { topics: [], allowAutoTopicCreation: false })
        return md.brokers.length === 3 && md.controllerId >= 0
      })
      if (!ok) return false
    }
    return true
  })
  const admin = await Admin.connect({ bootstrap: brokers.map((b) => `127.0.0.1:${b.port}`).join(',') })
  await admin.createTopics([{ name: TOPIC, partitions: 1, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }])
  await admin.close()

  const times: number[] = []
  let n = 0
  for (let round = 1; round <= ROUNDS; round++) {
    const inSync = await until('three replicas in sync', async () => {
      const p = await partitionOf(running()[0]!)
      return p !== undefined && p.leader >= 0 && p.isr.length === 3 ? p : false
    })
    const victim = brokers.find((b) => b.id === inSync.leader)!
    // Steady acks=all writes on the leader, then the kill between two of them.
    await withConnection(victim, async (conn) => {
      for (let i = 0; i < 20; i++) if ((await produce(conn, `v${n++}`)) !== 0) throw new Error('the leader did not acknowledge before the kill')
    })
    const killedAt = performance.now()
    victim.child!.signal('SIGKILL')
    let newLeader = -1
    const ms = await until('the first acknowledged acks=all write after the kill', async () => {
      const asked = running().filter((b) => b !== victim)[n % 2]!
      const p = await partitionOf(asked)
      const leader = brokers.find((b) => b.id === p?.leader && b !== victim)
      if (leader === undefined) return false
      if ((await withConnection(leader, (conn) => produce(conn, `v${n++}`))) !== 0) return false
      newLeader = leader.id
      return performance.now() - killedAt
    })
    times.push(ms)
    console.log(`round ${round}: kill -9 of leader ${victim.id} to the first acks=all write acknowledged by broker ${newLeader}: ${fmt(ms)}`)
    await victim.child!.exited
    await startBroker(victim, connect)
  }
  const sorted = [...times].sort((a, b) => a - b)
  console.log(
    `failover (zookeeper.session.timeout.ms ${SESSION_MS}, ${ROUNDS} rounds): median ${fmt(sorted[Math.floor(sorted.length / 2)]!)}, min ${fmt(sorted[0]!)}, max ${fmt(sorted[sorted.length - 1]!)}`,
  )
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
