// `samsa dev-cluster`: ZooKeeper, brokers and the console from one command, data under one
// directory, output prefixed per process; Ctrl-C (SIGINT) stops everything and leaves no process
// behind, a second run finds the first run's topics, and a broker that cannot start stops what
// was started.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { eventually } from '../support/cluster.js'
import { Admin } from '../../src/client/admin.js'

const SAMSA = fileURLToPath(new URL('../../../bin/samsa.js', import.meta.url))
const skip = skipWithoutZooKeeper()
const dir = mkdtempSync(join(tmpdir(), 'samsa-dev-cluster-'))
const children = new Set<ChildProcess>()
after(() => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

function listen(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const s = createServer()
    s.once('error', () => resolve(null))
    s.listen(port, () => resolve(s))
  })
}

/** `n` consecutive free ports (dev-cluster numbers its brokers from one base port). */
async function consecutivePorts(n: number): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 30000)
    const servers = await Promise.all(Array.from({ length: n }, (_, i) => listen(base + i)))
    await Promise.all(servers.map((s) => new Promise((r) => (s === null ? r(null) : s.close(r)))))
    if (servers.every((s) => s !== null)) return base
  }
}

interface Run {
  child: ChildProcess
  output(): string
  exited: Promise<number | null>
}

function devCluster(args: string[]): Run {
  const child = spawn(process.execPath, [SAMSA, 'dev-cluster', '--dir', join(dir, 'data'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let out = ''
  child.stdout!.on('data', (d) => {
    out += d
  })
  child.stderr!.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child)
      resolve(code)
    }),
  )
  return { child, output: () => out, exited }
}

/** Processes whose command line names the test's directory (brokers and ZooKeeper). */
function processesUsing(path: string): number[] {
  const pids: number[] = []
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(path)) pids.push(Number(p))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

test('dev-cluster runs ZooKeeper, two brokers and the console; Ctrl-C stops them all; a second run finds the data', { skip, timeout: 180_000 }, async () => {
  const port = await consecutivePorts(2)
  const zkPort = await consecutivePorts(1)
  const consolePort = await consecutivePorts(1)
  const args = ['--zookeepers', '1', '--brokers', '2', '--port', String(port), '--zookeeper-port', String(zkPort), '--console-port', String(consolePort)]
  const bootstrap = `localhost:${port},localhost:${port + 1}`
  let run = devCluster(args)
  await eventually(
    'the cluster is ready',
    () => run.output().includes('Ctrl-C stops everything') || (run.child.exitCode !== null && Promise.reject(new Error(run.output()))),
    90_000,
  )
  assert.match(run.output(), /\[broker-1\] samsa: broker 1 listening/)
  assert.match(run.output(), /\[broker-2\] samsa: broker 2 listening/)
  const brokers = (await (await fetch(`http://127.0.0.1:${consolePort}/api/brokers`)).json()) as { brokers: Array<{ id: number; controller: boolean }> }
  assert.deepEqual(
    brokers.brokers.map((b) => b.id),
    [1, 2],
  )
  assert.equal(brokers.brokers.filter((b) => b.controller).length, 1)
  const admin = await Admin.connect({ bootstrap })
  await admin.createTopics([{ name: 'kept', partitions: 4 }])
  await admin.close()

  run.child.kill('SIGINT')
  assert.equal(await run.exited, 0, run.output())
  await eventually('no process left', () => processesUsing(join(dir, 'data')).length === 0, 10_000)

  run = devCluster(args)
  await eventually(
    'the cluster is ready again',
    () => run.output().includes('Ctrl-C stops everything') || (run.child.exitCode !== null && Promise.reject(new Error(run.output()))),
    90_000,
  )
  const again = await Admin.connect({ bootstrap })
  const [kept] = await eventually('the topic is led again', async () => {
    const d = await again.describeTopics(['kept'])
    return d[0]!.partitions.every((p) => p.leader >= 0) ? d : false
  })
  await again.close()
  assert.equal(kept!.partitions.length, 4)
  run.child.kill('SIGINT')
  assert.equal(await run.exited, 0, run.output())
  await eventually('no process left', () => processesUsing(join(dir, 'data')).length === 0, 10_000)
})

test('a broker that cannot start stops everything started before it', { skip, timeout: 120_000 }, async () => {
  const port = await consecutivePorts(2)
  const zkPort = await consecutivePorts(1)
  // Broker 2's port is taken.
  const blocker = await listen(port + 1)
  try {
    const run = devCluster(['--zookeepers', '1', '--brokers', '2', '--port', String(port), '--zookeeper-port', String(zkPort), '--no-console'])
    assert.equal(await run.exited, 1, run.output())
    assert.match(run.output(), /broker 2 exited while starting/)
    await eventually('no process left', () => processesUsing(join(dir, 'data')).length === 0, 10_000)
  } finally {
    blocker?.close()
  }
})
