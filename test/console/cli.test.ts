// `samsa console` arguments and the console.listener setting of `samsa start`.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { parseListener, runConsoleCommand, startBrokerConsole } from '../../src/console/cli.js'
import { loadBrokerConfig } from '../../src/config/broker-config.js'
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
  const out = new PassThrough()
  let text = ''
  out.on('data', (b: Buffer) => (text += b.toString()))
  assert.equal(await runConsoleCommand(['--help'], out), 0)
  assert.match(text, /--bootstrap-server HOST:PORT/)
  assert.equal(await runConsoleCommand(['--port', 'x'], out), 2)
  assert.equal(await runConsoleCommand(['--nope'], out), 2)
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
