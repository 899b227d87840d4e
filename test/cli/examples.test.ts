// Every example the command line shows is run: the Examples of every command's --help (on a
// pseudo-terminal, as a person types them, with bash for the pipes), and the `$ ` lines of the
// console blocks in README.md and docs/cli.md, in order, as a tour whose printed output must
// match the documented output. A `samsa` on PATH stands for the real binary; it moves the
// listeners of `start` and `console` to free loopback ports and points --bootstrap-server at
// the test's broker, so examples naming kafka:9092 or port 9092 run here too.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { Admin, Producer } from '../../src/client/index.js'
import { COMMANDS } from '../../src/cli/cli.js'
import { bin, plain, root, until } from './helpers.js'
import { skipWithoutZooKeeper } from '../support/zookeeper.js'
import { ensureTransactionFixtures } from './transaction-fixtures.js'

let broker: EmbeddedBroker
let admin: Admin
let producer: Producer
let dir: string
let pathDir: string

/** The stand-in `samsa`: free loopback ports for start and console, the test broker for --bootstrap-server. */
function writeWrapper(): void {
  const wrapper = join(pathDir, 'samsa.mjs')
  writeFileSync(
    wrapper,
    `const args = process.argv.slice(2)
const set = (names, value) => {
  let found = false
  for (let i = 0; i < args.length; i++) {
    const eq = names.find((n) => args[i].startsWith(n + '='))
    if (eq !== undefined) { args[i] = eq + '=' + value; found = true }
    else if (names.includes(args[i])) { args[i + 1] = value; found = true }
  }
  return found
}
if (args[0] === 'start') {
  if (!set(['--listeners'], 'PLAINTEXT://127.0.0.1:0')) args.push('--listeners', 'PLAINTEXT://127.0.0.1:0')
  if (!set(['--console.listener'], '127.0.0.1:0')) args.push('--console.listener', '127.0.0.1:0')
} else if (args[0] === 'dev-cluster') {
  // Ports away from the usual ones (brokers, ZooKeeper and its quorum ports above it) and below
  // the kernel's ephemeral range (32768 up), where outgoing connections took them; a scratch directory.
  const base = 10000 + Math.floor(Math.random() * 20000)
  if (!set(['--port'], String(base))) args.push('--port', String(base))
  if (!set(['--zookeeper-port'], String(base + 100))) args.push('--zookeeper-port', String(base + 100))
  if (!set(['--console-port'], '0')) args.push('--console-port', '0')
  if (!set(['--dir'], 'dev-cluster-' + base)) args.push('--dir', 'dev-cluster-' + base)
} else {
  if (process.env.SAMSA_BOOTSTRAP_SERVER !== undefined) set(['--bootstrap-server', '-b'], process.env.SAMSA_BOOTSTRAP_SERVER)
  if (args[0] === 'console' && !set(['--port', '-p'], '0')) args.push('--port', '0')
}
process.argv = [process.argv[0], ${JSON.stringify(bin)}, ...args]
await import(${JSON.stringify(new URL(`file://${bin}`).href)})
`,
  )
  const sh = join(pathDir, 'samsa')
  writeFileSync(sh, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(wrapper)} "$@"\n`)
  chmodSync(sh, 0o755)
}

function env(bootstrap: string | undefined, home: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, PATH: `${pathDir}:${process.env.PATH}`, HOME: home, TERM: 'xterm' }
  delete e.NO_COLOR
  delete e.SAMSA_BOOTSTRAP_SERVER
  if (bootstrap !== undefined) e.SAMSA_BOOTSTRAP_SERVER = bootstrap
  return e
}

/** The state the examples assume: topics with data, groups with offsets, files to read. */
async function ensureFixtures(): Promise<void> {
  let have = new Set(await admin.listTopics())
  if (have.has('orders')) {
    const [o] = await admin.describeTopics(['orders'])
    if (o!.partitions[0]!.startOffset > 0n) {
      await admin.deleteTopics(['orders'])
      have = new Set(await admin.listTopics())
    }
  }
  const wanted: Array<[string, number]> = [
    ['orders', 3],
    ['events', 1],
    ['blobs', 1],
    ['numbers', 1],
    ['bench', 2],
    ['load-1', 1],
    ['test-1', 1],
  ]
  const missing = wanted.filter(([t]) => !have.has(t))
  if (missing.length > 0) await admin.createTopics(missing.map(([name, partitions]) => ({ name, partitions })))
  const [orders] = await admin.describeTopics(['orders'])
  if (orders!.partitions[0]!.endOffset - orders!.partitions[0]!.startOffset < 120n) {
    await Promise.all(Array.from({ length: 120 }, (_, i) => producer.send({ topic: 'orders', partition: 0, key: `k${i}`, value: `order ${i}` })))
    await Promise.all(Array.from({ length: 20 }, (_, i) => producer.send({ topic: 'orders', key: `k${i}`, value: `order ${i}` })))
  }
  const [bench] = await admin.describeTopics(['bench'])
  if (bench!.partitions.every((p) => p.endOffset === p.startOffset)) {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => producer.send({ topic: 'bench', value: `b${i}` })))
  }
  for (const g of ['billing', 'g1', 'g2']) {
    if ((await admin.listGroupOffsets(g)).length === 0) await admin.alterGroupOffsets(g, [{ topic: 'orders', partition: 0, offset: 5n }])
  }
  await ensureTransactionFixtures(broker)
}

