/**
 * The ACL operations a client may perform on a resource, for the `*AuthorizedOperations` fields
 * of Metadata, DescribeCluster, DescribeGroups, ConsumerGroupDescribe and
 * DescribeTopicPartitions. Samsa has no authorizer yet, so every operation the resource type
 * supports is allowed: Kafka's AuthHelper.authorizedOperations answers the same when no
 * authorizer is configured (the sets are AclEntry.supportedOperations). This function is the
 * one place a security layer replaces with a real decision.
 */

/** Kafka's AclOperation codes; a response carries them as bits of an int32 (Utils.to32BitField). */
export const AclOperation = {
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const

export type AclResourceType = 'topic' | 'group' | 'cluster' | 'transactional-id'

/** Kafka's "not requested" value, Integer.MIN_VALUE. */
export const OPERATIONS_NOT_REQUESTED = -2147483648

const O = AclOperation
const SUPPORTED: Record<AclResourceType, readonly number[]> = {
  topic: [O.READ, O.WRITE, O.CREATE, O.DESCRIBE, O.DELETE, O.ALTER, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS],
  group: [O.READ, O.DESCRIBE, O.DELETE, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS],
  cluster: [O.CREATE, O.CLUSTER_ACTION, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS, O.IDEMPOTENT_WRITE, O.ALTER, O.DESCRIBE],
  'transactional-id': [O.DESCRIBE, O.WRITE],
}

export function toBitField(ops: readonly number[]): number {
  let bits = 0
  for (const op of ops) bits |= 1 << op
  return bits
}

/** The operations allowed on one resource, as the response's bit field. */
export function authorizedOperations(type: AclResourceType, _name: string): number {
  return toBitField(SUPPORTED[type])
}

/** `authorizedOperations` when the request asked for it, else Kafka's "not requested". */
export function requestedOperations(include: boolean, type: AclResourceType, name: string): number {
  return include ? authorizedOperations(type, name) : OPERATIONS_NOT_REQUESTED
}
