/**
 * The security stores of a ZooKeeper cluster, in Kafka's znodes, so every broker (and Kafka's own
 * tools) sees the same users, quotas and ACLs:
 * - users' SCRAM credentials and user/client quotas in /config/users/<user>,
 *   /config/users/<user>/clients/<client>, /config/clients/<client>, each change announced by a
 *   /config/changes/config_change_<n> (followed by ZkCoordination's ConfigChangeListener);
 * - ACLs in /kafka-acl/<Type>/<name> (literal) and /kafka-acl-extended/prefixed/<Type>/<name>,
 *   each change announced under /kafka-acl-changes or /kafka-acl-extended-changes, which every
 *   broker watches.
 */
import type { Logger } from '../logger.js'
import type { ZooKeeperClient } from '../zookeeper/client.js'
import { isZooKeeperError } from '../zookeeper/errors.js'
import { watchChildren, type WatchHandle } from '../zookeeper/recipes.js'
import { AclChangeZNode, ResourceAclZNode, ZkPaths, type AclEntry } from '../metadata/zk/znodes.js'
import { AclOperation, PatternType, PermissionType, ResourceType, type AccessControlEntry, type ResourcePattern } from '../security/acl.js'
import type { AclStore, EntityConfigStore } from '../security/stores.js'
import { readEntityConfig, writeEntityConfig } from './config-changes.js'

async function children(zk: ZooKeeperClient, path: string): Promise<string[]> {
  try {
    return (await zk.getChildren(path)).children
  } catch (err) {
    if (isZooKeeperError(err, 'NONODE')) return []
    throw err
  }
}

/** /config/users and /config/clients as entity paths (`users/alice`, `users/alice/clients/c1`). */
export class ZkEntityConfigStore implements EntityConfigStore {
  readonly #zk: ZooKeeperClient
  readonly #listeners = new Set<(paths: string[]) => void>()

  constructor(zk: ZooKeeperClient) {
    this.#zk = zk
  }

