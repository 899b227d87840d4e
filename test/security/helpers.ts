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

export const PLAIN_JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret" user_alice="alice-secret" user_bob="bob-secret";'

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
  const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
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
    },
  }
}

export function connect(bootstrap: string, opts: Partial<ConnectionOptions> = {}): Promise<Connection> {
  const [host, port] = splitHostPort(bootstrap)
  return Connection.connect({ host, port, connectTimeoutMs: 5000, requestTimeoutMs: 10_000, ...opts })
}

/** Creates or replaces SCRAM credentials with AlterUserScramCredentials, as kafka-configs.sh does. */
export async function upsertScram(conn: Connection, user: string, password: string, mechanisms: Array<'SCRAM-SHA-256' | 'SCRAM-SHA-512'> = ['SCRAM-SHA-256', 'SCRAM-SHA-512'], iterations = 4096): Promise<void> {
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
