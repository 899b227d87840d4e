/**
 * The configs of users and client ids (Kafka's /config/users and /config/clients): SCRAM
 * credentials for SASL/SCRAM, and client quotas. Held in memory for authentication and quota
 * checks, persisted through an EntityConfigStore (persist first, then apply), and changed with
 * AlterUserScramCredentials and AlterClientQuotas.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { Logger } from '../logger.js'
import {
  credentialFromSaltedPassword,
  credentialFromString,
  credentialToString,
  MAX_ITERATIONS,
  SCRAM_MECHANISMS,
  scramMechanism,
  type ScramCredential,
  type ScramMechanismInfo,
} from './scram.js'
import { DEFAULT_ENTITY, desanitizeEntityName, sanitizeEntityName, type EntityConfigStore } from './stores.js'

/** A quota entity: a user, a client id, or both; null names the default (`<default>`). */
export interface QuotaEntity {
  user?: string | null
  clientId?: string | null
}

export const QUOTA_KEYS = ['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate'] as const
export type QuotaKey = (typeof QUOTA_KEYS)[number]

function entityPath(e: QuotaEntity): string {
  const name = (n: string | null): string => (n === null ? DEFAULT_ENTITY : sanitizeEntityName(n))
  if (e.user !== undefined && e.clientId !== undefined) return `users/${name(e.user)}/clients/${name(e.clientId)}`
  if (e.user !== undefined) return `users/${name(e.user)}`
  return `clients/${name(e.clientId ?? null)}`
}

function entityFromPath(path: string): QuotaEntity | undefined {
  const p = path.split('/')
  const name = (n: string): string | null => (n === DEFAULT_ENTITY ? null : desanitizeEntityName(n))
  if (p.length === 2 && p[0] === 'users') return { user: name(p[1]!) }
  if (p.length === 2 && p[0] === 'clients') return { clientId: name(p[1]!) }
  if (p.length === 4 && p[0] === 'users' && p[2] === 'clients') return { user: name(p[1]!), clientId: name(p[3]!) }
  return undefined
}

export interface ScramUpsertion {
  name: string
  mechanism: number
  iterations: number
  salt: Buffer
  saltedPassword: Buffer
}
export interface ScramDeletion {
  name: string
  mechanism: number
}
export interface UserResult {
  user: string
  errorCode: number
  errorMessage: string | null
}

export class EntityConfigs {
  readonly #store: EntityConfigStore
  readonly #log: Logger
  /** path -> configs */
  readonly #configs = new Map<string, Record<string, string>>()
  readonly #quotaListeners = new Set<() => void>()
  #changes: Promise<unknown> = Promise.resolve()

  private constructor(store: EntityConfigStore, log: Logger) {
    this.#store = store
    this.#log = log
  }

  static async create(store: EntityConfigStore, log: Logger): Promise<EntityConfigs> {
    const c = new EntityConfigs(store, log)
    for (const [path, configs] of await store.load()) c.#configs.set(path, configs)
    store.onChange?.((paths) => {
      void store.load().then(
        (all) => {
          for (const p of paths) {
            const v = all.get(p)
            if (v === undefined) c.#configs.delete(p)
            else c.#configs.set(p, v)
          }
          c.#quotasChanged()
        },
        (err: unknown) => c.#log.error({ err }, 'cannot reload user and client configs'),
      )
    })
    return c
  }

  scramCredential(user: string, mechanism: ScramMechanismInfo['name']): ScramCredential | undefined {
    const s = this.#configs.get(entityPath({ user }))?.[mechanism]
    return s === undefined ? undefined : credentialFromString(s)
  }

  /** Users with SCRAM credentials and their mechanisms' iterations. */
  scramUsers(): Map<string, Array<{ mechanism: number; iterations: number }>> {
    const out = new Map<string, Array<{ mechanism: number; iterations: number }>>()
    for (const [path, configs] of this.#configs) {
      const e = entityFromPath(path)
      if (e === undefined || e.clientId !== undefined || e.user === undefined || e.user === null) continue
      const infos = SCRAM_MECHANISMS.flatMap((m) => {
        const c = configs[m.name] === undefined ? undefined : credentialFromString(configs[m.name]!)
        return c === undefined ? [] : [{ mechanism: m.type, iterations: c.iterations }]
      })
      if (infos.length > 0) out.set(e.user, infos)
    }
    return out
  }