before(async () => {
  broker = await startBroker({ port: 0 })
  admin = await Admin.connect({ bootstrap: broker.bootstrap })
  producer = await Producer.connect({ bootstrap: broker.bootstrap })
  dir = mkdtempSync(join(tmpdir(), 'samsa-examples-'))
  pathDir = join(dir, 'bin')
  mkdirSync(pathDir)
  mkdirSync(join(dir, 'work'))
  mkdirSync(join(dir, 'home'))
  writeWrapper()
  writeFileSync(join(dir, 'work', 'orders.txt'), 'first order\nsecond order\n')
  writeFileSync(join(dir, 'work', 'blob.bin'), randomBytes(300))
  writeFileSync(join(dir, 'work', 'server.properties'), 'num.partitions=2\n')
  writeFileSync(join(dir, 'work', 'reassignment.json'), JSON.stringify({ version: 1, partitions: [{ topic: 'orders', partition: 0, replicas: [1] }] }))
})

after(async () => {
  await producer?.close()
  await admin?.close()
  await broker?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Examples that run until stopped: they must still run after they are ready, and stop at Ctrl-C with status 0. */
function runsUntilStopped(example: string): RegExp | undefined {
  if (/\bsamsa start\b/.test(example)) return /listening on/
  if (/\bsamsa console\b/.test(example)) return /samsa console: http/
  if (/\bsamsa dev-cluster\b/.test(example)) return /Ctrl-C stops everything/
  if (/\bsamsa consume\b/.test(example) && !/ -e\b|--exit-at-end|--max-messages|-n \d/.test(example)) return /Waiting for records/
  return undefined
}

async function runOnTerminal(example: string, cwd: string): Promise<{ code: number | null; output: string }> {
  const quoted = `'${`set -o pipefail; ${example}`.replace(/'/g, `'\\''`)}'`
  const child = spawn('script', ['-qfec', `exec bash -c ${quoted}`, '/dev/null'], {
    cwd,
    env: env(broker.bootstrap, join(dir, 'home')),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  let answered = false
  const ready = runsUntilStopped(example)
  try {
    const deadline = Date.now() + 60_000
    let code: number | null | undefined
    void exited.then((c) => (code = c))
    while (code === undefined && Date.now() < deadline) {
      const text = plain(out)
      if (!answered && /\[y\/N\] $/.test(text)) {
        answered = true
        child.stdin.write('y\r')
      }
      if (ready?.test(text)) {
        await new Promise((r) => setTimeout(r, 300))
        assert.equal(code, undefined, `${example}: stopped by itself\n${text}`)
        child.stdin.write('\x03')
        return { code: await exited, output: plain(out) }
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    if (code === undefined) throw new Error(`${example}: did not finish\n${plain(out)}`)
    return { code, output: plain(out) }
  } finally {
    child.kill('SIGKILL')
  }
}

test("every example in every command's --help runs", async (t) => {
  const cwd = join(dir, 'work')
  for (const spec of COMMANDS) {
    // dev-cluster runs ZooKeeper (Debian's package): skipped locally without it, a failure in CI.
    if (spec.path[0] === 'dev-cluster' && skipWithoutZooKeeper() !== false) continue
    for (const example of spec.examples) {
      await ensureFixtures()
      // An example that creates a topic starts from a cluster without it.
      const creates = /samsa topics create (\S+)/.exec(example)
      if (creates !== null && !example.includes('--if-not-exists')) await admin.deleteTopics([creates[1]!]).catch(() => {})
      const started = Date.now()
      const r = await runOnTerminal(example.replace(/\s+#.*$/, ''), cwd)
      t.diagnostic(`${Date.now() - started} ms: ${example}`)
      assert.equal(r.code, 0, `${example}\n${r.output}`)
      assert.doesNotMatch(r.output, /^samsa: (?!broker|web console|.*SIGINT|lost the broker|reading)/m, `${example}\n${r.output}`)
    }
  }
  // The ones that leave something behind did what they say.
  assert.match(readFileSync(join(dir, 'home', '.zshrc'), 'utf8'), /source <\(samsa completion zsh\)/)
  assert.match(readFileSync(join(dir, 'home', '.samsa-completion.bash'), 'utf8'), /_samsa_complete/)
})

interface Step {
  command: string
  expected: string[] | undefined
}

/** The `$ ` lines of the ```console blocks, with continuation lines joined and the output below each. */
function tour(markdown: string): Step[] {
  const steps: Step[] = []
  for (const block of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = block[1]!.split('\n')
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('$ ')) continue
      let command = lines[i]!.slice(2)
      while (command.endsWith('\\')) command = `${command.slice(0, -1)} ${lines[++i]!.trim()}`
      const expected: string[] = []
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith('$ ')) expected.push(lines[++i]!)
      while (expected.length > 0 && expected[expected.length - 1] === '') expected.pop()
      steps.push({ command, expected: expected.length > 0 ? expected : undefined })
    }
  }
  return steps
}

