// Shared pieces of the broker and topic config tables: Kafka's DescribeConfigs enums, the typed
// value parser, validators and the entry shape DescribeConfigs returns.
import { SamsaError } from '../errors.js'

/**
 * Where a value came from, as DescribeConfigs v1+ reports it (`ConfigSource` in Kafka's
 * DescribeConfigsResponse). Flags, environment variables and the properties file are all
 * "static broker config" to Kafka clients; `BrokerConfigEntry.origin` keeps the finer detail.
 */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
  CLIENT_METRICS_CONFIG: 7,
  GROUP_CONFIG: 8,
} as const
export type ConfigSource = (typeof ConfigSource)[keyof typeof ConfigSource]

/** The `ConfigType` DescribeConfigs v3+ reports (Kafka's DescribeConfigsResponse.ConfigType). */
export const ConfigType = {
  UNKNOWN: 0,
  BOOLEAN: 1,
  STRING: 2,
  INT: 3,
  SHORT: 4,
  LONG: 5,
  DOUBLE: 6,
  LIST: 7,
  CLASS: 8,
  PASSWORD: 9,
} as const
export type ConfigType = (typeof ConfigType)[keyof typeof ConfigType]

/** The value types of Kafka's ConfigDef. */
export type ConfigValueType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password'

export const CONFIG_TYPE_ID: Record<ConfigValueType, ConfigType> = {
  boolean: ConfigType.BOOLEAN,
  string: ConfigType.STRING,
  int: ConfigType.INT,
  short: ConfigType.SHORT,
  long: ConfigType.LONG,
  double: ConfigType.DOUBLE,
  list: ConfigType.LIST,
  class: ConfigType.CLASS,
  password: ConfigType.PASSWORD,
}

/** A parsed value. Longs are numbers (Long.MAX is Infinity); `null` means "not set" (Kafka's null default). */
export type ConfigValue = string | number | boolean | string[] | null

/**
 * Java's Long.MAX_VALUE, which Kafka uses for "no limit" and "never" (flush.messages,
 * max.compaction.lag.ms): held as Infinity, so comparisons and unit conversions need no special
 * case, and described as Kafka spells it. Any long at or beyond 2^53 (beyond what a double holds
 * exactly) is read as this; Long.MIN_VALUE likewise as -Infinity.
 */
export const LONG_MAX = Infinity
const LONG_MAX_STRING = '9223372036854775807'
const LONG_MIN_STRING = '-9223372036854775808'
export const INT_MAX = 2147483647
const INT_MIN = -2147483648
/** Java's Double.MAX_VALUE as Java prints it. */
const DOUBLE_MAX_STRING = '1.7976931348623157E308'

/** A bad configuration value or file. `property` names the offending config when there is one. */
export class ConfigError extends SamsaError {
  readonly property: string | undefined

  constructor(message: string, options?: { property?: string; cause?: unknown }) {
    super('SAMSA_CONFIG', message, options)
    this.property = options?.property
  }
}

/** Validates a parsed, non-null value; returns a reason when it is invalid. */
export type Validator = (value: ConfigValue) => string | undefined

export const atLeast =
  (min: number): Validator =>
  (v) =>
    typeof v === 'number' && v < min ? `Value must be at least ${min}` : undefined

export const between =
  (min: number, max: number): Validator =>
  (v) =>
    typeof v === 'number' && (v < min || v > max) ? `Value must be no less than ${min} and no more than ${max}` : undefined

/** Case-sensitive set of allowed strings (Kafka's ValidString). */
export const oneOf =
  (...allowed: string[]): Validator =>
  (v) =>
    typeof v === 'string' && !allowed.includes(v) ? `String must be one of: ${allowed.join(', ')}` : undefined

