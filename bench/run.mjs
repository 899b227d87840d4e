#!/usr/bin/env node
// The benchmark: `npm run bench` (full, about 20 minutes) or `npm run bench -- --quick`.
// Builds the TypeScript and the C tools, runs every workload against Samsa, librdkafka's mock
// cluster and the null broker, and writes the results into BENCHMARKS.md (between the
// results markers). See BENCHMARKS.md for what each workload does and every option below.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const BUILD = join(ROOT, 'bench', '.build')
const RDKAFKA_EXAMPLE = '/usr/share/doc/librdkafka-dev/examples/rdkafka_performance.c'

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    only: { type: 'string' },
    sut: { type: 'string' },
    'consume-gb': { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    wait: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})

if (opt.help) {
  process.stdout.write(`usage: npm run bench -- [options]
  --quick            1 run of 3 s per figure, a 256 MB consume topic (for development)
  --runs N           runs per figure, the median is reported (default 3)
  --duration S       measured seconds per run (default 10), after --warmup S (default 2)
  --only a,b         workloads: ${'produce-1k-acks1,produce-1k-acksall,produce-100b,produce-1k-lz4,produce-1k-zstd,produce-1k-64conn,produce-1k-64conn-cold,produce-1k-tls,consume,latency,cluster,startup,memory'} (consume includes consume over TLS; cluster: 3 brokers RF=3 acks=all, throughput and latency)
  --sut a,b          systems: samsa,mock,null
  --consume-gb G     size of the consume topic (default 2)
  --out FILE         where to write the report (default BENCHMARKS.md; --quick: bench/.build/BENCHMARKS-quick.md)
  --profile          run Samsa with --cpu-prof (profiles in bench/.build/profiles; a cluster's in a folder per run)
  --wait S           seconds to wait for a quiet machine before each run (default 60; 0: never)
`)
  process.exit(0)
}

const QUICK = opt.quick
const RUNS = Number(opt.runs ?? (QUICK ? 1 : 3))
const DURATION = Number(opt.duration ?? (QUICK ? 3 : 10))
const WARMUP = Number(opt.warmup ?? (QUICK ? 1 : 2))
const CONSUME_GB = Number(opt['consume-gb'] ?? (QUICK ? 0.25 : 2))
const OUT = resolve(opt.out ?? (QUICK ? join(BUILD, 'BENCHMARKS-quick.md') : join(ROOT, 'BENCHMARKS.md')))
const SUTS = (opt.sut ?? 'samsa,mock,null').split(',')
const PARTITIONS = 8

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`)
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  if (s.length === 0) return NaN
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// ---- build ----

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout ?? ''}${r.stderr ?? ''}`)
  return r.stdout
}

function build() {
  if (!existsSync('/usr/include/librdkafka/rdkafka.h')) {
    throw new Error('librdkafka headers missing: apt-get install -y librdkafka-dev liblz4-dev gcc')
  }
  mkdirSync(BUILD, { recursive: true })
  log('building TypeScript')
  run('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT })
  log('building the C tools with gcc')
  const cflags = ['-O2', '-Wall']
  run('gcc', [...cflags, '-o', join(BUILD, 'loadgen'), join(ROOT, 'bench/c/loadgen.c'), '-lrdkafka', '-lpthread'])
  run('gcc', [...cflags, '-o', join(BUILD, 'mock-cluster'), join(ROOT, 'bench/c/mock-cluster.c'), '-lrdkafka'])
  // librdkafka's own rdkafka_performance, from Debian's librdkafka-dev, as a cross-check of our
  // load generator. It includes two librdkafka-internal headers; bench/c/rdcompat stands in.
  if (existsSync(RDKAFKA_EXAMPLE)) {
    const src = join(BUILD, 'rdkafka_performance', 'examples', 'rdkafka_performance.c')
    mkdirSync(dirname(src), { recursive: true })
    mkdirSync(join(BUILD, 'rdkafka_performance', 'src'), { recursive: true })
    copyFileSync(RDKAFKA_EXAMPLE, src)
    copyFileSync(join(ROOT, 'bench/c/rdcompat/rd.h'), join(BUILD, 'rdkafka_performance', 'src', 'rd.h'))
    try {
      run('gcc', [
        '-O2',
        '-w',
        '-I/usr/include/librdkafka',
        `-I${join(ROOT, 'bench/c/rdcompat')}`,
        '-o',
        join(BUILD, 'rdkafka_performance', 'rdkafka_performance'),
        src,
        '-lrdkafka',
      ])
    } catch (err) {
      log(`rdkafka_performance did not build, skipping its cross-check: ${err.message.split('\n')[0]}`)
    }
  }
}

// ---- TLS ----
// The TLS rows run Samsa with an SSL listener beside its PLAINTEXT one, with a certificate made
// here by openssl; librdkafka connects with security.protocol=ssl and trusts the CA.

let tlsFiles
function benchCerts() {
  if (tlsFiles !== undefined) return tlsFiles
  const dir = join(BUILD, 'tls')
  mkdirSync(dir, { recursive: true })
  const ssl = (args) => run('openssl', args, { cwd: dir })
  ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Samsa bench CA'])
  ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'broker.key', '-out', 'broker.csr', '-subj', '/CN=localhost'])
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n')
  ssl(['x509', '-req', '-in', 'broker.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'broker.pem', '-days', '2', '-extfile', 'san.ext'])
  writeFileSync(join(dir, 'keystore.pem'), readFileSync(join(dir, 'broker.pem'), 'utf8') + readFileSync(join(dir, 'broker.key'), 'utf8'))
  tlsFiles = { ca: join(dir, 'ca.pem'), keystore: join(dir, 'keystore.pem') }
  return tlsFiles
}

/** librdkafka settings for the SSL listener. */
const tlsClientArgs = () => ['-X', 'security.protocol=ssl', '-X', `ssl.ca.location=${benchCerts().ca}`]

// ---- systems under test ----

function firstLine(child, what, timeoutMs = 30000) {
  return new Promise((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout })
    let stderr = ''
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s\n${stderr}`)), timeoutMs)
    rl.once('line', (line) => {
      clearTimeout(timer)
      rl.close()
      resolveLine(line.trim())
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${what} exited (${code}) before it was ready\n${stderr}`))
    })
  })
}

