/**
 * Starting and stopping a broker: config, storage, listeners. Shared by the `samsa start`
 * command and the embedded `startBroker()` API.
 */
import { loadBrokerConfig, type BrokerConfig, type LoadBrokerConfigOptions } from '../config/broker-config.js'
import { createLogger, type Logger } from '../logger.js'
import { SocketServer } from '../server/listener.js'
import { Broker } from './broker.js'
import { createRegistry } from './handlers/index.js'

export interface RunningBroker {
  readonly broker: Broker
  readonly config: BrokerConfig
  /** `host:port` of the first listener, ready for a client's bootstrap servers. */
  readonly bootstrap: string
  readonly port: number
  close(): Promise<void>
}

export async function runBroker(config: BrokerConfig, log: Logger): Promise<RunningBroker> {
  const broker = await Broker.open(config, log)
  const server = new SocketServer(broker, createRegistry(), log.child({ component: 'server' }), config.values.socketRequestMaxBytes)
  let bound
  try {
    bound = await server.listen(config.values.listeners)
  } catch (err) {
    await broker.close()
    throw err
  }
  // Port 0 binds a random port; advertise the bound one unless an explicit port was configured.
  broker.endpoints = bound.map((l) => {
    const adv = config.values.advertisedListeners.find((a) => a.name === l.name)
    const host = adv?.host || l.host || 'localhost'
    const port = adv !== undefined && adv.port !== 0 ? adv.port : l.boundPort
    return { listenerName: l.name, host: host === '0.0.0.0' || host === '::' ? 'localhost' : host, port }
  })
  const first = broker.endpoints[0]!
  log.info({ endpoints: broker.endpoints, clusterId: broker.clusterId, nodeId: broker.nodeId }, 'broker started')
  let closing: Promise<void> | undefined
  return {
    broker,
    config,
    bootstrap: `${first.host}:${first.port}`,
    port: first.port,
    close() {
      closing ??= (async () => {
        await server.close()
        await broker.close()
        log.info('broker stopped')
      })()
      return closing
    },
  }
}

export type { LoadBrokerConfigOptions, Logger }
export { loadBrokerConfig, createLogger }
