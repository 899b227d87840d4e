/**
 * A broker in its own process, for crash tests: `node broker-child.js DATADIR PORT [CONFIG_JSON]`.
 * Prints one JSON line `{"port":N}` once it listens, then runs until killed.
 */
import { startBroker } from '../../src/index.js'

const [dataDir, port, config] = process.argv.slice(2)
if (dataDir === undefined) {
  console.error('usage: broker-child.js DATADIR [PORT] [CONFIG_JSON]')
  process.exit(2)
}
const broker = await startBroker({ dataDir, port: Number(port ?? 0), config: config === undefined ? {} : JSON.parse(config) })
process.stdout.write(JSON.stringify({ port: broker.port }) + '\n')
process.on('SIGTERM', () => {
  void broker.close().then(() => process.exit(0))
})
