/**
 * The handler registry. Each API is registered once, in its own file under ./handlers, and the
 * ApiVersions response is built from what is registered here (tansu's approach), so the
 * advertised ranges can never drift from what the broker answers.
 */
import type { Input } from '../protocol/codec-support.js'
import { apiSpecs, type ApiKeyNumber, type ApiSpec, type RequestOf, type ResponseOf } from '../protocol/generated/index.js'
import type { Broker } from './broker.js'
import type { ConnectionInfo } from '../server/connection.js'

/** What a handler knows about the request it serves. */
export interface RequestContext {
  readonly broker: Broker
  readonly connection: ConnectionInfo
  readonly apiKey: number
  readonly apiVersion: number
  readonly correlationId: number
  readonly clientId: string | null
  /** The registry serving this request; ApiVersions advertises what it holds. */
  readonly registry: HandlerRegistry
}

/**
 * A handler returns the response (or a promise of it); `NO_RESPONSE` means none is sent, as for
 * Produce with acks=0. Protocol errors go in the response's error codes, never thrown.
 */
export type HandlerResult<Res> = Input<Res> | typeof NO_RESPONSE

export const NO_RESPONSE: unique symbol = Symbol('no response')

/** A handler for API `K`: its request and response types follow from the key. */
export interface HandlerDefinition<K extends ApiKeyNumber> {
  readonly key: K
  readonly minVersion: number
  readonly maxVersion: number
  /** Versions below this are advertised but answered with UNSUPPORTED_VERSION, as Kafka 4 does. */
  readonly minServedVersion?: number
  handle(ctx: RequestContext, request: RequestOf<K>): HandlerResult<ResponseOf<K>> | Promise<HandlerResult<ResponseOf<K>>>
  /** The response to send when the request cannot be served at all (UNSUPPORTED_VERSION and the like). */
  errorResponse?(ctx: RequestContext, request: RequestOf<K>, errorCode: number): Input<ResponseOf<K>>
}

/** A handler as the registry keeps it, whatever its key. */
export interface RegisteredHandler {
  readonly key: number
  readonly minVersion: number
  readonly maxVersion: number
  readonly minServedVersion?: number
  readonly spec: ApiSpec
  handle(ctx: RequestContext, request: any): HandlerResult<any> | Promise<HandlerResult<any>>
  errorResponse?(ctx: RequestContext, request: any, errorCode: number): Input<any>
}

/** Declares a handler for one API key; version bounds are checked against Kafka's definitions. */
export function defineHandler<K extends ApiKeyNumber>(def: HandlerDefinition<K>): RegisteredHandler {
  const spec = apiSpecs.get(def.key)
  if (spec === undefined) throw new Error(`unknown API key ${def.key}`)
  if (def.minVersion < spec.minVersion || def.maxVersion > spec.maxVersion) {
    throw new Error(`${spec.name}: versions ${def.minVersion}-${def.maxVersion} outside ${spec.minVersion}-${spec.maxVersion}`)
  }
  return { ...def, spec } as RegisteredHandler
}

export class HandlerRegistry {
  readonly #handlers = new Map<number, RegisteredHandler>()

  register(...handlers: RegisteredHandler[]): this {
    for (const h of handlers) {
      if (this.#handlers.has(h.key)) throw new Error(`API key ${h.key} registered twice`)
      this.#handlers.set(h.key, h)
    }
    return this
  }

  get(key: number): RegisteredHandler | undefined {
    return this.#handlers.get(key)
  }

  /** The ranges advertised in ApiVersions, sorted by key. */
  versions(): Array<{ apiKey: number, minVersion: number, maxVersion: number }> {
    return [...this.#handlers.values()]
      .sort((a, b) => a.key - b.key)
      .map((h) => ({ apiKey: h.key, minVersion: h.minVersion, maxVersion: h.maxVersion }))
  }
}
