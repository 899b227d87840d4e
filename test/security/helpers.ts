/** Shared pieces of the security tests: brokers with secured listeners, SCRAM users, a captured log. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { randomBytes } from 'node:crypto'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'
import { createLogger } from '../../src/logger.js'
import { Connection, type ConnectionOptions } from '../../src/client/index.js'
import { saltedPassword, scramMechanism } from '../../src/security/scram.js'
import { splitHostPort } from '../support/raw-client.js'

export const PLAIN_JAAS =
  'org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret" user_alice="alice-secret" user_bob="bob-secret";'

/**
 * Every password, token and key the security tests hand to a broker or a client: a broker of
 * startSecureBroker logs at debug level, and closing it fails when any line holds one of them.
 */
const SECRETS = new Set<string>(['admin-secret', 'alice-secret', 'bob-secret', 'PRIVATE KEY'])

/** Registers a secret the broker must never log, and returns it. */
export function secret<T extends string>(s: T): T {
  if (s.length >= 4) SECRETS.add(s)
  return s
}

/** The secrets the lines hold, if any (a JWT is also looked for by its payload and signature). */
export function leakedSecrets(logs: string): string[] {
  const found: string[] = []
  for (const s of SECRETS) {
    const parts = s.split('.')
    const pieces = parts.length === 3 ? [s, parts[1]!, parts[2]!].filter((p) => p.length >= 8) : [s]
    if (pieces.some((p) => logs.includes(p))) found.push(s.length > 12 ? `${s.slice(0, 12)}...` : s)
  }
  return found
}

export interface SecureBroker {
  broker: EmbeddedBroker
  /** bootstrap of a listener by name */
  at(listener: string): string
  /** everything the broker logged, one JSON line each */
  logs(): string
  close(): Promise<void>
}

/** A broker with the given listeners (`NAME://127.0.0.1:0,...`) and settings, logging at debug into memory. */
export async function startSecureBroker(listeners: string, config: Record<string, string>): Promise<SecureBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-sec-'))
  const lines: string[] = []
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk))
      cb()
    },
  })
  const logger = createLogger({ level: 'debug', destination: sink })
  const broker = await startBroker({ dataDir, logger, config: { listeners, 'connection.failed.authentication.delay.ms': '20', ...config } })
  return {
    broker,
    at(listener) {
      const l = broker.running.listeners.find((x) => x.name === listener)
      if (l === undefined) throw new Error(`no listener ${listener}`)
      return `127.0.0.1:${l.port}`
    },
    logs: () => lines.join(''),
    async close() {
      await broker.close()
      rmSync(dataDir, { recursive: true, force: true })
      const leaked = leakedSecrets(lines.join(''))
      if (leaked.length > 0) throw new Error(`the broker logged secrets: ${leaked.join(', ')}`)
    },
  }
}

export function connect(bootstrap: string, opts: Partial<ConnectionOptions> = {}): Promise<Connection> {
  const [host, port] = splitHostPort(bootstrap)
  return Connection.connect({ host, port, connectTimeoutMs: 5000, requestTimeoutMs: 10_000, ...opts })
}

/** Creates or replaces SCRAM credentials with AlterUserScramCredentials, as kafka-configs.sh does. */
export async function upsertScram(
  conn: Connection,
  user: string,
  password: string,
  mechanisms: Array<'SCRAM-SHA-256' | 'SCRAM-SHA-512'> = ['SCRAM-SHA-256', 'SCRAM-SHA-512'],
  iterations = 4096,
): Promise<void> {
  secret(password)
  const res = await conn.request('AlterUserScramCredentials', {
    deletions: [],
    upsertions: mechanisms.map((name) => {
      const m = scramMechanism(name)!
      const salt = randomBytes(16)
      return { name: user, mechanism: m.type, iterations, salt, saltedPassword: saltedPassword(m, password, salt, iterations) }
    }),
  })
  for (const r of res.results) if (r.errorCode !== 0) throw new Error(`AlterUserScramCredentials ${r.user}: ${r.errorCode} ${r.errorMessage}`)
}
