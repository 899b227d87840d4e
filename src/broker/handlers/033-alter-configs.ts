// AlterConfigs v0-2: replaces a topic's whole set of overrides (the legacy, non-incremental API).
import { AclOperation, configResourceDenied } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { alterResource, OpType } from '../config-resources.js'

export const alterConfigsHandler = defineHandler({
  key: ApiKey.AlterConfigs,
  minVersion: 0,
  maxVersion: 2,
  async handle(ctx, req) {
    const responses = []
    for (const r of req.resources) {
      responses.push(
        await (async () => {
          const denied = configResourceDenied(ctx, AclOperation.ALTER_CONFIGS, r.resourceType, r.resourceName)
          if (denied !== undefined) return { errorCode: denied, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName }
          const changes = r.configs.map((c) => ({ name: c.name, op: c.value === null ? OpType.DELETE : OpType.SET, value: c.value }))
          const res = await alterResource(ctx, r.resourceType, r.resourceName, changes, true, req.validateOnly)
          return {
            errorCode: res.errorCode,
            errorMessage: res.errorMessage === '' ? null : res.errorMessage,
            resourceType: r.resourceType,
            resourceName: r.resourceName,
          }
        })(),
      )
    }
    return { throttleTimeMs: 0, responses }
  },
})
