/**
 * A Samsa cluster for one test file: a real ZooKeeper (1 or 3 servers) and real broker processes
 * (`samsa start --zookeeper.connect ...`) on loopback ports chosen at run time, in temporary
 * directories. Everything is stopped by the file's after() hook, also when a test fails; should
 * the test process die, the brokers' lifelines and ZooKeeper's end them anyway.
 */
import { after } from 'node:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnWithLifeline, type LifelineChild } from '../../src/cli/lifeline.js'
import { freePorts, type ZooKeeperEnsemble } from '../../src/zookeeper/server-process.js'
import { startTestEnsemble } from './zookeeper.js'
import { RawConnection } from './raw-client.js'
import { ApiKey } from '../../src/protocol/generated/index.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const SAMSA = join(ROOT, 'bin', 'samsa.js')

export interface ClusterOptions {
  zookeepers?: 1 | 3
  brokers?: number
  /** broker configs for every broker, by Kafka name */
  config?: Record<string, string | number | boolean>
  /** per-broker configs (by node id), e.g. racks */
  brokerConfig?: (id: number) => Record<string, string | number | boolean>
}

export class BrokerProcess {
  readonly id: number
  /** Fixed once the broker has listened (before that a lost port is replaced: see start()). */
  port: number
  readonly dir: string
  readonly #connect: string
  readonly #config: Record<string, string>
  #child: LifelineChild | undefined
  #paused = false
  #listened = false
  /** everything the broker wrote, for failure messages */
  output = ''

  constructor(id: number, port: number, dir: string, connect: string, config: Record<string, string>) {
    this.id = id
    this.port = port
    this.dir = dir
    this.#connect = connect
    this.#config = config
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return this.#child?.running === true
  }

  /** running and not paused: it answers requests */
  get serving(): boolean {
    return this.running && !this.#paused
  }

  get pid(): number | undefined {
    return this.#child?.pid
  }

