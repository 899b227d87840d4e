/**
 * Builds the broker's security parts from its config (used by the composition root): the stores
 * of users' and client ids' configs and of ACLs, the authorizer named by authorizer.class.name,
 * the quota manager, and each listener's TLS and SASL.
 */
import type { Logger } from '../logger.js'
import { AclAuthorizer, AUTHORIZER_CLASSES, type Authorizer } from './authorizer.js'
import { EntityConfigs } from './entity-configs.js'
import { listenerSecurity, ListenerSecurityError, type ConfigLookup, type ListenerSecurity } from './listener-security.js'
import { ClientQuotaManager } from './quotas.js'
import { FileAclStore, FileEntityConfigStore, type AclStore, type EntityConfigStore } from './stores.js'
import { SamsaError } from '../errors.js'

export interface SecurityParts {
  authorizer: Authorizer | null
  entityConfigs: EntityConfigs
  quotas: ClientQuotaManager
}

export class SecurityConfigError extends SamsaError {
  constructor(message: string) {
    super('SAMSA_SECURITY_CONFIG', message)
  }
}

export interface SecurityOptions {
  get: ConfigLookup
  /** the first log dir, where a single broker keeps its ACLs and user configs */
  dataDir: string
  log: Logger
  /** ZooKeeper-backed stores in a cluster; files in `dataDir` otherwise */
  stores?: { entities: EntityConfigStore; acls: AclStore }
}

export async function createSecurity(o: SecurityOptions): Promise<SecurityParts> {
  const get = o.get
  const log = o.log.child({ component: 'security' })
  const entityConfigs = await EntityConfigs.create(o.stores?.entities ?? new FileEntityConfigStore(o.dataDir), log)
  const authorizerClass = (get('authorizer.class.name') ?? '').trim()
  let authorizer: Authorizer | null = null
  if (authorizerClass !== '') {
    if (!(AUTHORIZER_CLASSES as readonly string[]).includes(authorizerClass)) {
      throw new SecurityConfigError(`authorizer.class.name ${authorizerClass} is not supported; use ${AUTHORIZER_CLASSES.join(' or ')}`)
    }
    authorizer = await AclAuthorizer.create({
      store: o.stores?.acls ?? new FileAclStore(o.dataDir),
      // Kafka splits super.users on ';' (a principal name may contain a comma).
      superUsers: (get('super.users') ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      allowEveryoneIfNoAclFound: (get('allow.everyone.if.no.acl.found') ?? 'false').trim().toLowerCase() === 'true',
      log: log.child({ logger: 'kafka.authorizer.logger' }),
    })
  }
  const quotas = new ClientQuotaManager(entityConfigs, {
    numSamples: Number(get('quota.window.num') ?? 11),
    windowMs: Number(get('quota.window.size.seconds') ?? 1) * 1000,
  })
  return { authorizer, entityConfigs, quotas }
}

/** Each listener's security; throws a ListenerSecurityError naming the first listener that cannot be set up. */
export function createListenerSecurity(
  listeners: ReadonlyArray<{ name: string; securityProtocol: string }>,
  get: ConfigLookup,
  parts: SecurityParts,
  log: Logger,
): Map<string, ListenerSecurity> {
  const out = new Map<string, ListenerSecurity>()
  for (const l of listeners) out.set(l.name, listenerSecurity(l, get, { entityConfigs: parts.entityConfigs, log: log.child({ component: 'security' }) }))
  return out
}

export { ListenerSecurityError, type ConfigLookup, type ListenerSecurity }
