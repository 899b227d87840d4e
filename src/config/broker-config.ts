// A broker's configuration in Kafka's layers, highest precedence first: the dynamic config of
// this broker (DYNAMIC_BROKER_CONFIG), the dynamic cluster default `<default>`
// (DYNAMIC_DEFAULT_BROKER_CONFIG), the static config it started with (STATIC_BROKER_CONFIG: file,
// environment, flags, overrides) and the defaults (DEFAULT_CONFIG). Each config takes its value
// from the highest layer that has it; synonyms (log.retention.ms > minutes > hours) are resolved
// over those values by whoever needs them (the topic config, Kafka's LogConfig). Dynamic layers
// are replaced whole, as Kafka stores them (ZooKeeper /config/brokers/<id> and
// /config/brokers/<default>); listeners hear which configs changed.
import { CONFIG_TYPE_ID, ConfigError, ConfigSource, formatValue, parseValue, type ConfigValue } from './config-def.js'
import { camelCase, type CamelCase, type ConfigKey } from './config-key.js'
import { BROKER_CONFIG_NAMES, brokerConfigKey, canonicalBrokerName, type BrokerConfigName, type BrokerValue } from './broker-config-defs.js'
import { isListenerPrefixedConfig, resolveListeners, splitList, type Listener } from './listeners.js'

export type { Listener }

/** Where a static value came from, in more detail than DescribeConfigs' ConfigSource. */
export interface ConfigOrigin {
  kind: 'default' | 'file' | 'env' | 'flag' | 'override' | 'dynamic'
  /** human-readable: "server.properties line 3", "environment variable SAMSA_LOG_DIRS", "--log.dirs" */
  detail: string
}

/** One value in one layer. */
export interface ConfigSetting {
  /** parsed; a string for names that are not known configs */
  value: ConfigValue
  origin: ConfigOrigin
}

/** The layers, highest precedence first. */
export const CONFIG_LAYERS = ['dynamicBroker', 'dynamicDefault', 'static', 'default'] as const
export type ConfigLayer = (typeof CONFIG_LAYERS)[number]

export const LAYER_SOURCE: Readonly<Record<ConfigLayer, ConfigSource>> = {
  dynamicBroker: ConfigSource.DYNAMIC_BROKER_CONFIG,
  dynamicDefault: ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG,
  static: ConfigSource.STATIC_BROKER_CONFIG,
  default: ConfigSource.DEFAULT_CONFIG,
}

/** A dynamic broker config entity: this broker's, or the cluster default `<default>`. */
export type DynamicScope = 'broker' | 'default'

/** Heard after a dynamic change, with the configs whose effective value changed. */
export type ConfigChangeListener = (changed: ReadonlySet<BrokerConfigName>) => void

type RawValues = { readonly [N in BrokerConfigName as CamelCase<N>]: BrokerValue<N> }

/**
 * Every broker config by camel-cased name (`numPartitions`), typed from the table, with the
 * listeners parsed and the log directories resolved (log.dirs, else log.dir).
 */
export type BrokerConfigValues = Omit<RawValues, 'listeners' | 'advertisedListeners' | 'logDirs'> & {
  readonly listeners: readonly Listener[]
  /** port 0 means "the port the listener bound" */
  readonly advertisedListeners: readonly Listener[]
  readonly logDirs: readonly string[]
}

const DYNAMIC_ORIGIN: Record<DynamicScope, ConfigOrigin> = {
  broker: { kind: 'dynamic', detail: 'dynamic config of this broker' },
  default: { kind: 'dynamic', detail: 'dynamic cluster default config' },
}

/** Parses and validates one value of a known config; throws a ConfigError naming it and where it came from. */
export function parseSetting(k: ConfigKey, raw: string, shownName: string, where: string): ConfigValue {
  let value: ConfigValue
  let reason: string | undefined
  try {
    value = parseValue(k.type, raw)
    reason = value === null ? undefined : k.validate?.(value)
  } catch (err) {
    value = null
    reason = (err as Error).message
  }
  if (reason !== undefined) {
    const shown = k.sensitive ? '[hidden]' : `"${raw}"`
    throw new ConfigError(`Invalid value ${shown} for configuration ${shownName} (from ${where}): ${reason}`, {
      property: canonicalBrokerName(shownName) ?? shownName,
    })
  }
  return value
}

export class BrokerConfig {
  readonly #layers: Record<ConfigLayer, Map<string, ConfigSetting>>
  #values: BrokerConfigValues
  readonly #listeners = new Set<ConfigChangeListener>()

