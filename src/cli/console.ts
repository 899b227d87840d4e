/** `samsa console`: the web console alone, for any Kafka-compatible cluster (see src/console). */
import { DEFAULT_CONSOLE_HOST, DEFAULT_CONSOLE_PORT, startConsole } from '../console/index.js'
import { createLogger } from '../logger.js'
import { intOption, type CommandSpec } from './command.js'

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
    host: { type: 'string', value: 'HOST', description: 'Address to bind; 0.0.0.0 opens it to the network (it has no login)', default: DEFAULT_CONSOLE_HOST },
  },
  examples: [
    'samsa console --bootstrap-server localhost:9092',
    'samsa console -b kafka-1:9092,kafka-2:9092 --port 9000',
  ],
  async run(ctx) {
    const port = intOption(ctx.values, 'port', { min: 0, max: 65535 }) ?? DEFAULT_CONSOLE_PORT
    const host = typeof ctx.values.host === 'string' ? ctx.values.host : DEFAULT_CONSOLE_HOST
    const running = await startConsole({ bootstrap: ctx.bootstrap, port, host, logger: createLogger({ env: process.env }) })
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
