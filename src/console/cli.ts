/**
 * The console next to a broker: `samsa start` serves it when `console.enable` is true (its
 * default there) on `console.listener`. (`samsa console`, the console alone, is in src/cli.)
 */
import type { BrokerConfig } from '../config/broker-config.js'
import type { Logger } from '../logger.js'
import { startConsole, type RunningConsole } from './index.js'
import { readClientSecurity } from '../client/client-properties.js'

/** `host:port`, `[v6]:port` or `http://host:port` into its parts. */
export function parseListener(s: string): { host: string; port: number } {
  const m = /^(?:https?:\/\/)?(\[[^\]]+\]|[^:/\s]*):(\d{1,5})\/?$/.exec(s.trim())
  const port = Number(m?.[2])
  if (m === null || !(port >= 0 && port < 65536)) throw new Error(`console.listener must be host:port, not "${s}"`)
  const host = m[1]!.replace(/^\[|\]$/g, '')
  return { host: host === '' ? '0.0.0.0' : host, port }
}

/**
 * The console of `samsa start`, if `console.enable`; it talks to the broker through
 * `bootstrap` like any client (with console.command.config's TLS and SASL); reachable from the
 * network it needs a login (console.users.file, or console.sasl.mechanism checked on
 * `saslBootstrap`). A console that cannot bind (the port is taken) is reported and
 * skipped: the broker runs on without it.
 */
export async function startBrokerConsole(config: BrokerConfig, bootstrap: string, log: Logger, saslBootstrap?: string): Promise<RunningConsole | undefined> {
  if (!config.values.consoleEnable) return undefined
  const listener = config.values.consoleListener
  const { host, port } = parseListener(listener)
  try {
    const v = config.values
    const commandConfig = v.consoleCommandConfig
    const mechanism = v.consoleSaslMechanism
    const security = commandConfig === null ? undefined : readClientSecurity(commandConfig)
    return await startConsole({
      bootstrap,
      host,
      port,
      logger: log,
      security,
      login: { usersFile: v.consoleUsersFile ?? undefined, saslMechanism: mechanism === null ? undefined : mechanism },
      // SASL logins are checked on one of the broker's SASL listeners.
      ...(saslBootstrap === undefined ? {} : { loginTarget: { bootstrap: saslBootstrap, tls: security?.tls } }),
    })
  } catch (err) {
    log.debug({ err }, 'console not started')
    process.stderr.write(`samsa: web console not started on ${listener}: ${(err as Error).message} (set console.listener, or console.enable=false)\n`)
    return undefined
  }
}
