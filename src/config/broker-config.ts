// Broker configuration: Kafka's property names and documented defaults, loaded from defaults <
// properties file < environment < command line < programmatic overrides.
//
// Samsa's own choices, where Kafka has none or a poor one for a single-node broker:
// - node.id defaults to 1 (Kafka requires it); broker.id is accepted as an alias.
// - log.dir defaults to ./data (Kafka: /tmp/kafka-logs, which a reboot clears and which a real
//   Kafka on the same machine would share); log.dirs, when set, wins as in Kafka.
// - advertised.listeners defaults to the listeners with an empty or wildcard host (0.0.0.0, ::)
//   advertised as `localhost`, so a broker started with no configuration is reachable by
//   clients on the same machine. Kafka advertises the canonical host name instead. A listener
//   on port 0 is advertised with port 0, meaning "the port the listener actually bound".
// - cluster.id is not a Kafka broker property (Kafka keeps it in meta.properties); here it can
//   be set, and when it is not the storage layer generates one with generateClusterId() and
//   stores it with the data.
import { randomBytes } from 'node:crypto'
import { readPropertiesFile } from './properties.js'
import {
  CONFIG_TYPE_ID,
  ConfigError,
  ConfigSource,
  LONG_MAX,
  formatValue,
  parseValue,
  type ConfigSynonym,
  type ConfigValue,
  type DescribedConfig,
} from './config-def.js'
import { ALIASES, BROKER_CONFIG_DEFS, DEFS, brokerConfigDef, type BrokerConfigDef, type UpdateMode } from './broker-config-defs.js'

export { BROKER_CONFIG_DEFS, brokerConfigDef, type BrokerConfigDef, type UpdateMode }

export interface ConfigOrigin {
  kind: 'default' | 'file' | 'env' | 'flag' | 'override'
  /** human-readable: "server.properties line 3", "environment variable SAMSA_LOG_DIRS", "--log.dirs" */
  detail: string
}

/** One broker config value with its provenance. */
export interface BrokerConfigEntry {
  name: string
  value: ConfigValue
  /** Kafka's string form of the value ("9223372036854775807" for Long.MAX); null when unset */
  valueString: string | null
  source: ConfigSource
  origin: ConfigOrigin
  /** false for names that are not in the table (kept as strings, like Kafka does) */
  known: boolean
  def: BrokerConfigDef | undefined
}

export interface Listener {
  name: string
  host: string
  port: number
  securityProtocol: string
}

/** The commonly used broker values, typed, with Kafka's fallbacks already applied. */
export interface BrokerConfigValues {
  nodeId: number
  clusterId: string | null
  brokerRack: string | null
  listeners: Listener[]
  /** port 0 means "the port the listener bound" */
  advertisedListeners: Listener[]
  zookeeperConnect: string | null
  socketRequestMaxBytes: number
  connectionsMaxIdleMs: number
  numPartitions: number
  defaultReplicationFactor: number
  autoCreateTopicsEnable: boolean
  deleteTopicEnable: boolean
  messageMaxBytes: number
  fetchMaxBytes: number
  compressionType: string
  minInsyncReplicas: number
  logDirs: string[]
  logSegmentBytes: number
  /** log.roll.ms, else log.roll.hours */
  logRollMs: number
  logRollJitterMs: number
  logIndexIntervalBytes: number
  logIndexSizeMaxBytes: number
  logFlushIntervalMessages: number
  /** log.flush.interval.ms, else log.flush.scheduler.interval.ms */
  logFlushIntervalMs: number
  logFlushSchedulerIntervalMs: number
  /** log.retention.ms, else minutes, else hours; negative means forever and is -1 */
  logRetentionMs: number
  logRetentionBytes: number
  logRetentionCheckIntervalMs: number
  logSegmentDeleteDelayMs: number
  logCleanupPolicy: string[]
  logCleanerEnable: boolean
  logMessageTimestampType: 'CreateTime' | 'LogAppendTime'
  offsetsTopicNumPartitions: number
  /** offsets.retention.minutes in ms */
  offsetsRetentionMs: number
  offsetsRetentionCheckIntervalMs: number
  offsetMetadataMaxBytes: number
  groupInitialRebalanceDelayMs: number
  groupMinSessionTimeoutMs: number
  groupMaxSessionTimeoutMs: number
  groupMaxSize: number
  transactionalIdExpirationMs: number
  transactionMaxTimeoutMs: number
  transactionStateLogNumPartitions: number
  producerIdExpirationMs: number
}

