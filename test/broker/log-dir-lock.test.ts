// One broker per data directory, as Kafka's `.lock` (LogManager.lockLogDirs) ensures: a second
// broker on a directory in use fails at once with a clear message and touches nothing (no
// recovery, no meta.properties rewrite, no clean-shutdown marker); the lock dies with its
// process, also by kill -9; and a log dir that cannot be a directory fails at once.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, readFileSync, existsSync, openSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, test } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import { startBroker } from '../../src/index.js'
import { LOCKERS, LogDirLock, LogDirLockedError } from '../../src/storage/log-dir-lock.js'
import { CLEAN_SHUTDOWN_FILE } from '../../src/storage/log-manager.js'
import { TestClient } from '../support/raw-client.js'
import { encodeBatch } from '../support/records.js'

const CHILD = fileURLToPath(new URL('../crash/broker-child.js', import.meta.url))
const dirs: string[] = []
const children: ChildProcess[] = []
after(() => {
  for (const c of children) c.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'samsa-lock-'))
  dirs.push(d)
  return d
}

/** Every file under `dir` with its size, mtime and inode: "touched" shows as a difference. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      const s = statSync(p)
      if (s.isDirectory()) walk(p)
      else out.set(p, `${s.size} ${s.mtimeMs} ${s.ino}`)
    }
  }
  walk(dir)
  return out
}

/**
 * The running broker's files once its writes after a produce are done (its leader-epoch checkpoint
 * is replaced in the background): two snapshots 100 ms apart agree and no replacement is half done.
 */
async function settled(dir: string): Promise<Map<string, string>> {
  let prev = snapshot(dir)
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100))
    const next = snapshot(dir)
    if (isDeepStrictEqual(prev, next) && ![...next.keys()].some((p) => p.endsWith('.tmp'))) return next
    prev = next
  }
  assert.fail('the broker kept writing for 10 s')
}

function startChild(dataDir: string): Promise<{ proc: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CHILD, dataDir, '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(proc)
    let out = ''
    let err = ''
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve({ proc, port: (JSON.parse(out.split('\n')[0]!) as { port: number }).port })
    })
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
    })
    proc.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`child exited ${code}: ${err}`))
    })
  })
}

test('a second broker on a directory in use fails with a clear message and changes nothing', async () => {
  const dir = tempDir()
  const { proc, port } = await startChild(dir)
  const client = await TestClient.connect(`127.0.0.1:${port}`)
  await client.createTopic('locked', 1)
  const acked = await client.produce('locked', 0, encodeBatch([{ key: null, value: Buffer.from('kept') }]))
  assert.equal(acked.errorCode, 0)
  // Data on disk as the running broker left it; no clean-shutdown marker while it runs.
  const before = await settled(dir)
  assert.equal(existsSync(join(dir, CLEAN_SHUTDOWN_FILE)), false)

  await assert.rejects(startBroker({ port: 0, dataDir: dir }), (err: Error) => {
    assert.ok(err instanceof LogDirLockedError, String(err))
    assert.match(err.message, /is in use by another broker \(process \d+\)/)
    assert.match(err.message, new RegExp(`process ${proc.pid}`))
    return true
  })
  assert.deepEqual(snapshot(dir), before, 'the second start touched nothing')
  assert.equal(existsSync(join(dir, CLEAN_SHUTDOWN_FILE)), false, 'no clean-shutdown marker written')

  // The first broker is unharmed and keeps serving.
  const again = await client.produce('locked', 0, encodeBatch([{ key: null, value: Buffer.from('more') }]))
  assert.equal(again.errorCode, 0)
  assert.equal(again.baseOffset, acked.baseOffset + 1n)
  client.close()

  // kill -9 releases the lock: the kernel drops it with the process's descriptors.
  proc.kill('SIGKILL')
  await new Promise((r) => proc.once('exit', r))
  const next = await startBroker({ port: 0, dataDir: dir })
  const c2 = await TestClient.connect(next.bootstrap)
  const { records } = await c2.fetchAll('locked', 0)
  assert.deepEqual(
    records.map((r) => r.value?.toString()),
    ['kept', 'more'],
  )
  c2.close()
  await next.close()
})

test('the lock holds between brokers in one process too, and is released by close()', async () => {
  const dir = tempDir()
  const first = await startBroker({ port: 0, dataDir: dir })
  await assert.rejects(startBroker({ port: 0, dataDir: dir }), LogDirLockedError)
  await first.close()
  const second = await startBroker({ port: 0, dataDir: dir })
  await second.close()
})

test('every locker (flock, perl) takes the same kernel lock', () => {
  const dir = tempDir()
  for (const [i, locker] of LOCKERS.entries()) {
    const held = LogDirLock.acquire(dir, { lockers: [locker] })
    for (const other of LOCKERS) assert.throws(() => LogDirLock.acquire(dir, { lockers: [other] }), LogDirLockedError, `${other[0]} after ${LOCKERS[i]![0]}`)
    held.release()
  }
  // A descriptor closed by someone else's process does not matter: only ours holds it.
  const fd = openSync(join(dir, '.lock'), 'r')
  closeSync(fd)
  LogDirLock.acquire(dir).release()
  assert.match(readFileSync(join(dir, '.lock'), 'utf8'), /^\d+\n$/)
})

test('a log dir that cannot be a directory fails at once', { timeout: 30_000 }, async () => {
  for (const bad of ['/proc/samsa-no-such/data', '/dev/null/data']) {
    await assert.rejects(startBroker({ port: 0, dataDir: bad }), (err: NodeJS.ErrnoException) => {
      assert.ok(['ENOENT', 'ENOTDIR', 'EACCES', 'EROFS'].includes(err.code ?? ''), `${bad}: ${String(err)}`)
      return true
    })
  }
})
