/**
 * Real ZooKeeper for tests: a standalone server or a 3-node ensemble on loopback ports chosen at
 * run time, in a temporary directory, with test settings (tickTime 500, no fsync, 256 MB heap).
 * Servers are stopped by the test file's after() hook; should the test process end some other
 * way, the launcher's lifeline (src/zookeeper/server-process.ts) kills them anyway.
 *
 * ZooKeeper comes from Debian's `zookeeper` package (.ci/run installs it). Without it the tests
 * are skipped locally and fail in CI.
 */
import { spawnSync } from 'node:child_process'
import { after } from 'node:test'
import { createSilentLogger } from '../../src/logger.js'
import { ZooKeeperClient, type ZooKeeperClientOptions } from '../../src/zookeeper/client.js'
import { findZooKeeper, ZooKeeperEnsemble } from '../../src/zookeeper/server-process.js'
import { requireTool } from './env.js'

let probed: string | null | undefined

/** null when ZooKeeper can run here, else why not. */
export function zookeeperUnavailable(): string | null {
  if (probed !== undefined) return probed
  const install = findZooKeeper()
  if (typeof install === 'string') return (probed = install)
  const r = spawnSync(install.java, ['-version'], { encoding: 'utf8', timeout: 20_000 })
  probed = r.status === 0 ? null : `java does not run: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-2).join(' | ')}`
  return probed
}

/** For node:test's `skip`: skipped locally when ZooKeeper is missing, a failure in CI. */
export function skipWithoutZooKeeper(): string | false {
  return requireTool(zookeeperUnavailable())
}

/**
 * Starts an ensemble for this test file and stops it (after closing every testClient) in an
 * after() hook, which runs when tests fail too. Call it at the file's top level, so the hook
 * belongs to the whole file. The servers grant session timeouts of 1-10 s.
 */
export async function startTestEnsemble(size: 1 | 3 = 1): Promise<ZooKeeperEnsemble> {
  const ensemble = await ZooKeeperEnsemble.start({ size, fsync: false, tickTimeMs: 500, maxSessionTimeoutMs: 10_000 })
  after(async () => {
    await Promise.all([...clients].map((c) => c.close()))
    clients.clear()
    await ensemble.stop()
  })
  return ensemble
}

const clients = new Set<ZooKeeperClient>()

/** A client with a silent logger and a 3 s session, closed after the file's tests. */
export async function testClient(connect: string, options: Partial<ZooKeeperClientOptions> = {}): Promise<ZooKeeperClient> {
  const zk = await ZooKeeperClient.connect({ connect, sessionTimeoutMs: 3000, logger: createSilentLogger(), ...options })
  clients.add(zk)
  zk.once('closed', () => clients.delete(zk))
  return zk
}

/**
 * Expires a client's session the way ZooKeeper's own tests do: a second client attaches to the
 * same session (id and password) and closes it; the first learns on reconnect that its session
 * is gone. Attaching moves the session to the newest connection, so the first client's own quick
 * reconnect can win the race and keep the session; then the attempt is repeated.
 */
export async function expireSession(connect: string, zk: ZooKeeperClient): Promise<void> {
  const session = zk.sessionCredentials
  const expired = nextEvent(zk, 'expired', 20_000)
  expired.catch(() => {})
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const other = await ZooKeeperClient.connect({ connect, session, renewExpiredSession: false, logger: createSilentLogger(), sessionTimeoutMs: 3000 })
      await other.close()
    } catch {
      // the session is already gone
    }
    const done = await Promise.race([expired.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 300))])
    if (done) return
  }
  await expired
}

/** Resolves with the first emission of `event` (and its arguments), rejects after `timeoutMs`. */
export function nextEvent<T extends unknown[]>(
  emitter: { once(event: string, fn: (...args: T) => void): unknown; off(event: string, fn: (...args: T) => void): unknown },
  event: string,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const fn = (...args: T): void => {
      clearTimeout(timer)
      resolve(args)
    }
    const timer = setTimeout(() => {
      emitter.off(event, fn)
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`))
    }, timeoutMs)
    emitter.once(event, fn)
  })
}

/** Polls `check` until it returns true (or a value), failing after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | false> | T | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v !== false) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}
