// IncrementalAlterConfigs v0-1: SET, DELETE, APPEND and SUBTRACT on individual topic configs;
// changes apply to open logs at once.
import { AclOperation, configResourceDenied } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { alterResource } from '../config-resources.js'

export const incrementalAlterConfigsHandler = defineHandler({
  key: ApiKey.IncrementalAlterConfigs,
  minVersion: 0,
  maxVersion: 1,
  async handle(ctx, req) {
    const responses = []
    for (const r of req.resources) {
      responses.push(
        await (async () => {
          const denied = configResourceDenied(ctx, AclOperation.ALTER_CONFIGS, r.resourceType, r.resourceName)
          if (denied !== undefined) return { errorCode: denied, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName }
          const names = new Set<string>()
          for (const c of r.configs) {
            if (names.has(c.name)) {
              return {
                errorCode: ErrorCode.INVALID_REQUEST,
                errorMessage: `Error due to duplicate config keys: ${c.name}`,
                resourceType: r.resourceType,
                resourceName: r.resourceName,
              }
            }
            names.add(c.name)
          }
          const changes = r.configs.map((c) => ({ name: c.name, op: c.configOperation, value: c.value }))
          const res = await alterResource(ctx, r.resourceType, r.resourceName, changes, false, req.validateOnly)
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
