// The configs of one consumer group (KIP-848, Kafka's GroupConfig): what DescribeConfigs and
// IncrementalAlterConfigs carry for a GROUP resource (type 32). Each falls back to the broker's
// group.consumer.* config. A group's own settings are stored by the cluster (ZooKeeper's
// /config/groups, a single node's configs.json) and used by its coordinator.
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { atLeast, parseValue, type ConfigValue } from './config-def.js'
import { int, type ConfigKey, type ValuesOf } from './config-key.js'
import type { BrokerConfigName } from './broker-config-defs.js'
import type { BrokerConfig } from './broker-config.js'

export interface GroupKey<T extends ConfigValue = ConfigValue> extends ConfigKey<T> {
  /** The broker config that gives the default. */
  readonly brokerDefault: BrokerConfigName
}

const groupKey = <T extends ConfigValue>(k: ConfigKey<T>, brokerDefault: BrokerConfigName): GroupKey<NonNullable<T>> =>
  ({ ...k, brokerDefault }) as GroupKey<NonNullable<T>>

const GROUP_CONFIGS = {
  'consumer.heartbeat.interval.ms': groupKey(
    int(null, 'The heartbeat interval given to the members of a consumer group.', { validate: atLeast(1) }),
    'group.consumer.heartbeat.interval.ms',
  ),
  'consumer.session.timeout.ms': groupKey(
    int(null, 'The timeout to detect client failures when using the consumer group protocol.', { validate: atLeast(1) }),
    'group.consumer.session.timeout.ms',
  ),
}

export type GroupConfigName = keyof typeof GROUP_CONFIGS
export type GroupConfigValues = ValuesOf<typeof GROUP_CONFIGS>

const KEYS: ReadonlyMap<string, GroupKey> = new Map(Object.entries(GROUP_CONFIGS) as Array<[string, GroupKey]>)
export const GROUP_CONFIG_NAMES = [...KEYS.keys()] as GroupConfigName[]

export function groupConfigKey(name: string): GroupKey | undefined {
  return KEYS.get(name)
}

export interface ResolvedGroupConfig {
  readonly overrides: ReadonlyMap<string, ConfigValue>
  get(name: string): ConfigValue | undefined
}

/**
 * Checks a group's settings as Kafka's GroupConfig.validate does: known names, valid values, the
 * heartbeat interval and session timeout within the broker's group.consumer.min/max bounds, and
 * the session timeout above the heartbeat interval.
 */
export function validateGroupConfigs(
  input: Readonly<Record<string, string>>,
  broker: BrokerConfig,
): { ok: true; values: Map<string, ConfigValue> } | { ok: false; errorCode: number; message: string } {
  const invalid = (message: string) => ({ ok: false as const, errorCode: ErrorCode.INVALID_CONFIG, message })
  const values = new Map<string, ConfigValue>()
  for (const [name, raw] of Object.entries(input)) {
    const k = KEYS.get(name)
    if (k === undefined) return invalid(`Unknown group config name: ${name}`)
    let value: ConfigValue
    try {
      value = parseValue(k.type, raw)
    } catch (err) {
      return invalid(`Invalid value ${raw} for configuration ${name}: ${(err as Error).message}`)
    }
    const reason = k.validate?.(value)
    if (reason !== undefined) return invalid(`Invalid value ${raw} for configuration ${name}: ${reason}`)
    values.set(name, value)
  }
  const v = (name: GroupConfigName): number => (values.get(name) as number | undefined) ?? (broker.get(GROUP_CONFIGS[name].brokerDefault) as number)
  const heartbeat = v('consumer.heartbeat.interval.ms')
  const session = v('consumer.session.timeout.ms')
  if (heartbeat < broker.get('group.consumer.min.heartbeat.interval.ms'))
    return invalid('consumer.heartbeat.interval.ms must be greater than or equal to group.consumer.min.heartbeat.interval.ms')
  if (heartbeat > broker.get('group.consumer.max.heartbeat.interval.ms'))
    return invalid('consumer.heartbeat.interval.ms must be less than or equal to group.consumer.max.heartbeat.interval.ms')
  if (session < broker.get('group.consumer.min.session.timeout.ms'))
    return invalid('consumer.session.timeout.ms must be greater than or equal to group.consumer.min.session.timeout.ms')
  if (session > broker.get('group.consumer.max.session.timeout.ms'))
    return invalid('consumer.session.timeout.ms must be less than or equal to group.consumer.max.session.timeout.ms')
  if (session <= heartbeat) return invalid('consumer.session.timeout.ms must be greater than consumer.heartbeat.interval.ms')
  return { ok: true, values }
}

/** A group's configs: its own settings, else the broker's group.consumer.* values. */
export function resolveGroupConfig(overrides: ReadonlyMap<string, ConfigValue>, broker: BrokerConfig): ResolvedGroupConfig {
  return {
    overrides,
    get(name) {
      const k = KEYS.get(name)
      if (k === undefined) return undefined
      return overrides.get(name) ?? broker.get(k.brokerDefault)
    },
  }
}
