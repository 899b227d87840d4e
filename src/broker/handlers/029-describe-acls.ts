// DescribeAcls v0-3: the ACL bindings matching a filter, grouped by resource pattern. Needs
// DESCRIBE on the cluster; SECURITY_DISABLED without an authorizer (KafkaApis/AclApis).
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { invalidFilter, type AclBindingFilter } from '../../security/acl.js'
import type { DescribeAclsResource } from '../../protocol/generated/describe-acls-response.js'

export const describeAclsHandler = defineHandler({
  key: ApiKey.DescribeAcls,
  minVersion: 0,
  maxVersion: 3,
  handle(ctx, req) {
    const fail = (errorCode: number, errorMessage: string | null) => ({ throttleTimeMs: 0, errorCode, errorMessage, resources: [] })
    if (!authorizeCluster(ctx, AclOperation.DESCRIBE)) return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, null)
    const authorizer = ctx.security.authorizer
    if (authorizer === null) return fail(ErrorCode.SECURITY_DISABLED, 'No Authorizer is configured.')
    const filter = {
      resourceType: req.resourceTypeFilter,
      name: req.resourceNameFilter,
      patternType: req.patternTypeFilter,
      principal: req.principalFilter,
      host: req.hostFilter,
      operation: req.operation,
      permissionType: req.permissionType,
    } as AclBindingFilter
    const invalid = invalidFilter(filter)
    if (invalid !== undefined) return fail(ErrorCode.INVALID_REQUEST, invalid)
    const resources = new Map<string, DescribeAclsResource>()
    for (const b of authorizer.describeAcls(filter)) {
      const p = b.pattern
      const key = JSON.stringify([p.resourceType, p.patternType, p.name])
      let r = resources.get(key)
      if (r === undefined) resources.set(key, (r = { resourceType: p.resourceType, resourceName: p.name, patternType: p.patternType, acls: [] }))
      r.acls.push({ principal: b.entry.principal, host: b.entry.host, operation: b.entry.operation, permissionType: b.entry.permissionType })
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, resources: [...resources.values()] }
  },
})