/** Starts a fresh system under test; topics maps name -> partitions (pre-created where needed). */
async function startSut(kind, { topics = {}, prefill = 0, valueSize = 1024, profileTag, tls = false } = {}) {
  let child
  let dataDir
  if (kind === 'samsa') {
    dataDir = mkdtempSync(join(BUILD, 'samsa-data-'))
    const nodeArgs = []
    if (opt.profile && profileTag) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', join(BUILD, 'profiles'), '--cpu-prof-name', `${profileTag}.cpuprofile`)
    const tlsConfig = tls
      ? ['listeners=PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0', 'ssl.keystore.type=PEM', `ssl.keystore.location=${benchCerts().keystore}`].flatMap((c) => [
          '--config',
          c,
        ])
      : []
    child = spawn(
      'node',
      [...nodeArgs, join(ROOT, 'dist/bench/samsa-broker.js'), '--data-dir', dataDir, '--config', `num.partitions=${PARTITIONS}`, ...tlsConfig],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    )
  } else if (kind === 'mock') {
    const specs = Object.entries(topics).map(([t, p]) => `${t}:${p}`)
    child = spawn(join(BUILD, 'mock-cluster'), specs, { stdio: ['pipe', 'pipe', 'pipe'] })
  } else if (kind === 'cluster') {
    // With --profile each broker writes broker-N.cpuprofile into a folder named after the run.
    const prof = opt.profile && profileTag ? ['--cpu-prof-dir', join(BUILD, 'profiles', profileTag)] : []
    child = spawn('node', [join(ROOT, 'dist/bench/cluster-broker.js'), '--partitions', String(PARTITIONS), ...prof], { stdio: ['pipe', 'pipe', 'pipe'] })
  } else if (kind === 'null') {
    child = spawn(
      'node',
      [join(ROOT, 'dist/bench/null-broker.js'), '--partitions', String(PARTITIONS), '--prefill', String(prefill), '--value-size', String(valueSize)],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    )
  } else throw new Error(`unknown system ${kind}`)
  const line = await firstLine(child, kind, kind === 'cluster' ? 180000 : 30000)
  const bootstrap = line.startsWith('{') ? JSON.parse(line).bootstrap : line
  const sslBootstrap = line.startsWith('{') ? JSON.parse(line).listeners?.SSL : undefined
  const exited = new Promise((r) => child.once('exit', r))
  return {
    kind,
    bootstrap,
    sslBootstrap,
    // A cluster's CPU is its brokers' (ZooKeeper's is not counted).
    pid: line.startsWith('{') && JSON.parse(line).pids !== undefined ? JSON.parse(line).pids : child.pid,
    async stop() {
      child.stdin.end()
      const killer = setTimeout(() => child.kill('SIGKILL'), 30000)
      await exited
      clearTimeout(killer)
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
  return kb / 1024
}

// ---- CPU accounting ----
// The machine may be shared: every run records how much CPU the broker, the load generator and
// everything else used, and waits for a quiet machine before it starts.

const CLK_TCK = 100

/** CPU seconds used by a process (or the processes of a list) so far, all threads. */
function processCpu(pid) {
  if (Array.isArray(pid)) return pid.reduce((sum, p) => sum + processCpu(p), 0)
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
  } catch {
    return NaN
  }
}

/**
 * How long the process's main thread (its event loop) has waited, runnable, for a core so far
 * (seconds; /proc's schedstat run delay): on 2 cores shared with the load generator this is
 * what a latency tail is mostly made of.
 */
function mainThreadRunDelay(pid) {
  if (Array.isArray(pid)) return NaN
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9
  } catch {
    return NaN
  }
}

/** Busy CPU seconds of the whole machine so far. */
function machineCpu() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
  const v = f.map(Number)
  const idle = v[3] + v[4]
  return (v.slice(0, 8).reduce((a, b) => a + b, 0) - idle) / CLK_TCK
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Waits (up to --wait seconds) until other processes use less than 0.25 of a core; returns their load. */
const WAIT_S = Number(opt.wait ?? 60)
async function quietMachine() {
  let busy = 0
  for (let i = 0; i < Math.max(1, WAIT_S); i++) {
    const m0 = machineCpu()
    await sleep(1000)
    busy = machineCpu() - m0
    if (busy < 0.25 || WAIT_S <= 0) return busy
    if (i === 0) log(`  waiting for a quiet machine (${busy.toFixed(2)} cores busy)`)
  }
  log(`  machine still busy (${busy.toFixed(2)} cores); running anyway`)
  return busy
}

