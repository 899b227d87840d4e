/**
 * Samsa's web console: a Kafka-UI-like browser front end served by a small HTTP server that
 * talks to the cluster only through Samsa's Kafka client, so it works against any
 * Kafka-compatible cluster, and, running inside a broker process, behaves like any other client
 * over loopback.
 *
 * ```ts
 * const console = await startConsole({ bootstrap: 'localhost:9092', port: 8080 })
 * console.url  // http://127.0.0.1:8080/
 * await console.close()
 * ```
 */
import type { Server, AddressInfo } from 'node:net'
import { createLogger, type Logger } from '../logger.js'
import { createApiRouter } from './server/api.js'
import { ConsoleContext } from './server/context.js'
import { createConsoleServer } from './server/http-server.js'
import { RateSampler } from './server/sampler.js'
import { StaticFiles } from './server/static-files.js'
import { ConsoleAuth, type ConsoleLogin } from './server/auth.js'
import { isLoopback } from './server/http-server.js'
import type { ClusterOptions } from '../client/index.js'

export interface ConsoleOptions {
  /** Bootstrap servers of the cluster, `host:port[,host:port]`. */
  bootstrap: string
  /** Address to bind; default 127.0.0.1 (only this machine). */
  host?: string
  /** Port; default 8080, 0 picks a free one. */
  port?: number
  logger?: Logger
  /** How often rates are sampled while the console is open; default 2000 ms. */
  sampleIntervalMs?: number
  /** Directory of the built UI; default the one `npm run build` writes. */
  publicDir?: string
  /** TLS and SASL of the console's connections to the cluster. */
  security?: Pick<ClusterOptions, 'tls' | 'sasl'>
  /** Who may sign in; required when `host` is not a loopback address. */
  login?: ConsoleLogin
  /** Where SASL logins are checked; default the bootstrap with the console's TLS. */
  loginTarget?: { bootstrap: string; tls?: ClusterOptions['tls'] }
}

export interface RunningConsole {
  /** e.g. `http://127.0.0.1:8080/` */
  readonly url: string
  readonly port: number
  readonly host: string
  close(): Promise<void>
}

export const DEFAULT_CONSOLE_HOST = '127.0.0.1'
export const DEFAULT_CONSOLE_PORT = 8080

export async function startConsole(opts: ConsoleOptions): Promise<RunningConsole> {
  const host = opts.host ?? DEFAULT_CONSOLE_HOST
  const log = opts.logger ?? createLogger({ level: 'silent' })
  const hasLogin = opts.login !== undefined && (opts.login.usersFile !== undefined || opts.login.saslMechanism !== undefined)
  if (!isLoopback(host) && !hasLogin) {
    throw new Error(
      `the console on ${host} would be open to the network: give it a login (console.users.file or console.sasl.mechanism; samsa console --users-file or --login-mechanism), or bind it to 127.0.0.1`,
    )
  }
  const auth = hasLogin
    ? new ConsoleAuth(opts.login!, opts.loginTarget ?? { bootstrap: opts.bootstrap, tls: opts.security?.tls }, log.child({ component: 'console' }))
    : undefined
  const ctx = new ConsoleContext({ bootstrap: opts.bootstrap, logger: log.child({ component: 'console' }), security: opts.security })
  const sampler = new RateSampler(ctx, { intervalMs: opts.sampleIntervalMs })
  const files = new StaticFiles(opts.publicDir)
  const server = createConsoleServer(ctx, createApiRouter(ctx, sampler), files, host, auth)
  server.keepAliveTimeout = 5_000
  try {
    await listen(server, host, opts.port ?? DEFAULT_CONSOLE_PORT)
  } catch (err) {
    await ctx.close()
    throw err
  }
  const port = (server.address() as AddressInfo).port
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' || host === '::' ? 'localhost' : host
  let closing: Promise<void> | undefined
  return {
    url: `http://${shown}:${port}/`,
    port,
    host,
    close() {
      closing ??= (async () => {
        await sampler.close()
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await ctx.close()
        await closed
      })()
      return closing
    },
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err)
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
}
