/**
 * A broker for one test file: started in-process on port 0 with its own data directory, and
 * restartable on the same directory and port (what a client would see after a broker restart).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'

export interface TestBroker {
  readonly bootstrap: string
  readonly port: number
  readonly dataDir: string
  /** Closes the broker and starts it again on the same data directory and port. */
  restart(): Promise<void>
  /** Closes the broker and removes its data directory. */
  close(): Promise<void>
}

export async function startTestBroker(config: Record<string, string | number | boolean> = {}): Promise<TestBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samsa-test-'))
  let broker: EmbeddedBroker = await startBroker({ port: 0, dataDir, config })
  const port = broker.port
  return {
    get bootstrap() {
      return broker.bootstrap
    },
    port,
    dataDir,
    async restart() {
      await broker.close()
      broker = await startBroker({ port, dataDir, config })
    },
    async close() {
      await broker.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