  /**
   * `staticSettings` by canonical name (and unknown names as given); `defaults` replace the
   * table's defaults and still count as DEFAULT_CONFIG. Use loadBrokerConfig() to build one.
   */
  constructor(staticSettings: ReadonlyMap<string, ConfigSetting>, defaults: ReadonlyMap<BrokerConfigName, ConfigValue> = new Map()) {
    const dflt = new Map<string, ConfigSetting>()
    for (const name of BROKER_CONFIG_NAMES) {
      const value = defaults.has(name) ? defaults.get(name)! : brokerConfigKey(name)!.default
      // As Kafka's staticDefaultConfigs: a null default is no value at all.
      if (value !== null) dflt.set(name, { value, origin: { kind: 'default', detail: 'default' } })
    }
    this.#layers = { dynamicBroker: new Map(), dynamicDefault: new Map(), static: new Map(staticSettings), default: dflt }
    this.#values = this.#compute(this.#layers)
  }

  /** Every config, typed; replaced as a whole on a dynamic change. */
  get values(): BrokerConfigValues {
    return this.#values
  }

  /** The effective value of a config: the highest layer that has it, else null. */
  get<N extends BrokerConfigName>(name: N): BrokerValue<N> {
    return effective(this.#layers, name) as BrokerValue<N>
  }

  /** Names that are not known broker configs, from the static config (Kafka keeps and ignores them). */
  get unknown(): string[] {
    const known = (n: string): boolean => canonicalBrokerName(n) !== undefined
    return [...this.#layers.static.keys()].filter((n) => !known(n) && !isListenerPrefixedConfig(n, known))
  }

  /** Known configs that are set (not defaulted) but that nothing in Samsa acts on yet. */
  get inert(): string[] {
    return CONFIG_LAYERS.filter((l) => l !== 'default')
      .flatMap((l) => [...this.#layers[l].keys()])
      .filter((n, i, all) => all.indexOf(n) === i && brokerConfigKey(n)?.effective === false)
  }

  /** The layer a config (by name or alias) takes its value from; undefined when no layer has one. */
  layerOf(name: string): ConfigLayer | undefined {
    const key = canonicalBrokerName(name) ?? name
    return CONFIG_LAYERS.find((l) => this.#layers[l].has(key))
  }

  /** Whether anything but the defaults sets the config. */
  isSet(name: string): boolean {
    const layer = this.layerOf(name)
    return layer !== undefined && layer !== 'default'
  }

  /** Where the effective value of a config came from. */
  origin(name: string): ConfigOrigin | undefined {
    const layer = this.layerOf(name)
    return layer === undefined ? undefined : this.#layers[layer].get(canonicalBrokerName(name) ?? name)!.origin
  }

  /** A config's setting in one layer, as Kafka's config maps hold it: a string, or undefined when the layer does not set it. */
  layerValue(layer: ConfigLayer, name: string): string | undefined {
    const key = canonicalBrokerName(name)
    const s = this.#layers[layer].get(key ?? name)
    if (s === undefined) return undefined
    const k = key === undefined ? undefined : brokerConfigKey(key)
    return (k === undefined ? String(s.value) : formatValue(k.type, s.value)) ?? undefined
  }

  /** The names one layer sets (canonical names; unknown names as given). */
  layerNames(layer: ConfigLayer): string[] {
    return [...this.#layers[layer].keys()]
  }

  /** The dynamic configs of one scope, as strings (what ZooKeeper's /config/brokers/<entity> holds). */
  dynamicConfigs(scope: DynamicScope): Record<string, string> {
    const layer = scope === 'broker' ? 'dynamicBroker' : 'dynamicDefault'
    return Object.fromEntries(this.layerNames(layer).map((n) => [n, this.layerValue(layer, n)!]))
  }

  /**
   * Checks a dynamic update of one scope without applying it (Kafka's
   * DynamicBrokerConfig.validateConfigs): every name a known, dynamic broker config; per-broker
   * configs only for a broker, not the cluster default; every value valid, also together with
   * the rest of the configuration. Throws a ConfigError.
   */
  validateDynamic(scope: DynamicScope, configs: Readonly<Record<string, string>>): void {
    this.#nextLayers(scope, configs)
  }

  /** Replaces the dynamic configs of one scope and tells the listeners what changed; throws a ConfigError and changes nothing when invalid. */
  setDynamic(scope: DynamicScope, configs: Readonly<Record<string, string>>): ReadonlySet<BrokerConfigName> {
    const { layers, values } = this.#nextLayers(scope, configs)
    const changed = new Set<BrokerConfigName>()
    for (const name of BROKER_CONFIG_NAMES) {
      if (formatValue(brokerConfigKey(name)!.type, effective(layers, name)) !== formatValue(brokerConfigKey(name)!.type, effective(this.#layers, name)))
        changed.add(name)
    }
    this.#layers.dynamicBroker = layers.dynamicBroker
    this.#layers.dynamicDefault = layers.dynamicDefault
    this.#values = values
    if (changed.size > 0) for (const fn of [...this.#listeners]) fn(changed)
    return changed
  }

  /** Calls `fn` after every dynamic change that changes an effective value; returns a function that stops it. */
  onChange(fn: ConfigChangeListener): () => void {
    this.#listeners.add(fn)
    return () => this.#listeners.delete(fn)
  }

  #nextLayers(
    scope: DynamicScope,
    configs: Readonly<Record<string, string>>,
  ): { layers: Record<ConfigLayer, Map<string, ConfigSetting>>; values: BrokerConfigValues } {
    const layer = new Map<string, ConfigSetting>()
    const unknown: string[] = []
    const readOnly: string[] = []
    const perBroker: string[] = []
    for (const name of Object.keys(configs)) {
      const key = brokerConfigKey(name)
      if (key === undefined) unknown.push(name)
      else if (key.mode === 'read-only') readOnly.push(name)
      else if (key.mode === 'per-broker' && scope === 'default') perBroker.push(name)
    }
    if (unknown.length > 0) throw new ConfigError(`Unknown broker configs: ${unknown.join(', ')}`, { property: unknown[0] })
    if (readOnly.length > 0) throw new ConfigError(`Cannot update these configs dynamically: ${readOnly.join(', ')}`, { property: readOnly[0] })
    if (perBroker.length > 0) {
      throw new ConfigError(`Cannot update these configs at default cluster level, broker id must be specified: ${perBroker.join(', ')}`, {
        property: perBroker[0],
      })
    }
    for (const [name, raw] of Object.entries(configs)) {
      const canonical = canonicalBrokerName(name)!
      layer.set(canonical, { value: parseSetting(brokerConfigKey(canonical)!, raw, name, DYNAMIC_ORIGIN[scope].detail), origin: DYNAMIC_ORIGIN[scope] })
    }
    const layers = { ...this.#layers, [scope === 'broker' ? 'dynamicBroker' : 'dynamicDefault']: layer }
    return { layers, values: this.#compute(layers) }
  }

  /** The typed values and the checks that span configs (Kafka's KafkaConfig validation). */
  #compute(layers: Record<ConfigLayer, Map<string, ConfigSetting>>): BrokerConfigValues {
    const raw: Record<string, unknown> = {}
    for (const name of BROKER_CONFIG_NAMES) raw[camelCase(name)] = effective(layers, name)
    const get = <N extends BrokerConfigName>(name: N): BrokerValue<N> => effective(layers, name) as BrokerValue<N>

    const { listeners, advertisedListeners } = resolveListeners(get('listeners'), get('advertised.listeners'), get('listener.security.protocol.map'))
    const logDirs = get('log.dirs') === null ? [get('log.dir')] : splitList(get('log.dirs'))
    if (logDirs.length === 0 || logDirs.some((d) => d === '')) {
      throw new ConfigError('log.dirs must name at least one directory', { property: 'log.dirs' })
    }
    const minSession = get('group.min.session.timeout.ms')
    const maxSession = get('group.max.session.timeout.ms')
    if (minSession > maxSession) {
      throw new ConfigError(`group.min.session.timeout.ms (${minSession}) must not exceed group.max.session.timeout.ms (${maxSession})`, {
        property: 'group.min.session.timeout.ms',
      })
    }
    if (get('cluster.id') === '') throw new ConfigError('cluster.id must not be empty', { property: 'cluster.id' })
    if (get('broker.rack') === '') raw.brokerRack = null
    return Object.freeze({ ...raw, listeners, advertisedListeners, logDirs }) as unknown as BrokerConfigValues
  }
}

function effective(layers: Record<ConfigLayer, Map<string, ConfigSetting>>, name: string): ConfigValue {
  for (const l of CONFIG_LAYERS) {
    const s = layers[l].get(name)
    if (s !== undefined) return s.value
  }
  return null
}

/** The DescribeConfigs type of a broker config; UNKNOWN for names that are not known. */
export function brokerConfigType(name: string): number {
  const k = brokerConfigKey(name)
  return k === undefined ? 0 : CONFIG_TYPE_ID[k.type]
}
