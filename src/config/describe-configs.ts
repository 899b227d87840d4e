// DescribeConfigs entries by Kafka's rules (ConfigHelper): which configs a resource lists, each
// one's value, source, synonyms (and their order), read-only flag, type and documentation, and the
// configs a CreateTopics response carries (the controller's KafkaConfigSchema rule).
import { CONFIG_TYPE_ID, ConfigSource, ConfigType, formatValue, type ConfigSynonym, type DescribedConfig } from './config-def.js'
import { BROKER_CONFIG_NAMES, brokerConfigAliases, brokerConfigKey, brokerConfigSynonyms, canonicalBrokerName } from './broker-config-defs.js'
import { LAYER_SOURCE, type BrokerConfig, type ConfigLayer } from './broker-config.js'
import { TOPIC_CONFIG_NAMES, brokerTopicDefault, topicConfigKey, type ResolvedTopicConfig, type TopicConfigName } from './topic-config.js'
import { GROUP_CONFIG_NAMES, groupConfigKey, type ResolvedGroupConfig } from './group-resource-configs.js'

/** Kafka's rule for which configs a resource lists: null or an empty key list means all. */
function wanted(all: readonly string[], keys: readonly string[] | null | undefined): string[] {
  if (keys == null || keys.length === 0) return [...all]
  return all.filter((n) => keys.includes(n))
}

/**
 * The broker-level synonyms of a config in Kafka's order (ConfigHelper.configSynonyms): layer by
 * layer (dynamic broker, dynamic default, static, default), within a layer in the synonyms'
 * priority order; then everything before the first entry for `name` itself is dropped (describing
 * log.retention.hours leaves out a log.retention.ms that overrides it).
 */
function configSynonyms(
  broker: BrokerConfig,
  name: string,
  synonyms: readonly string[],
  sensitive: boolean,
  layers: readonly ConfigLayer[] = ['dynamicBroker', 'dynamicDefault', 'static', 'default'],
): ConfigSynonym[] {
  const out: ConfigSynonym[] = []
  for (const layer of layers) {
    for (const s of synonyms) {
      const v = broker.layerValue(layer, s)
      if (v !== undefined) out.push({ name: s, value: sensitive ? null : v, source: LAYER_SOURCE[layer] })
    }
  }
  const first = out.findIndex((s) => s.name === name)
  return first === -1 ? [] : out.slice(first)
}

/**
 * A broker resource. `perBroker` (the resource names this broker) lists every config with its
 * effective value, including names the static config sets that are not known configs; the
 * cluster default resource (an empty name) lists only the dynamic cluster defaults, with only
 * their DYNAMIC_DEFAULT_BROKER_CONFIG synonyms. Read-only is Kafka 4's update mode.
 */
export function describeBrokerConfigs(broker: BrokerConfig, perBroker: boolean, keys?: readonly string[] | null): DescribedConfig[] {
  const aliases = brokerConfigAliases()
  const all = perBroker
    ? [...new Set([...BROKER_CONFIG_NAMES.filter((n) => !brokerConfigKey(n)!.internal), ...aliases.keys(), ...broker.unknown])].sort()
    : broker.layerNames('dynamicDefault').sort()
  return wanted(all, keys).map((name) => {
    const k = brokerConfigKey(name)
    const sensitive = k?.sensitive ?? false
    let synonyms = configSynonyms(
      broker,
      name,
      brokerConfigSynonyms(canonicalBrokerName(name) ?? name).map((s) => (s === canonicalBrokerName(name) ? name : s)),
      sensitive,
    )
    if (!perBroker) synonyms = synonyms.filter((s) => s.source === ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG)
    const source = synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG
    const value = perBroker
      ? k === undefined
        ? (broker.layerValue('static', name) ?? null)
        : formatValue(k.type, broker.get(canonicalBrokerName(name)!))
      : (broker.layerValue('dynamicDefault', name) ?? null)
    return {
      name,
      value: sensitive ? null : value,
      readOnly: k === undefined || k.mode === 'read-only',
      isDefault: source === ConfigSource.DEFAULT_CONFIG,
      source,
      isSensitive: sensitive,
      synonyms,
      configType: k === undefined ? ConfigType.UNKNOWN : CONFIG_TYPE_ID[k.type],
      documentation: k?.doc ?? null,
    }
  })
}

