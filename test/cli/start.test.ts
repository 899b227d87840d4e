import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bin, plain, samsa, spawnPty, until } from './helpers.js'

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`samsa start serves clients and closes cleanly on ${signal}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsa-start-'))
    const child = spawn(process.execPath, [bin, 'start', '--log.dirs', dir, '--listeners', 'PLAINTEXT://127.0.0.1:0', '--console.listener', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let err = ''
      child.stderr.on('data', (d: Buffer) => (err += d.toString()))
      const deadline = Date.now() + 15_000
      while (!/listening on (\S+)/.test(err) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      const bootstrap = /listening on (\S+)/.exec(err)?.[1]
      assert.ok(bootstrap, err)
      const r = await samsa(['topics', 'create', 'x', '--json'], { bootstrap })
      assert.equal(r.code, 0, r.stderr)
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
      child.kill(signal)
      assert.equal(await exited, 0)
      assert.match(err, new RegExp(`${signal}, shutting down`))
    } finally {
      child.kill('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    }
  })
}

test('samsa start rejects an unknown broker config with a readable message', async () => {
  const r = await samsa(['start', '--no.such.config', '1'])
  assert.equal(r.code, 1)
  assert.match(r.stderr, /unknown option --no\.such\.config/)
  assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/)
})

test('the start line says when every interface is bound; the log level and format are chosen by flags', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-start-'))
  const child = spawn(
    process.execPath,
    [bin, 'start', '--log.dirs', dir, '--listeners', 'PLAINTEXT://:0', '--console.enable', 'false', '--log-level', 'info'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  try {
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    await until('the start line', () => /listening on every interface/.test(err))
    assert.match(err, /samsa: broker 1 listening on every interface, port (\d+) \(clients on this machine use localhost:\1; cluster \S+, data in /)
    const port = /port (\d+)/.exec(err)![1]!
    assert.equal((await samsa(['topics', 'create', 'kept'], { bootstrap: `localhost:${port}` })).code, 0)
    // Not a terminal: JSON lines. A first start on an empty directory recovers nothing.
    const logs = err
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
    assert.ok(
      logs.some((l) => l.msg === 'broker started' && l.level === 'info'),
      err,
    )
    assert.ok(!err.includes('recovering unflushed segments'), err)
  } finally {
    child.kill('SIGKILL')
    await new Promise((r) => child.on('close', r))
  }
  // After kill -9 there is something to recover, and it says so.
  const again = spawn(
    process.execPath,
    [bin, 'start', '--log.dirs', dir, '--listeners', 'PLAINTEXT://127.0.0.1:0', '--console.enable', 'false', '--log-level', 'info'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  try {
    let err = ''
    again.stderr.on('data', (d: Buffer) => (err += d.toString()))
    await until('the start line', () => /listening on 127\.0\.0\.1:\d+ /.test(err))
    assert.match(err, /recovering unflushed segments/)
  } finally {
    again.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})

test('on a terminal the logs are readable lines, not JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-start-'))
  const t = spawnPty(['start', '--log.dirs', dir, '--listeners', 'PLAINTEXT://127.0.0.1:0', '--console.enable', 'false', '--log-level', 'info'])
  try {
    await until('the start line', () => /listening on 127\.0\.0\.1:\d+ /.test(plain(t.output())))
    const out = plain(t.output())
    assert.match(out, /^\d\d:\d\d:\d\d\.\d{3} INFO {2}broker started {2}endpoints=/m)
    assert.doesNotMatch(out, /^\{"level"/m)
    t.child.stdin!.write('\x03')
    assert.equal(await t.exited, 0)
  } finally {
    t.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})

test('an unknown log level is an error, in the flag and in SAMSA_LOG_LEVEL', async () => {
  let r = await samsa(['start', '--log-level', 'loud'])
  assert.equal(r.code, 1)
  assert.match(r.stderr, /unknown log level "loud"; use one of silent, fatal, error, warn, info, debug, trace/)
  r = await samsa(['start'], { env: { SAMSA_LOG_LEVEL: 'verbose' } })
  assert.equal(r.code, 1)
  assert.match(r.stderr, /unknown log level "verbose" in SAMSA_LOG_LEVEL/)
})
