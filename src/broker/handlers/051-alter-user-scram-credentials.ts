// AlterUserScramCredentials v0: upserts (from a salted password, as the client sends it) and
// deletes SCRAM credentials; one result per user. Needs ALTER on the cluster.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'

export const alterUserScramCredentialsHandler = defineHandler({
  key: ApiKey.AlterUserScramCredentials,
  minVersion: 0,
  maxVersion: 0,
  async handle(ctx, req) {
    if (!authorizeCluster(ctx, AclOperation.ALTER)) {
      const users = [...new Set([...req.deletions.map((d) => d.name), ...req.upsertions.map((u) => u.name)])]
      return { throttleTimeMs: 0, results: users.map((user) => ({ user, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: null })) }
    }
    const results = await ctx.security.entityConfigs.alterScram(req.deletions, req.upsertions)
    return { throttleTimeMs: 0, results }
  },
})
