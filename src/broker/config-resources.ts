/**
 * Config resources as the config APIs name them (Kafka's ConfigResource.Type) and the shared
 * logic of DescribeConfigs / AlterConfigs / IncrementalAlterConfigs for topics and this broker.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { resolveTopicConfig, validateTopicConfigs } from '../config/topic-config.js'
import { KafkaError } from '../errors.js'
import type { DescribedConfig } from '../config/config-def.js'
import type { BrokerParts } from './handler.js'

/** What the config APIs use of the broker. */
type Parts = Pick<BrokerParts, 'config' | 'metadata' | 'admin'>

export const ResourceType = { UNKNOWN: 0, ANY: 1, TOPIC: 2, GROUP: 3, BROKER: 4, BROKER_LOGGER: 8 } as const

/** IncrementalAlterConfigs operations. */
export const OpType = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const

export interface ResourceError {
  errorCode: number
  errorMessage: string
}

export type Described = { configs: DescribedConfig[] } | ResourceError

export async function describeResource(broker: Parts, type: number, name: string, keys: readonly string[] | null): Promise<Described> {
  if (type === ResourceType.TOPIC) {
    // The stored overrides, as Kafka's ZooKeeper mode reads them from ZooKeeper.
    const overrides = broker.metadata.topic(name) === undefined ? undefined : await broker.admin.topicOverrides(name)
    if (overrides === undefined) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${name} does not exist.` }
    return { configs: resolveTopicConfig(overrides, broker.config).describe(keys) }
  }
  if (type === ResourceType.BROKER) {
    if (name !== '' && name !== String(broker.metadata.nodeId)) {
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unexpected broker id, expected ${broker.metadata.nodeId} or empty string, but received ${name}` }
    }
    return { configs: broker.config.describe(keys) }
  }
  if (type === ResourceType.BROKER_LOGGER) return { configs: [] }
  return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${type}` }
}

/**
 * Computes a topic's new overrides from (name, op, value) changes, validating the result.
 * `replace` is AlterConfigs' semantics: the given set replaces every override.
 */
export async function alterTopicConfigs(
  broker: Parts,
  name: string,
  changes: ReadonlyArray<{ name: string, op: number, value: string | null }>,
  replace: boolean,
  validateOnly: boolean,
): Promise<ResourceError> {
  const overrides = broker.metadata.topic(name) === undefined ? undefined : await broker.admin.topicOverrides(name)
  if (overrides === undefined) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${name} does not exist.` }
  const next: Record<string, string> = replace ? {} : { ...overrides }
  const current = resolveTopicConfig(overrides, broker.config)
  for (const c of changes) {
    switch (c.op) {
      case OpType.SET:
        if (c.value === null) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `Null value not supported for: ${c.name}` }
        next[c.name] = c.value
        break
      case OpType.DELETE:
        delete next[c.name]
        break
      case OpType.APPEND:
      case OpType.SUBTRACT: {
        const existing = current.get(c.name)
        if (existing === undefined) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `Unknown topic config name: ${c.name}` }
        if (!Array.isArray(existing)) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `Config value append is not allowed for config key: ${c.name}` }
        const items = (next[c.name] ?? existing.join(',')).split(',').map((s) => s.trim()).filter((s) => s !== '')
        const given = (c.value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
        const result = c.op === OpType.APPEND ? [...items, ...given.filter((g) => !items.includes(g))] : items.filter((i) => !given.includes(i))
        next[c.name] = result.join(',')
        break
      }
      default:
        return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown config operation ${c.op}` }
    }
  }
  const checked = validateTopicConfigs(next)
  if (!checked.ok) return { errorCode: checked.errorCode, errorMessage: checked.message }
  if (!validateOnly) {
    try {
      await broker.admin.setTopicConfigs(name, next)
    } catch (err) {
      if (err instanceof KafkaError) return { errorCode: err.errorCode, errorMessage: err.message }
      throw err
    }
  }
  return { errorCode: ErrorCode.NONE, errorMessage: '' }
}

export async function alterResource(
  broker: Parts,
  type: number,
  name: string,
  changes: ReadonlyArray<{ name: string, op: number, value: string | null }>,
  replace: boolean,
  validateOnly: boolean,
): Promise<ResourceError> {
  if (type === ResourceType.TOPIC) return alterTopicConfigs(broker, name, changes, replace, validateOnly)
  if (type === ResourceType.BROKER || type === ResourceType.BROKER_LOGGER) {
    // Dynamic broker configs are not kept yet: say so with Kafka's code rather than pretend.
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Dynamic broker config updates are not supported by this broker; set them in server.properties' }
  }
  return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${type}` }
}
