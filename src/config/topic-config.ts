// Topic configuration: Kafka's topic-level names, each with the broker configs it falls back to
// (its synonyms), validation for CreateTopics / AlterConfigs, and the DescribeConfigs view.
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { BrokerConfig } from './broker-config.js'
import { brokerConfigDef } from './broker-config.js'
import {
  CLEANUP_POLICIES,
  COMPRESSION_TYPES,
  CONFIG_TYPE_ID,
  ConfigError,
  ConfigSource,
  LONG_MAX,
  atLeast,
  between,
  formatValue,
  gzipLevel,
  listOf,
  oneOf,
  parseValue,
  TIMESTAMP_TYPES,
  type ConfigSynonym,
  type ConfigValue,
  type ConfigValueType,
  type DescribedConfig,
  type Validator,
} from './config-def.js'

/** A broker config a topic config falls back to, and the factor that turns its unit into the topic's. */
export interface BrokerSynonym {
  name: string
  /** multiply the broker value by this (hours to ms: 3600000); 1 when omitted */
  factor?: number
}

export interface TopicConfigDef {
  name: string
  type: ConfigValueType
  /** used only when no broker synonym has a value */
  default: ConfigValue
  doc: string
  /** broker configs consulted in order when the topic does not set this config */
  synonyms: BrokerSynonym[]
  validate?: Validator
  /** a negative value means "unlimited" and is normalised to -1 (retention.ms) */
  negativeIsUnlimited?: boolean
}

const HOUR = 3_600_000
const MINUTE = 60_000

function def(
  name: string,
  type: ConfigValueType,
  dflt: ConfigValue,
  synonyms: Array<string | BrokerSynonym>,
  doc: string,
  opts: Partial<TopicConfigDef> = {},
): TopicConfigDef {
  return {
    name,
    type,
    default: dflt,
    doc,
    synonyms: synonyms.map((s) => (typeof s === 'string' ? { name: s } : s)),
    ...opts,
  }
}

/** The topic configs Samsa knows, by Kafka name. */
export const TOPIC_CONFIG_DEFS: readonly TopicConfigDef[] = [
  def('cleanup.policy', 'list', ['delete'], ['log.cleanup.policy'],
    'delete (drop old segments), compact (keep the latest value per key), or both.',
    { validate: listOf(...CLEANUP_POLICIES) }),
  def('compression.type', 'string', 'producer', ['compression.type'],
    'Final compression of the topic: uncompressed, zstd, lz4, snappy, gzip, or producer (keep what the producer sent).',
    { validate: oneOf(...COMPRESSION_TYPES) }),
  def('compression.gzip.level', 'int', -1, ['compression.gzip.level'], 'gzip level when compression.type is gzip.',
    { validate: gzipLevel }),
  def('compression.lz4.level', 'int', 9, ['compression.lz4.level'], 'lz4 level when compression.type is lz4.',
    { validate: between(1, 17) }),
  def('compression.zstd.level', 'int', 3, ['compression.zstd.level'], 'zstd level when compression.type is zstd.',
    { validate: between(-131072, 22) }),
  def('delete.retention.ms', 'long', 86400000, ['log.cleaner.delete.retention.ms'],
    'How long tombstones stay readable in a compacted topic.', { validate: atLeast(0) }),
  def('file.delete.delay.ms', 'long', 60000, ['log.segment.delete.delay.ms'],
    'Delay before a deleted segment file is removed from disk.', { validate: atLeast(0) }),
  def('flush.messages', 'long', LONG_MAX, ['log.flush.interval.messages'],
    'fsync the partition after this many messages.', { validate: atLeast(1) }),
  def('flush.ms', 'long', LONG_MAX, ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'],
    'fsync the partition after this many ms.', { validate: atLeast(0) }),
  def('index.interval.bytes', 'int', 4096, ['log.index.interval.bytes'],
    'Bytes of log between two offset index entries.', { validate: atLeast(0) }),
  def('max.compaction.lag.ms', 'long', LONG_MAX, ['log.cleaner.max.compaction.lag.ms'],
    'Most time a message stays uncompacted.', { validate: atLeast(1) }),
  def('max.message.bytes', 'int', 1048588, ['message.max.bytes'],
    'Largest record batch the topic accepts (after compression).', { validate: atLeast(0) }),
  def('message.downconversion.enable', 'boolean', true, ['log.message.downconversion.enable'],
    'Down-convert batches for old Fetch versions.'),
  def('message.timestamp.type', 'string', 'CreateTime', ['log.message.timestamp.type'],
    'CreateTime (producer timestamp) or LogAppendTime (broker time).',
    { validate: oneOf(...TIMESTAMP_TYPES) }),
  def('message.timestamp.before.max.ms', 'long', LONG_MAX, ['log.message.timestamp.before.max.ms'],
    'Largest allowed age of a CreateTime timestamp.', { validate: atLeast(0) }),
  def('message.timestamp.after.max.ms', 'long', LONG_MAX, ['log.message.timestamp.after.max.ms'],
    'Largest allowed lead of a CreateTime timestamp over broker time.', { validate: atLeast(0) }),
  def('min.cleanable.dirty.ratio', 'double', 0.5, ['log.cleaner.min.cleanable.ratio'],
    'Dirty ratio above which the log is compacted.', { validate: between(0, 1) }),
  def('min.compaction.lag.ms', 'long', 0, ['log.cleaner.min.compaction.lag.ms'],
    'Least time a message stays uncompacted.', { validate: atLeast(0) }),
  def('min.insync.replicas', 'int', 1, ['min.insync.replicas'],
    'Replicas that must acknowledge an acks=all produce.', { validate: atLeast(1) }),
  def('preallocate', 'boolean', false, ['log.preallocate'], 'Preallocate segment files.'),
  def('retention.bytes', 'long', -1, ['log.retention.bytes'],
    'Delete old segments when a partition is larger than this; -1 means no limit.'),
  def('retention.ms', 'long', 604800000,
    ['log.retention.ms', { name: 'log.retention.minutes', factor: MINUTE }, { name: 'log.retention.hours', factor: HOUR }],
    'Delete segments older than this; -1 keeps them forever.',
    { validate: atLeast(-1), negativeIsUnlimited: true }),
  def('segment.bytes', 'int', 1073741824, ['log.segment.bytes'], 'Largest size of one segment file.',
    { validate: atLeast(14) }),
  def('segment.index.bytes', 'int', 10485760, ['log.index.size.max.bytes'],
    'Largest size of an offset or time index file.', { validate: atLeast(4) }),
  def('segment.jitter.ms', 'long', 0, ['log.roll.jitter.ms', { name: 'log.roll.jitter.hours', factor: HOUR }],
    'Random jitter subtracted from segment.ms.', { validate: atLeast(0) }),
  def('segment.ms', 'long', 604800000, ['log.roll.ms', { name: 'log.roll.hours', factor: HOUR }],
    'Roll a new segment after this many ms even if it is not full.', { validate: atLeast(1) }),
  def('unclean.leader.election.enable', 'boolean', false, ['unclean.leader.election.enable'],
    'Allow an out-of-sync replica to become leader.'),
]