  /**
   * Starts the broker; resolves once it listens, rejects with its output when it exits first.
   * A minute, not seconds: on a 2-core machine running other suites a start has taken over 30 s.
   */
  async start(timeoutMs = 60_000): Promise<void> {
    // A port chosen free can be taken before the broker binds it (another test's outgoing
    // connection gets it from the same ephemeral range): a first start tries another port.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#start(timeoutMs)
        this.#listened = true
        return
      } catch (err) {
        if (this.#listened || attempt >= 3 || !this.output.includes('EADDRINUSE')) throw err
        await this.#child?.exited
        this.port = (await freePorts('127.0.0.1', 1))[0]!
      }
    }
  }

  async #start(timeoutMs: number): Promise<void> {
    // A `listeners` config replaces the default one; `{port}` in it is this broker's port.
    const { listeners, ...config } = this.#config
    const overrides = Object.entries({ 'zookeeper.connect': this.#connect, ...config }).flatMap(([k, v]) => ['--override', `${k}=${v}`])
    const child = await spawnWithLifeline(
      process.execPath,
      [
        SAMSA,
        'start',
        '--node.id',
        String(this.id),
        '--listeners',
        listeners?.replaceAll('{port}', String(this.port)) ?? `PLAINTEXT://127.0.0.1:${this.port}`,
        '--log.dirs',
        this.dir,
        '--console.enable',
        'false',
        ...overrides,
      ],
      { env: { ...process.env, SAMSA_LOG_LEVEL: process.env['SAMSA_TEST_BROKER_LOG_LEVEL'] ?? 'info' }, graceSeconds: 5 },
    )
    this.#child = child
    this.#paused = false
    // A restart must wait for its own "listening" line, not find the previous run's.
    this.output = ''
    const collect = (d: Buffer): void => {
      this.output = (this.output + d.toString()).slice(-200_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    const deadline = Date.now() + timeoutMs
    while (!this.output.includes(`listening on 127.0.0.1:${this.port}`)) {
      if (!child.running) throw new Error(`broker ${this.id} exited while starting:\n${this.output.slice(-4000)}`)
      if (Date.now() > deadline) throw new Error(`broker ${this.id} did not start within ${timeoutMs} ms:\n${this.output.slice(-4000)}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  /** Starts a broker process and returns how it ended (for brokers that must refuse to start). */
  async startExpectingExit(timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
    try {
      await this.start(timeoutMs)
    } catch {
      const status = await this.#child!.exited
      return { code: status.code, output: this.output }
    }
    throw new Error(`broker ${this.id} started when it should not have`)
  }

  /** SIGTERM (a clean, controlled shutdown); waits until the process is gone. */
  async stop(): Promise<void> {
    const c = this.#child
    if (c === undefined || !c.running) return
    c.signal('SIGTERM')
    const timer = setTimeout(() => c.signal('SIGKILL'), 20_000)
    await c.exited
    clearTimeout(timer)
  }

  /** SIGSTOP: the process hangs (a GC pause, a frozen VM) until resume(). */
  pause(): void {
    if (this.#child?.running !== true) return
    this.#child.signal('SIGSTOP')
    this.#paused = true
  }

  /** SIGCONT after pause(). */
  resume(): void {
    this.#paused = false
    if (this.#child?.running === true) this.#child.signal('SIGCONT')
  }

  /** kill -9. */
  async kill(): Promise<void> {
    const c = this.#child
    if (c === undefined || !c.running) return
    c.signal('SIGKILL')
    await c.exited
    this.#paused = false
  }
}

export interface TestCluster {
  readonly ensemble: ZooKeeperEnsemble
  /** zookeeper.connect with the cluster's chroot */
  readonly connect: string
  readonly brokers: BrokerProcess[]
  readonly dir: string
  /** bootstrap servers: every running broker that is not paused */
  bootstrap(): string
  broker(id: number): BrokerProcess
  /** a broker process for node id `id` (not started), with its own port and data dir */
  newBroker(id: number, extra?: Record<string, string | number | boolean>): Promise<BrokerProcess>
}

/**
 * Starts ZooKeeper and `brokers` brokers (node ids 1..n) for this test file. Call it at the top
 * level of the file so the cleanup hook belongs to the whole file.
 */
export async function startTestCluster(opts: ClusterOptions = {}): Promise<TestCluster> {
  const ensemble = await startTestEnsemble(opts.zookeepers ?? 1)
  const dir = mkdtempSync(join(tmpdir(), 'samsa-cluster-'))
  const connect = ensemble.connectString('/samsa')
  const brokers: BrokerProcess[] = []
  after(async () => {
    await Promise.all(brokers.map((b) => b.kill()))
    // SAMSA_TEST_SHOW_BROKERS=1 prints what each broker logged (matching lines with a regex value).
    const show = process.env['SAMSA_TEST_SHOW_BROKERS']
    if (show !== undefined && show !== '') {
      const filter = show === '1' ? null : new RegExp(show, 'i')
      for (const b of brokers)
        process.stderr.write(
          `==== broker ${b.id}\n${b.output
            .split('\n')
            .filter((l) => filter === null || filter.test(l))
            .join('\n')}\n`,
        )
    }
    rmSync(dir, { recursive: true, force: true })
  })
  const base: Record<string, string> = {
    // Brokers notice each other's death within seconds (ZooKeeper grants 1-10 s in tests).
    'zookeeper.session.timeout.ms': '6000',
    'controlled.shutdown.retry.backoff.ms': '200',
    'group.initial.rebalance.delay.ms': '0',
  }
  // Internal topics are made once this many brokers are alive (Kafka's rule; its default is 3).
  const size = opts.brokers ?? 3
  if (size > 0 && size < 3) base['offsets.topic.replication.factor'] = base['transaction.state.log.replication.factor'] = String(size)
  for (const [k, v] of Object.entries(opts.config ?? {})) base[k] = String(v)
  const cluster: TestCluster = {
    ensemble,
    connect,
    brokers,
    dir,
    bootstrap: () =>
      brokers
        .filter((b) => b.serving)
        .map((b) => b.bootstrap)
        .join(','),
    broker: (id) => brokers.find((b) => b.id === id)!,
    async newBroker(id, extra = {}) {
      const [port] = await freePorts('127.0.0.1', 1)
      const config = { ...base, ...Object.fromEntries(Object.entries({ ...opts.brokerConfig?.(id), ...extra }).map(([k, v]) => [k, String(v)])) }
      const b = new BrokerProcess(id, port!, join(dir, `broker-${id}-${port}`), connect, config)
      brokers.push(b)
      return b
    },
  }
  const started: BrokerProcess[] = []
  for (let id = 1; id <= (opts.brokers ?? 3); id++) started.push(await cluster.newBroker(id))
  await Promise.all(started.map((b) => b.start()))
  await waitServing(started)
  return cluster
}

/**
 * Listening is not yet serving a cluster: a client asks for the controller at once (kafkajs
 * admin fails on controller -1), so this waits until every broker names one and sees the others.
 */
export async function waitServing(brokers: readonly BrokerProcess[]): Promise<void> {
  await Promise.all(
    brokers.map((b) =>
      eventually(`broker ${b.id} to know the controller and ${brokers.length} brokers`, async () => {
        const md = await metadataOf(b.bootstrap)
        return md.controllerId >= 0 && md.brokers.length === brokers.length
      }),
    ),
  )
}

async function metadataOf(bootstrap: string): Promise<{ controllerId: number; brokers: unknown[] }> {
  const c = await RawConnection.connect(bootstrap)
  try {
    return await c.request(ApiKey.Metadata, 12, { topics: [], allowAutoTopicCreation: false })
  } finally {
    c.close()
  }
}

/** Polls `check` until it returns a value other than false/undefined, failing after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | false | undefined> | T | false | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const v = await check()
      if (v !== false && v !== undefined) return v
    } catch (err) {
      lastError = err
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError === undefined ? '' : `: ${String(lastError)}`}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
