// DeleteAcls v0-3: removes the bindings matching each filter and returns them. Needs ALTER on
// the cluster; SECURITY_DISABLED without an authorizer.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { invalidFilter, type AclBindingFilter } from '../../security/acl.js'

export const deleteAclsHandler = defineHandler({
  key: ApiKey.DeleteAcls,
  minVersion: 0,
  maxVersion: 3,
  async handle(ctx, req) {
    const all = (errorCode: number, errorMessage: string | null) => ({
      throttleTimeMs: 0,
      filterResults: req.filters.map(() => ({ errorCode, errorMessage, matchingAcls: [] })),
    })
    if (!authorizeCluster(ctx, AclOperation.ALTER)) return all(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, null)
    const authorizer = ctx.security.authorizer
    if (authorizer === null) return all(ErrorCode.SECURITY_DISABLED, 'No Authorizer is configured.')
    const filters = req.filters.map(
      (f) =>
        ({
          resourceType: f.resourceTypeFilter,
          name: f.resourceNameFilter,
          patternType: f.patternTypeFilter,
          principal: f.principalFilter,
          host: f.hostFilter,
          operation: f.operation,
          permissionType: f.permissionType,
        }) as AclBindingFilter,
    )
    const invalid = filters.map(invalidFilter)
    const deleted = await authorizer.deleteAcls(filters.filter((_, i) => invalid[i] === undefined))
    let next = 0
    return {
      throttleTimeMs: 0,
      filterResults: filters.map((_, i) => {
        if (invalid[i] !== undefined) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: invalid[i], matchingAcls: [] }
        return {
          errorCode: ErrorCode.NONE,
          errorMessage: null,
          matchingAcls: deleted[next++]!.map((b) => ({
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            resourceType: b.pattern.resourceType,
            resourceName: b.pattern.name,
            patternType: b.pattern.patternType,
            principal: b.entry.principal,
            host: b.entry.host,
            operation: b.entry.operation,
            permissionType: b.entry.permissionType,
          })),
        }
      }),
    }
  },
})