/** Every list item must be allowed, and the list must not be empty (Kafka's ValidList). */
export const listOf =
  (...allowed: string[]): Validator =>
  (v) => {
    if (!Array.isArray(v)) return undefined
    if (v.length === 0) return `Value must be a non-empty list of: ${allowed.join(', ')}`
    const bad = v.find((item) => !allowed.includes(item))
    return bad === undefined ? undefined : `Invalid value ${bad} in list; allowed: ${allowed.join(', ')}`
  }

/** Valid values shared by broker and topic configs. */
export const COMPRESSION_TYPES = ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] as const
export const TIMESTAMP_TYPES = ['CreateTime', 'LogAppendTime'] as const
export const CLEANUP_POLICIES = ['compact', 'delete'] as const
/** compression.gzip.level: -1 (the codec's default) or 1..9 */
export const gzipLevel: Validator = (v) => (v === -1 ? undefined : between(1, 9)(v))

const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * Parses a config string the way Kafka's ConfigDef does: trimmed, booleans case-insensitive,
 * integers in range for their Java type, lists split on commas with blanks dropped.
 * Throws a plain reason string (the caller adds the property name and origin).
 */
export function parseValue(type: ConfigValueType, raw: string): ConfigValue {
  const s = raw.trim()
  switch (type) {
    case 'boolean': {
      const lower = s.toLowerCase()
      if (lower === 'true') return true
      if (lower === 'false') return false
      throw new Error('Expected value to be either true or false')
    }
    case 'string':
    case 'class':
    case 'password':
      return s
    case 'short':
    case 'int': {
      if (!INTEGER.test(s)) throw new Error(`Not a number of type ${type.toUpperCase()}`)
      const n = Number(s)
      const [min, max] = type === 'short' ? [-32768, 32767] : [INT_MIN, INT_MAX]
      if (n < min || n > max) throw new Error(`Not a number of type ${type.toUpperCase()} (out of range)`)
      return n
    }
    case 'long': {
      if (!INTEGER.test(s)) throw new Error('Not a number of type LONG')
      const big = BigInt(s)
      if (big > 9223372036854775807n || big < -9223372036854775808n) {
        throw new Error('Not a number of type LONG (out of range)')
      }
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) return LONG_MAX
      if (big < BigInt(Number.MIN_SAFE_INTEGER)) return -LONG_MAX
      return Number(big)
    }
    case 'double': {
      if (!DECIMAL.test(s)) throw new Error('Not a number of type DOUBLE')
      const n = Number(s)
      if (!Number.isFinite(n)) throw new Error('Not a number of type DOUBLE (out of range)')
      return n
    }
    case 'list':
      return s === ''
        ? []
        : s
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== '')
  }
}

/** Formats a parsed value the way Kafka describes it (lists comma-joined, Long.MAX spelled out). */
export function formatValue(type: ConfigValueType, value: ConfigValue): string | null {
  if (value === null) return null
  if (Array.isArray(value)) return value.join(',')
  if (typeof value === 'number') {
    if (value === LONG_MAX) return LONG_MAX_STRING
    if (value === -LONG_MAX) return LONG_MIN_STRING
    if (type === 'double') {
      if (value === Number.MAX_VALUE) return DOUBLE_MAX_STRING
      // Java prints doubles with a fractional part: 0.5, 1.0
      return Number.isInteger(value) && Math.abs(value) < 1e7 ? value.toFixed(1) : String(value)
    }
    return String(value)
  }
  return String(value)
}

/** One synonym of a described config (DescribeConfigs v1+). */
export interface ConfigSynonym {
  name: string
  value: string | null
  source: ConfigSource
}

/** One config as DescribeConfigs reports it; handlers map it field by field onto the response. */
export interface DescribedConfig {
  name: string
  /** null when unset, and always null for sensitive configs */
  value: string | null
  readOnly: boolean
  /** v0 only: true when the value is the default */
  isDefault: boolean
  source: ConfigSource
  isSensitive: boolean
  synonyms: ConfigSynonym[]
  /** v3+ */
  configType: ConfigType
  /** v3+ */
  documentation: string | null
}
