// `samsa console`, and the console.enable / console.listener settings of `samsa start`.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { parseListener, startBrokerConsole } from '../../src/console/cli.js'
import { startBroker } from '../../src/index.js'
import { bin, samsa } from '../cli/helpers.js'
import { loadBrokerConfig } from '../../src/config/load-broker-config.js'
import { createLogger } from '../../src/logger.js'

test('console.listener forms', () => {
  assert.deepEqual(parseListener('127.0.0.1:8080'), { host: '127.0.0.1', port: 8080 })
  assert.deepEqual(parseListener('http://localhost:9000/'), { host: 'localhost', port: 9000 })
  assert.deepEqual(parseListener('[::1]:8080'), { host: '::1', port: 8080 })
  assert.deepEqual(parseListener(':8080'), { host: '0.0.0.0', port: 8080 })
  assert.throws(() => parseListener('8080'), /host:port/)
  assert.throws(() => loadBrokerConfig({ overrides: { 'console.listener': 'nonsense' } }), /console\.listener/)
})

test('samsa console: help, bad arguments', async () => {
  const help = await samsa(['console', '--help'])
  assert.equal(help.code, 0)
  assert.match(help.stdout + help.stderr, /--bootstrap-server/)
  assert.equal((await samsa(['console', '--port', 'x'])).code, 2)
  assert.equal((await samsa(['console', '--nope'])).code, 2)
})

test('samsa console serves a cluster until SIGTERM', async () => {
  const broker = await startBroker({ port: 0 })
  const child = spawn(process.execPath, [bin, 'console', '--bootstrap-server', broker.bootstrap, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const deadline = Date.now() + 15_000
    while (!/console: (http\S+)/.test(err) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    const url = /console: (http\S+)/.exec(err)?.[1]
    assert.ok(url !== undefined, err)
    const overview = (await (await fetch(`${url}api/overview`)).json()) as { bootstrap: string; brokers: unknown[] }
    assert.equal(overview.bootstrap, broker.bootstrap)
    assert.equal(overview.brokers.length, 1)
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
  } finally {
    child.kill('SIGKILL')
    await broker.close()
  }
})

test('samsa start serves the console only when console.enable is true', async () => {
  const log = createLogger({ level: 'silent' })
  const off = loadBrokerConfig({ overrides: { 'log.dirs': '/tmp/unused' } })
  assert.equal(await startBrokerConsole(off, '127.0.0.1:1', log), undefined)
  const on = loadBrokerConfig({ defaults: { 'console.enable': true }, overrides: { 'console.listener': '127.0.0.1:0' } })
  const c = await startBrokerConsole(on, '127.0.0.1:1', log)
  assert.ok(c !== undefined)
  assert.match(c.url, /^http:\/\/127\.0\.0\.1:\d+\/$/)
  assert.equal((await fetch(`${c.url}api/health`)).status, 200)
  await c.close()
})