/** Runs the load generator against a system, adding CPU figures to its result. */
async function measured(sut, args, timeoutS) {
  const background = await quietMachine()
  const b0 = processCpu(sut.pid)
  const m0 = machineCpu()
  const d0 = mainThreadRunDelay(sut.pid)
  const t0 = performance.now()
  const r = await loadgen(args, timeoutS)
  const runDelay = mainThreadRunDelay(sut.pid) - d0
  if (Number.isFinite(runDelay)) r.eventLoopRunDelayMsPerS = (runDelay * 1000) / ((performance.now() - t0) / 1000)
  const broker = processCpu(sut.pid) - b0
  const machine = machineCpu() - m0
  r.brokerCpuSeconds = broker
  r.backgroundCores = background
  r.otherCpuSeconds = Math.max(0, machine - broker - (r.clientCpuSeconds ?? 0))
  if (r.totalBytes > 0) r.brokerCpuMsPerMB = (broker * 1000) / (r.totalBytes / 1e6)
  return r
}

// ---- load generator ----

function loadgen(args, timeoutS) {
  return new Promise((resolveRun) => {
    const child = spawn(join(BUILD, 'loadgen'), args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      err += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      const line = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .at(-1)
      if (line === undefined) {
        resolveRun({ error: `loadgen ${args.join(' ')} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` })
        return
      }
      const r = JSON.parse(line)
      if (code !== 0) r.error = r.error ?? `exit ${code}: ${err.trim().split('\n').at(-1)}`
      resolveRun(r)
    })
  })
}

// `samsa perf` (the Node client in this repo), where the CLI has it: a second, much slower load
// generator. It runs a record count, not a duration, so counts are sized for about DURATION s.
const SAMSA_CLI = join(ROOT, 'bin', 'samsa.js')
const hasSamsaPerf = spawnSync('node', [SAMSA_CLI, 'perf', '--help'], { encoding: 'utf8' }).status === 0

async function samsaPerf(sut, args) {
  const background = await quietMachine()
  const b0 = processCpu(sut.pid)
  const r = await new Promise((resolveRun) => {
    const child = spawn('node', [SAMSA_CLI, 'perf', ...args, '-b', sut.bootstrap, '--json', '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 600000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      try {
        const j = JSON.parse(out.slice(out.indexOf('{')))
        if (j.error !== undefined) resolveRun({ error: j.error.message ?? JSON.stringify(j.error) })
        else resolveRun({ rps: j.recordsPerSec, mbps: j.bytes / j.seconds / 1e6, seconds: j.seconds, latencyMs: j.latencyMs })
      } catch {
        resolveRun({ error: `samsa perf exited ${code}: ${out.trim().split('\n').slice(-2).join(' | ')}` })
      }
    })
  })
  r.brokerCpuSeconds = processCpu(sut.pid) - b0
  r.backgroundCores = background
  return r
}

const timing = ['-d', String(DURATION), '-w', String(WARMUP)]
const runTimeout = DURATION + WARMUP + 60

// ---- workloads ----

const produceWorkloads = [
  { id: 'produce-1k-acks1', title: 'Produce 1 KB, acks=1', args: ['-s', '1024', '-a', '1'] },
  { id: 'produce-1k-acksall', title: 'Produce 1 KB, acks=all', args: ['-s', '1024', '-a', 'all'] },
  { id: 'produce-100b', title: 'Produce 100 B, acks=1', args: ['-s', '100', '-a', '1'] },
  { id: 'produce-1k-lz4', title: 'Produce 1 KB lz4, acks=1', args: ['-s', '1024', '-a', '1', '-z', 'lz4'] },
  { id: 'produce-1k-zstd', title: 'Produce 1 KB zstd, acks=1', args: ['-s', '1024', '-a', '1', '-z', 'zstd'] },
  { id: 'produce-1k-64conn', title: 'Produce 1 KB, 64 connections', args: ['-s', '1024', '-a', '1', '-n', '64'] },
  // The first seconds of a fresh system, no warm-up: what a cold start pays (pools, page faults, JIT).
  {
    id: 'produce-1k-64conn-cold',
    title: 'Produce 1 KB, 64 connections, first 3 s of a fresh system',
    args: ['-s', '1024', '-a', '1', '-n', '64'],
    timing: ['-d', '3', '-w', '0'],
  },
  // Samsa only: the mock and the null broker speak no TLS.
  { id: 'produce-1k-tls', title: 'Produce 1 KB, acks=1, over TLS', args: ['-s', '1024', '-a', '1'], tls: true },
]

const results = {} // workload id -> sut -> [run results]
const record = (id, sut, r) => {
  results[id] ??= {}
  results[id][sut] ??= []
  results[id][sut].push(r)
  const cpu =
    r.brokerCpuSeconds !== undefined
      ? `; broker ${r.brokerCpuSeconds.toFixed(1)} s CPU (${r.brokerCpuMsPerMB?.toFixed(2) ?? '-'} ms/MB), client ${r.clientCpuSeconds?.toFixed(1) ?? '-'} s, other ${r.otherCpuSeconds?.toFixed(1) ?? '-'} s`
      : ''
  const figure =
    r.error !== undefined ? `ERROR ${r.error}` : r.rps !== undefined ? `${Math.round(r.rps)} rec/s, ${r.mbps?.toFixed(1)} MB/s${cpu}` : JSON.stringify(r)
  log(`  ${id} ${sut}: ${figure}`)
}

const selected = (id) => opt.only === undefined || opt.only.split(',').includes(id)

