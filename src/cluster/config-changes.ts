/**
 * Kafka's ZkNodeChangeNotificationListener for dynamic configs: whoever changes a config entity
 * (a topic's overrides, a broker's dynamic configs) writes it under /config/<type>/<name> and
 * adds a sequential /config/changes/config_change_<n> naming it; every broker follows those
 * notifications in order, re-reads the named entity and applies it. Notifications older than
 * 15 minutes are purged, as Kafka does.
 */
import type { Logger } from '../logger.js'
import type { ZooKeeperClient } from '../zookeeper/client.js'
import { isZooKeeperError } from '../zookeeper/errors.js'
import { watchChildren, type WatchHandle } from '../zookeeper/recipes.js'
import { ConfigChangeNotificationZNode, ConfigEntityZNode, ZkPaths, type ConfigEntityType } from '../metadata/zk/znodes.js'

const PREFIX = 'config_change_'
/** Kafka's ZkNodeChangeNotificationListener changeExpirationMs */
const EXPIRATION_MS = 15 * 60 * 1000

/** An entity's configs, null when its znode does not exist. */
export async function readEntityConfig(zk: ZooKeeperClient, type: ConfigEntityType, name: string): Promise<Record<string, string> | null> {
  const path = ZkPaths.configEntity(type, name)
  try {
    return ConfigEntityZNode.decode(path, (await zk.getData(path)).data)
  } catch (err) {
    if (isZooKeeperError(err, 'NONODE')) return null
    throw err
  }
}

export type EntityChanged = (type: ConfigEntityType, name: string) => Promise<void>

export class ConfigChangeListener {
  readonly #zk: ZooKeeperClient
  readonly #onChange: EntityChanged
  readonly #log: Logger
  #last = -1
  #watch: WatchHandle | undefined

  constructor(zk: ZooKeeperClient, onChange: EntityChanged, log: Logger) {
    this.#zk = zk
    this.#onChange = onChange
    this.#log = log
  }

  /** Follows notifications written from now on (the caller reads the current configs itself). */
  async start(): Promise<void> {
    const { children } = await this.#zk.getChildren(ZkPaths.configChanges)
    this.#last = Math.max(-1, ...children.map(seqOf))
    this.#watch = watchChildren(this.#zk, ZkPaths.configChanges, (names) => this.#process(names ?? []), { logger: this.#log })
  }

  async #process(names: string[]): Promise<void> {
    const now = Date.now()
    for (const name of names.filter((n) => seqOf(n) > this.#last).sort((a, b) => seqOf(a) - seqOf(b))) {
      const path = `${ZkPaths.configChanges}/${name}`
      try {
        const { data, stat } = await this.#zk.getData(path)
        const { entityType, entityName } = ConfigChangeNotificationZNode.decode(path, data)
        await this.#onChange(entityType, entityName)
        if (now - Number(stat.ctime) > EXPIRATION_MS) await this.#zk.delete(path).catch(() => {})
      } catch (err) {
        if (!isZooKeeperError(err, 'NONODE')) this.#log.warn({ err, notification: name }, 'cannot apply a config change notification')
      }
      this.#last = seqOf(name)
    }
  }

  close(): void {
    this.#watch?.close()
  }
}

function seqOf(name: string): number {
  return name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length)) : -1
}

/** Writes an entity's configs and the notification that makes every broker apply them, atomically. */
export async function writeEntityConfig(zk: ZooKeeperClient, type: ConfigEntityType, name: string, configs: Record<string, string>): Promise<void> {
  const path = ZkPaths.configEntity(type, name)
  const data = ConfigEntityZNode.encode(configs)
  const notification = {
    type: 'create' as const,
    path: `${ZkPaths.configChangePrefix}`,
    data: ConfigChangeNotificationZNode.encode(ConfigChangeNotificationZNode.entityPath(type, name)),
    mode: 'persistent_sequential' as const,
  }
  for (;;) {
    const stat = await zk.exists(path)
    try {
      if (stat === null) await zk.multi([{ type: 'create', path, data }, notification])
      else await zk.multi([{ type: 'setData', path, data, version: stat.version }, notification])
      return
    } catch (err) {
      // Someone else wrote it between our read and our write: read again.
      if (!isZooKeeperError(err, 'NODEEXISTS') && !isZooKeeperError(err, 'BADVERSION') && !isZooKeeperError(err, 'NONODE')) throw err
    }
  }
}
