/**
 * Where the broker keeps its security state, behind two small interfaces so that the single-node
 * files here and a ZooKeeper implementation (Kafka's znodes: /config/users, /config/clients,
 * /kafka-acl, /kafka-acl-extended, /kafka-acl-changes) are interchangeable.
 *
 * Entity configs are Kafka's client-quota entities with their configs: a user's SCRAM credentials
 * (`SCRAM-SHA-256` = ScramCredentialUtils' text) and quotas (`producer_byte_rate`, ...), a client
 * id's quotas, and a user's quotas for one client id. An entity is named by its ZooKeeper path
 * below /config: `users/alice`, `clients/c1`, `users/alice/clients/c1`, `users/<default>`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../metadata/metadata-store.js'
import type { AccessControlEntry, ResourcePattern } from './acl.js'

export interface EntityConfigStore {
  /** Every entity with configs, by path. */
  load(): Promise<Map<string, Record<string, string>>>
  /** Replaces the configs of each given entity; an empty record removes the entity. */
  write(changes: ReadonlyMap<string, Record<string, string>>): Promise<void>
  /** Calls `fn` with entities another broker changed (never called on a single node). */
  onChange?(fn: (paths: string[]) => void): void
}

export interface AclStore {
  /** Every resource pattern with its entries. */
  load(): Promise<Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>>
  /** Replaces the entries of each given pattern; an empty list removes it. */
  write(changes: Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>): Promise<void>
  /** Calls `fn` with patterns another broker changed (never called on a single node). */
  onChange?(fn: (patterns: ResourcePattern[]) => void): void
}

/** `<default>`, Kafka's name of the default entity (ConfigEntityName.DEFAULT). */
export const DEFAULT_ENTITY = '<default>'

/** Kafka's Sanitizer: entity names are URL-encoded in their paths (`*` and `<default>` aside). */
export function sanitizeEntityName(name: string): string {
  if (name === DEFAULT_ENTITY) return name
  return encodeURIComponent(name)
    .replace(/\*/g, '%2A')
    .replace(/[!'()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

export function desanitizeEntityName(name: string): string {
  return name === DEFAULT_ENTITY ? name : decodeURIComponent(name)
}

interface SecurityFile {
  version: 1
  entities?: Record<string, Record<string, string>>
  acls?: Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>
}

/** A JSON file in the first log dir, replaced atomically on every change (like topics.json). */
class JsonFile {
  readonly path: string

  constructor(dir: string, name: string) {
    this.path = join(dir, name)
  }

  read(): SecurityFile {
    if (!existsSync(this.path)) return { version: 1 }
    const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as SecurityFile
    if (parsed.version !== 1) throw new Error(`${this.path}: unknown version ${String(parsed.version)}`)
    return parsed
  }

  write(f: SecurityFile): void {
    writeFileAtomic(this.path, JSON.stringify(f, null, 1) + '\n')
  }
}

/** Entity configs of a single broker, in `<log dir>/entity-configs.json` (SCRAM credentials are salted hashes, never passwords). */
export class FileEntityConfigStore implements EntityConfigStore {
  readonly #file: JsonFile

  constructor(dir: string) {
    this.#file = new JsonFile(dir, 'entity-configs.json')
  }

  async load(): Promise<Map<string, Record<string, string>>> {
    return new Map(Object.entries(this.#file.read().entities ?? {}))
  }

  async write(changes: ReadonlyMap<string, Record<string, string>>): Promise<void> {
    const f = this.#file.read()
    const entities = f.entities ?? {}
    for (const [path, configs] of changes) {
      if (Object.keys(configs).length === 0) delete entities[path]
      else entities[path] = configs
    }
    this.#file.write({ ...f, entities })
  }
}

/** ACLs of a single broker, in `<log dir>/acls.json`. */
export class FileAclStore implements AclStore {
  readonly #file: JsonFile

  constructor(dir: string) {
    this.#file = new JsonFile(dir, 'acls.json')
  }

  async load(): Promise<Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>> {
    return this.#file.read().acls ?? []
  }

  async write(changes: Array<{ pattern: ResourcePattern; entries: AccessControlEntry[] }>): Promise<void> {
    const f = this.#file.read()
    const key = (p: ResourcePattern): string => `${p.resourceType}/${p.patternType}/${p.name}`
    const all = new Map((f.acls ?? []).map((a) => [key(a.pattern), a]))
    for (const c of changes) {
      if (c.entries.length === 0) all.delete(key(c.pattern))
      else all.set(key(c.pattern), c)
    }
    this.#file.write({ ...f, acls: [...all.values()] })
  }
}
