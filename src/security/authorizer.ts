/**
 * Kafka's ACL authorizer (kafka.security.authorizer.AclAuthorizer, and the same decisions as
 * org.apache.kafka.metadata.authorizer.StandardAuthorizer): super users may do anything; a DENY
 * entry for the principal (or User:*) from the host (or *) for the operation (or ALL) on any
 * matching pattern (literal name, literal `*`, or a prefix of the name) wins; with no ACL at all
 * on the resource, `allow.everyone.if.no.acl.found` decides; otherwise an ALLOW entry is needed,
 * where READ, WRITE, DELETE and ALTER imply DESCRIBE and ALTER_CONFIGS implies DESCRIBE_CONFIGS.
 * ACLs are kept in memory, indexed by resource type, and persisted through an AclStore.
 */
import type { Logger } from '../logger.js'
import {
  AclOperation,
  PatternType,
  PermissionType,
  ResourceType,
  WILDCARD,
  WILDCARD_PRINCIPAL,
  bindingKey,
  filterMatches,
  invalidBinding,
  operationName,
  resourceTypeName,
  type AccessControlEntry,
  type AclBinding,
  type AclBindingFilter,
  type ResourcePattern,
} from './acl.js'
import { principalToString, type KafkaPrincipal } from './principal.js'
import type { AclStore } from './stores.js'

export interface Session {
  readonly principal: KafkaPrincipal
  /** the client's address */
  readonly host: string
}

/** The decisions every API asks for; `null` as an authorizer means "no authorizer configured". */
export interface Authorizer {
  authorize(session: Session, operation: AclOperation, resourceType: ResourceType, name: string): boolean
  /** Whether the principal may perform the operation on some resource of the type (Authorizer.authorizeByResourceType). */
  authorizeByResourceType(session: Session, operation: AclOperation, resourceType: ResourceType): boolean
  createAcls(bindings: AclBinding[]): Promise<Array<string | undefined>>
  describeAcls(filter: AclBindingFilter): AclBinding[]
  deleteAcls(filters: AclBindingFilter[]): Promise<AclBinding[][]>
}

export interface AclAuthorizerOptions {
  store: AclStore
  /** `super.users`: principals (`User:admin`) allowed everything */
  superUsers: readonly string[]
  allowEveryoneIfNoAclFound: boolean
  log: Logger
}

/** What each operation implies when allowed (AclAuthorizer.matchingAclExists). */
const IMPLIED_BY: Partial<Record<number, readonly number[]>> = {
  [AclOperation.DESCRIBE]: [AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER],
  [AclOperation.DESCRIBE_CONFIGS]: [AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS],
}

interface TypeIndex {
  literal: Map<string, AccessControlEntry[]>
  prefixed: Map<string, AccessControlEntry[]>
}

export class AclAuthorizer implements Authorizer {
  readonly #store: AclStore
  readonly #superUsers: ReadonlySet<string>
  readonly #allowEveryone: boolean
  readonly #log: Logger
  readonly #byType = new Map<number, TypeIndex>()
  /** Changes run one at a time: each computes its entries from the state the previous one left. */
  #changes: Promise<unknown> = Promise.resolve()

  private constructor(opts: AclAuthorizerOptions) {
    this.#store = opts.store
    this.#superUsers = new Set(opts.superUsers)
    this.#allowEveryone = opts.allowEveryoneIfNoAclFound
    this.#log = opts.log
  }

  static async create(opts: AclAuthorizerOptions): Promise<AclAuthorizer> {
    const a = new AclAuthorizer(opts)
    for (const { pattern, entries } of await opts.store.load()) a.#set(pattern, entries)
    opts.store.onChange?.(() => {
      void opts.store.load().then(
        (all) => {
          a.#byType.clear()
          for (const { pattern, entries } of all) a.#set(pattern, entries)
        },
        (err: unknown) => a.#log.error({ err }, 'cannot reload ACLs'),
      )
    })
    return a
  }

