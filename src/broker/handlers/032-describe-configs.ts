// DescribeConfigs v0-4: topic and broker configs with their sources, synonyms (v1+), types and
// documentation (v3+). v0 reports isDefault instead of a source.
import { AclOperation, configResourceDenied } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { describeResource } from '../config-resources.js'

export const describeConfigsHandler = defineHandler({
  key: ApiKey.DescribeConfigs,
  minVersion: 0,
  maxVersion: 4,
  async handle(ctx, req) {
    const results = []
    for (const r of req.resources) {
      results.push(
        await (async () => {
          const denied = configResourceDenied(ctx, AclOperation.DESCRIBE_CONFIGS, r.resourceType, r.resourceName)
          if (denied !== undefined) return { errorCode: denied, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName, configs: [] }
          const d = await describeResource(ctx, r.resourceType, r.resourceName, r.configurationKeys)
          if ('errorCode' in d)
            return { errorCode: d.errorCode, errorMessage: d.errorMessage, resourceType: r.resourceType, resourceName: r.resourceName, configs: [] }
          return {
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            resourceType: r.resourceType,
            resourceName: r.resourceName,
            configs: d.configs.map((c) => ({
              name: c.name,
              value: c.isSensitive ? null : c.value,
              readOnly: c.readOnly,
              isDefault: c.isDefault,
              configSource: c.source,
              isSensitive: c.isSensitive,
              synonyms: req.includeSynonyms ? c.synonyms.map((s) => ({ name: s.name, value: c.isSensitive ? null : s.value, source: s.source })) : [],
              configType: c.configType,
              documentation: req.includeDocumentation ? c.documentation : null,
            })),
          }
        })(),
      )
    }
    return { throttleTimeMs: 0, results }
  },
})
