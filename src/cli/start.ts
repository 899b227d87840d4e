/** `samsa start`: run a broker in the foreground until SIGINT or SIGTERM. */
import { loadBrokerConfig } from '../config/load-broker-config.js'
import { createLogger } from '../logger.js'
import { runBroker } from '../kafka-server.js'
import { startBrokerConsole } from '../console/cli.js'
import type { CommandSpec } from './command.js'

export const startCommand: CommandSpec = {
  path: ['start'],
  summary: 'Run a broker',
  usage: '[server.properties] [--CONFIG VALUE ...] [--override NAME=VALUE ...]',
  description: [
    'Every Kafka broker config is an option by its name (--log.dirs ./data, --num.partitions 3).',
    'Precedence: defaults < properties file < environment (SAMSA_X, KAFKA_CFG_X, KAFKA_X with X the',
    'name upper-cased, dots as underscores) < flags. Logs go to stderr; SAMSA_LOG_LEVEL sets the level.',
    'Ctrl-C (SIGINT) or SIGTERM closes the listeners and flushes the logs before exiting.',
    'The web console is served on console.listener (default 127.0.0.1:8080); --console.enable false turns it off.',
  ].join('\n'),
  raw: true,
  options: {},
  examples: [
    'samsa start --log.dirs ./data',
    'samsa start --console.listener 0.0.0.0:8080',
    'samsa start server.properties --listeners PLAINTEXT://0.0.0.0:9092',
    'SAMSA_NUM_PARTITIONS=3 samsa start --log.dirs /var/lib/samsa',
  ],
  async run(ctx) {
    const log = createLogger({ env: process.env })
    // The web console is on by default here (not for embedded brokers); --console.enable false turns it off.
    const config = loadBrokerConfig({ args: ctx.positionals, env: process.env, defaults: { 'console.enable': true } })
    const running = await runBroker(config, log)
    process.stderr.write(`samsa: broker ${running.broker.metadata.nodeId} listening on ${running.bootstrap} (cluster ${running.broker.metadata.clusterId}, data in ${config.values.logDirs.join(',')})\n`)
    const webConsole = await startBrokerConsole(config, running.bootstrap, log)
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
        Promise.resolve(webConsole?.close()).then(() => running.close()).then(resolve, reject)
      }
      process.on('SIGINT', () => stop('SIGINT'))
      process.on('SIGTERM', () => stop('SIGTERM'))
    })
    return 0
  },
}
