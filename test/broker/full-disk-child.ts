/**
 * A broker for the full-disk test, run inside its own mount namespace on a small tmpfs:
 * `node full-disk-child.js DATADIR CONFIG_JSON`. Prints {"port":N} once it listens, then takes
 * commands on stdin, one per line, answering each with one JSON line:
 *   fill PATH        write PATH until the file system is full
 *   retention MS     run one retention check as if the clock were MS ahead
 *   restart          close the broker and start it again on the same directory and port
 */
import { openSync, closeSync, writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { startBroker, type EmbeddedBroker } from '../../src/index.js'

const [dataDir, configJson] = process.argv.slice(2)
const config = JSON.parse(configJson ?? '{}') as Record<string, string | number>
let broker: EmbeddedBroker = await startBroker({ dataDir: dataDir!, port: 0, config })
const port = broker.port
const say = (o: object) => process.stdout.write(JSON.stringify(o) + '\n')
say({ port })

function fill(path: string): number {
  const fd = openSync(path, 'w')
  let written = 0
  try {
    for (const size of [1 << 20, 64 << 10, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x66)
      for (;;) {
        try {
          written += writeSync(fd, chunk)
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
          break
        }
      }
    }
  } finally {
    closeSync(fd)
  }
  return written
}

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, arg] = line.trim().split(' ')
  try {
    if (cmd === 'fill') say({ filled: fill(arg!) })
    else if (cmd === 'retention') say({ deleted: await broker.running.logManager.runRetention(Date.now() + Number(arg)) })
    else if (cmd === 'restart') {
      await broker.close()
      broker = await startBroker({ dataDir: dataDir!, port, config })
      say({ port: broker.port })
    } else say({ error: `unknown command ${cmd}` })
  } catch (err) {
    say({ error: String(err) })
  }
}
