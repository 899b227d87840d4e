/**
 * Samsa's programmatic API.
 *
 * ```ts
 * import { startBroker } from 'samsa'
 * const broker = await startBroker({ port: 0 })   // a random free port
 * // ... point any Kafka client at broker.bootstrap ...
 * await broker.close()
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadBrokerConfig } from './config/load-broker-config.js'
import { createLogger, type Logger } from './logger.js'
import { runBroker, type RunningBroker } from './kafka-server.js'

export interface StartBrokerOptions {
  /** Port for the PLAINTEXT listener on localhost; 0 (the default) picks a free one. */
  port?: number
  /** Host to bind; default `127.0.0.1`. */
  host?: string
  /**
   * Data directory (Kafka's `log.dirs`). When omitted, a temporary directory is created and
   * removed again by `close()`.
   */
  dataDir?: string
  /** Any broker config by its Kafka name, e.g. `{ 'num.partitions': 3 }`. */
  config?: Record<string, string | number | boolean>
  /** A logger; default silent. */
  logger?: Logger
}

export interface EmbeddedBroker {
  /** `host:port` to give a client as its bootstrap servers. */
  readonly bootstrap: string
  readonly port: number
  readonly dataDir: string
  /** Stops the broker; removes the data directory if it was a temporary one. */
  close(): Promise<void>
  /** The running broker, for tests that look inside. */
  readonly running: RunningBroker
}

export async function startBroker(opts: StartBrokerOptions = {}): Promise<EmbeddedBroker> {
  const temporary = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'samsa-'))
  const host = opts.host ?? '127.0.0.1'
  const overrides: Record<string, string> = {
    listeners: `PLAINTEXT://${host}:${opts.port ?? 0}`,
    'log.dirs': dataDir,
  }
  for (const [k, v] of Object.entries(opts.config ?? {})) overrides[k] = String(v)
  const config = loadBrokerConfig({ overrides, env: {} })
  const log = opts.logger ?? createLogger({ level: 'silent' })
  const running = await runBroker(config, log)
  return {
    bootstrap: running.bootstrap,
    port: running.port,
    dataDir,
    running,
    async close() {
      await running.close()
      if (temporary) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type { RunningBroker } from './kafka-server.js'
export type { Logger } from './logger.js'