/**
 * A topic resource (ConfigHelper.createTopicConfigEntry): every topic config with its effective
 * value; its synonyms are the topic's own setting (DYNAMIC_TOPIC_CONFIG), then the broker-level
 * synonyms of its first broker synonym by the rule above, and the first of them is the source.
 * So retention.ms, when only log.retention.hours is set, has no synonyms and reports
 * DEFAULT_CONFIG, as Kafka does.
 */
export function describeTopicConfigs(topic: ResolvedTopicConfig, keys?: readonly string[] | null): DescribedConfig[] {
  return wanted(TOPIC_CONFIG_NAMES, keys).map((name) => {
    const k = topicConfigKey(name)!
    const value = formatValue(k.type, topic.get(name)!)
    const primary = k.synonyms[0]?.name
    const synonyms = primary === undefined ? [] : configSynonyms(topic.broker, primary, brokerConfigSynonyms(primary), k.sensitive)
    const own = topic.overrides.get(name as TopicConfigName)
    if (own !== undefined) synonyms.unshift({ name, value: k.sensitive ? null : value, source: ConfigSource.DYNAMIC_TOPIC_CONFIG })
    const source = synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG
    return {
      name,
      value: k.sensitive ? null : value,
      readOnly: false,
      isDefault: source === ConfigSource.DEFAULT_CONFIG,
      source,
      isSensitive: k.sensitive,
      synonyms,
      configType: CONFIG_TYPE_ID[k.type],
      documentation: k.doc,
    }
  })
}

/**
 * The configs of a topic as CreateTopics answers (v5+), by the controller's rule
 * (KafkaConfigSchema.resolveEffectiveTopicConfig): the topic's own setting, else the first
 * broker synonym set in the dynamic broker layer, then the dynamic default, then the static
 * config, each converted to the topic's unit, else the default. Unlike DescribeConfigs, a value
 * that comes from log.retention.hours says so (STATIC_BROKER_CONFIG).
 */
export function newTopicConfigs(topic: ResolvedTopicConfig): Array<Pick<DescribedConfig, 'name' | 'value' | 'readOnly' | 'source' | 'isSensitive'>> {
  return TOPIC_CONFIG_NAMES.map((name) => {
    const k = topicConfigKey(name)!
    let source: ConfigSource = ConfigSource.DEFAULT_CONFIG
    let value = topic.overrides.has(name) ? topic.get(name)! : k.default
    if (topic.overrides.has(name)) source = ConfigSource.DYNAMIC_TOPIC_CONFIG
    else {
      search: for (const layer of ['dynamicBroker', 'dynamicDefault', 'static'] as const) {
        for (const s of k.synonyms) {
          if (topic.broker.layerValue(layer, s.name) !== undefined) {
            source = LAYER_SOURCE[layer]
            value = brokerTopicDefault(name, topic.broker)
            break search
          }
        }
      }
    }
    return { name, value: k.sensitive ? null : formatValue(k.type, value), readOnly: false, source, isSensitive: k.sensitive }
  })
}

/**
 * A group resource (KIP-848; ConfigHelper.createGroupConfigEntry): every group config with its
 * value; its one synonym is itself, GROUP_CONFIG when the group sets it, else DEFAULT_CONFIG (the
 * default being the broker's group.consumer.* value).
 */
export function describeGroupConfigs(group: ResolvedGroupConfig, keys?: readonly string[] | null): DescribedConfig[] {
  return wanted(GROUP_CONFIG_NAMES, keys).map((name) => {
    const k = groupConfigKey(name)!
    const value = formatValue(k.type, group.get(name)!)
    const source = group.overrides.has(name) ? ConfigSource.GROUP_CONFIG : ConfigSource.DEFAULT_CONFIG
    return {
      name,
      value,
      readOnly: false,
      isDefault: source === ConfigSource.DEFAULT_CONFIG,
      source,
      isSensitive: false,
      synonyms: [{ name, value, source }],
      configType: CONFIG_TYPE_ID[k.type],
      documentation: k.doc,
    }
  })
}
