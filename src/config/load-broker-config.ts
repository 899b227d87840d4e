// Loading the static broker configuration: defaults < properties file < environment < command
// line < programmatic overrides. Every value is parsed and validated against the table; a bad one
// throws a ConfigError naming the property and where the value came from.
import { randomBytes } from 'node:crypto'
import { readPropertiesFile } from './properties.js'
import { ConfigError, type ConfigValue } from './config-def.js'
import { BROKER_CONFIG_NAMES, brokerConfigAliases, brokerConfigKey, canonicalBrokerName, type BrokerConfigName } from './broker-config-defs.js'
import { BrokerConfig, parseSetting, type ConfigOrigin, type ConfigSetting } from './broker-config.js'
import { isListenerPrefixedConfig } from './listeners.js'

type RawValue = string | number | boolean | readonly string[]

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
  /** set by the embedding program; win over everything else. An unknown name is an error. */
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
for (const n of [...BROKER_CONFIG_NAMES, ...brokerConfigAliases().keys()]) ENV_NAMES.set(envKey(n), n)

const rawToString = (v: RawValue): string => (Array.isArray(v) ? v.join(',') : String(v))

/** Levenshtein distance, for "did you mean" on a mistyped config name. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}

/** The known broker config closest to a mistyped name, if one is close. */
export function suggestBrokerConfig(name: string): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 6)) + 1
  for (const n of [...BROKER_CONFIG_NAMES, ...brokerConfigAliases().keys()]) {
    const d = distance(name, n)
    if (d < bestDistance) {
      best = n
      bestDistance = d
    }
  }
  return best
}

const didYouMean = (name: string): string => {
  const s = suggestBrokerConfig(name)
  return s === undefined ? '' : ` (did you mean ${s}?)`
}

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
      chosen.set(canonicalBrokerName(name)!, { name, raw, origin: { kind: 'env', detail: `environment variable ${variable}` } })
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
    const k = brokerConfigKey(flag)
    if (k === undefined) {
      throw new ConfigError(`unknown option --${flag}: not a known broker config${didYouMean(flag)} (use --override ${flag}=value to set it anyway)`, {
        property: flag,
      })
    }
    if (value === undefined) {
      const next = args[i + 1]
      if (k.type === 'boolean' && !/^(true|false)$/i.test(next?.trim() ?? '')) {
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

/** A random Kafka-style cluster id: 16 random bytes, URL-safe base64, no padding, no leading '-'. */
export function generateClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}

/**
 * Loads the static broker configuration. Precedence, lowest first: defaults (Kafka's, with
 * Samsa's documented choices, then `options.defaults`), the properties file, environment
 * variables, command-line flags, and programmatic `overrides`. Within one layer a config given
 * twice (node.id and its alias broker.id with different values) is an error. Names that are not
 * broker configs are kept as strings from the file and `--override` (as Kafka keeps them); in
 * `overrides` they are an error, so a typo in an embedding program does not pass silently.
 */
export function loadBrokerConfig(options: LoadBrokerConfigOptions = {}): BrokerConfig {
  const defaults = new Map<BrokerConfigName, ConfigValue>()
  for (const [name, raw] of Object.entries(options.defaults ?? {})) {
    const canonical = canonicalBrokerName(name)
    if (canonical === undefined) throw new ConfigError(`cannot set the default of unknown broker config ${name}${didYouMean(name)}`, { property: name })
    defaults.set(canonical, parseSetting(brokerConfigKey(canonical)!, rawToString(raw), name, 'defaults option'))
  }

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
  const overrides = Object.entries(options.overrides ?? {})
  for (const [name] of overrides) {
    if (canonicalBrokerName(name) === undefined && !isListenerPrefixedConfig(name, (rest) => canonicalBrokerName(rest) !== undefined)) {
      throw new ConfigError(`unknown broker config ${name}${didYouMean(name)}`, { property: name })
    }
  }
  layers.push(overrides.map(([name, raw]) => ({ name, raw: rawToString(raw), origin: { kind: 'override', detail: 'overrides option' } })))

  const settings = new Map<string, ConfigSetting>()
  for (const layer of layers) {
    const seen = new Map<string, { setting: Setting; value: ConfigValue }>()
    for (const setting of layer) {
      const canonical = canonicalBrokerName(setting.name)
      const value = canonical === undefined ? setting.raw.trim() : parseSetting(brokerConfigKey(canonical)!, setting.raw, setting.name, setting.origin.detail)
      const key = canonical ?? setting.name
      const before = seen.get(key)
      if (before !== undefined && before.setting.name !== setting.name && String(before.value) !== String(value)) {
        throw new ConfigError(
          `${before.setting.name} and ${setting.name} name the same config but have different values ` +
            `(${String(before.value)} and ${String(value)}, from ${setting.origin.detail})`,
          { property: key },
        )
      }
      seen.set(key, { setting, value })
      settings.set(key, { value, origin: setting.origin })
    }
  }
  return new BrokerConfig(settings, defaults)
}
