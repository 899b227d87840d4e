/**
 * The console from the command line: `samsa console --bootstrap-server HOST:PORT` runs it
 * alone against any Kafka-compatible cluster, and `samsa start` serves it next to the broker
 * when `console.enable` is true (its default there), on `console.listener`.
 */
import { parseArgs } from 'node:util'
import type { BrokerConfig } from '../config/broker-config.js'
import { createLogger, type Logger } from '../logger.js'
import { DEFAULT_CONSOLE_HOST, DEFAULT_CONSOLE_PORT, startConsole, type RunningConsole } from './index.js'

export const CONSOLE_USAGE = `usage: samsa console --bootstrap-server HOST:PORT [--port 8080] [--host 127.0.0.1]

Serves the web console for any Kafka-compatible cluster.

  -b, --bootstrap-server HOST:PORT   the cluster (comma-separate several); default localhost:9092
  -p, --port PORT                    port of the console; default ${DEFAULT_CONSOLE_PORT} (0: any free port)
      --host HOST                    address to bind; default ${DEFAULT_CONSOLE_HOST} (this machine only)
  -h, --help                         this help
`

/** `host:port`, `[v6]:port` or `http://host:port` into its parts. */
export function parseListener(s: string): { host: string; port: number } {
  const m = /^(?:https?:\/\/)?(\[[^\]]+\]|[^:/\s]*):(\d{1,5})\/?$/.exec(s.trim())
  const port = Number(m?.[2])
  if (m === null || !(port >= 0 && port < 65536)) throw new Error(`console.listener must be host:port, not "${s}"`)
  const host = m[1]!.replace(/^\[|\]$/g, '')
  return { host: host === '' ? '0.0.0.0' : host, port }
}

export async function runConsoleCommand(args: string[], out: NodeJS.WritableStream = process.stderr): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'bootstrap-server': { type: 'string', short: 'b' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    out.write(`samsa console: ${(err as Error).message}\n\n${CONSOLE_USAGE}`)
    return 2
  }
  if (values.help === true) {
    out.write(CONSOLE_USAGE)
    return 0
  }
  const port = values.port === undefined ? DEFAULT_CONSOLE_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    out.write(`samsa console: --port must be a port number, not "${values.port}"\n`)
    return 2
  }
  const bootstrap = values['bootstrap-server'] ?? 'localhost:9092'
  const log = createLogger({ env: process.env })
  const running = await startConsole({ bootstrap, port, host: values.host ?? DEFAULT_CONSOLE_HOST, logger: log })
  out.write(`samsa console: ${running.url} (cluster at ${bootstrap}); Ctrl-C stops it\n`)
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void running.close().then(resolve, resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  return 0
}

/**
 * The console of `samsa start`, if `console.enable`; it talks to the broker through
 * `bootstrap` like any client. A console that cannot bind (the port is taken) is reported and
 * skipped: the broker runs on without it.
 */
export async function startBrokerConsole(config: BrokerConfig, bootstrap: string, log: Logger): Promise<RunningConsole | undefined> {
  if (config.get('console.enable') !== true) return undefined
  const listener = String(config.get('console.listener'))
  const { host, port } = parseListener(listener)
  try {
    return await startConsole({ bootstrap, host, port, logger: log })
  } catch (err) {
    log.debug({ err }, 'console not started')
    process.stderr.write(`samsa: web console not started on ${listener}: ${(err as Error).message} (set console.listener, or console.enable=false)\n`)
    return undefined
  }
}
