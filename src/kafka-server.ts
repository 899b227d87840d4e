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
  /** `host:port` of the first listener as bound, ready for a client's bootstrap servers. */
  readonly bootstrap: string
  /** The port the first listener bound (its advertised port may differ). */
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
  // Bootstrap through the bound address: advertised hosts may only resolve for remote clients.
  const bound0 = bound[0]!
  const bootHost = bound0.host === '' || bound0.host === '0.0.0.0' || bound0.host === '::' ? 'localhost' : bound0.host
  log.info({ endpoints: broker.endpoints, clusterId: broker.clusterId, nodeId: broker.nodeId }, 'broker started')
  let closing: Promise<void> | undefined
  return {
    broker,
    config,
    bootstrap: `${bootHost.includes(':') ? `[${bootHost}]` : bootHost}:${bound0.boundPort}`,
    port: bound0.boundPort,
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