type RawValue = string | number | boolean | string[]

export interface LoadBrokerConfigOptions {
  /** a properties file (Kafka's server.properties format) */
  file?: string
  /**
   * command-line arguments after the command: `--name value`, `--name=value`,
   * `--override name=value`, and at most one positional properties file path
   */
  args?: readonly string[]
  /** environment to read SAMSA_* / KAFKA_* / KAFKA_CFG_* from; not read when omitted */
  env?: Readonly<Record<string, string | undefined>>
  /** set by the embedding program; win over everything else */
  overrides?: Readonly<Record<string, RawValue>>
  /** replace defaults (they stay DEFAULT_CONFIG in DescribeConfigs) */
  defaults?: Readonly<Record<string, RawValue>>
}

interface Setting {
  name: string
  raw: string
  origin: ConfigOrigin
}

const ENV_PREFIXES = ['SAMSA_', 'KAFKA_CFG_', 'KAFKA_'] as const

const envKey = (name: string): string => name.toUpperCase().replace(/\./g, '_')
const ENV_NAMES = new Map<string, string>()
for (const d of BROKER_CONFIG_DEFS) {
  for (const n of [d.name, ...(d.aliases ?? [])]) ENV_NAMES.set(envKey(n), n)
}

const rawToString = (v: RawValue): string => (Array.isArray(v) ? v.join(',') : String(v))

/**
 * Settings from the environment. `SAMSA_X` wins over `KAFKA_CFG_X` (Bitnami) which wins over
 * `KAFKA_X` (Confluent). X is the Kafka name upper-cased with dots as underscores. Variables
 * that do not name a known config (KAFKA_HEAP_OPTS, SAMSA_LOG_LEVEL) are ignored.
 */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>>): Setting[] {
  const chosen = new Map<string, Setting>()
  for (const prefix of [...ENV_PREFIXES].reverse()) {
    for (const [variable, raw] of Object.entries(env)) {
      if (raw === undefined || !variable.startsWith(prefix)) continue
      if (prefix === 'KAFKA_' && variable.startsWith('KAFKA_CFG_')) continue
      const name = ENV_NAMES.get(variable.slice(prefix.length))
      if (name === undefined) continue
      const canonical = ALIASES.get(name) ?? name
      chosen.set(canonical, { name, raw, origin: { kind: 'env', detail: `environment variable ${variable}` } })
    }
  }
  return [...chosen.values()]
}

/** Parses command-line arguments into settings and an optional properties file path. */
export function parseBrokerArgs(args: readonly string[]): { file: string | undefined; settings: Setting[] } {
  const settings: Setting[] = []
  let file: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--')) {
      if (file !== undefined) {
        throw new ConfigError(`only one properties file may be given, got ${file} and ${arg}`)
      }
      file = arg
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    let value: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1)
    if (flag === 'override') {
      if (value === undefined) value = args[++i]
      const at = value?.indexOf('=') ?? -1
      if (value === undefined || at <= 0) {
        throw new ConfigError(`--override expects name=value, got ${value === undefined ? 'nothing' : `"${value}"`}`)
      }
      settings.push({ name: value.slice(0, at), raw: value.slice(at + 1), origin: { kind: 'flag', detail: `--override ${value.slice(0, at)}` } })
      continue
    }
    const d = brokerConfigDef(flag)
    if (d === undefined) {
      throw new ConfigError(
        `unknown option --${flag}: not a known broker config (use --override ${flag}=value to set it anyway)`,
        { property: flag },
      )
    }
    if (value === undefined) {
      const next = args[i + 1]
      if (d.type === 'boolean' && !/^(true|false)$/i.test(next?.trim() ?? '')) {
        value = 'true' // a bare boolean flag: --auto.create.topics.enable
      } else if (next !== undefined) {
        value = next
        i++
      } else {
        throw new ConfigError(`option --${flag} needs a value`, { property: flag })
      }
    }
    settings.push({ name: flag, raw: value, origin: { kind: 'flag', detail: `--${flag}` } })
  }
  return { file, settings }
}

