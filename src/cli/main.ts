/** The `samsa` command line. For now: `samsa start [server.properties] [--name value ...]`. */
import { loadBrokerConfig } from '../config/broker-config.js'
import { createLogger } from '../logger.js'
import { runBroker } from '../broker/start.js'

async function start(args: string[]): Promise<void> {
  const log = createLogger({ env: process.env })
  const config = loadBrokerConfig({ args, env: process.env })
  const running = await runBroker(config, log)
  process.stderr.write(`samsa: broker ${running.broker.nodeId} listening on ${running.bootstrap} (cluster ${running.broker.clusterId}, data in ${config.values.logDirs.join(',')})\n`)
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    running.close().then(() => process.exit(0), (err: unknown) => {
      log.error({ err }, 'shutdown failed')
      process.exit(1)
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

const [command, ...rest] = process.argv.slice(2)
if (command === 'start') {
  start(rest).catch((err: Error) => {
    process.stderr.write(`samsa: ${err.message}\n`)
    process.exit(1)
  })
} else {
  process.stderr.write('usage: samsa start [server.properties] [--name value ...]\n')
  process.exit(2)
}
