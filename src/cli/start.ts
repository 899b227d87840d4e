/** `samsa start`: run a broker in the foreground until SIGINT or SIGTERM. */
import { type CommandSpec, LOG_OPTIONS, UsageError } from './command.js'

/** Takes `--log-level X` / `--log-format X` (or `=X`) out of the broker's config flags. */
function takeLogOptions(args: readonly string[]): { level?: string; format?: string; rest: string[] } {
  const out: { level?: string; format?: string; rest: string[] } = { rest: [] }
  for (let i = 0; i < args.length; i++) {
    const m = /^--log-(level|format)(?:=(.*))?$/.exec(args[i]!)
    if (m === null) {
      out.rest.push(args[i]!)
      continue
    }
    const value = m[2] ?? args[++i]
    if (value === undefined) throw new UsageError(`--log-${m[1]} needs a value`, ['start'])
    out[m[1] as 'level' | 'format'] = value
  }
  return out
}

/** The start line: where clients connect, and whether every interface is bound. */
function startLine(nodeId: number, bootstrap: string, listenerHost: string, port: number, clusterId: string, dataDirs: readonly string[]): string {
  const everyInterface = listenerHost === '' || listenerHost === '0.0.0.0' || listenerHost === '::'
  const rest = `cluster ${clusterId}, data in ${dataDirs.join(',')}`
  return everyInterface
    ? `samsa: broker ${nodeId} listening on every interface, port ${port} (clients on this machine use ${bootstrap}; ${rest})\n`
    : `samsa: broker ${nodeId} listening on ${bootstrap} (${rest})\n`
}

export const startCommand: CommandSpec = {
  path: ['start'],
  summary: 'Run a broker',
  usage: '[server.properties] [--CONFIG VALUE ...] [--override NAME=VALUE ...]',
  description: [
    'Every Kafka broker config is an option by its name (--log.dirs ./data, --num.partitions 3).',
    'Precedence: defaults < properties file < environment (SAMSA_X, KAFKA_CFG_X, KAFKA_X with X the',
    'name upper-cased, dots as underscores) < flags. The default listener PLAINTEXT://:9092 binds',
    'every interface; --listeners PLAINTEXT://127.0.0.1:9092 keeps the broker to this machine.',
    'Logs go to stderr: readable lines on a terminal, JSON lines otherwise (--log-format).',
    'Ctrl-C (SIGINT) or SIGTERM closes the listeners and flushes the logs before exiting.',
    'The web console is served on console.listener (default 127.0.0.1:8080); --console.enable false turns it off.',
  ].join('\n'),
  raw: true,
  options: {
    'CONFIG VALUE': { type: 'string', description: 'Any broker config by its Kafka name, e.g. --num.partitions 3' },
    override: { type: 'string', value: 'NAME=VALUE', multiple: true, description: "A broker config, as Kafka's kafka-server-start.sh --override" },
    ...LOG_OPTIONS,
  },
  examples: [
    'samsa start --log.dirs ./data',
    'samsa start --log.dirs ./data --log-level info',
    'samsa start --console.listener 0.0.0.0:8080',
    'samsa start server.properties --listeners PLAINTEXT://0.0.0.0:9092',
    'SAMSA_NUM_PARTITIONS=3 samsa start --log.dirs ./data',
  ],
  async run(ctx) {
    const { level, format, rest } = takeLogOptions(ctx.positionals)
    const [{ loadBrokerConfig }, { createLogger }, { runBroker }, { startBrokerConsole }] = await Promise.all([
      import('../config/load-broker-config.js'),
      import('../logger.js'),
      import('../kafka-server.js'),
      import('../console/cli.js'),
    ])
    const log = createLogger({
      env: process.env,
      ...(level !== undefined ? { level: level as never } : {}),
      ...(format !== undefined ? { format: format as never } : {}),
    })
    // The web console is on by default here (not for embedded brokers); --console.enable false turns it off.
    const config = loadBrokerConfig({ args: rest, env: process.env, defaults: { 'console.enable': true } })
    const running = await runBroker(config, log)
    const listener = config.values.listeners[0]!
    process.stderr.write(
      startLine(running.broker.metadata.nodeId, running.bootstrap, listener.host, running.port, running.broker.metadata.clusterId, config.values.logDirs),
    )
    // The console connects through a PLAINTEXT listener when there is one (console.command.config otherwise).
    const consoleBootstrap = running.listeners.find((l) => l.securityProtocol === 'PLAINTEXT')?.bootstrap ?? running.bootstrap
    const saslListener = running.listeners.find((l) => l.securityProtocol.startsWith('SASL_'))
    const webConsole = await startBrokerConsole(config, consoleBootstrap, log, saslListener?.bootstrap)
    if (webConsole !== undefined) process.stderr.write(`samsa: web console on ${webConsole.url}\n`)
    await new Promise<void>((resolve, reject) => {
      let stopping = false
      const stop = (signal: string): void => {
        if (stopping) {
          process.stderr.write('samsa: forced exit\n')
          process.exit(130)
        }
        stopping = true
        process.stderr.write(`samsa: ${signal}, shutting down\n`)
        log.info({ signal }, 'shutting down')
        Promise.resolve(webConsole?.close())
          .then(() => running.close())
          .then(resolve, reject)
      }
      process.on('SIGINT', () => stop('SIGINT'))
      process.on('SIGTERM', () => stop('SIGTERM'))
    })
    return 0
  },
}