interface Slot {
  value: ConfigValue
  origin: ConfigOrigin
}

const DEFAULT_ORIGIN: ConfigOrigin = { kind: 'default', detail: 'default' }

function parseFor(d: BrokerConfigDef, raw: string, origin: ConfigOrigin, shownName: string): ConfigValue {
  let value: ConfigValue
  let reason: string | undefined
  try {
    value = parseValue(d.type, raw)
    reason = d.validate?.(value)
  } catch (err) {
    value = null
    reason = (err as Error).message
  }
  if (reason !== undefined) {
    const shown = d.isSensitive ? '[hidden]' : `"${raw}"`
    throw new ConfigError(`Invalid value ${shown} for configuration ${shownName} (from ${origin.detail}): ${reason}`, {
      property: d.name,
    })
  }
  return value
}

const LISTENER = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:/[\]]*):(\d+)$/

function parseListeners(name: string, items: string[], protocols: Map<string, string>): Listener[] {
  const out: Listener[] = []
  for (const item of items) {
    const m = LISTENER.exec(item)
    if (m === null) {
      throw new ConfigError(`Invalid value "${item}" in ${name}: expected NAME://host:port, for example PLAINTEXT://:9092`, { property: name })
    }
    const listenerName = m[1]!.toUpperCase()
    const port = Number(m[3])
    if (port > 65535) throw new ConfigError(`Invalid port ${port} in ${name} entry "${item}"`, { property: name })
    if (out.some((l) => l.name === listenerName)) {
      throw new ConfigError(`${name} names listener ${listenerName} more than once`, { property: name })
    }
    const securityProtocol = protocols.get(listenerName)
    if (securityProtocol === undefined) {
      throw new ConfigError(
        `No security protocol defined for listener ${listenerName} in ${name}; add it to listener.security.protocol.map`,
        { property: name },
      )
    }
    let host = m[2]!
    if (host.startsWith('[')) host = host.slice(1, -1)
    out.push({ name: listenerName, host, port, securityProtocol })
  }
  return out
}

function parseProtocolMap(s: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const pair of s.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [listenerName, protocol, extra] = pair.split(':').map((p) => p.trim())
    if (!listenerName || !protocol || extra !== undefined) {
      throw new ConfigError(`Invalid entry "${pair}" in listener.security.protocol.map: expected NAME:PROTOCOL`, {
        property: 'listener.security.protocol.map',
      })
    }
    map.set(listenerName.toUpperCase(), protocol.toUpperCase())
  }
  return map
}

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::'])

/** A random Kafka-style cluster id: 16 random bytes, URL-safe base64, no padding, no leading '-'. */
export function generateClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}

/** Loaded broker configuration; see loadBrokerConfig. */
export class BrokerConfig {
  readonly values: BrokerConfigValues
  /** names that are not known broker configs, as given (Kafka keeps and ignores them) */
  readonly unknown: readonly string[]
  readonly #slots: Map<string, Slot>
  readonly #defaults: Map<string, ConfigValue>

  constructor(slots: Map<string, Slot>, defaults: Map<string, ConfigValue>) {
    this.#slots = slots
    this.#defaults = defaults
    this.unknown = [...slots.keys()].filter((n) => !DEFS.has(n))
    this.values = this.#typed()
  }

  /** The parsed value of a config by Kafka name or alias; null when unset or unknown. */
  get(name: string): ConfigValue {
    return this.#slots.get(ALIASES.get(name) ?? name)?.value ?? null
  }

