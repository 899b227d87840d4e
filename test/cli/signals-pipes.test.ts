// How commands end: a reader that goes away (`samsa ... | head`) ends every command quietly with
// status 0; the first Ctrl-C always stops (on a real pseudo-terminal, so the terminal sends the
// signal); `consume` waits for records as kcat and kafka-console-consumer.sh do, and outlives a
// broker restart.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { bin, lines, plain, samsa, spawnPty, spawnSamsa, until } from './helpers.js'

let broker: EmbeddedBroker
let b: string
before(async () => {
  broker = await startBroker({ port: 0 })
  b = broker.bootstrap
  assert.equal((await samsa(['topics', 'create', 'big', '-p', '2'], { bootstrap: b })).code, 0)
  const input = Array.from({ length: 20_000 }, (_, i) => `k${i}:value ${i}`).join('\n')
  assert.equal((await samsa(['produce', 'big', '-k', ':'], { bootstrap: b, input })).code, 0)
  assert.equal((await samsa(['consume', 'big', '-g', 'readers', '--from-beginning', '-n', '10', '-e'], { bootstrap: b })).code, 0)
})
after(async () => broker.close())

/** Runs samsa with the read end of its stdout closed at once (or after `keepLines` lines). */
function withClosedStdout(
  args: readonly string[],
  keepLines = 0,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; got: string[]; ms: number }> {
  const started = Date.now()
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, NO_COLOR: '1', SAMSA_BOOTSTRAP_SERVER: b },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  let out = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  if (keepLines === 0) child.stdout.destroy()
  else {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.split('\n').length > keepLines) child.stdout.destroy()
    })
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stderr, got: out.split('\n').slice(0, keepLines), ms: Date.now() - started })
    }),
  )
}

test('every command exits quietly with status 0 when its reader goes away', async () => {
  const commands = [
    ['cluster'],
    ['topics', 'list'],
    ['topics', 'describe'],
    ['groups', 'list'],
    ['groups', 'describe', 'readers'],
    ['configs', 'describe', '--topic', 'big', '--all'],
    ['consume', 'big', '--from-beginning'],
    ['consume', 'big', '--from-beginning', '--format', 'json', '-e'],
    ['--help'],
    ['topics', 'create', '--help'],
    ['completion', 'bash'],
    ['perf', 'produce', 'big', '-n', '500'],
    ['perf', 'consume', 'big', '-n', '500'],
    ['produce', 'big', '--print-offsets'],
  ]
  for (const args of commands) {
    const r = await withClosedStdout(args)
    assert.equal(r.code, 0, `samsa ${args.join(' ')}: exit ${r.code} ${r.signal ?? ''}\n${r.stderr}`)
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at .*\.js:\d+/, `samsa ${args.join(' ')}`)
  }
})

test('`consume --from-beginning | head -3` prints three records and exits at once', async () => {
  const r = await withClosedStdout(['consume', 'big', '--from-beginning'], 3)
  assert.equal(r.code, 0, r.stderr)
  assert.equal(r.got.length, 3)
  assert.ok(
    r.got.every((l) => /^value \d+$/.test(l)),
    r.got.join('|'),
  )
  assert.equal(r.stderr, '', 'no summary once the reader is gone')
})

test('consume waits for records (as kcat and kafka-console-consumer.sh) and says how to stop; the first Ctrl-C stops it', async () => {
  await samsa(['topics', 'create', 'waiting'], { bootstrap: b })
  const t = spawnPty(['consume', 'waiting', '-g', 'pty-group'], { bootstrap: b })
  try {
    await until('the waiting note', () => /Waiting for records in waiting as group pty-group \(Ctrl-C to stop; -e stops at the end\)/.test(plain(t.output())))
    await samsa(['produce', 'waiting'], { bootstrap: b, input: 'arrived later\n' })
    await until('the record', () => plain(t.output()).includes('arrived later'))
    const stopped = Date.now()
    t.child.stdin!.write('\x03')
    assert.equal(await t.exited, 0)
    assert.ok(Date.now() - stopped < 5000, 'stopped promptly')
    assert.match(plain(t.output()), /Consumed 1 record \(interrupted\)\./)
    const d = JSON.parse((await samsa(['groups', 'describe', 'pty-group', '--json'], { bootstrap: b })).stdout)
    assert.equal(d.totalLag, 0, 'committed what it printed')
  } finally {
    t.child.kill('SIGKILL')
  }
})

test('Ctrl-C stops produce reading a terminal, and perf produce, each with its summary', async () => {
  const p = spawnPty(['produce', 'waiting'], { bootstrap: b })
  try {
    await new Promise((r) => setTimeout(r, 1500))
    p.child.stdin!.write('typed line\r')
    await until('the line is sent', async () =>
      lines((await samsa(['consume', 'waiting', '-o', 'earliest', '-e'], { bootstrap: b })).stdout).includes('typed line'),
    )
    p.child.stdin!.write('\x03')
    assert.equal(await p.exited, 0)
    assert.match(plain(p.output()), /Produced 1 record to waiting \(interrupted\)\./)
  } finally {
    p.child.kill('SIGKILL')
  }
  const perf = spawnPty(['perf', 'produce', 'big', '-n', '100000000', '--throughput', '2000'], { bootstrap: b })
  try {
    await until('progress', () => /records\/s/.test(plain(perf.output())))
    perf.child.stdin!.write('\x03')
    assert.equal(await perf.exited, 0)
    assert.match(plain(perf.output()), /records \(.*\) in .* s \(interrupted\): .* records\/s, .* MiB\/s/)
    assert.match(plain(perf.output()), /Measured with samsa's Node\.js client/)
  } finally {
    perf.child.kill('SIGKILL')
  }
})

test('consume goes on after the broker restarts (as kcat does)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-follow-'))
  let first: EmbeddedBroker | undefined = await startBroker({ port: 0, dataDir: dir })
  const port = first.port
  let second: EmbeddedBroker | undefined
  await samsa(['topics', 'create', 'follow'], { bootstrap: first.bootstrap })
  // From the beginning: a consumer that starts at the end may take its position only after
  // 'before' was produced when the machine is busy (it then waited for a record it had skipped).
  const child = spawnSamsa(['consume', 'follow', '--group', 'followers', '--from-beginning'], first.bootstrap)
  try {
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    await new Promise((r) => setTimeout(r, 1000))
    await samsa(['produce', 'follow'], { bootstrap: first.bootstrap, input: 'before\n' })
    await until('the first record', () => out.includes('before'))
    await first.close()
    first = undefined
    await until('the consumer to notice', () => /lost the broker .*; waiting for it/.test(err))
    second = await startBroker({ port, dataDir: dir })
    await samsa(['produce', 'follow'], { bootstrap: second.bootstrap, input: 'after\n' })
    await until('the record after the restart', () => out.includes('after'), 30_000)
    assert.match(err, /reading follow again/)
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    child.kill('SIGINT')
    assert.equal(await exited, 0)
    assert.deepEqual(lines(out), ['before', 'after'])
  } finally {
    child.kill('SIGKILL')
    await first?.close()
    await second?.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
