// AlterClientQuotas v0-1: sets or removes producer_byte_rate, consumer_byte_rate,
// request_percentage and controller_mutation_rate of user and client-id entities (a null name is
// the default entity), validated as Kafka's ClientQuotaControlManager. Needs ALTER_CONFIGS on the cluster.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { QUOTA_KEYS, type QuotaEntity, type QuotaKey } from '../../security/entity-configs.js'

/** Kafka's QuotaConfigs: the byte rates are longs, the others doubles. */
const WHOLE: ReadonlySet<string> = new Set(['producer_byte_rate', 'consumer_byte_rate'])

export const alterClientQuotasHandler = defineHandler({
  key: ApiKey.AlterClientQuotas,
  minVersion: 0,
  maxVersion: 1,
  async handle(ctx, req) {
    const allowed = authorizeCluster(ctx, AclOperation.ALTER_CONFIGS)
    const results = []
    const changes: Array<{ entity: QuotaEntity; ops: Array<{ key: QuotaKey; value: number | null }> }> = []
    for (const e of req.entries) {
      const result = (errorCode: number, errorMessage: string | null) => ({
        errorCode,
        errorMessage,
        entity: e.entity.map((x) => ({ entityType: x.entityType, entityName: x.entityName })),
      })
      if (!allowed) {
        results.push(result(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, null))
        continue
      }
      const entity: QuotaEntity = {}
      let invalid: string | null = null
      for (const x of e.entity) {
        if (x.entityType === 'user' && entity.user === undefined) entity.user = x.entityName
        else if (x.entityType === 'client-id' && entity.clientId === undefined) entity.clientId = x.entityName
        else if (x.entityType === 'ip') invalid = 'ip quotas are not supported'
        else invalid = `Invalid entity type ${x.entityType}`
      }
      if (invalid === null && entity.user === undefined && entity.clientId === undefined) invalid = 'Invalid empty client quota entity'
      const ops: Array<{ key: QuotaKey; value: number | null }> = []
      const keys = new Set<string>()
      for (const op of e.ops) {
        if (invalid !== null) break
        if (!(QUOTA_KEYS as readonly string[]).includes(op.key)) invalid = `Invalid configuration key ${op.key}`
        else if (keys.has(op.key)) invalid = `Duplicate quota key ${op.key}`
        else if (!op.remove && !(op.value > 0)) invalid = `Quota ${op.key} must be positive, not ${op.value}`
        else if (!op.remove && WHOLE.has(op.key) && !Number.isInteger(op.value)) invalid = `${op.key} must be a whole number, not ${op.value}`
        keys.add(op.key)
        ops.push({ key: op.key as QuotaKey, value: op.remove ? null : op.value })
      }
      if (invalid !== null) {
        results.push(result(ErrorCode.INVALID_REQUEST, invalid))
        continue
      }
      changes.push({ entity, ops })
      results.push(result(ErrorCode.NONE, null))
    }
    if (!req.validateOnly && changes.length > 0) await ctx.security.entityConfigs.alterQuotas(changes)
    return { throttleTimeMs: 0, entries: results }
  },
})