  /** Whether the config was set anywhere (file, env, flags, overrides) rather than defaulted. */
  isSet(name: string): boolean {
    const slot = this.#slots.get(ALIASES.get(name) ?? name)
    return slot !== undefined && slot.origin.kind !== 'default'
  }

  /** The value Samsa uses when nothing sets this config (after `defaults` replacements). */
  defaultOf(name: string): ConfigValue {
    return this.#defaults.get(ALIASES.get(name) ?? name) ?? null
  }

  entry(name: string): BrokerConfigEntry | undefined {
    const canonical = ALIASES.get(name) ?? name
    const slot = this.#slots.get(canonical)
    if (slot === undefined) return undefined
    const d = DEFS.get(canonical)
    return {
      name,
      value: slot.value,
      valueString: d === undefined ? (slot.value as string | null) : formatValue(d.type, slot.value),
      source: slot.origin.kind === 'default' ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG,
      origin: slot.origin,
      known: d !== undefined,
      def: d,
    }
  }

  /** Every config (known ones, their aliases, then unknown names), sorted by name. */
  entries(): BrokerConfigEntry[] {
    const names = [...this.#slots.keys(), ...ALIASES.keys()].sort()
    return names.map((n) => this.entry(n)!)
  }

  /**
   * How a broker config shows up as a synonym (of itself or of a topic config): its set value
   * (STATIC_BROKER_CONFIG) and its non-null default (DEFAULT_CONFIG), in that order.
   */
  synonymEntries(name: string): ConfigSynonym[] {
    const d = brokerConfigDef(name)
    if (d === undefined) return []
    const out: ConfigSynonym[] = []
    const show = (v: ConfigValue): string | null => (d.isSensitive ? null : formatValue(d.type, v))
    const slot = this.#slots.get(d.name)
    if (slot !== undefined && slot.origin.kind !== 'default') {
      out.push({ name, value: show(slot.value), source: ConfigSource.STATIC_BROKER_CONFIG })
    }
    const dflt = this.#defaults.get(d.name) ?? null
    if (dflt !== null) out.push({ name, value: show(dflt), source: ConfigSource.DEFAULT_CONFIG })
    return out
  }

  /**
   * Broker configs as DescribeConfigs reports them. `names` null or omitted means all known
   * configs; unknown requested names are left out, as Kafka does.
   */
  describe(names?: readonly string[] | null): DescribedConfig[] {
    const wanted = names ?? this.entries().filter((e) => e.known).map((e) => e.name)
    const out: DescribedConfig[] = []
    for (const name of wanted) {
      const e = this.entry(name)
      if (e === undefined || e.def === undefined) continue
      const d = e.def
      out.push({
        name,
        value: d.isSensitive ? null : e.valueString,
        readOnly: d.updateMode === 'read-only',
        isDefault: e.source === ConfigSource.DEFAULT_CONFIG,
        source: e.source,
        isSensitive: d.isSensitive,
        synonyms: (d.synonyms ?? [d.name]).flatMap((s) => this.synonymEntries(s === d.name ? name : s)),
        configType: CONFIG_TYPE_ID[d.type],
        documentation: d.doc,
      })
    }
    return out
  }

  #typed(): BrokerConfigValues {
    const num = (n: string): number => this.get(n) as number
    const numOrNull = (n: string): number | null => this.get(n) as number | null
    const str = (n: string): string => this.get(n) as string
    const strOrNull = (n: string): string | null => this.get(n) as string | null
    const bool = (n: string): boolean => this.get(n) as boolean
    const list = (n: string): string[] | null => this.get(n) as string[] | null
    const clampLong = (n: number): number => Math.min(n, LONG_MAX)

    const protocols = parseProtocolMap(str('listener.security.protocol.map'))
    const listeners = parseListeners('listeners', list('listeners') ?? [], protocols)
    if (listeners.length === 0) throw new ConfigError('listeners must name at least one listener', { property: 'listeners' })

    const advertisedRaw = list('advertised.listeners')
    let advertisedListeners: Listener[]
    if (advertisedRaw === null || advertisedRaw.length === 0) {
      advertisedListeners = listeners.map((l) => ({ ...l, host: WILDCARD_HOSTS.has(l.host) ? 'localhost' : l.host }))
    } else {
      advertisedListeners = parseListeners('advertised.listeners', advertisedRaw, protocols)
      for (const l of advertisedListeners) {
        if (WILDCARD_HOSTS.has(l.host)) {
          throw new ConfigError(
            `advertised.listeners cannot use the non-routable address "${l.host}" (listener ${l.name}); name a host clients can reach`,
            { property: 'advertised.listeners' },
          )
        }
        if (!listeners.some((x) => x.name === l.name)) {
          throw new ConfigError(
            `advertised.listeners names listener ${l.name}, which is not in listeners (${listeners.map((x) => x.name).join(', ')})`,
            { property: 'advertised.listeners' },
          )
        }
      }
    }

    const logDirs = list('log.dirs') ?? [str('log.dir')]
    if (logDirs.length === 0 || logDirs.some((d) => d === '')) {
      throw new ConfigError('log.dirs must name at least one directory', { property: 'log.dirs' })
    }

    const rollMs = numOrNull('log.roll.ms') ?? num('log.roll.hours') * 3_600_000
    const jitterMs = numOrNull('log.roll.jitter.ms') ?? num('log.roll.jitter.hours') * 3_600_000
    const minutes = numOrNull('log.retention.minutes')
    let retentionMs = numOrNull('log.retention.ms') ?? (minutes !== null ? minutes * 60_000 : num('log.retention.hours') * 3_600_000)
    if (retentionMs < 0) retentionMs = -1

    const minSession = num('group.min.session.timeout.ms')
    const maxSession = num('group.max.session.timeout.ms')
    if (minSession > maxSession) {
      throw new ConfigError(
        `group.min.session.timeout.ms (${minSession}) must not exceed group.max.session.timeout.ms (${maxSession})`,
        { property: 'group.min.session.timeout.ms' },
      )
    }
    const clusterId = strOrNull('cluster.id')
    if (clusterId === '') throw new ConfigError('cluster.id must not be empty', { property: 'cluster.id' })

    return {
      nodeId: num('node.id'),
      clusterId,
      brokerRack: strOrNull('broker.rack') || null,
      listeners,
      advertisedListeners,
      zookeeperConnect: strOrNull('zookeeper.connect') || null,
      socketRequestMaxBytes: num('socket.request.max.bytes'),
      connectionsMaxIdleMs: num('connections.max.idle.ms'),
      numPartitions: num('num.partitions'),
      defaultReplicationFactor: num('default.replication.factor'),
      autoCreateTopicsEnable: bool('auto.create.topics.enable'),
      deleteTopicEnable: bool('delete.topic.enable'),
      messageMaxBytes: num('message.max.bytes'),
      fetchMaxBytes: num('fetch.max.bytes'),
      compressionType: str('compression.type'),
      minInsyncReplicas: num('min.insync.replicas'),
      logDirs,
      logSegmentBytes: num('log.segment.bytes'),
      logRollMs: clampLong(rollMs),
      logRollJitterMs: clampLong(jitterMs),
      logIndexIntervalBytes: num('log.index.interval.bytes'),
      logIndexSizeMaxBytes: num('log.index.size.max.bytes'),
      logFlushIntervalMessages: num('log.flush.interval.messages'),
      logFlushIntervalMs: numOrNull('log.flush.interval.ms') ?? num('log.flush.scheduler.interval.ms'),
      logFlushSchedulerIntervalMs: num('log.flush.scheduler.interval.ms'),
      logRetentionMs: clampLong(retentionMs),
      logRetentionBytes: num('log.retention.bytes'),
      logRetentionCheckIntervalMs: num('log.retention.check.interval.ms'),
      logSegmentDeleteDelayMs: num('log.segment.delete.delay.ms'),
      logCleanupPolicy: list('log.cleanup.policy') ?? ['delete'],
      logCleanerEnable: bool('log.cleaner.enable'),
      logMessageTimestampType: str('log.message.timestamp.type') as 'CreateTime' | 'LogAppendTime',
      offsetsTopicNumPartitions: num('offsets.topic.num.partitions'),
      offsetsRetentionMs: num('offsets.retention.minutes') * 60_000,
      offsetsRetentionCheckIntervalMs: num('offsets.retention.check.interval.ms'),
      offsetMetadataMaxBytes: num('offset.metadata.max.bytes'),
      groupInitialRebalanceDelayMs: num('group.initial.rebalance.delay.ms'),
      groupMinSessionTimeoutMs: minSession,
      groupMaxSessionTimeoutMs: maxSession,
      groupMaxSize: num('group.max.size'),
      transactionalIdExpirationMs: num('transactional.id.expiration.ms'),
      transactionMaxTimeoutMs: num('transaction.max.timeout.ms'),
      transactionStateLogNumPartitions: num('transaction.state.log.num.partitions'),
      producerIdExpirationMs: num('producer.id.expiration.ms'),
    }
  }
}