const normalize = (s: string): string => s.replace(/cluster [A-Za-z0-9_-]{22}/g, 'cluster CLUSTER-ID').replace(/[ \t]+$/gm, '')

/**
 * Runs the steps in order in a fresh directory: `samsa start` (with or without a trailing &) in
 * the background, the others to completion with their output compared when it is shown; a
 * consume that waits for records is stopped with Ctrl-C once it has printed something.
 */
async function runTour(steps: readonly Step[], files: Record<string, Buffer> = {}): Promise<string> {
  const cwd = mkdtempSync(join(dir, 'tour-'))
  for (const [name, data] of Object.entries(files)) writeFileSync(join(cwd, name), data)
  let server: ReturnType<typeof spawn> | undefined
  let bootstrap: string | undefined
  try {
    for (const step of steps) {
      const command = step.command.replace(/\s*&$/, '')
      if (/^samsa start\b/.test(command)) {
        server = spawn('bash', ['-c', command], { cwd, env: env(undefined, join(dir, 'home')), stdio: ['ignore', 'pipe', 'pipe'] })
        let err = ''
        server.stderr!.on('data', (d: Buffer) => (err += d.toString()))
        await until('the broker', () => /listening on (\S+)/.test(err))
        bootstrap = /listening on (\S+)/.exec(err)![1]!
        assert.match(normalize(err), /^samsa: broker 1 listening on 127\.0\.0\.1:\d+ \(cluster CLUSTER-ID, data in \.\/data\)$/m)
        continue
      }
      const child = spawn('bash', ['-c', `set -o pipefail; ${command}`], {
        cwd,
        env: env(bootstrap, join(dir, 'home')),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000)
      if (runsUntilStopped(command) !== undefined) {
        await until(`output of ${command}`, () => stdout !== '')
        process.kill(-child.pid!, 'SIGINT')
      }
      const code = await exited
      clearTimeout(timer)
      assert.equal(code, 0, `${command}\n${stdout}${stderr}`)
      if (step.expected !== undefined) assert.equal(normalize(stdout + stderr).trimEnd(), normalize(step.expected.join('\n')), command)
    }
  } finally {
    server?.kill('SIGTERM')
    if (server !== undefined) await new Promise((r) => server!.on('close', r))
  }
  return cwd
}

test('the "Start here" lines of `samsa --help` run', async () => {
  const help = await new Promise<string>((resolve) => {
    const c = spawn(process.execPath, [bin, '--help'], { env: { ...process.env, NO_COLOR: '1' } })
    let out = ''
    c.stdout.on('data', (d: Buffer) => (out += d.toString()))
    c.on('close', () => resolve(out))
  })
  const steps = help
    .split('Start here:')[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('samsa '))
    .map((command) => ({ command, expected: undefined }))
  assert.ok(steps.length >= 4)
  await runTour(steps)
})

for (const file of ['README.md', 'docs/cli.md']) {
  test(`the tour in ${file} runs and prints what it shows`, async () => {
    const steps = tour(readFileSync(join(root, file), 'utf8'))
    assert.ok(steps.length >= 8, `${file} has a tour`)
    const cwd = await runTour(steps, { 'image.png': randomBytes(5000) })
    if (steps.some((s) => s.command.includes('copy.png'))) {
      assert.ok(readFileSync(join(cwd, 'copy.png')).equals(readFileSync(join(cwd, 'image.png'))), 'the binary round trip is exact')
    }
  })
}