  /** AlterUserScramCredentials, as Kafka's controller validates it: one result per user. */
  alterScram(deletions: readonly ScramDeletion[], upsertions: readonly ScramUpsertion[]): Promise<UserResult[]> {
    return this.#serially(async () => {
      const users = [...new Set([...deletions.map((d) => d.name), ...upsertions.map((u) => u.name)])]
      const errors = new Map<string, [number, string]>()
      const fail = (user: string, code: number, msg: string): void => {
        if (!errors.has(user)) errors.set(user, [code, msg])
      }
      const seen = new Set<string>()
      for (const a of [...deletions, ...upsertions]) {
        const key = `${a.name}\u0000${a.mechanism}`
        if (seen.has(key)) fail(a.name, ErrorCode.DUPLICATE_RESOURCE, 'A user credential cannot be altered twice in the same request')
        seen.add(key)
        if (a.name === '') fail(a.name, ErrorCode.UNACCEPTABLE_CREDENTIAL, 'Username must not be empty')
        if (scramMechanism(a.mechanism) === undefined) fail(a.name, ErrorCode.UNSUPPORTED_SASL_MECHANISM, 'Unknown SCRAM mechanism')
      }
      for (const u of upsertions) {
        const m = scramMechanism(u.mechanism)
        if (m === undefined) continue
        if (u.iterations < m.minIterations) fail(u.name, ErrorCode.UNACCEPTABLE_CREDENTIAL, `Too few iterations`)
        else if (u.iterations > MAX_ITERATIONS) fail(u.name, ErrorCode.UNACCEPTABLE_CREDENTIAL, `Too many iterations`)
        if (u.salt.length === 0 || u.saltedPassword.length === 0) fail(u.name, ErrorCode.UNACCEPTABLE_CREDENTIAL, 'Salt and salted password must not be empty')
      }
      for (const d of deletions) {
        const m = scramMechanism(d.mechanism)
        if (m !== undefined && this.#configs.get(entityPath({ user: d.name }))?.[m.name] === undefined) {
          fail(d.name, ErrorCode.RESOURCE_NOT_FOUND, 'Attempt to delete a user credential that does not exist')
        }
      }
      const changes = new Map<string, Record<string, string>>()
      for (const user of users) {
        if (errors.has(user)) continue
        const path = entityPath({ user })
        const next = { ...(this.#configs.get(path) ?? {}) }
        for (const d of deletions) if (d.name === user) delete next[scramMechanism(d.mechanism)!.name]
        for (const u of upsertions) {
          if (u.name !== user) continue
          const m = scramMechanism(u.mechanism)!
          next[m.name] = credentialToString(credentialFromSaltedPassword(m, u.saltedPassword, u.salt, u.iterations))
        }
        changes.set(path, next)
      }
      await this.#write(changes)
      return users.map((user) => {
        const e = errors.get(user)
        return { user, errorCode: e?.[0] ?? ErrorCode.NONE, errorMessage: e?.[1] ?? null }
      })
    })
  }

  /** Every entity with quotas, with its quota values. */
  quotaEntries(): Array<{ entity: QuotaEntity; values: Map<QuotaKey, number> }> {
    const out: Array<{ entity: QuotaEntity; values: Map<QuotaKey, number> }> = []
    for (const [path, configs] of this.#configs) {
      const entity = entityFromPath(path)
      if (entity === undefined) continue
      const values = new Map<QuotaKey, number>()
      for (const k of QUOTA_KEYS) if (configs[k] !== undefined) values.set(k, Number(configs[k]))
      if (values.size > 0) out.push({ entity, values })
    }
    return out
  }

  /** The quota of one exact entity, or undefined. */
  quota(entity: QuotaEntity, key: QuotaKey): number | undefined {
    const v = this.#configs.get(entityPath(entity))?.[key]
    return v === undefined ? undefined : Number(v)
  }

  /** Applies quota changes (already validated): a value sets, null removes. */
  alterQuotas(changes: ReadonlyArray<{ entity: QuotaEntity; ops: ReadonlyArray<{ key: QuotaKey; value: number | null }> }>): Promise<void> {
    return this.#serially(async () => {
      const next = new Map<string, Record<string, string>>()
      for (const c of changes) {
        const path = entityPath(c.entity)
        const configs = { ...(next.get(path) ?? this.#configs.get(path) ?? {}) }
        for (const op of c.ops) {
          if (op.value === null) delete configs[op.key]
          else configs[op.key] = String(op.value)
        }
        next.set(path, configs)
      }
      await this.#write(next)
      this.#quotasChanged()
    })
  }

  onQuotaChange(fn: () => void): void {
    this.#quotaListeners.add(fn)
  }

  #quotasChanged(): void {
    for (const fn of this.#quotaListeners) fn()
  }

  async #write(changes: Map<string, Record<string, string>>): Promise<void> {
    if (changes.size === 0) return
    await this.#store.write(changes)
    for (const [path, configs] of changes) {
      if (Object.keys(configs).length === 0) this.#configs.delete(path)
      else this.#configs.set(path, configs)
    }
  }

  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#changes.then(fn, fn)
    this.#changes = run.catch(() => undefined)
    return run
  }
}