const DEFS = new Map(TOPIC_CONFIG_DEFS.map((d) => [d.name, d]))

export function topicConfigDef(name: string): TopicConfigDef | undefined {
  return DEFS.get(name)
}

/** Effective topic configuration, typed. */
export interface TopicConfig {
  cleanupPolicy: string[]
  compressionType: string
  compressionGzipLevel: number
  compressionLz4Level: number
  compressionZstdLevel: number
  deleteRetentionMs: number
  fileDeleteDelayMs: number
  flushMessages: number
  flushMs: number
  indexIntervalBytes: number
  maxCompactionLagMs: number
  maxMessageBytes: number
  messageDownconversionEnable: boolean
  messageTimestampType: 'CreateTime' | 'LogAppendTime'
  messageTimestampBeforeMaxMs: number
  messageTimestampAfterMaxMs: number
  minCleanableDirtyRatio: number
  minCompactionLagMs: number
  minInsyncReplicas: number
  preallocate: boolean
  retentionBytes: number
  retentionMs: number
  segmentBytes: number
  segmentIndexBytes: number
  segmentJitterMs: number
  segmentMs: number
  uncleanLeaderElectionEnable: boolean
}

const camel = (name: string): string => name.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase())

/** Topic config input as CreateTopics / AlterConfigs carry it. */
export type TopicConfigInput =
  | ReadonlyMap<string, string | null>
  | Readonly<Record<string, string | null | undefined>>
  | ReadonlyArray<{ name: string; value: string | null }>

function entriesOf(input: TopicConfigInput): Array<[string, string | null]> {
  if (Array.isArray(input)) return (input as ReadonlyArray<{ name: string; value: string | null }>).map((c) => [c.name, c.value])
  if (input instanceof Map) return [...(input as ReadonlyMap<string, string | null>)]
  return Object.entries(input as Record<string, string | null | undefined>).map(([k, v]) => [k, v ?? null])
}

export type TopicConfigValidation =
  | { ok: true; values: Map<string, ConfigValue> }
  | { ok: false; errorCode: number; message: string }

const invalid = (message: string): TopicConfigValidation => ({ ok: false, errorCode: ErrorCode.INVALID_CONFIG, message })

/**
 * Checks topic configs from CreateTopics, AlterConfigs or IncrementalAlterConfigs (after the
 * operations are applied): every name known, no null values, every value parsed and in range,
 * and min.compaction.lag.ms not above max.compaction.lag.ms. Errors are values carrying
 * INVALID_CONFIG and a message in Kafka's wording.
 */
