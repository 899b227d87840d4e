/**
 * The handler interface: what the network layer (src/server) knows of the broker. Each API is
 * registered once, in its own file under ./handlers, and the ApiVersions response is built from
 * what is registered here (tansu's approach), so the advertised ranges can never drift from what
 * the broker answers. A handler sees the broker only through the parts in its RequestContext,
 * each built once by the composition root (src/kafka-server.ts).
 */
import type { Input } from '../protocol/codec-support.js'
import { apiSpecs, type ApiKeyNumber, type ApiSpec, type RequestOf, type ResponseOf } from '../protocol/generated/index.js'
import type { BrokerConfig } from '../config/broker-config.js'
import type { Logger } from '../logger.js'
import type { GroupCoordinator } from '../groups/group-coordinator.js'
import type { ProducerIdManager } from '../transactions/producer-id-manager.js'
import type { TransactionCoordinator } from '../transactions/transaction-coordinator.js'
import type { BrokerChannel } from './broker-channel.js'
import type { AdminManager } from './admin-manager.js'
import type { ControlPlane } from './control-plane.js'
import type { Coordination } from '../cluster/coordination.js'
import type { FetchSessionCache } from './fetch-session.js'
import type { MetadataCache } from './metadata-cache.js'
import type { ReplicaManager } from './replica-manager.js'
import type { KafkaPrincipal } from '../security/principal.js'
import type { SaslSession } from '../security/sasl-authenticator.js'
import type { Authorizer } from '../security/authorizer.js'
import type { EntityConfigs } from '../security/entity-configs.js'
import type { ClientQuotaManager } from '../security/quotas.js'

/** The client connection a request arrived on. */
export interface ConnectionInfo {
  readonly id: number
  readonly remoteAddress: string
  readonly remotePort: number
  readonly listenerName: string
  /** PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL */
  readonly securityProtocol: string
  /** Who the client authenticated as (User:ANONYMOUS when it did not). */
  readonly principal: KafkaPrincipal
  /** The connection's SASL authenticator; null on listeners without SASL. */
  readonly sasl: SaslSession | null
  /** Stops reading this connection for `ms` (a quota violation), as Kafka mutes a throttled channel. */
  throttle(ms: number): void
  /** The broker's own in-process request (its broker channel to itself): always authorized. */
  readonly internal?: boolean
}

/** The broker's security parts: ACLs (null without `authorizer.class.name`), user and client configs, quotas. */
export interface BrokerSecurity {
  readonly authorizer: Authorizer | null
  readonly entityConfigs: EntityConfigs
  readonly quotas: ClientQuotaManager
}

/** The broker's parts handlers use (Kafka's KafkaApis holds the same ones). */
export interface BrokerParts {
  readonly config: BrokerConfig
  readonly log: Logger
  /** The cluster as clients see it: brokers, controller, topics and their partitions' leaders. */
  readonly metadata: MetadataCache
  /** The partitions this broker hosts, their logs, and the requests waiting on them. */
  readonly replicas: ReplicaManager
  /** Topic creation, deletion, growth and configs. */
  readonly admin: AdminManager
  /** Consumer groups and committed offsets. */
  readonly groups: GroupCoordinator
  readonly producerIds: ProducerIdManager
  /** Transactional ids, their transactions and markers (KIP-98). */
  readonly transactions: TransactionCoordinator
  /** How this broker reaches other brokers' APIs, itself included (markers, KIP-890 verification). */
  readonly brokerChannel: BrokerChannel
  readonly fetchSessions: FetchSessionCache
  /** How this broker obeys its controller (LeaderAndIsr, UpdateMetadata, StopReplica). */
  readonly controlPlane: ControlPlane
  /** The cluster's coordination as handlers see it: its mode, and the controller while this broker is it. */
  readonly cluster: Pick<Coordination, 'mode' | 'controller'>
  readonly security: BrokerSecurity
}

/** What a handler knows about the request it serves, and the parts it may use. */
export interface RequestContext extends BrokerParts {
  readonly connection: ConnectionInfo
  readonly apiKey: number
  readonly apiVersion: number
  readonly correlationId: number
  readonly clientId: string | null
  /** The registry serving this request; ApiVersions advertises what it holds. */
  readonly apis: HandlerRegistry
  /**
   * Keeps the request's bytes (and every slice of them the handler hands on, such as a
   * Produce's records given to the log writer) valid until the returned function is called.
   * Without it they may be reused for another request as soon as the handler's result settles.
   */
  retainRequestBytes(): () => void
}

/** What a RequestContext adds to the broker's parts. */
export type RequestFields = Omit<RequestContext, keyof BrokerParts>

/**
 * A request's context: the broker's parts copied one by one, then the request's own fields.
 * Written out rather than spread (`{ ...parts, connection, ... }`): V8 gave every spread object
 * a hidden class of its own once the code was optimised (about 10 µs and a new map in old space
 * per request, which kept full collections going under produce load); a literal of fixed shape
 * takes nanoseconds. A part added to BrokerParts must be added here (the compiler says so).
 */
export function requestContext(parts: BrokerParts, r: RequestFields): RequestContext {
  return {
    config: parts.config,
    log: parts.log,
    metadata: parts.metadata,
    replicas: parts.replicas,
    admin: parts.admin,
    groups: parts.groups,
    producerIds: parts.producerIds,
    transactions: parts.transactions,
    brokerChannel: parts.brokerChannel,
    fetchSessions: parts.fetchSessions,
    controlPlane: parts.controlPlane,
    cluster: parts.cluster,
    security: parts.security,
    connection: r.connection,
    apiKey: r.apiKey,
    apiVersion: r.apiVersion,
    correlationId: r.correlationId,
    clientId: r.clientId,
    apis: r.apis,
    retainRequestBytes: r.retainRequestBytes,
  }
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
  // biome-ignore lint/suspicious/noExplicitAny: the registry holds every API's handler; each one's types come from its key
  handle(ctx: RequestContext, request: any): HandlerResult<any> | Promise<HandlerResult<any>>
  // biome-ignore lint/suspicious/noExplicitAny: as above
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
  versions(): Array<{ apiKey: number; minVersion: number; maxVersion: number }> {
    return [...this.#handlers.values()].sort((a, b) => a.key - b.key).map((h) => ({ apiKey: h.key, minVersion: h.minVersion, maxVersion: h.maxVersion }))
  }
}
