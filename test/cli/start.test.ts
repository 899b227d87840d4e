import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bin, samsa } from './helpers.js'

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`samsa start serves clients and closes cleanly on ${signal}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsa-start-'))
    const child = spawn(process.execPath, [bin, 'start', '--log.dirs', dir, '--listeners', 'PLAINTEXT://127.0.0.1:0', '--console.listener', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] })
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