  #index(type: number): TypeIndex {
    let idx = this.#byType.get(type)
    if (idx === undefined) this.#byType.set(type, (idx = { literal: new Map(), prefixed: new Map() }))
    return idx
  }

  #set(p: ResourcePattern, entries: AccessControlEntry[]): void {
    const idx = this.#index(p.resourceType)
    const map = p.patternType === PatternType.PREFIXED ? idx.prefixed : idx.literal
    if (entries.length === 0) map.delete(p.name)
    else map.set(p.name, entries)
  }

  /** The entries of every pattern that applies to the resource. */
  #matching(resourceType: number, name: string): AccessControlEntry[] {
    const idx = this.#byType.get(resourceType)
    if (idx === undefined) return []
    const out: AccessControlEntry[] = []
    const literal = idx.literal.get(name)
    if (literal !== undefined) out.push(...literal)
    if (name !== WILDCARD) {
      const wildcard = idx.literal.get(WILDCARD)
      if (wildcard !== undefined) out.push(...wildcard)
    }
    for (const [prefix, entries] of idx.prefixed) if (name.startsWith(prefix)) out.push(...entries)
    return out
  }

  authorize(session: Session, operation: AclOperation, resourceType: ResourceType, name: string): boolean {
    const principal = principalToString(session.principal)
    const allowed = this.#decide(principal, session.host, operation, resourceType, name)
    if (!allowed) {
      this.#log.debug({ principal, host: session.host, operation: operationName(operation), resource: `${resourceTypeName(resourceType)}:${name}` }, 'denied')
    }
    return allowed
  }

  #decide(principal: string, host: string, operation: number, resourceType: number, name: string): boolean {
    if (this.#superUsers.has(principal)) return true
    const entries = this.#matching(resourceType, name)
    const applies = (e: AccessControlEntry): boolean =>
      (e.principal === principal || e.principal === WILDCARD_PRINCIPAL) && (e.host === host || e.host === WILDCARD)
    if (entries.some((e) => e.permissionType === PermissionType.DENY && applies(e) && (e.operation === operation || e.operation === AclOperation.ALL)))
      return false
    if (entries.length === 0) return this.#allowEveryone
    const ops = IMPLIED_BY[operation] ?? [operation]
    return entries.some((e) => e.permissionType === PermissionType.ALLOW && applies(e) && (e.operation === AclOperation.ALL || ops.includes(e.operation)))
  }

  authorizeByResourceType(session: Session, operation: AclOperation, resourceType: ResourceType): boolean {
    const principal = principalToString(session.principal)
    if (this.#superUsers.has(principal)) return true
    const idx = this.#byType.get(resourceType)
    if (idx === undefined || (idx.literal.size === 0 && idx.prefixed.size === 0)) return this.#allowEveryone
    const applies = (e: AccessControlEntry, perm: number): boolean =>
      e.permissionType === perm &&
      (e.principal === principal || e.principal === WILDCARD_PRINCIPAL) &&
      (e.host === session.host || e.host === WILDCARD) &&
      (e.operation === operation || e.operation === AclOperation.ALL)
    const deniedLiteral = new Set<string>()
    const deniedPrefixes: string[] = []
    for (const [n, es] of idx.literal) if (es.some((e) => applies(e, PermissionType.DENY))) deniedLiteral.add(n)
    for (const [n, es] of idx.prefixed) if (es.some((e) => applies(e, PermissionType.DENY))) deniedPrefixes.push(n)
    if (deniedLiteral.has(WILDCARD)) return false
    const denied = (n: string): boolean => deniedLiteral.has(n) || deniedPrefixes.some((p) => n.startsWith(p))
    for (const [n, es] of idx.literal) if (!denied(n) && es.some((e) => applies(e, PermissionType.ALLOW))) return true
    for (const [n, es] of idx.prefixed) if (!denied(n) && es.some((e) => applies(e, PermissionType.ALLOW))) return true
    return false
  }

  #all(): AclBinding[] {
    const out: AclBinding[] = []
    for (const [resourceType, idx] of this.#byType) {
      for (const [patternType, map] of [
        [PatternType.LITERAL, idx.literal],
        [PatternType.PREFIXED, idx.prefixed],
      ] as const) {
        for (const [name, entries] of map) {
          for (const entry of entries) out.push({ pattern: { resourceType: resourceType as ResourceType, name, patternType }, entry })
        }
      }
    }
    return out
  }

  #entriesOf(p: ResourcePattern): AccessControlEntry[] {
    const idx = this.#byType.get(p.resourceType)
    const map = idx === undefined ? undefined : p.patternType === PatternType.PREFIXED ? idx.prefixed : idx.literal
    return map?.get(p.name) ?? []
  }

  /** Creates the valid bindings; the result holds, per binding, why it was refused or undefined. */
  createAcls(bindings: AclBinding[]): Promise<Array<string | undefined>> {
    return this.#serially(() => this.#create(bindings))
  }

  async #create(bindings: AclBinding[]): Promise<Array<string | undefined>> {
    const results = bindings.map(invalidBinding)
    const changed = new Map<string, { pattern: ResourcePattern; entries: AccessControlEntry[] }>()
    bindings.forEach((b, i) => {
      if (results[i] !== undefined) return
      const k = JSON.stringify([b.pattern.resourceType, b.pattern.patternType, b.pattern.name])
      let c = changed.get(k)
      if (c === undefined) changed.set(k, (c = { pattern: b.pattern, entries: [...this.#entriesOf(b.pattern)] }))
      const key = bindingKey(b)
      if (!c.entries.some((e) => bindingKey({ pattern: b.pattern, entry: e }) === key)) c.entries.push(b.entry)
    })
    await this.#apply([...changed.values()])
    return results
  }

  describeAcls(filter: AclBindingFilter): AclBinding[] {
    return this.#all().filter((b) => filterMatches(filter, b))
  }

  deleteAcls(filters: AclBindingFilter[]): Promise<AclBinding[][]> {
    return this.#serially(() => this.#delete(filters))
  }

  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#changes.then(fn, fn)
    this.#changes = run.catch(() => undefined)
    return run
  }

  async #delete(filters: AclBindingFilter[]): Promise<AclBinding[][]> {
    const all = this.#all()
    const deleted = filters.map((f) => all.filter((b) => filterMatches(f, b)))
    const gone = new Set(deleted.flat().map(bindingKey))
    const changed = new Map<string, { pattern: ResourcePattern; entries: AccessControlEntry[] }>()
    for (const b of deleted.flat()) {
      const k = JSON.stringify([b.pattern.resourceType, b.pattern.patternType, b.pattern.name])
      if (!changed.has(k)) {
        changed.set(k, { pattern: b.pattern, entries: this.#entriesOf(b.pattern).filter((e) => !gone.has(bindingKey({ pattern: b.pattern, entry: e }))) })
      }
    }
    await this.#apply([...changed.values()])
    return deleted
  }

  /** Persists first, then applies: a failed write changes nothing. */
  async #apply(changes: Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>): Promise<void> {
    if (changes.length === 0) return
    await this.#store.write(changes)
    for (const c of changes) this.#set(c.pattern, c.entries)
  }
}

/** Kafka's authorizer class names; either turns ACLs on (both decide alike). */
export const AUTHORIZER_CLASSES = ['kafka.security.authorizer.AclAuthorizer', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'] as const

export { ResourceType, AclOperation }
