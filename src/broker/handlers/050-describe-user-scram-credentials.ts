// DescribeUserScramCredentials v0: which SCRAM mechanisms each user has credentials for, with
// their iterations (never the keys). Needs DESCRIBE on the cluster.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'

export const describeUserScramCredentialsHandler = defineHandler({
  key: ApiKey.DescribeUserScramCredentials,
  minVersion: 0,
  maxVersion: 0,
  handle(ctx, req) {
    if (!authorizeCluster(ctx, AclOperation.DESCRIBE))
      return { throttleTimeMs: 0, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: null, results: [] }
    const users = ctx.security.entityConfigs.scramUsers()
    if (req.users === null || req.users.length === 0) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        results: [...users].map(([user, credentialInfos]) => ({ user, errorCode: ErrorCode.NONE, errorMessage: null, credentialInfos })),
      }
    }
    const counts = new Map<string, number>()
    for (const u of req.users) counts.set(u.name, (counts.get(u.name) ?? 0) + 1)
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      results: [...counts].map(([user, n]) => {
        if (n > 1)
          return {
            user,
            errorCode: ErrorCode.DUPLICATE_RESOURCE,
            errorMessage: 'Cannot describe SCRAM credentials for the same user twice in a single request',
            credentialInfos: [],
          }
        const infos = users.get(user)
        if (infos === undefined)
          return {
            user,
            errorCode: ErrorCode.RESOURCE_NOT_FOUND,
            errorMessage: 'Attempt to describe a user credential that does not exist',
            credentialInfos: [],
          }
        return { user, errorCode: ErrorCode.NONE, errorMessage: null, credentialInfos: infos }
      }),
    }
  },
})
