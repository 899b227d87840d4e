/** `samsa console`: the web console alone, for any Kafka-compatible cluster (see src/console). */
import { intOption, LOG_OPTIONS, type CommandSpec } from './command.js'

// The console's defaults (src/console/index.ts), repeated so help does not load the console.
const DEFAULT_CONSOLE_HOST = '127.0.0.1'
const DEFAULT_CONSOLE_PORT = 8080

export const consoleCommand: CommandSpec = {
  path: ['console'],
  summary: 'Serve the web console for a cluster',
  usage: '[--port PORT] [--host HOST]',
  description: [
    'A Kafka-UI in the browser: brokers, topics, messages (browse, search, live tail, produce),',
    'consumer groups with lag and offset resets. It talks to the cluster only through the Kafka',
    'protocol, so any Kafka-compatible cluster works. `samsa start` serves it too (console.enable).',
  ].join('\n'),
  connects: true,
  options: {
    port: { type: 'string', short: 'p', value: 'PORT', description: 'Port of the console; 0 picks a free one', default: String(DEFAULT_CONSOLE_PORT) },
    host: {
      type: 'string',
      value: 'HOST',
      description: 'Address to bind; any but loopback needs --users-file or --login-mechanism',
      default: DEFAULT_CONSOLE_HOST,
    },
    'users-file': { type: 'string', value: 'FILE', description: 'Who may sign in: a properties file of user=password lines' },
    'login-mechanism': {
      type: 'string',
      value: 'MECHANISM',
      description: 'Sign in with credentials the cluster accepts over SASL',
      choices: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
    },
    ...LOG_OPTIONS,
  },
  examples: ['samsa console --bootstrap-server localhost:9092', 'samsa console -b kafka-1:9092,kafka-2:9092 --port 9000'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const port = intOption(ctx.values, 'port', { min: 0, max: 65535 }) ?? DEFAULT_CONSOLE_PORT
    const host = typeof ctx.values.host === 'string' ? ctx.values.host : DEFAULT_CONSOLE_HOST
    const [{ startConsole }, { createLogger }] = await Promise.all([import('../console/index.js'), import('../logger.js')])
    const level = ctx.values['log-level'] as string | undefined
    const format = ctx.values['log-format'] as string | undefined
    const logger = createLogger({
      env: process.env,
      ...(level !== undefined ? { level: level as never } : {}),
      ...(format !== undefined ? { format: format as never } : {}),
    })
    const usersFile = typeof ctx.values['users-file'] === 'string' ? ctx.values['users-file'] : undefined
    const mechanism = ctx.values['login-mechanism'] as 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | undefined
    const { tls, sasl } = ctx.clusterOptions()
    const running = await startConsole({
      bootstrap: ctx.bootstrap,
      port,
      host,
      logger,
      security: { tls, sasl },
      login: { usersFile, saslMechanism: mechanism },
    })
    process.stderr.write(`samsa console: ${running.url} (cluster at ${ctx.bootstrap}); Ctrl-C stops it\n`)
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        running.close().then(resolve, resolve)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    return 0
  },
}
