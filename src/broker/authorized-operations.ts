/**
 * Authorization for handlers, as Kafka's AuthHelper: `authorize` asks the authorizer named by
 * authorizer.class.name whether the request's principal, from its host, may perform an operation
 * on a resource (everything is allowed when no authorizer is configured, as in Kafka), and the
 * `*AuthorizedOperations` fields of Metadata, DescribeCluster, DescribeGroups,
 * ConsumerGroupDescribe and DescribeTopicPartitions hold the operations it allows among those
 * the resource type supports (AclEntry.supportedOperations).
 */
import { AclOperation, ResourceType, CLUSTER_NAME } from '../security/acl.js'
import type { Session } from '../security/authorizer.js'
import type { RequestContext } from './handler.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'

export { AclOperation }

export type AclResourceType = 'topic' | 'group' | 'cluster' | 'transactional-id'

const TYPE_CODE: Record<AclResourceType, ResourceType> = {
  topic: ResourceType.TOPIC,
  group: ResourceType.GROUP,
  cluster: ResourceType.CLUSTER,
  'transactional-id': ResourceType.TRANSACTIONAL_ID,
}

/** Kafka's "not requested" value, Integer.MIN_VALUE. */
export const OPERATIONS_NOT_REQUESTED = -2147483648

const O = AclOperation
const SUPPORTED: Record<AclResourceType, readonly number[]> = {
  topic: [O.READ, O.WRITE, O.CREATE, O.DESCRIBE, O.DELETE, O.ALTER, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS],
  group: [O.READ, O.DESCRIBE, O.DELETE, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS],
  cluster: [O.CREATE, O.CLUSTER_ACTION, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS, O.IDEMPOTENT_WRITE, O.ALTER, O.DESCRIBE],
  'transactional-id': [O.DESCRIBE, O.WRITE],
}

function toBitField(ops: readonly number[]): number {
  let bits = 0
  for (const op of ops) bits |= 1 << op
  return bits
}

/** The request's principal and host (an IPv4 address without Node's ::ffff: prefix, as Java writes it). */
function sessionOf(ctx: RequestContext): Session {
  const c = ctx.connection
  const host = c.remoteAddress.startsWith('::ffff:') ? c.remoteAddress.slice(7) : c.remoteAddress
  return { principal: c.principal, host }
}

/** Whether the request may perform `op` on the resource. */
export function authorize(ctx: RequestContext, op: number, type: AclResourceType, name: string): boolean {
  const a = ctx.security.authorizer
  return a === null || ctx.connection.internal === true || a.authorize(sessionOf(ctx), op as AclOperation, TYPE_CODE[type], name)
}

export function authorizeCluster(ctx: RequestContext, op: number): boolean {
  return authorize(ctx, op, 'cluster', CLUSTER_NAME)
}

/** Whether the request may perform `op` on some resource of the type (IDEMPOTENT_WRITE's fallback: WRITE on any topic). */
export function authorizeByResourceType(ctx: RequestContext, op: number, type: AclResourceType): boolean {
  const a = ctx.security.authorizer
  return a === null || ctx.connection.internal === true || a.authorizeByResourceType(sessionOf(ctx), op as AclOperation, TYPE_CODE[type])
}

/** The operations allowed on one resource, as the response's bit field. */
export function authorizedOperations(ctx: RequestContext, type: AclResourceType, name: string): number {
  return toBitField(SUPPORTED[type].filter((op) => authorize(ctx, op, type, name)))
}

/** `authorizedOperations` when the request asked for it, else Kafka's "not requested". */
export function requestedOperations(ctx: RequestContext, include: boolean, type: AclResourceType, name: string): number {
  return include ? authorizedOperations(ctx, type, name) : OPERATIONS_NOT_REQUESTED
}

/** ConfigResource.Type codes. */
const CONFIG_TOPIC = 2
const CONFIG_BROKER = 4
const CONFIG_BROKER_LOGGER = 8
const CONFIG_GROUP = 32

/**
 * The error for a config resource the request may not describe or alter (DESCRIBE_CONFIGS or
 * ALTER_CONFIGS on the topic, the cluster for brokers and broker loggers, or the group), or
 * undefined when allowed, as KafkaApis' config handlers decide.
 */
export function configResourceDenied(ctx: RequestContext, op: number, resourceType: number, name: string): number | undefined {
  switch (resourceType) {
    case CONFIG_TOPIC:
      return authorize(ctx, op, 'topic', name) ? undefined : ErrorCode.TOPIC_AUTHORIZATION_FAILED
    case CONFIG_BROKER:
    case CONFIG_BROKER_LOGGER:
      return authorizeCluster(ctx, op) ? undefined : ErrorCode.CLUSTER_AUTHORIZATION_FAILED
    case CONFIG_GROUP:
      return authorize(ctx, op, 'group', name) ? undefined : ErrorCode.GROUP_AUTHORIZATION_FAILED
    default:
      return undefined
  }
}
