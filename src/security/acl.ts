/**
 * Kafka's ACL model (org.apache.kafka.common.acl and .resource): a binding is a resource pattern
 * (resource type, name, LITERAL or PREFIXED) and an access control entry (principal, host,
 * operation, ALLOW or DENY). Filters (DescribeAcls, DeleteAcls) match bindings with ANY, MATCH
 * and null wildcards as AclBindingFilter.matches does. The numeric codes are Kafka's: they are
 * what CreateAcls, DescribeAcls and DeleteAcls carry on the wire.
 */
import { parsePrincipal } from './principal.js'

export const ResourceType = {
  UNKNOWN: 0,
  ANY: 1,
  TOPIC: 2,
  GROUP: 3,
  CLUSTER: 4,
  TRANSACTIONAL_ID: 5,
  DELEGATION_TOKEN: 6,
  USER: 7,
} as const
export type ResourceType = (typeof ResourceType)[keyof typeof ResourceType]

export const PatternType = { UNKNOWN: 0, ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const
export type PatternType = (typeof PatternType)[keyof typeof PatternType]

export const AclOperation = {
  UNKNOWN: 0,
  ANY: 1,
  ALL: 2,
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
  CREATE_TOKENS: 13,
  DESCRIBE_TOKENS: 14,
} as const
export type AclOperation = (typeof AclOperation)[keyof typeof AclOperation]

export const PermissionType = { UNKNOWN: 0, ANY: 1, DENY: 2, ALLOW: 3 } as const
export type PermissionType = (typeof PermissionType)[keyof typeof PermissionType]

/** The name of the one CLUSTER resource (Kafka's ResourcePattern.CLUSTER_NAME... "kafka-cluster"). */
export const CLUSTER_NAME = 'kafka-cluster'
/** A literal resource name, principal or host matching every one (ResourcePattern.WILDCARD_RESOURCE). */
export const WILDCARD = '*'
export const WILDCARD_PRINCIPAL = 'User:*'

export interface ResourcePattern {
  resourceType: ResourceType
  name: string
  patternType: PatternType
}

export interface AccessControlEntry {
  /** `User:alice`, `User:*` */
  principal: string
  /** an IP address or `*` */
  host: string
  operation: AclOperation
  permissionType: PermissionType
}

export interface AclBinding {
  pattern: ResourcePattern
  entry: AccessControlEntry
}

export interface AclBindingFilter {
  resourceType: ResourceType
  /** null matches any name */
  name: string | null
  patternType: PatternType
  principal: string | null
  host: string | null
  operation: AclOperation
  permissionType: PermissionType
}

export function bindingKey(b: AclBinding): string {
  const p = b.pattern
  const e = b.entry
  return JSON.stringify([p.resourceType, p.patternType, p.name, e.principal, e.host, e.operation, e.permissionType])
}

/** Whether a resource pattern filter matches a stored pattern (ResourcePatternFilter.matches). */
function patternMatches(f: AclBindingFilter, p: ResourcePattern): boolean {
  if (f.resourceType !== ResourceType.ANY && f.resourceType !== p.resourceType) return false
  if (f.patternType !== PatternType.ANY && f.patternType !== PatternType.MATCH && f.patternType !== p.patternType) return false
  if (f.name === null) return true
  if (f.patternType === PatternType.ANY || f.patternType === p.patternType) return f.name === p.name
  // MATCH: the stored patterns that would apply to a resource called `f.name`.
  switch (p.patternType) {
    case PatternType.LITERAL:
      return f.name === p.name || p.name === WILDCARD
    case PatternType.PREFIXED:
      return f.name.startsWith(p.name)
    default:
      return false
  }
}

/** Whether an entry filter matches a stored entry (AccessControlEntryFilter.matches). */
function entryMatches(f: AclBindingFilter, e: AccessControlEntry): boolean {
  return (
    (f.principal === null || f.principal === e.principal) &&
    (f.host === null || f.host === e.host) &&
    (f.operation === AclOperation.ANY || f.operation === e.operation) &&
    (f.permissionType === PermissionType.ANY || f.permissionType === e.permissionType)
  )
}

export function filterMatches(f: AclBindingFilter, b: AclBinding): boolean {
  return patternMatches(f, b.pattern) && entryMatches(f, b.entry)
}

/**
 * Why a binding cannot be created, as Kafka's AclControlManager.validateNewAcl and
 * AuthorizerUtils say it (both answer INVALID_REQUEST); undefined when it is valid.
 */
export function invalidBinding(b: AclBinding): string | undefined {
  const p = b.pattern
  const e = b.entry
  if (p.resourceType === ResourceType.UNKNOWN || p.resourceType === ResourceType.ANY || !Object.values(ResourceType).includes(p.resourceType)) {
    return 'Invalid resourceType ' + p.resourceType
  }
  if (p.patternType !== PatternType.LITERAL && p.patternType !== PatternType.PREFIXED) return 'Invalid patternType ' + p.patternType
  if (p.name === '') return 'Resource name should not be empty'
  if (p.resourceType === ResourceType.CLUSTER && p.name !== CLUSTER_NAME) {
    return `The only valid name for the CLUSTER resource is ${CLUSTER_NAME}`
  }
  if (e.operation === AclOperation.ANY || e.operation === AclOperation.UNKNOWN || !Object.values(AclOperation).includes(e.operation)) {
    return 'Invalid operation ' + e.operation
  }
  if (e.permissionType !== PermissionType.ALLOW && e.permissionType !== PermissionType.DENY) return 'Invalid permissionType ' + e.permissionType
  if (parsePrincipal(e.principal) === undefined)
    return `Could not parse principal from \`${e.principal}\` (no colon is present separating the principal type from the principal name)`
  if (e.host === '') return 'Invalid host: the host must be an IP address or *'
  return undefined
}

/** Why a filter cannot be used (DescribeAcls, DeleteAcls); undefined when it is valid. */
export function invalidFilter(f: AclBindingFilter): string | undefined {
  if (f.resourceType === ResourceType.UNKNOWN) return 'The ResourceType filter must not be UNKNOWN'
  if (f.patternType === PatternType.UNKNOWN) return 'The PatternType filter must not be UNKNOWN'
  if (f.operation === AclOperation.UNKNOWN) return 'The Operation filter must not be UNKNOWN'
  if (f.permissionType === PermissionType.UNKNOWN) return 'The PermissionType filter must not be UNKNOWN'
  return undefined
}

const RESOURCE_NAMES = new Map<number, string>(Object.entries(ResourceType).map(([k, v]) => [v, k]))
const OPERATION_NAMES = new Map<number, string>(Object.entries(AclOperation).map(([k, v]) => [v, k]))

export function resourceTypeName(t: number): string {
  return RESOURCE_NAMES.get(t) ?? String(t)
}

export function operationName(o: number): string {
  return OPERATION_NAMES.get(o) ?? String(o)
}