async function produceWorkload(w) {
  for (let i = 0; i < RUNS; i++) {
    for (const sut of SUTS) {
      if (w.tls === true && sut !== 'samsa') continue
      const s = await startSut(sut, { topics: { bench: PARTITIONS }, profileTag: `${w.id}-${i}`, tls: w.tls === true })
      try {
        const target = w.tls === true ? ['-b', s.sslBootstrap, ...tlsClientArgs()] : ['-b', s.bootstrap]
        record(w.id, sut, await measured(s, ['produce', ...target, '-t', 'bench', '-p', String(PARTITIONS), ...w.args, ...(w.timing ?? timing)], runTimeout))
        if (w.id === 'produce-1k-acks1' && hasSamsaPerf) {
          // On a topic of its own: the CLI does not auto-create, so create it with librdkafka's admin API.
          if (sut === 'samsa') await loadgen(['create', '-b', s.bootstrap, '-t', 'cli', '-p', String(PARTITIONS)], 60)
          const topic = sut === 'samsa' ? 'cli' : 'bench'
          record(
            'samsa-perf-produce',
            sut,
            await samsaPerf(s, ['produce', topic, '-n', String(DURATION * 80000), '-s', '1024', '--acks', '1', '--batch-size', '1048576', '--linger-ms', '5']),
          )
        }
      } finally {
        await s.stop()
      }
    }
  }
}

async function consumeWorkload() {
  const valueSize = 1024
  const count = Math.round((CONSUME_GB * 1024 ** 3) / valueSize)
  for (const sut of SUTS) {
    const s = await startSut(sut, {
      topics: { big: PARTITIONS },
      prefill: Math.ceil(count / PARTITIONS),
      valueSize,
      profileTag: 'consume',
      tls: sut === 'samsa',
    })
    try {
      if (sut !== 'null') {
        log(`  consume ${sut}: writing ${CONSUME_GB} GB`)
        const fill = await loadgen(['produce', '-b', s.bootstrap, '-t', 'big', '-p', String(PARTITIONS), '-s', String(valueSize), '-c', String(count)], 1800)
        if (fill.error !== undefined) {
          record('consume', sut, { error: `prefill: ${fill.error}` })
          continue
        }
      }
      for (let i = 0; i < RUNS; i++) {
        record('consume', sut, await measured(s, ['consume', '-b', s.bootstrap, '-t', 'big', '-p', String(PARTITIONS), '-R', ...timing], runTimeout))
        // The same data over the SSL listener, beside the plaintext run.
        if (s.sslBootstrap !== undefined)
          record(
            'consume-tls',
            sut,
            await measured(s, ['consume', '-b', s.sslBootstrap, ...tlsClientArgs(), '-t', 'big', '-p', String(PARTITIONS), '-R', ...timing], runTimeout),
          )
        if (hasSamsaPerf && sut !== 'mock') {
          // The mock keeps only the last 40 MB, too little for a run of this length.
          record('samsa-perf-consume', sut, await samsaPerf(s, ['consume', 'big', '-n', String(Math.min(count, DURATION * 150000))]))
        }
      }
    } finally {
      await s.stop()
    }
  }
}

async function latencyWorkload() {
  for (let i = 0; i < RUNS; i++) {
    for (const sut of SUTS) {
      const max = median((results['produce-1k-acks1']?.[sut] ?? []).map((r) => r.rps))
      if (!Number.isFinite(max)) {
        record('latency', sut, { error: 'needs produce-1k-acks1 first' })
        continue
      }
      const rate = Math.round(max / 2)
      const s = await startSut(sut, { topics: { bench: PARTITIONS }, profileTag: `latency-${i}` })
      try {
        // The null broker drops what it is sent, so there is nothing to consume end to end.
        const e2e = sut === 'null' ? [] : ['-e']
        record(
          'latency',
          sut,
          await measured(
            s,
            ['produce', '-b', s.bootstrap, '-t', 'bench', '-p', String(PARTITIONS), '-s', '1024', '-a', '1', '-r', String(rate), ...e2e, ...timing],
            runTimeout,
          ),
        )
      } finally {
        await s.stop()
      }
    }
  }
}

/**
 * Issue 14's cluster rows: 3 brokers (one ZooKeeper), the topic at replication factor 3, 1 KB
 * records with acks=all: the most it takes, then latency at half of that, each on a fresh
 * cluster; beside the single broker's acks=1 figures of the same run.
 */
async function clusterWorkload() {
  // A machine without ZooKeeper (or a cluster that does not come up) gives an error row, not an aborted run.
  const start = async (id, i) => {
    try {
      return await startSut('cluster', { profileTag: `${id}-${i}` })
    } catch (err) {
      record(id, 'cluster', { error: `cluster did not start: ${String(err.message).split('\n')[0]}` })
      return undefined
    }
  }
  for (let i = 0; i < RUNS; i++) {
    const s = await start('cluster-1k-acksall', i)
    if (s === undefined) break
    try {
      record(
        'cluster-1k-acksall',
        'cluster',
        await measured(s, ['produce', '-b', s.bootstrap, '-t', 'bench', '-p', String(PARTITIONS), '-s', '1024', '-a', 'all', ...timing], runTimeout),
      )
    } finally {
      await s.stop()
    }
  }
  const max = median((results['cluster-1k-acksall']?.cluster ?? []).map((r) => r.rps))
  for (let i = 0; i < RUNS; i++) {
    if (!(max > 0)) {
      record('cluster-latency', 'cluster', { error: 'no throughput figure to halve' })
      break
    }
    const s = await start('cluster-latency', i)
    if (s === undefined) break
    try {
      record(
        'cluster-latency',
        'cluster',
        await measured(
          s,
          ['produce', '-b', s.bootstrap, '-t', 'bench', '-p', String(PARTITIONS), '-s', '1024', '-a', 'all', '-r', String(Math.round(max / 2)), ...timing],
          runTimeout,
        ),
      )
    } finally {
      await s.stop()
    }
  }
}

