/**
 * `samsa dev-cluster`: the seed's setups on one machine, for development. A local ZooKeeper
 * ensemble (Debian's zookeeper package), N brokers in ZooKeeper mode and the web console, with
 * all data under one directory (kept across runs) and every process's output prefixed with its
 * name. Ctrl-C stops the console, then the brokers (controlled shutdown), then ZooKeeper; a
 * process that fails to start stops everything started before it. The children run in process
 * groups of their own (the terminal's Ctrl-C reaches only this process, which stops them in
 * order) and on lifelines, so none outlives this process, however it ends.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { RunningConsole } from '../console/index.js'
import type { QuorumPeer } from '../zookeeper/server-process.js'
import { intOption, keyValues, UsageError, type CommandSpec } from './command.js'
import type { LifelineChild } from './lifeline.js'

const SAMSA_BIN = fileURLToPath(new URL('../../../bin/samsa.js', import.meta.url))

interface Broker {
  id: number
  port: number
  child?: LifelineChild
}

/** Copies a child's output to ours, each line prefixed with its name. */
function prefixLines(stream: Readable, name: string, out: NodeJS.WriteStream): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`[${name}] ${line}\n`))
}

export const devClusterCommand: CommandSpec = {
  path: ['dev-cluster'],
  summary: "Run a local ZooKeeper ensemble, brokers and the web console (the seed's 1+1+1 and 3+3+1 setups)",
  usage: '[--zookeepers N] [--brokers N] [--dir DIR] [options]',
  description: [
    'ZooKeeper servers listen on 127.0.0.1:2181, 2182, ... (an ensemble also uses 2888+ and 3888+ between',
    'its servers, shifted with --zookeeper-port), broker N on PLAINTEXT://:9092+N-1 with node.id N and',
    'zookeeper.connect <servers>/samsa,',
    'the console on http://127.0.0.1:8080. Data lives in DIR/zookeeper-N and DIR/broker-N, so a second run',
    "finds the topics, offsets and configs of the first. ZooKeeper comes from Debian's zookeeper package",
    '(or SAMSA_ZOOKEEPER_CLASSPATH). Ctrl-C stops everything; stop one broker or ZooKeeper server with',
    'kill to watch the cluster carry on. Broker configs for every broker: --override NAME=VALUE.',
  ].join('\n'),
  options: {
    zookeepers: { type: 'string', value: 'N', description: 'ZooKeeper servers; 3 survives one failing', default: '1', choices: ['1', '3', '5'] },
    brokers: { type: 'string', value: 'N', description: 'Brokers, node ids 1..N', default: '1' },
    dir: { type: 'string', value: 'DIR', description: 'Data of every process, kept across runs', default: './dev-cluster' },
    port: { type: 'string', value: 'PORT', description: 'Port of broker 1; broker N gets PORT+N-1', default: '9092' },
    'zookeeper-port': { type: 'string', value: 'PORT', description: 'Client port of ZooKeeper server 1; server N gets PORT+N-1', default: '2181' },
    'console-port': { type: 'string', value: 'PORT', description: 'Port of the web console', default: '8080' },
    'no-console': { type: 'boolean', description: 'Do not serve the web console' },
    override: { type: 'string', multiple: true, value: 'NAME=VALUE', description: 'A broker config for every broker' },
  },
  examples: [
    'samsa dev-cluster                               # 1 ZooKeeper + 1 broker + the console',
    'samsa dev-cluster --zookeepers 3 --brokers 3    # 3 + 3 + 1',
    'samsa dev-cluster --brokers 3 --override default.replication.factor=3 --dir /tmp/samsa-dev',
  ],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const zookeepers = intOption(ctx.values, 'zookeepers', { min: 1, max: 7 }) ?? 1
    if (zookeepers % 2 === 0) throw new UsageError('--zookeepers must be odd (an ensemble needs a majority)', ctx.spec.path)
    const brokerCount = intOption(ctx.values, 'brokers', { min: 1, max: 64 }) ?? 1
    const basePort = intOption(ctx.values, 'port', { min: 1, max: 65535 }) ?? 9092
    const zkPort = intOption(ctx.values, 'zookeeper-port', { min: 1, max: 65535 }) ?? 2181
    const consolePort = intOption(ctx.values, 'console-port', { min: 0, max: 65535 }) ?? 8080
    const overrides = keyValues(ctx.values, 'override')
    const dir = resolve(typeof ctx.values.dir === 'string' ? ctx.values.dir : './dev-cluster')
    // Loaded here, not with the command table: `samsa --version` stays quick.
    const [{ findZooKeeper, ZooKeeperServerProcess }, { spawnWithLifeline }, { startConsole }, { createLogger }] = await Promise.all([
      import('../zookeeper/server-process.js'),
      import('./lifeline.js'),
      import('../console/index.js'),
      import('../logger.js'),
    ])
    const install = findZooKeeper()
    if (typeof install === 'string') throw new UsageError(install, ctx.spec.path)
    mkdirSync(dir, { recursive: true })
    const out = process.stdout
    const say = (msg: string): void => {
      out.write(`[dev-cluster] ${msg}\n`)
    }

    // ZooKeeper's customary 2888 and 3888 between servers, shifted with --zookeeper-port.
    const peers: QuorumPeer[] =
      zookeepers === 1
        ? []
        : Array.from({ length: zookeepers }, (_, i) => ({ id: i + 1, host: '127.0.0.1', quorumPort: zkPort + 707 + i, electionPort: zkPort + 1707 + i }))
    const servers = Array.from(
      { length: zookeepers },
      (_, i) =>
        new ZooKeeperServerProcess({
          dir: resolve(dir, `zookeeper-${i + 1}`),
          clientPort: zkPort + i,
          quorum: zookeepers === 1 ? undefined : { myId: i + 1, peers },
          install,
          ownProcessGroup: true,
        }),
    )
    const brokers: Broker[] = Array.from({ length: brokerCount }, (_, i) => ({ id: i + 1, port: basePort + i }))
    const connect = `${servers.map((s) => s.address).join(',')}/samsa`
    let webConsole: RunningConsole | undefined
    let stopping: Promise<void> | undefined

    const stopAll = (): Promise<void> => {
      stopping ??= (async () => {
        await webConsole?.close().catch(() => {})
        // Brokers first (each moves its leadership away through ZooKeeper), then ZooKeeper.
        await Promise.all(
          brokers.map(async (b) => {
            const c = b.child
            if (c === undefined || !c.running) return
            c.signal('SIGTERM')
            const timer = setTimeout(() => c.signal('SIGKILL'), 30_000)
            await c.exited
            clearTimeout(timer)
          }),
        )
        await Promise.all(servers.map((s) => s.stop()))
      })()
      return stopping
    }
    let forced = false
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping !== undefined) {
        if (forced) return
        forced = true
        say('stopping at once')
        for (const b of brokers) b.child?.signal('SIGKILL')
        for (const s of servers) s.killNow()
        return
      }
      say(`${signal}: stopping the console, the brokers, then ZooKeeper (Ctrl-C again to kill them)`)
      void stopAll()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)

    try {
      say(`starting ${zookeepers} ZooKeeper server(s) and ${brokerCount} broker(s) in ${dir}`)
      for (const s of servers) await s.start()
      await Promise.all(servers.map((s) => s.waitReady()))
      say(`ZooKeeper serving on ${servers.map((s) => s.address).join(',')} (logs in ${dir}/zookeeper-N/zookeeper.log)`)
      if (stopping !== undefined) return 130
      await Promise.all(
        brokers.map(async (b) => {
          const args = [
            SAMSA_BIN,
            'start',
            '--node.id',
            String(b.id),
            '--listeners',
            `PLAINTEXT://:${b.port}`,
            '--log.dirs',
            resolve(dir, `broker-${b.id}`),
            '--zookeeper.connect',
            connect,
            '--console.enable',
            'false',
            ...internalTopicReplication(brokerCount),
            ...overrides.flatMap(([k, v]) => ['--override', `${k}=${v}`]),
          ]
          const child = await spawnWithLifeline(process.execPath, args, { ownProcessGroup: true, graceSeconds: 30 })
          b.child = child
          const name = `broker-${b.id}`
          prefixLines(child.stdout, name, out)
          let started = false
          const ready = new Promise<void>((res, rej) => {
            createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
              out.write(`[${name}] ${line}\n`)
              if (!started && line.includes(' listening on ')) {
                started = true
                res()
              }
            })
            void child.exited.then((status) => {
              if (!started) rej(new Error(`broker ${b.id} exited while starting (${status.code ?? status.signal})`))
              else if (stopping === undefined) say(`broker ${b.id} exited (${status.code ?? status.signal}); the others carry on`)
            })
          })
          await ready
        }),
      )
      if (stopping !== undefined) {
        await stopping
        return 130
      }
      const bootstrap = brokers.map((b) => `localhost:${b.port}`).join(',')
      say(`brokers: ${brokers.map((b) => `${b.id} on localhost:${b.port}`).join(', ')}`)
      if (ctx.values['no-console'] !== true) {
        webConsole = await startConsole({ bootstrap, host: '127.0.0.1', port: consolePort, logger: createLogger({ env: process.env }) })
        say(`console: ${webConsole.url}`)
      }
      say(`ready: try  samsa topics create orders --partitions 6 --bootstrap-server ${bootstrap}`)
      say('Ctrl-C stops everything')
    } catch (err) {
      process.stderr.write(`[dev-cluster] ${(err as Error).message}; stopping what was started\n`)
      await stopAll()
      return 1
    }
    await new Promise<void>((res) => {
      const check = setInterval(() => {
        if (stopping !== undefined) {
          clearInterval(check)
          void stopping.then(res)
        }
      }, 100)
    })
    say('stopped')
    return 0
  },
}

/**
 * The internal topics' replication factor for a cluster of `brokers` (Kafka's default 3, at most
 * the brokers there are), as Kafka's own example configs set it: with 3 and fewer brokers,
 * groups and transactions would wait forever for their topics. --override replaces it.
 */
function internalTopicReplication(brokers: number): string[] {
  const rf = String(Math.min(3, brokers))
  return ['--override', `offsets.topic.replication.factor=${rf}`, '--override', `transaction.state.log.replication.factor=${rf}`]
}
