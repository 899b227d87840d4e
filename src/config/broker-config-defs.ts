// The broker config table: every broker setting Samsa knows, by Kafka name, gathered from the
// tables of each area. The types of `BrokerConfig.get()` and `BrokerConfig.values` follow from it.
import type { ConfigKey, ValueOf } from './config-key.js'
import { SERVER_CONFIGS } from './server-configs.js'
import { LOG_CONFIGS } from './log-configs.js'
import { REPLICATION_CONFIGS } from './replication-configs.js'
import { GROUP_COORDINATOR_CONFIGS } from './group-configs.js'
import { TRANSACTION_CONFIGS } from './transaction-configs.js'
import { SECURITY_CONFIGS } from './security-configs.js'

export const BROKER_CONFIGS = {
  ...SERVER_CONFIGS,
  ...LOG_CONFIGS,
  ...REPLICATION_CONFIGS,
  ...GROUP_COORDINATOR_CONFIGS,
  ...TRANSACTION_CONFIGS,
  ...SECURITY_CONFIGS,
}

export type BrokerConfigName = keyof typeof BROKER_CONFIGS
export type BrokerValue<N extends BrokerConfigName> = ValueOf<(typeof BROKER_CONFIGS)[N]>

const KEYS: ReadonlyMap<string, ConfigKey> = new Map(Object.entries(BROKER_CONFIGS) as Array<[string, ConfigKey]>)
const ALIASES = new Map<string, BrokerConfigName>()
for (const [name, k] of KEYS) for (const a of k.aliases) ALIASES.set(a, name as BrokerConfigName)

/** Every broker config name, in table order. */
export const BROKER_CONFIG_NAMES = [...KEYS.keys()] as BrokerConfigName[]

/** The canonical name of a broker config given by its name or an alias (broker.id -> node.id). */
export function canonicalBrokerName(name: string): BrokerConfigName | undefined {
  if (KEYS.has(name)) return name as BrokerConfigName
  return ALIASES.get(name)
}

export function brokerConfigKey(name: string): ConfigKey | undefined {
  const canonical = canonicalBrokerName(name)
  return canonical === undefined ? undefined : KEYS.get(canonical)
}

/** Names that are aliases of a config, with the config they stand for. */
export function brokerConfigAliases(): ReadonlyMap<string, BrokerConfigName> {
  return ALIASES
}

/**
 * The broker configs that set the same value as `name`, highest priority first (Kafka's
 * DynamicBrokerConfig.brokerConfigSynonyms): the ms/minutes/hours forms of retention and roll
 * times, and log.flush.interval.ms with the scheduler interval it falls back to. Any other config
 * is its own only synonym.
 */
export function brokerConfigSynonyms(name: string): string[] {
  switch (name) {
    case 'log.roll.ms':
    case 'log.roll.hours':
      return ['log.roll.ms', 'log.roll.hours']
    case 'log.roll.jitter.ms':
    case 'log.roll.jitter.hours':
      return ['log.roll.jitter.ms', 'log.roll.jitter.hours']
    case 'log.flush.interval.ms':
      return ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms']
    case 'log.retention.ms':
    case 'log.retention.minutes':
    case 'log.retention.hours':
      return ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours']
    default:
      return [name]
  }
}
