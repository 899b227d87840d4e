// DescribeClientQuotas v0-1: the quotas of user and client-id entities matching the filter
// components (EXACT name, DEFAULT entity, ANY), strictly or not, as Kafka's ClientQuotaControlManager.
// Needs DESCRIBE_CONFIGS on the cluster.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import type { QuotaEntity } from '../../security/entity-configs.js'

const EXACT = 0
const DEFAULT = 1
const ANY = 2

export const describeClientQuotasHandler = defineHandler({
  key: ApiKey.DescribeClientQuotas,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const fail = (errorCode: number, errorMessage: string | null) => ({ throttleTimeMs: 0, errorCode, errorMessage, entries: null })
    if (!authorizeCluster(ctx, AclOperation.DESCRIBE_CONFIGS)) return fail(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, null)
    const seen = new Set<string>()
    for (const c of req.components) {
      if (seen.has(c.entityType)) return fail(ErrorCode.INVALID_REQUEST, `Duplicate ${c.entityType} entity type in the filter`)
      seen.add(c.entityType)
      if (c.entityType !== 'user' && c.entityType !== 'client-id' && c.entityType !== 'ip')
        return fail(ErrorCode.INVALID_REQUEST, `Custom entity type ${c.entityType} not supported`)
      if (c.matchType === EXACT && c.match === null) return fail(ErrorCode.INVALID_REQUEST, 'Exact match requires a name')
      if (c.matchType !== EXACT && c.matchType !== DEFAULT && c.matchType !== ANY) return fail(ErrorCode.INVALID_REQUEST, `Unknown match type ${c.matchType}`)
    }
    const names = (e: QuotaEntity): Map<string, string | null> => {
      const m = new Map<string, string | null>()
      if (e.user !== undefined) m.set('user', e.user)
      if (e.clientId !== undefined) m.set('client-id', e.clientId)
      return m
    }
    const entries = []
    for (const { entity, values } of ctx.security.entityConfigs.quotaEntries()) {
      const n = names(entity)
      const matches = req.components.every((c) => {
        if (!n.has(c.entityType)) return false
        const name = n.get(c.entityType)!
        return c.matchType === ANY || (c.matchType === DEFAULT ? name === null : name === c.match)
      })
      if (!matches || (req.strict && n.size !== req.components.length)) continue
      entries.push({
        entity: [...n].map(([entityType, entityName]) => ({ entityType, entityName })),
        values: [...values].map(([key, value]) => ({ key, value })),
      })
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, entries }
  },
})