async function startupWorkload() {
  const n = QUICK ? 3 : 11
  for (let i = 0; i < n; i++) {
    const out = run('node', [join(ROOT, 'dist/bench/start-time.js')])
    record('startup', 'samsa', JSON.parse(out.trim().split('\n').at(-1)))
  }
}

async function memoryWorkload() {
  for (const sut of SUTS) {
    const s = await startSut(sut, { topics: sut === 'mock' ? { idle: 1000 } : {} })
    try {
      await new Promise((r) => setTimeout(r, 1000))
      const before = rssMb(s.pid)
      if (sut === 'samsa') {
        const created = await loadgen(['create', '-b', s.bootstrap, '-t', 'idle', '-p', '1000'], 300)
        if (created.error !== undefined) {
          record('memory', sut, { error: created.error })
          continue
        }
      }
      await new Promise((r) => setTimeout(r, 5000))
      record('memory', sut, { rssEmptyMb: sut === 'mock' ? NaN : before, rssMb: rssMb(s.pid) })
    } finally {
      await s.stop()
    }
  }
}

async function crossCheck() {
  // librdkafka's own tool against Samsa for the headline workload, to show our generator is no
  // slower than the reference one. rdkafka_performance has no duration option: SIGINT ends it.
  const bin = join(BUILD, 'rdkafka_performance', 'rdkafka_performance')
  if (!existsSync(bin) || !SUTS.includes('samsa')) return
  for (let i = 0; i < RUNS; i++) {
    const s = await startSut('samsa', {})
    try {
      const r = await new Promise((resolveRun) => {
        const child = spawn(bin, ['-P', '-t', 'bench', '-b', s.bootstrap, '-s', '1024', '-a', '1', '-X', 'linger.ms=5'], { stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        child.stdout.on('data', (d) => {
          out += d
        })
        child.stderr.on('data', (d) => {
          out += d
        })
        setTimeout(() => child.kill('SIGINT'), (DURATION + WARMUP) * 1000)
        const killer = setTimeout(() => child.kill('SIGKILL'), (DURATION + WARMUP + 30) * 1000)
        child.on('exit', () => {
          clearTimeout(killer)
          // The final summary: "% N messages produced (B bytes), D delivered ... in Tms: R msgs/s and M MB/s"
          const m = [...out.matchAll(/(\d+) messages produced \((\d+) bytes\), (\d+) delivered.* in (\d+)ms: (\d+) msgs\/s and ([\d.]+) MB\/s/g)].at(-1)
          resolveRun(
            m === undefined ? { error: `unparsed output: ${out.trim().split('\n').slice(-2).join(' | ')}` } : { rps: Number(m[5]), mbps: Number(m[6]) },
          )
        })
      })
      record('rdkafka_performance', 'samsa', r)
    } finally {
      await s.stop()
    }
  }
}

// ---- report ----

/**
 * How fast one thread writes new data into the page cache here (1 GiB in 1 MiB writes to a new
 * file, as a broker appends): the ceiling for a broker that writes what it acknowledges. On a VM
 * whose host hands out fresh memory lazily this is far below the speed of overwriting cached
 * pages, which is measured too.
 */
function pageCacheWrite() {
  const script = `
    const { openSync, writeSync, closeSync, unlinkSync } = require('node:fs')
    const file = process.argv[1], chunk = 1 << 20, total = 1 << 30, buf = Buffer.alloc(chunk, 7), out = {}
    for (const pass of ['fresh', 'overwrite']) {
      const fd = openSync(file, pass === 'fresh' ? 'w' : 'r+')
      const t0 = process.hrtime.bigint()
      for (let pos = 0; pos < total; pos += chunk) writeSync(fd, buf, 0, chunk, pos)
      out[pass] = total / 1e6 / (Number(process.hrtime.bigint() - t0) / 1e9)
      closeSync(fd)
    }
    unlinkSync(file)
    console.log(JSON.stringify(out))`
  try {
    return JSON.parse(run('node', ['-e', script, join(BUILD, 'page-cache-test.dat')]).trim())
  } catch {
    return { fresh: NaN, overwrite: NaN }
  }
}

function machine() {
  const cpu = cpus()
  const sh = (cmd, args) => {
    try {
      return run(cmd, args).trim()
    } catch {
      return '?'
    }
  }
  return {
    cpu: cpu[0]?.model ?? '?',
    cores: cpu.length,
    memoryGb: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    kernel: sh('uname', ['-r']),
    librdkafka: sh(join(BUILD, 'loadgen'), ['version']),
    gcc: sh('gcc', ['-dumpfullversion']),
    commit:
      sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']) +
      (sh('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no']) === '' ? '' : ' (with local changes)'),
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    pageCache: pageCacheWrite(),
  }
}

const fmtInt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-')
const fmt1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-')
const fmt2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-')
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-')

function fig(id, sut, field) {
  const rs = (results[id]?.[sut] ?? []).filter((r) => r.error === undefined)
  return median(rs.map((r) => field.split('.').reduce((o, k) => o?.[k], r)).filter((v) => typeof v === 'number' && v >= 0))
}

function errorsOf(id) {
  const out = []
  for (const [sut, rs] of Object.entries(results[id] ?? {})) for (const r of rs) if (r.error !== undefined) out.push(`${sut}: ${r.error}`)
  return out
}

function report(m, command) {
  const L = []
  const name = { samsa: 'Samsa', mock: 'librdkafka mock', null: 'null broker' }
  L.push(`Measured ${m.date} on commit ${m.commit}${QUICK ? ' (**--quick**: one short run per figure, not for comparison)' : ''}.`)
  L.push('')
  L.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GiB; Linux ${m.kernel}; Node ${m.node}; librdkafka ${m.librdkafka}; gcc ${m.gcc}. Load generator and broker share the machine (loopback).`,
  )
  L.push('')
  L.push(
    `Page cache: one thread writes new data into the page cache at **${fmtInt(m.pageCache.fresh)} MB/s** (1 GiB in 1 MiB writes to a new file) and overwrites cached pages at ${fmtInt(m.pageCache.overwrite)} MB/s; Samsa writes every acknowledged byte into new pages, the mock and the null broker write nothing.`,
  )
  L.push('')
  L.push(`Command: \`${command}\` (${RUNS} run${RUNS > 1 ? 's' : ''} per figure, median; ${DURATION} s measured after ${WARMUP} s warm-up).`)
  L.push('')
  L.push('### Throughput')
  L.push('')
  L.push(
    `| workload | ${SUTS.map((s) => `${name[s]} rec/s | ${name[s]} MB/s`).join(' | ')}${SUTS.includes('samsa') && SUTS.includes('mock') ? ' | Samsa/mock' : ''}${SUTS.includes('samsa') && SUTS.includes('null') ? ' | Samsa/null' : ''} |`,
  )
  L.push(
    `|---|${SUTS.map(() => '--:|--:').join('|')}${SUTS.includes('samsa') && SUTS.includes('mock') ? '|--:' : ''}${SUTS.includes('samsa') && SUTS.includes('null') ? '|--:' : ''}|`,
  )
  const rows = [
    ...produceWorkloads.map((w) => [w.id, w.title]),
    ['consume', `Consume 1 KB from the start of a ${CONSUME_GB} GB topic`],
    ['consume-tls', `Consume 1 KB from the start of a ${CONSUME_GB} GB topic, over TLS`],
  ]
  for (const [id, title] of rows) {
    if (results[id] === undefined) continue
    const cells = SUTS.map((s) => `${fmtInt(fig(id, s, 'rps'))} | ${fmt1(fig(id, s, 'mbps'))}`)
    let line = `| ${title} | ${cells.join(' | ')}`
    if (SUTS.includes('samsa') && SUTS.includes('mock')) line += ` | ${ratio(fig(id, 'samsa', 'rps'), fig(id, 'mock', 'rps'))}`
    if (SUTS.includes('samsa') && SUTS.includes('null')) line += ` | ${ratio(fig(id, 'samsa', 'rps'), fig(id, 'null', 'rps'))}`
    L.push(line + ' |')
  }
  L.push('')
  L.push('Broker CPU per MB of record values (ms, all threads, whole run including warm-up): less sensitive than throughput to what else the machine is doing.')
  L.push('')
  L.push(`| workload | ${SUTS.map((s) => name[s]).join(' | ')} |`)
  L.push(`|---|${SUTS.map(() => '--:').join('|')}|`)
  for (const [id, title] of rows) {
    if (results[id] === undefined) continue
    L.push(`| ${title} | ${SUTS.map((s) => fmt2(fig(id, s, 'brokerCpuMsPerMB'))).join(' | ')} |`)
  }
  const other = Object.values(results)
    .flatMap((bySut) => Object.values(bySut).flat())
    .map((r) => r.otherCpuSeconds)
    .filter(Number.isFinite)
  if (other.length > 0) {
    L.push('')
    L.push(`Other processes on the machine used up to ${Math.max(...other).toFixed(1)} CPU seconds during a run (median ${median(other).toFixed(1)}).`)
  }
  if (results['samsa-perf-produce'] !== undefined || results['samsa-perf-consume'] !== undefined) {
    L.push('')
    L.push(
      'With `samsa perf` (the Node.js client in this repo) as the load generator instead: produce 1 KB acks=1 (`--batch-size 1048576 --linger-ms 5`, ' +
        `${DURATION * 80000} records) and consume (up to ${DURATION * 150000} records of the consume topic; not against the mock, which keeps too little).`,
    )
    L.push('')
    L.push(`| workload | ${SUTS.map((s) => `${name[s]} rec/s | ${name[s]} MB/s`).join(' | ')} |`)
    L.push(`|---|${SUTS.map(() => '--:|--:').join('|')}|`)
    for (const [id, title] of [
      ['samsa-perf-produce', 'samsa perf produce'],
      ['samsa-perf-consume', 'samsa perf consume'],
    ]) {
      if (results[id] === undefined) continue
      L.push(`| ${title} | ${SUTS.map((s) => `${fmtInt(fig(id, s, 'rps'))} | ${fmt1(fig(id, s, 'mbps'))}`).join(' | ')} |`)
    }
  } else if (!hasSamsaPerf) {
    L.push('')
    L.push('`samsa perf` is not available in this build; its rows are skipped.')
  }
  if (results.rdkafka_performance !== undefined) {
    L.push('')
    L.push(
      `Cross-check with librdkafka's own \`rdkafka_performance -P -s 1024 -a 1 -X linger.ms=5\` against Samsa: ${fmtInt(fig('rdkafka_performance', 'samsa', 'rps'))} rec/s, ${fmt1(fig('rdkafka_performance', 'samsa', 'mbps'))} MB/s (its own figures, counted from its first send, warm-up included).`,
    )
  }
  if (results.latency !== undefined) {
    L.push('')
    L.push("### Latency at half of each system's own 1 KB acks=1 maximum")
    L.push('')
    L.push(
      "Measured from each record's intended send time on a fixed schedule (no coordinated omission); produce = until the delivery report, end-to-end = until a consumer in the same process has it. ms. The last column is how long the broker's event loop thread waited, runnable, for a core (/proc's schedstat run delay), in ms per second of the run: the machine's 2 cores are shared with the load generator's producer and consumer.",
    )
    L.push('')
    L.push(
      '| system | rate rec/s | produce p50 | produce p99 | produce p99.9 | end-to-end p50 | end-to-end p99 | end-to-end p99.9 | event loop waiting for a core, ms/s |',
    )
    L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|')
    for (const s of SUTS) {
      const p = (f) => fmt2(fig('latency', s, f))
      L.push(
        `| ${name[s]} | ${fmtInt(fig('latency', s, 'rate'))} | ${p('produceLatencyMs.p50')} | ${p('produceLatencyMs.p99')} | ${p('produceLatencyMs.p999')} | ${p('endToEndLatencyMs.p50')} | ${p('endToEndLatencyMs.p99')} | ${p('endToEndLatencyMs.p999')} | ${fmt1(fig('latency', s, 'eventLoopRunDelayMsPerS'))} |`,
      )
    }
  }
  if (results['cluster-1k-acksall'] !== undefined) {
    const single = fig('produce-1k-acks1', 'samsa', 'rps')
    const singleLat = (f) => fig('latency', 'samsa', f)
    const c = (f) => fig('cluster-1k-acksall', 'cluster', f)
    const cl = (f) => fig('cluster-latency', 'cluster', f)
    L.push('')
    L.push('### A 3-broker cluster')
    L.push('')
    L.push(
      "Three broker processes and one ZooKeeper server on the same machine (`bench/cluster-broker.ts`), the topic at replication factor 3 (leaders spread over the brokers), acks=all: every record is on all three brokers before it is acknowledged. Broker CPU is the three brokers' together. Beside the single broker with acks=1 from the rows above.",
    )
    L.push('')
    L.push('| system | rec/s | MB/s | vs single broker | broker CPU ms/MB | latency rate rec/s | produce p50 ms | produce p99 ms | produce p99.9 ms |')
    L.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|')
    L.push(
      `| single broker, acks=1 | ${fmtInt(single)} | ${fmt1(fig('produce-1k-acks1', 'samsa', 'mbps'))} | 1.00x | ${fmt2(fig('produce-1k-acks1', 'samsa', 'brokerCpuMsPerMB'))} | ${fmtInt(singleLat('rate'))} | ${fmt2(singleLat('produceLatencyMs.p50'))} | ${fmt2(singleLat('produceLatencyMs.p99'))} | ${fmt2(singleLat('produceLatencyMs.p999'))} |`,
    )
    L.push(
      `| 3 brokers, RF=3, acks=all | ${fmtInt(c('rps'))} | ${fmt1(c('mbps'))} | ${ratio(c('rps'), single)} | ${fmt2(c('brokerCpuMsPerMB'))} | ${fmtInt(cl('rate'))} | ${fmt2(cl('produceLatencyMs.p50'))} | ${fmt2(cl('produceLatencyMs.p99'))} | ${fmt2(cl('produceLatencyMs.p999'))} |`,
    )
  }
  if (results.startup !== undefined || results.memory !== undefined) {
    L.push('')
    L.push('### Start-up and memory')
    L.push('')
    if (results.startup !== undefined) {
      L.push(
        `Embedded start (\`startBroker()\` until the first ApiVersions answer, fresh process, median of ${results.startup.samsa.length}): **${fmt1(fig('startup', 'samsa', 'startToServingMs'))} ms**; from process start, including Node and loading Samsa's modules: ${fmt1(fig('startup', 'samsa', 'processToServingMs'))} ms.`,
      )
      L.push('')
    }
    if (results.memory !== undefined) {
      L.push('| system | RSS at start, MB | RSS with 1,000 idle partitions, MB |')
      L.push('|---|--:|--:|')
      for (const s of SUTS) L.push(`| ${name[s]} | ${fmt1(fig('memory', s, 'rssEmptyMb'))} | ${fmt1(fig('memory', s, 'rssMb'))} |`)
      L.push('')
      L.push("The null broker creates no partitions (it stores nothing); its figure is the floor for a Node process with Samsa's server layer loaded.")
    }
  }
  // targets
  const t = []
  const check = (what, value, ok, shown) => t.push(`| ${what} | ${shown} | ${Number.isFinite(value) ? (ok ? 'yes' : '**no**') : '-'} |`)
  const p1 = fig('produce-1k-acks1', 'samsa', 'rps')
  const mockP1 = fig('produce-1k-acks1', 'mock', 'rps')
  const nullP1 = fig('produce-1k-acks1', 'null', 'rps')
  check('Produce 1 KB acks=1 >= 0.5x the mock', p1 / mockP1, p1 / mockP1 >= 0.5, ratio(p1, mockP1))
  check('Produce 1 KB acks=1 >= 0.7x the null broker', p1 / nullP1, p1 / nullP1 >= 0.7, ratio(p1, nullP1))
  const p100 = fig('produce-100b', 'samsa', 'rps')
  check('Produce 100 B >= 1,000,000 rec/s', p100, p100 >= 1e6, `${fmtInt(p100)} rec/s`)
  const cons = fig('consume', 'samsa', 'rps')
  check('Consume >= produce rate (1 KB acks=1)', cons / p1, cons >= p1, `${fmtInt(cons)} vs ${fmtInt(p1)} rec/s`)
  const p99 = fig('latency', 'samsa', 'produceLatencyMs.p99')
  check('Produce p99 at half of max <= 5 ms', p99, p99 <= 5, `${fmt2(p99)} ms`)
  // Issue 18's goals.
  const titleOf = (id) => (id === 'consume' ? 'Consume' : (produceWorkloads.find((w) => w.id === id)?.title ?? id))
  const vs = (id, ref, min) => {
    const r = fig(id, 'samsa', 'rps') / fig(id, ref, 'rps')
    check(`${titleOf(id)} >= ${min}x the ${name[ref]}`, r, r >= min, ratio(fig(id, 'samsa', 'rps'), fig(id, ref, 'rps')))
  }
  vs('produce-1k-64conn', 'null', 0.7)
  const cpu64 = fig('produce-1k-64conn', 'samsa', 'brokerCpuMsPerMB')
  const cpu1 = fig('produce-1k-acks1', 'samsa', 'brokerCpuMsPerMB')
  check('64 connections: broker CPU per MB within 2x of one connection', cpu64 / cpu1, cpu64 <= 2 * cpu1, `${fmt2(cpu64)} vs ${fmt2(cpu1)} ms`)
  vs('produce-100b', 'null', 0.9)
  vs('produce-1k-lz4', 'mock', 0.7)
  vs('produce-1k-zstd', 'mock', 0.7)
  vs('consume', 'null', 0.9)
  const cold = fig('produce-1k-64conn-cold', 'samsa', 'rps')
  const steady = fig('produce-1k-64conn', 'samsa', 'rps')
  check('64 connections, first 3 s within 20 % of steady state', cold / steady, cold >= 0.8 * steady, `${ratio(cold, steady)}`)
  const rf3 = fig('cluster-1k-acksall', 'cluster', 'rps')
  check('3 brokers RF=3 acks=all >= 1/3 of the single broker acks=1', rf3 / p1, rf3 >= p1 / 3, ratio(rf3, p1))
  const st = fig('startup', 'samsa', 'startToServingMs')
  check('Embedded start to serving < 100 ms', st, st < 100, `${fmt1(st)} ms`)
  const rss = fig('memory', 'samsa', 'rssMb')
  check('RSS with 1,000 idle partitions < 150 MB', rss, rss < 150, `${fmt1(rss)} MB`)
  L.push('')
  L.push('### Targets (Samsa)')
  L.push('')
  L.push('| target | measured | met |')
  L.push('|---|--:|:-:|')
  L.push(...t)
  const errs = Object.keys(results).flatMap((id) => errorsOf(id).map((e) => `- ${id}: ${e}`))
  if (errs.length > 0) {
    L.push('')
    L.push('### Errors during the run')
    L.push('')
    L.push(...errs)
  }
  return L.join('\n')
}

