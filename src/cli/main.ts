/**
 * The `samsa` command line. For now: `samsa start [server.properties] [--name value ...]` and
 * `samsa console --bootstrap-server HOST:PORT`.
 */
import { loadBrokerConfig } from '../config/broker-config.js'
import { createLogger } from '../logger.js'
import { runBroker } from '../broker/start.js'
import { runConsoleCommand, startBrokerConsole } from '../console/cli.js'

async function start(args: string[]): Promise<void> {
  const log = createLogger({ env: process.env })
  // The web console is on by default here (not for embedded brokers); console.enable=false turns it off.
  const config = loadBrokerConfig({ args, env: process.env, defaults: { 'console.enable': true } })
  const running = await runBroker(config, log)
  process.stderr.write(`samsa: broker ${running.broker.nodeId} listening on ${running.bootstrap} (cluster ${running.broker.clusterId}, data in ${config.values.logDirs.join(',')})\n`)
  const webConsole = await startBrokerConsole(config, running.bootstrap, log)
  if (webConsole !== undefined) process.stderr.write(`samsa: web console on ${webConsole.url}\n`)
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    Promise.resolve(webConsole?.close()).then(() => running.close()).then(() => process.exit(0), (err: unknown) => {
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
} else if (command === 'console') {
  runConsoleCommand(rest).then((code) => process.exit(code), (err: Error) => {
    process.stderr.write(`samsa console: ${err.message}\n`)
    process.exit(1)
  })
} else {
  process.stderr.write('usage: samsa start [server.properties] [--name value ...]\n       samsa console --bootstrap-server HOST:PORT [--port 8080] [--host 127.0.0.1]\n')
  process.exit(2)
}