/**
 * Loads broker configuration. Precedence, lowest first: defaults (Kafka's, with Samsa's choices
 * above, then `options.defaults`), the properties file, environment variables, command-line
 * flags, and programmatic `overrides`. Within one layer a config given twice (node.id and its
 * alias broker.id with different values) is an error. Every value is parsed and validated;
 * a bad one throws a ConfigError naming the property and where the value came from.
 */
export function loadBrokerConfig(options: LoadBrokerConfigOptions = {}): BrokerConfig {
  const slots = new Map<string, Slot>()
  const defaults = new Map<string, ConfigValue>()
  for (const d of BROKER_CONFIG_DEFS) defaults.set(d.name, d.default)
  for (const [name, raw] of Object.entries(options.defaults ?? {})) {
    const d = brokerConfigDef(name)
    if (d === undefined) throw new ConfigError(`cannot set the default of unknown broker config ${name}`, { property: name })
    defaults.set(d.name, parseFor(d, rawToString(raw), { kind: 'default', detail: 'defaults option' }, name))
  }
  for (const [name, value] of defaults) slots.set(name, { value, origin: DEFAULT_ORIGIN })

  const parsedArgs = parseBrokerArgs(options.args ?? [])
  if (options.file !== undefined && parsedArgs.file !== undefined && options.file !== parsedArgs.file) {
    throw new ConfigError(`two properties files given: ${options.file} and ${parsedArgs.file}`)
  }
  const file = options.file ?? parsedArgs.file

  const layers: Setting[][] = []
  if (file !== undefined) {
    const props = readPropertiesFile(file)
    layers.push([...props].map(([name, raw]) => ({ name, raw, origin: { kind: 'file', detail: `properties file ${file}` } })))
  }
  if (options.env !== undefined) layers.push(settingsFromEnv(options.env))
  layers.push(parsedArgs.settings)
  layers.push(
    Object.entries(options.overrides ?? {}).map(([name, raw]) => ({
      name,
      raw: rawToString(raw),
      origin: { kind: 'override', detail: 'overrides option' },
    })),
  )

  for (const layer of layers) {
    const seen = new Map<string, { setting: Setting; value: ConfigValue }>()
    for (const setting of layer) {
      const d = brokerConfigDef(setting.name)
      const canonical = d?.name ?? setting.name
      const value = d === undefined ? setting.raw.trim() : parseFor(d, setting.raw, setting.origin, setting.name)
      const before = seen.get(canonical)
      if (before !== undefined && before.setting.name !== setting.name && before.value !== value) {
        throw new ConfigError(
          `${before.setting.name} and ${setting.name} name the same config but have different values ` +
            `(${String(before.value)} and ${String(value)}, from ${setting.origin.detail})`,
          { property: canonical },
        )
      }
      seen.set(canonical, { setting, value })
      slots.set(canonical, { value, origin: setting.origin })
    }
  }
  return new BrokerConfig(slots, defaults)
}
