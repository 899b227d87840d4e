// CreateAcls v0-3: adds ACL bindings (an existing one is left as it is). Needs ALTER on the
// cluster; each binding is validated as Kafka's AclControlManager does (INVALID_REQUEST).
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import type { AclBinding } from '../../security/acl.js'

export const createAclsHandler = defineHandler({
  key: ApiKey.CreateAcls,
  minVersion: 0,
  maxVersion: 3,
  async handle(ctx, req) {
    const all = (errorCode: number, errorMessage: string | null) => ({ throttleTimeMs: 0, results: req.creations.map(() => ({ errorCode, errorMessage })) })
    if (!authorizeCluster(ctx, AclOperation.ALTER)) return all(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, null)
    const authorizer = ctx.security.authorizer
    if (authorizer === null) return all(ErrorCode.SECURITY_DISABLED, 'No Authorizer is configured.')
    const bindings = req.creations.map(
      (c) =>
        ({
          pattern: { resourceType: c.resourceType, name: c.resourceName, patternType: c.resourcePatternType },
          entry: { principal: c.principal, host: c.host, operation: c.operation, permissionType: c.permissionType },
        }) as AclBinding,
    )
    const errors = await authorizer.createAcls(bindings)
    ctx.log.info(
      { principal: `${ctx.connection.principal.type}:${ctx.connection.principal.name}`, created: errors.filter((e) => e === undefined).length },
      'ACLs created',
    )
    return {
      throttleTimeMs: 0,
      results: errors.map((e) =>
        e === undefined ? { errorCode: ErrorCode.NONE, errorMessage: null } : { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: e },
      ),
    }
  },
})
