/**
 * A broker's registration: the ephemeral znode /brokers/ids/<node.id>, owned by the broker's
 * ZooKeeper session. Its existence is how the controller and every other broker know this broker
 * is alive; its czxid is the broker epoch (KIP-380), which changes with every registration.
 *
 * As Kafka's KafkaZkClient.registerBroker (CheckedEphemeral): a create that finds the znode
 * already there succeeds only if our own session owns it (an earlier attempt whose reply was lost
 * with the connection); another session's znode means another live broker has this node.id, and
 * the registration is refused with BrokerIdInUseError. When the session expires the znode is
 * gone; the registrar registers again in the new session and reports the new broker epoch.
 */
import { EventEmitter } from 'node:events'
import { SamsaError } from '../../errors.js'
import type { Logger } from '../../logger.js'
import { hex, type ZooKeeperClient } from '../../zookeeper/client.js'
import { isZooKeeperError } from '../../zookeeper/errors.js'
import { retryOnConnectionLoss } from '../../zookeeper/recipes.js'
import type { Stat } from '../../zookeeper/protocol.js'
import { BrokerIdZNode, ZkPaths, type BrokerRegistrationInfo } from './znodes.js'

/** Another live broker is registered with this node.id. */
export class BrokerIdInUseError extends SamsaError {
  readonly brokerId: number

  constructor(brokerId: number, detail: string) {
    super(
      'SAMSA_BROKER_ID_IN_USE',
      `node.id ${brokerId} is already registered in ZooKeeper at ${ZkPaths.brokerId(brokerId)} by another broker (${detail}); ` +
        'stop that broker or give this one a different node.id',
    )
    this.brokerId = brokerId
  }
}

export type BrokerInfo = Omit<BrokerRegistrationInfo, 'version' | 'features' | 'jmxPort' | 'timestamp'> &
  Partial<Pick<BrokerRegistrationInfo, 'features' | 'jmxPort'>>

/**
 * Creates /brokers/ids/<id> for this session, or confirms we already own it. Returns the znode's
 * Stat (czxid: the broker epoch). Throws BrokerIdInUseError when another session owns it.
 */
export async function registerBroker(zk: ZooKeeperClient, info: BrokerInfo): Promise<Stat> {
  const path = ZkPaths.brokerId(info.id)
  await zk.createWithParents(ZkPaths.brokerIds, undefined, { ignoreExisting: true })
  return retryOnConnectionLoss(zk, async () => {
    for (;;) {
      try {
        return (await zk.createWithStat(path, BrokerIdZNode.encode({ ...info, timestamp: Date.now() }), { mode: 'ephemeral' })).stat
      } catch (err) {
        if (!isZooKeeperError(err, 'NODEEXISTS')) throw err
      }
      let existing
      try {
        existing = await zk.getData(path)
      } catch (err) {
        if (isZooKeeperError(err, 'NONODE')) continue // its session ended just now: try again
        throw err
      }
      if (existing.stat.ephemeralOwner === zk.sessionId) return existing.stat
      let who = `session ${hex(existing.stat.ephemeralOwner)}`
      try {
        const other = BrokerIdZNode.decode(info.id, existing.data)
        who += `, ${other.endpoints.map((e) => `${e.listener}://${e.host}:${e.port}`).join(',')}`
      } catch {
        // an unreadable registration still blocks the id
      }
      throw new BrokerIdInUseError(info.id, who)
    }
  })
}

export interface BrokerRegistrarEvents {
  /** registered (again): the broker epoch is the znode's czxid */
  registered: [info: { brokerEpoch: bigint }]
  /** a re-registration after a new session failed (the id was taken meanwhile, or ZooKeeper failed) */
  failed: [err: Error]
}

/** Keeps a broker registered across sessions. */
export class BrokerRegistrar extends EventEmitter<BrokerRegistrarEvents> {
  readonly #zk: ZooKeeperClient
  readonly #info: BrokerInfo
  readonly #logger: Logger | undefined
  #brokerEpoch = -1n
  #closed = false
  readonly #onSession = (): void => {
    void this.#reregister()
  }

  constructor(zk: ZooKeeperClient, info: BrokerInfo, options: { logger?: Logger } = {}) {
    super()
    this.#zk = zk
    this.#info = info
    this.#logger = options.logger
  }

  /** The current broker epoch (czxid of the registration), -1n before the first. */
  get brokerEpoch(): bigint {
    return this.#brokerEpoch
  }

  /** Registers now (throws BrokerIdInUseError on a duplicate), then again after every new session. */
  async register(): Promise<bigint> {
    const stat = await registerBroker(this.#zk, this.#info)
    this.#brokerEpoch = stat.czxid
    this.#zk.on('session', this.#onSession)
    this.#logger?.info({ brokerId: this.#info.id, brokerEpoch: String(stat.czxid) }, 'registered in ZooKeeper')
    return stat.czxid
  }

  async #reregister(): Promise<void> {
    if (this.#closed) return
    try {
      const stat = await registerBroker(this.#zk, this.#info)
      this.#brokerEpoch = stat.czxid
      this.#logger?.info({ brokerId: this.#info.id, brokerEpoch: String(stat.czxid) }, 're-registered in ZooKeeper after a new session')
      this.emit('registered', { brokerEpoch: stat.czxid })
    } catch (err) {
      this.#logger?.error({ err, brokerId: this.#info.id }, 're-registration in ZooKeeper failed')
      this.emit('failed', err as Error)
    }
  }

  /** Stops re-registering and deletes the registration if this session owns it. */
  async deregister(): Promise<void> {
    this.#closed = true
    this.#zk.off('session', this.#onSession)
    const path = ZkPaths.brokerId(this.#info.id)
    try {
      const stat = await this.#zk.exists(path)
      if (stat !== null && stat.ephemeralOwner === this.#zk.sessionId) await this.#zk.delete(path, stat.version)
    } catch (err) {
      // the session ends soon anyway, and the znode with it
      this.#logger?.debug({ err }, 'could not delete the broker registration')
    }
  }
}
