/**
 * Config resources as the config APIs name them (Kafka's ConfigResource.Type) and the shared
 * logic of DescribeConfigs / AlterConfigs / IncrementalAlterConfigs for topics, this broker and
 * groups, following Kafka's ConfigHelper and ConfigAdminManager.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { ConfigError, parseValue, type ConfigValue, type DescribedConfig } from '../config/config-def.js'
import { resolveTopicConfig, topicConfigKey, validateTopicConfigs } from '../config/topic-config.js'
import { KafkaError } from '../errors.js'
import { brokerConfigKey } from '../config/broker-config-defs.js'
import { groupConfigKey, resolveGroupConfig, validateGroupConfigs } from '../config/group-resource-configs.js'
import { describeBrokerConfigs, describeGroupConfigs, describeTopicConfigs } from '../config/describe-configs.js'
import type { BrokerParts } from './handler.js'

/** What the config APIs use of the broker. */
type Parts = Pick<BrokerParts, 'config' | 'metadata' | 'admin'>

/** The dynamic config entity of the cluster-wide default (ZooKeeper's /config/brokers/<default>). */
const DEFAULT_BROKER_ENTITY = '<default>'

/** Kafka's ConfigResource.Type ids. */
const ResourceType = { UNKNOWN: 0, TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8, CLIENT_METRICS: 16, GROUP: 32 } as const

/** IncrementalAlterConfigs operations. */
export const OpType = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const

export interface ResourceError {
  errorCode: number
  errorMessage: string
}

export type Described = { configs: DescribedConfig[] } | ResourceError

const invalidRequest = (errorMessage: string): ResourceError => ({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage })

/** A broker resource name: '' is the cluster default; otherwise it must be this broker's id. */
function brokerResource(broker: Parts, name: string): 'default' | 'broker' | ResourceError {
  if (name === '') return 'default'
  if (!/^-?\d+$/.test(name)) return invalidRequest(`Broker id must be an integer, but it is: ${name}`)
  if (Number(name) !== broker.metadata.nodeId)
    return invalidRequest(`Unexpected broker id, expected ${broker.metadata.nodeId} or empty string, but received ${name}`)
  return 'broker'
}

/** The stored overrides of a topic, as Kafka's ZooKeeper mode reads them from ZooKeeper; undefined when there is no such topic. */
async function topicOverrides(broker: Parts, name: string): Promise<Record<string, string> | undefined> {
  return broker.metadata.topic(name) === undefined ? undefined : broker.admin.topicOverrides(name)
}

/** One resource of a DescribeConfigs request; null or empty `keys` means every config. */
export async function describeResource(broker: Parts, type: number, name: string, keys: readonly string[] | null): Promise<Described> {
  switch (type) {
    case ResourceType.TOPIC: {
      const overrides = await topicOverrides(broker, name)
      if (overrides === undefined) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${name} does not exist.` }
      return { configs: describeTopicConfigs(resolveTopicConfig(overrides, broker.config), keys) }
    }
    case ResourceType.BROKER: {
      const r = brokerResource(broker, name)
      if (typeof r !== 'string') return r
      return { configs: describeBrokerConfigs(broker.config, r === 'broker', keys) }
    }
    case ResourceType.BROKER_LOGGER: {
      if (name === '') return invalidRequest('Broker id must not be empty')
      const r = brokerResource(broker, name)
      return typeof r === 'string' ? { configs: [] } : r
    }
    case ResourceType.GROUP: {
      if (name === '') return invalidRequest('Group name must not be empty')
      return { configs: describeGroupConfigs(resolveGroupConfig(parseGroupConfigs(await broker.admin.groupConfigs(name)), broker.config), keys) }
    }
    default:
      return invalidRequest(`Unsupported resource type: ${type}`)
  }
}

type Change = { name: string; op: number; value: string | null }

/**
 * Applies (name, op, value) changes to a set of string settings. `replace` is AlterConfigs'
 * semantics: the given set replaces every setting. APPEND and SUBTRACT work on list configs.
 */
function applyChanges(
  kind: string,
  current: Readonly<Record<string, string>>,
  changes: readonly Change[],
  replace: boolean,
  listValue: (name: string) => string[] | 'unknown' | undefined,
): { configs: Record<string, string> } | ResourceError {
  const next: Record<string, string> = replace ? {} : { ...current }
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
        const existing = listValue(c.name)
        if (existing === 'unknown') return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `Unknown ${kind} config name: ${c.name}` }
        if (existing === undefined) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: `Config value append is not allowed for config key: ${c.name}` }
        const items =
          next[c.name] !== undefined
            ? next[c.name]!.split(',')
                .map((s) => s.trim())
                .filter((s) => s !== '')
            : existing
        const given = (c.value ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
        const result = c.op === OpType.APPEND ? [...items, ...given.filter((g) => !items.includes(g))] : items.filter((i) => !given.includes(i))
        next[c.name] = result.join(',')
        break
      }
      default:
        return invalidRequest(`Unknown config operation ${c.op}`)
    }
  }
  return { configs: next }
}

/** Computes a topic's new settings from the changes, validates them and (unless validateOnly) records them. */
async function alterTopicConfigs(broker: Parts, name: string, changes: readonly Change[], replace: boolean, validateOnly: boolean): Promise<ResourceError> {
  const overrides = await topicOverrides(broker, name)
  if (overrides === undefined) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${name} does not exist.` }
  const current = resolveTopicConfig(overrides, broker.config)
  const listValue = (config: string): string[] | 'unknown' | undefined => {
    const k = topicConfigKey(config)
    if (k === undefined) return 'unknown'
    const v = current.get(config)
    return k.type === 'list' && Array.isArray(v) ? v : undefined
  }
  const next = applyChanges('topic', overrides, changes, replace, listValue)
  if (!('configs' in next)) return next
  const checked = validateTopicConfigs(next.configs)
  if (!checked.ok) return { errorCode: checked.errorCode, errorMessage: checked.message }
  if (!validateOnly) {
    try {
      await broker.admin.setTopicConfigs(name, next.configs)
    } catch (err) {
      if (err instanceof KafkaError) return { errorCode: err.errorCode, errorMessage: err.message }
      throw err
    }
  }
  return { errorCode: ErrorCode.NONE, errorMessage: '' }
}

/**
 * Dynamic broker configs are validated as Kafka does (known, dynamic, per-broker ones only for a
 * broker, valid values), then stored where they survive a restart: in ZooKeeper mode in
 * /config/brokers/<id> or /config/brokers/<default>, with a change notification every broker
 * applies (Kafka's ZkAdminManager.alterConfigs); a single node in its metadata store
 * (configs.json), applied once written.
 */
async function alterBrokerConfigs(broker: Parts, name: string, changes: readonly Change[], replace: boolean, validateOnly: boolean): Promise<ResourceError> {
  const scope = brokerResource(broker, name)
  if (typeof scope !== 'string') return scope
  const listValue = (config: string): string[] | 'unknown' | undefined => {
    const k = brokerConfigKey(config)
    if (k === undefined) return 'unknown'
    if (k.type !== 'list') return undefined
    return (
      broker.config.layerValue(scope === 'broker' ? 'dynamicBroker' : 'dynamicDefault', config) ??
      broker.config.layerValue('static', config) ??
      broker.config.layerValue('default', config) ??
      ''
    )
      .split(',')
      .filter((x) => x !== '')
  }
  const next = applyChanges('broker', broker.config.dynamicConfigs(scope), changes, replace, listValue)
  if (!('configs' in next)) return next
  try {
    broker.config.validateDynamic(scope, next.configs)
  } catch (err) {
    if (err instanceof ConfigError) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: err.message }
    throw err
  }
  if (validateOnly) return { errorCode: ErrorCode.NONE, errorMessage: '' }
  try {
    await broker.admin.setBrokerConfigs(scope === 'broker' ? String(broker.metadata.nodeId) : DEFAULT_BROKER_ENTITY, next.configs)
  } catch (err) {
    if (err instanceof KafkaError) return { errorCode: err.errorCode, errorMessage: err.message }
    throw err
  }
  return { errorCode: ErrorCode.NONE, errorMessage: '' }
}