const START = '<!-- bench:results:start -->'
const END = '<!-- bench:results:end -->'

function writeReport(body) {
  const template = join(ROOT, 'BENCHMARKS.md')
  let doc = existsSync(OUT) ? readFileSync(OUT, 'utf8') : existsSync(template) ? readFileSync(template, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`
  if (!doc.includes(START)) doc += `\n${START}\n${END}\n`
  const before = doc.slice(0, doc.indexOf(START) + START.length)
  const after = doc.slice(doc.indexOf(END))
  mkdirSync(dirname(OUT), { recursive: true })
  writeFileSync(OUT, `${before}\n${body}\n${after}`)
  writeFileSync(join(BUILD, 'results.json'), JSON.stringify(results, null, 1))
}

// ---- main ----

const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
build()
const m = machine()
log(`${m.cpu}, ${m.cores} cores, Node ${m.node}, librdkafka ${m.librdkafka}; ${RUNS} run(s) x ${DURATION} s`)
let exitCode = 0
try {
  for (const w of produceWorkloads) {
    if (!selected(w.id)) continue
    log(w.title)
    await produceWorkload(w)
  }
  if (selected('consume')) {
    log('Consume')
    await consumeWorkload()
  }
  if (selected('latency')) {
    log('Latency at half of max')
    await latencyWorkload()
  }
  if (selected('cluster')) {
    log('A 3-broker cluster, RF=3, acks=all')
    await clusterWorkload()
  }
  if (selected('startup')) {
    log('Embedded start-up')
    await startupWorkload()
  }
  if (selected('memory')) {
    log('Memory with 1,000 idle partitions')
    await memoryWorkload()
  }
  if (selected('produce-1k-acks1') && !QUICK) {
    log('Cross-check with rdkafka_performance')
    await crossCheck()
  }
} catch (err) {
  log(`aborted: ${err.stack ?? err}`)
  exitCode = 1
}
writeReport(report(m, command))
log(`wrote ${OUT}`)
process.exit(exitCode)