  async load(): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>()
    const add = async (type: 'users' | 'clients', name: string): Promise<void> => {
      const configs = await readEntityConfig(this.#zk, type, name)
      if (configs !== null && Object.keys(configs).length > 0) out.set(`${type}/${name}`, configs)
    }
    for (const user of await children(this.#zk, ZkPaths.configEntityType('users'))) {
      await add('users', user)
      for (const client of await children(this.#zk, `${ZkPaths.configEntityType('users')}/${user}/clients`)) await add('users', `${user}/clients/${client}`)
    }
    for (const client of await children(this.#zk, ZkPaths.configEntityType('clients'))) await add('clients', client)
    return out
  }

  async write(changes: ReadonlyMap<string, Record<string, string>>): Promise<void> {
    for (const [path, configs] of changes) {
      const slash = path.indexOf('/')
      const type = path.slice(0, slash) as 'users' | 'clients'
      const name = path.slice(slash + 1)
      if (name.includes('/')) {
        // A user's client entity: its parent must exist, as kafka-configs.sh makes it.
        const parent = ZkPaths.configEntity('users', name.slice(0, name.indexOf('/')))
        await this.#zk.createWithParents(`${parent}/clients`, undefined, { ignoreExisting: true })
      }
      // An empty entity stays as {} (Kafka keeps the znode), which reads as no configs.
      await writeEntityConfig(this.#zk, type, name, configs)
    }
  }

  onChange(fn: (paths: string[]) => void): void {
    this.#listeners.add(fn)
  }

  /** Called by the config change listener for `users` and `clients` notifications. */
  changed(type: 'users' | 'clients', name: string): void {
    for (const fn of this.#listeners) fn([`${type}/${name}`])
  }
}

const RESOURCE_NAMES: Partial<Record<number, string>> = {
  [ResourceType.TOPIC]: 'Topic',
  [ResourceType.GROUP]: 'Group',
  [ResourceType.CLUSTER]: 'Cluster',
  [ResourceType.TRANSACTIONAL_ID]: 'TransactionalId',
  [ResourceType.DELEGATION_TOKEN]: 'DelegationToken',
  [ResourceType.USER]: 'User',
}
const OPERATION_NAMES: Partial<Record<number, string>> = {
  [AclOperation.ALL]: 'All',
  [AclOperation.READ]: 'Read',
  [AclOperation.WRITE]: 'Write',
  [AclOperation.CREATE]: 'Create',
  [AclOperation.DELETE]: 'Delete',
  [AclOperation.ALTER]: 'Alter',
  [AclOperation.DESCRIBE]: 'Describe',
  [AclOperation.CLUSTER_ACTION]: 'ClusterAction',
  [AclOperation.DESCRIBE_CONFIGS]: 'DescribeConfigs',
  [AclOperation.ALTER_CONFIGS]: 'AlterConfigs',
  [AclOperation.IDEMPOTENT_WRITE]: 'IdempotentWrite',
  [AclOperation.CREATE_TOKENS]: 'CreateTokens',
  [AclOperation.DESCRIBE_TOKENS]: 'DescribeTokens',
}
const invert = (m: Partial<Record<number, string>>): Map<string, number> => new Map(Object.entries(m).map(([k, v]) => [v!.toLowerCase(), Number(k)]))
const RESOURCE_CODES = invert(RESOURCE_NAMES)
const OPERATION_CODES = invert(OPERATION_NAMES)

function toZk(e: AccessControlEntry): AclEntry {
  return {
    principal: e.principal,
    permissionType: e.permissionType === PermissionType.DENY ? 'Deny' : 'Allow',
    operation: OPERATION_NAMES[e.operation] ?? 'Unknown',
    host: e.host,
  }
}

function fromZk(a: AclEntry): AccessControlEntry | undefined {
  const operation = OPERATION_CODES.get(a.operation.toLowerCase())
  if (operation === undefined) return undefined
  return {
    principal: a.principal,
    host: a.host,
    operation: operation as AclOperation,
    permissionType: a.permissionType.toLowerCase() === 'deny' ? PermissionType.DENY : PermissionType.ALLOW,
  }
}

/** Kafka's ACL znodes; every broker reloads them when a change is announced. */
export class ZkAclStore implements AclStore {
  readonly #zk: ZooKeeperClient
  readonly #log: Logger
  readonly #watches: WatchHandle[] = []

  constructor(zk: ZooKeeperClient, log: Logger) {
    this.#zk = zk
    this.#log = log
  }

  #path(p: ResourcePattern): string {
    const type = RESOURCE_NAMES[p.resourceType] ?? 'Unknown'
    return p.patternType === PatternType.PREFIXED ? ZkPaths.extendedAcl('prefixed', type, p.name) : ZkPaths.acl(type, p.name)
  }

  async load(): Promise<Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>> {
    const out: Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }> = []
    for (const [root, patternType] of [
      ['/kafka-acl', PatternType.LITERAL],
      ['/kafka-acl-extended/prefixed', PatternType.PREFIXED],
    ] as const) {
      for (const type of await children(this.#zk, root)) {
        const resourceType = RESOURCE_CODES.get(type.toLowerCase())
        if (resourceType === undefined) continue
        for (const name of await children(this.#zk, `${root}/${type}`)) {
          const path = `${root}/${type}/${name}`
          try {
            const entries = ResourceAclZNode.decode(path, (await this.#zk.getData(path)).data)
              .map(fromZk)
              .filter((e): e is AccessControlEntry => e !== undefined)
            if (entries.length > 0) out.push({ pattern: { resourceType: resourceType as ResourceType, name, patternType }, entries })
          } catch (err) {
            if (!isZooKeeperError(err, 'NONODE')) this.#log.warn({ err, path }, 'cannot read ACLs')
          }
        }
      }
    }
    return out
  }

  async write(changes: Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>): Promise<void> {
    for (const c of changes) {
      const path = this.#path(c.pattern)
      const type = RESOURCE_NAMES[c.pattern.resourceType] ?? 'Unknown'
      if (c.entries.length === 0) {
        await this.#zk.delete(path).catch((err: unknown) => {
          if (!isZooKeeperError(err, 'NONODE')) throw err
        })
      } else {
        const data = ResourceAclZNode.encode(c.entries.map(toZk))
        if ((await this.#zk.exists(path)) === null) await this.#zk.createWithParents(path, data)
        else await this.#zk.setData(path, data)
      }
      const literal = c.pattern.patternType !== PatternType.PREFIXED
      const prefix = literal ? ZkPaths.aclChangePrefix : ZkPaths.extendedAclChangePrefix
      await this.#zk.createWithParents(prefix.slice(0, prefix.lastIndexOf('/')), undefined, { ignoreExisting: true })
      await this.#zk.create(
        prefix,
        literal ? AclChangeZNode.encodeLiteral(type, c.pattern.name) : AclChangeZNode.encodeExtended(type, c.pattern.name, 'Prefixed'),
        { mode: 'persistent_sequential' },
      )
    }
  }

  onChange(fn: (patterns: ResourcePattern[]) => void): void {
    for (const root of ['/kafka-acl-changes', '/kafka-acl-extended-changes']) {
      let first = true
      this.#watches.push(
        watchChildren(
          this.#zk,
          root,
          () => {
            // The first call reports what is there already; later ones a change.
            if (first) first = false
            else fn([])
          },
          { logger: this.#log },
        ),
      )
    }
  }

  close(): void {
    for (const w of this.#watches) w.close()
  }
}