/** A group's stored configs as values; a name or value this broker cannot read is left out. */
function parseGroupConfigs(stored: Readonly<Record<string, string>>): Map<string, ConfigValue> {
  const out = new Map<string, ConfigValue>()
  for (const [name, raw] of Object.entries(stored)) {
    const k = groupConfigKey(name)
    if (k === undefined) continue
    try {
      out.set(name, parseValue(k.type, raw))
    } catch {}
  }
  return out
}

/**
 * Group configs (KIP-848) are validated as Kafka's GroupConfig does (against the broker's
 * group.consumer.min/max bounds), then stored (ZooKeeper's /config/groups, a single node's
 * configs.json) and applied by the group coordinator from each member's next heartbeat. As in
 * Kafka, a group needs not exist to have configs.
 */
async function alterGroupConfigs(broker: Parts, name: string, changes: readonly Change[], replace: boolean, validateOnly: boolean): Promise<ResourceError> {
  if (name === '') return invalidRequest('Group name must not be empty')
  const current = await broker.admin.groupConfigs(name)
  const next = applyChanges('group', current, changes, replace, (config) => (groupConfigKey(config) === undefined ? 'unknown' : undefined))
  if (!('configs' in next)) return next
  const checked = validateGroupConfigs(next.configs, broker.config)
  if (!checked.ok) return { errorCode: checked.errorCode, errorMessage: checked.message }
  if (validateOnly) return { errorCode: ErrorCode.NONE, errorMessage: '' }
  try {
    await broker.admin.setGroupConfigs(name, next.configs)
  } catch (err) {
    if (err instanceof KafkaError) return { errorCode: err.errorCode, errorMessage: err.message }
    throw err
  }
  return { errorCode: ErrorCode.NONE, errorMessage: '' }
}

export async function alterResource(
  broker: Parts,
  type: number,
  name: string,
  changes: readonly Change[],
  replace: boolean,
  validateOnly: boolean,
): Promise<ResourceError> {
  switch (type) {
    case ResourceType.TOPIC:
      return alterTopicConfigs(broker, name, changes, replace, validateOnly)
    case ResourceType.BROKER:
      return alterBrokerConfigs(broker, name, changes, replace, validateOnly)
    case ResourceType.BROKER_LOGGER:
      return invalidRequest('Broker logger levels cannot be changed through the config APIs yet')
    case ResourceType.GROUP:
      return alterGroupConfigs(broker, name, changes, replace, validateOnly)
    default:
      return invalidRequest(`Unsupported resource type: ${type}`)
  }
}