export function validateTopicConfigs(input: TopicConfigInput): TopicConfigValidation {
  const values = new Map<string, ConfigValue>()
  for (const [name, raw] of entriesOf(input)) {
    const d = DEFS.get(name)
    if (d === undefined) return invalid(`Unknown topic config name: ${name}`)
    if (raw === null) return invalid(`Null value not supported for topic configs: ${name}`)
    let value: ConfigValue
    try {
      value = parseValue(d.type, raw)
    } catch (err) {
      return invalid(`Invalid value ${raw} for configuration ${name}: ${(err as Error).message}`)
    }
    const reason = d.validate?.(value)
    if (reason !== undefined) return invalid(`Invalid value ${raw} for configuration ${name}: ${reason}`)
    values.set(name, value)
  }
  const minLag = values.get('min.compaction.lag.ms')
  const maxLag = values.get('max.compaction.lag.ms')
  if (typeof minLag === 'number' && typeof maxLag === 'number' && minLag > maxLag) {
    return invalid(`conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})`)
  }
  return { ok: true, values }
}

/** A topic's effective configuration and its DescribeConfigs view. */
export interface ResolvedTopicConfig {
  values: TopicConfig
  /** the topic's own settings, parsed */
  overrides: ReadonlyMap<string, ConfigValue>
  /** the effective value of a topic config by Kafka name; undefined for unknown names */
  get(name: string): ConfigValue | undefined
  /** configs as DescribeConfigs reports them; `names` null or omitted means all */
  describe(names?: readonly string[] | null): DescribedConfig[]
}

interface Resolved {
  value: ConfigValue
  source: ConfigSource
}

function fromBroker(d: TopicConfigDef, broker: BrokerConfig | undefined): Resolved {
  if (broker !== undefined) {
    // A synonym set anywhere wins in priority order; otherwise the first non-null default.
    for (const pass of ['set', 'default'] as const) {
      for (const s of d.synonyms) {
        const set = broker.isSet(s.name)
        if (pass === 'set' && !set) continue
        const v = pass === 'set' ? broker.get(s.name) : broker.defaultOf(s.name)
        if (v === null) continue
        const source = pass === 'set' ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG
        return { value: scale(d, v, s.factor), source }
      }
    }
  } else {
    for (const s of d.synonyms) {
      const v = brokerConfigDef(s.name)?.default ?? null
      if (v !== null) return { value: scale(d, v, s.factor), source: ConfigSource.DEFAULT_CONFIG }
    }
  }
  return { value: d.default, source: ConfigSource.DEFAULT_CONFIG }
}

function scale(d: TopicConfigDef, v: ConfigValue, factor = 1): ConfigValue {
  if (typeof v !== 'number') return v
  let n = factor === 1 || v >= LONG_MAX ? v : Math.min(v * factor, LONG_MAX)
  if (d.negativeIsUnlimited === true && n < 0) n = -1
  return n
}

/**
 * The effective configuration of a topic: its own settings (DYNAMIC_TOPIC_CONFIG), else the
 * broker's synonyms that are set (STATIC_BROKER_CONFIG), else the defaults (DEFAULT_CONFIG).
 * Without a broker config, Kafka's defaults are used. Throws a ConfigError when the topic's
 * settings do not validate (validate them with validateTopicConfigs first to get an error code).
 */
export function resolveTopicConfig(topicOverrides: TopicConfigInput, broker?: BrokerConfig): ResolvedTopicConfig {
  const checked = validateTopicConfigs(topicOverrides)
  if (!checked.ok) throw new ConfigError(checked.message)
  const overrides = checked.values

  const resolved = new Map<string, Resolved>()
  for (const d of TOPIC_CONFIG_DEFS) {
    const own = overrides.get(d.name)
    resolved.set(
      d.name,
      own !== undefined
        ? { value: scale(d, own), source: ConfigSource.DYNAMIC_TOPIC_CONFIG }
        : fromBroker(d, broker),
    )
  }
  const values = Object.fromEntries([...resolved].map(([n, r]) => [camel(n), r.value])) as unknown as TopicConfig

  const synonymsOf = (d: TopicConfigDef): ConfigSynonym[] => {
    const out: ConfigSynonym[] = []
    const own = overrides.get(d.name)
    if (own !== undefined) {
      out.push({ name: d.name, value: formatValue(d.type, own), source: ConfigSource.DYNAMIC_TOPIC_CONFIG })
    }
    for (const s of d.synonyms) {
      if (broker !== undefined) {
        out.push(...broker.synonymEntries(s.name))
      } else {
        const bd = brokerConfigDef(s.name)
        if (bd !== undefined && bd.default !== null) {
          out.push({ name: s.name, value: formatValue(bd.type, bd.default), source: ConfigSource.DEFAULT_CONFIG })
        }
      }
    }
    return out
  }

  return {
    values,
    overrides,
    get: (name) => resolved.get(name)?.value,
    describe(names) {
      const wanted = names ?? TOPIC_CONFIG_DEFS.map((d) => d.name)
      const out: DescribedConfig[] = []
      for (const name of wanted) {
        const d = DEFS.get(name)
        const r = resolved.get(name)
        if (d === undefined || r === undefined) continue
        out.push({
          name,
          value: formatValue(d.type, r.value),
          readOnly: false,
          isDefault: r.source === ConfigSource.DEFAULT_CONFIG,
          source: r.source,
          isSensitive: false,
          synonyms: synonymsOf(d),
          configType: CONFIG_TYPE_ID[d.type],
          documentation: d.doc,
        })
      }
      return out
    },
  }
}
