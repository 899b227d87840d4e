// Topic configuration, which is Kafka's LogConfig: one table of the topic-level configs, each with
// the broker configs it falls back to (its synonyms, highest priority first, with the unit
// conversion hours -> ms where needed, as Kafka's ServerTopicConfigSynonyms lists them). A topic
// config's default is its first broker synonym's default, so no default is written twice; the
// typed values storage works with (LogConfig) follow from this table.
import { ErrorCode } from '../protocol/generated/error-codes.js'
import {
  CLEANUP_POLICIES,
  COMPRESSION_TYPES,
  LONG_MAX,
  TIMESTAMP_TYPES,
  atLeast,
  between,
  gzipLevel,
  ConfigError,
  parseValue,
  type ConfigValue,
} from './config-def.js'
import { boolean, double, enumList, enumString, int, list, long, type ConfigKey, type ValuesOf, camelCase } from './config-key.js'
import { BROKER_CONFIGS, type BrokerConfigName } from './broker-config-defs.js'
import { BrokerConfig } from './broker-config.js'

const MINUTE = 60_000
const HOUR = 3_600_000

/** A broker config a topic config falls back to, and the factor that turns its unit into the topic's (Kafka's ConfigSynonym). */
export interface BrokerSynonym {
  readonly name: BrokerConfigName
  /** multiply the broker value by this (hours to ms: 3600000) */
  readonly factor: number
}

export interface TopicKey<T extends ConfigValue = ConfigValue> extends ConfigKey<T> {
  /** Broker configs consulted in order when the topic does not set this config. */
  readonly synonyms: readonly BrokerSynonym[]
}

/** Converts a broker synonym's value to the topic config's unit; Long.MAX stays Long.MAX. */
function convertSynonym(value: ConfigValue, factor: number): ConfigValue {
  if (typeof value !== 'number' || factor === 1) return value
  return Math.abs(value) === LONG_MAX ? value : value * factor
}

function topicKey<T extends ConfigValue>(
  k: ConfigKey<T>,
  synonyms: ReadonlyArray<BrokerConfigName | readonly [BrokerConfigName, number]>,
): TopicKey<NonNullable<T>> {
  const syn = synonyms.map((s) => (typeof s === 'string' ? { name: s, factor: 1 } : { name: s[0], factor: s[1] }))
  // The default is the first broker synonym that has one, converted (Kafka's LogConfig defaults
  // are the broker defaults: retention.ms 604800000 is log.retention.hours 168).
  let dflt: ConfigValue = null
  for (const s of syn) {
    const d = (BROKER_CONFIGS[s.name] as ConfigKey).default
    if (d !== null) {
      dflt = convertSynonym(d, s.factor)
      break
    }
  }
  if (dflt === null) throw new Error('a topic config needs a broker synonym with a default')
  return { ...k, default: dflt as NonNullable<T>, synonyms: syn }
}

/** A topic config no broker config stands behind (Kafka's throttled-replicas lists): its own default. */
function topicOnlyKey<T extends ConfigValue>(k: ConfigKey<T>): TopicKey<NonNullable<T>> {
  return { ...k, default: k.default as NonNullable<T>, synonyms: [] }
}

/** Kafka's ThrottledReplicaListValidator: "*" or [PartitionId]:[BrokerId] entries. */
const throttledReplicaList = (v: ConfigValue): string | undefined => {
  const list = Array.isArray(v) ? v : []
  if (list.length === 1 && list[0]!.trim() === '*') return undefined
  return list.every((e) => /^\s*\d+\s*:\s*\d+\s*$/.test(e))
    ? undefined
    : 'Must be the wildcard (*) or a list of entries of the form [PartitionId]:[BrokerId] separated by commas'
}

const THROTTLED_DOC = (side: 'leader' | 'follower') =>
  `A list of replicas for which log replication should be throttled on the ${side} side. The list should describe a set of replicas in the form [PartitionId]:[BrokerId],[PartitionId]:[BrokerId]:... or alternatively the wildcard '*' can be used to throttle all replicas for this topic.`

/** The topic configs Samsa knows, by Kafka name (Kafka 4's topic configs without tiered storage). */
export const TOPIC_CONFIGS = {
  'cleanup.policy': topicKey(
    enumList(
      CLEANUP_POLICIES,
      null,
      'This config designates the retention policy to use on log segments. The "delete" policy (which is the default) will discard old segments when their retention time or size limit has been reached. The "compact" policy will enable <a href="#compaction">log compaction</a>, which retains the latest value for each key. It is also possible to specify both policies in a comma-separated list (e.g. "delete,compact"). In this case, old segments will be discarded per the retention time and size configuration, while retained segments will be compacted.',
    ),
    ['log.cleanup.policy'],
  ),
  'compression.gzip.level': topicKey(
    int(null, 'The compression level to use if compression.type is set to <code>gzip</code>.', {
      validate: gzipLevel,
      effective: false,
      note: 'Batches are stored as the producer compressed them.',
    }),
    ['compression.gzip.level'],
  ),
  'compression.lz4.level': topicKey(
    int(null, 'The compression level to use if compression.type is set to <code>lz4</code>.', {
      validate: between(1, 17),
      effective: false,
      note: 'Batches are stored as the producer compressed them.',
    }),
    ['compression.lz4.level'],
  ),
  'compression.type': topicKey(
    enumString(
      COMPRESSION_TYPES,
      null,
      "Specify the final compression type for a given topic. This configuration accepts the standard compression codecs ('gzip', 'snappy', 'lz4', 'zstd'). It additionally accepts 'uncompressed' which is equivalent to no compression; and 'producer' which means retain the original compression codec set by the producer.",
      { effective: false, note: 'Batches are stored as the producer compressed them (Kafka\'s "producer").' },
    ),
    ['compression.type'],
  ),
  'compression.zstd.level': topicKey(
    int(null, 'The compression level to use if compression.type is set to <code>zstd</code>.', {
      validate: between(-131072, 22),
      effective: false,
      note: 'Batches are stored as the producer compressed them.',
    }),
    ['compression.zstd.level'],
  ),
  'delete.retention.ms': topicKey(
    long(
      null,
      'The amount of time to retain delete tombstone markers for <a href="#compaction">log compacted</a> topics. This setting also gives a bound on the time in which a consumer must complete a read if they begin from offset 0 to ensure that they get a valid snapshot of the final stage (otherwise delete tombstones may be collected before they complete their scan).',
      { validate: atLeast(0) },
    ),
    ['log.cleaner.delete.retention.ms'],
  ),
  'file.delete.delay.ms': topicKey(long(null, 'The time to wait before deleting a file from the filesystem', { validate: atLeast(0) }), [
    'log.segment.delete.delay.ms',
  ]),
  'follower.replication.throttled.replicas': topicOnlyKey(
    list([], THROTTLED_DOC('follower'), {
      validate: throttledReplicaList,
      note: "Applied with follower.replication.throttled.rate, as Kafka's ReplicationQuotaManager does.",
    }),
  ),
  'flush.messages': topicKey(
    long(
      null,
      'This setting allows specifying an interval at which we will force an fsync of data written to the log. For example if this was set to 1 we would fsync after every message; if it were 5 we would fsync after every five messages. In general we recommend you not set this and use replication for durability and allow the operating system\'s background flush capabilities as it is more efficient. This setting can be overridden on a per-topic basis (see <a href="#topicconfigs">the per-topic configuration section</a>).',
      { validate: atLeast(1) },
    ),
    ['log.flush.interval.messages'],
  ),
  'flush.ms': topicKey(
    long(
      null,
      "This setting allows specifying a time interval at which we will force an fsync of data written to the log. For example if this was set to 1000 we would fsync after 1000 ms had passed. In general we recommend you not set this and use replication for durability and allow the operating system's background flush capabilities as it is more efficient.",
      { validate: atLeast(0) },
    ),
    ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'],
  ),
  'index.interval.bytes': topicKey(
    int(
      null,
      "This setting controls how frequently Kafka adds an index entry to its offset index. The default setting ensures that we index a message roughly every 4096 bytes. More indexing allows reads to jump closer to the exact position in the log but makes the index larger. You probably don't need to change this.",
      { validate: atLeast(0) },
    ),
    ['log.index.interval.bytes'],
  ),
  'leader.replication.throttled.replicas': topicOnlyKey(
    list([], THROTTLED_DOC('leader'), {
      validate: throttledReplicaList,
      note: "Applied with leader.replication.throttled.rate, as Kafka's ReplicationQuotaManager does.",
    }),
  ),
  'max.compaction.lag.ms': topicKey(
    long(null, 'The maximum time a message will remain ineligible for compaction in the log. Only applicable for logs that are being compacted.', {
      validate: atLeast(1),
    }),
    ['log.cleaner.max.compaction.lag.ms'],
  ),
  'max.message.bytes': topicKey(
    int(
      null,
      "The largest record batch size allowed by Kafka (after compression if compression is enabled). If this is increased and there are consumers older than 0.10.2, the consumers' fetch size must also be increased so that they can fetch record batches this large. In the latest message format version, records are always grouped into batches for efficiency. In previous message format versions, uncompressed records are not grouped into batches and this limit only applies to a single record in that case.",
      { validate: atLeast(0) },
    ),
    ['message.max.bytes'],
  ),
  'message.timestamp.after.max.ms': topicKey(
    long(
      null,
      "This configuration sets the allowable timestamp difference between the message timestamp and the broker's timestamp. The message timestamp can be later than or equal to the broker's timestamp, with the maximum allowable difference determined by the value set in this configuration. If message.timestamp.type=CreateTime, the message will be rejected if the difference in timestamps exceeds this specified threshold. This configuration is ignored if message.timestamp.type=LogAppendTime.",
      { validate: atLeast(0) },
    ),
    ['log.message.timestamp.after.max.ms'],
  ),
  'message.timestamp.before.max.ms': topicKey(
    long(
      null,
      "This configuration sets the allowable timestamp difference between the broker's timestamp and the message timestamp. The message timestamp can be earlier than or equal to the broker's timestamp, with the maximum allowable difference determined by the value set in this configuration. If message.timestamp.type=CreateTime, the message will be rejected if the difference in timestamps exceeds this specified threshold. This configuration is ignored if message.timestamp.type=LogAppendTime.",
      { validate: atLeast(0) },
    ),
    ['log.message.timestamp.before.max.ms'],
  ),
  'message.timestamp.type': topicKey(
    enumString(
      TIMESTAMP_TYPES,
      null,
      'Define whether the timestamp in the message is message create time or log append time. The value should be either `CreateTime` or `LogAppendTime`',
    ),
    ['log.message.timestamp.type'],
  ),
  'min.cleanable.dirty.ratio': topicKey(
    double(
      0,
      'This configuration controls how frequently the log compactor will attempt to clean the log (assuming <a href="#compaction">log compaction</a> is enabled). By default we will avoid cleaning a log where more than 50% of the log has been compacted. This ratio bounds the maximum space wasted in the log by duplicates (at 50% at most 50% of the log could be duplicates). A higher ratio will mean fewer, more efficient cleanings but will mean more wasted space in the log. If the max.compaction.lag.ms or the min.compaction.lag.ms configurations are also specified, then the log compactor considers the log to be eligible for compaction as soon as either: (i) the dirty ratio threshold has been met and the log has had dirty (uncompacted) records for at least the min.compaction.lag.ms duration, or (ii) if the log has had dirty (uncompacted) records for at most the max.compaction.lag.ms period.',
      { validate: between(0, 1) },
    ),
    ['log.cleaner.min.cleanable.ratio'],
  ),
  'min.compaction.lag.ms': topicKey(
    long(null, 'The minimum time a message will remain uncompacted in the log. Only applicable for logs that are being compacted.', { validate: atLeast(0) }),
    ['log.cleaner.min.compaction.lag.ms'],
  ),
  'min.insync.replicas': topicKey(
    int(
      null,
      'When a producer sets acks to "all" (or "-1"), this configuration specifies the minimum number of replicas that must acknowledge a write for the write to be considered successful. If this minimum cannot be met, then the producer will raise an exception (either <code>NotEnoughReplicas</code> or <code>NotEnoughReplicasAfterAppend</code>).<br> Regardless of the <code>acks</code> setting, the messages will not be visible to the consumers until they are replicated to all in-sync replicas and the <code>min.insync.replicas</code> condition is met.<br> When used together, <code>min.insync.replicas</code> and <code>acks</code> allow you to enforce greater durability guarantees. A typical scenario would be to create a topic with a replication factor of 3, set <code>min.insync.replicas</code> to 2, and produce with <code>acks</code> of "all". This will ensure that a majority of replicas must persist a write before it\'s considered successful by the producer and it\'s visible to consumers.',
      { validate: atLeast(1) },
    ),
    ['min.insync.replicas'],
  ),
  preallocate: topicKey(
    boolean(false, 'True if we should preallocate the file on disk when creating a new log segment.', {
      effective: false,
      note: 'Segment files grow as they are written.',
    }),
    ['log.preallocate'],
  ),
  'retention.bytes': topicKey(
    long(
      null,
      'This configuration controls the maximum size a partition (which consists of log segments) can grow to before we will discard old log segments to free up space if we are using the "delete" retention policy. By default there is no size limit only a time limit. Since this limit is enforced at the partition level, multiply it by the number of partitions to compute the topic retention in bytes. Additionally, retention.bytes configuration operates independently of "segment.ms" and "segment.bytes" configurations. Moreover, it triggers the rolling of new segment if the retention.bytes is configured to zero.',
    ),
    ['log.retention.bytes'],
  ),
  'retention.ms': topicKey(
    long(
      null,
      'This configuration controls the maximum time we will retain a log before we will discard old log segments to free up space if we are using the "delete" retention policy. This represents an SLA on how soon consumers must read their data. If set to -1, no time limit is applied. Additionally, retention.ms configuration operates independently of "segment.ms" and "segment.bytes" configurations. Moreover, it triggers the rolling of new segment if the retention.ms condition is satisfied.',
      { validate: atLeast(-1) },
    ),
    ['log.retention.ms', ['log.retention.minutes', MINUTE], ['log.retention.hours', HOUR]],
  ),
  'segment.bytes': topicKey(
    int(
      null,
      'This configuration controls the segment file size for the log. Retention and cleaning is always done a file at a time so a larger segment size means fewer files but less granular control over retention.',
      { validate: atLeast(14) },
    ),
    ['log.segment.bytes'],
  ),
  'segment.index.bytes': topicKey(
    int(
      null,
      'This configuration controls the size of the index that maps offsets to file positions. We preallocate this index file and shrink it only after log rolls. You generally should not need to change this setting.',
      { validate: atLeast(4) },
    ),
    ['log.index.size.max.bytes'],
  ),
  'segment.jitter.ms': topicKey(
    long(null, 'The maximum random jitter subtracted from the scheduled segment roll time to avoid thundering herds of segment rolling', {
      validate: atLeast(0),
      effective: false,
      note: 'Segments roll at segment.ms exactly.',
    }),
    ['log.roll.jitter.ms', ['log.roll.jitter.hours', HOUR]],
  ),
  'segment.ms': topicKey(
    long(
      null,
      "This configuration controls the period of time after which Kafka will force the log to roll even if the segment file isn't full to ensure that retention can delete or compact old data.",
      { validate: atLeast(1) },
    ),
    ['log.roll.ms', ['log.roll.hours', HOUR]],
  ),
  'unclean.leader.election.enable': topicKey(
    boolean(
      false,
      'Indicates whether to enable replicas not in the ISR set to be elected as leader as a last resort, even though doing so may result in data loss.<p>Note: In KRaft mode, when enabling this config dynamically, it needs to wait for the unclean leader electionthread to trigger election periodically (default is 5 minutes). Please run `kafka-leader-election.sh` with `unclean` option to trigger the unclean leader election immediately if needed.</p>',
      { note: 'Read by the ZooKeeper-mode controller when no in-sync replica of a partition is left.' },
    ),
    ['unclean.leader.election.enable'],
  ),
}

export type TopicConfigName = keyof typeof TOPIC_CONFIGS

/** A topic's effective configuration, typed: `retentionMs`, `cleanupPolicy`, ... (Kafka's LogConfig). */
export type TopicConfigValues = ValuesOf<typeof TOPIC_CONFIGS>

const KEYS: ReadonlyMap<string, TopicKey> = new Map(Object.entries(TOPIC_CONFIGS) as Array<[string, TopicKey]>)

export const TOPIC_CONFIG_NAMES = [...KEYS.keys()] as TopicConfigName[]

export function topicConfigKey(name: string): TopicKey | undefined {
  return KEYS.get(name)
}

/** The camel-cased field of each topic config in TopicConfigValues. */
const TOPIC_CONFIG_FIELDS: ReadonlyMap<TopicConfigName, keyof TopicConfigValues> = new Map(
  TOPIC_CONFIG_NAMES.map((n) => [n, camelCase(n) as keyof TopicConfigValues]),
)

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

export type TopicConfigValidation = { ok: true; values: Map<TopicConfigName, ConfigValue> } | { ok: false; errorCode: number; message: string }

const invalid = (message: string): TopicConfigValidation => ({ ok: false, errorCode: ErrorCode.INVALID_CONFIG, message })

/**
 * Checks topic configs from CreateTopics, AlterConfigs or IncrementalAlterConfigs (after the
 * operations are applied): every name known, no null values, every value parsed and in range,
 * and min.compaction.lag.ms not above max.compaction.lag.ms (Kafka's LogConfig.validate). Errors
 * are values carrying INVALID_CONFIG and a message in Kafka's wording.
 */
export function validateTopicConfigs(input: TopicConfigInput): TopicConfigValidation {
  const values = new Map<TopicConfigName, ConfigValue>()
  for (const [name, raw] of entriesOf(input)) {
    const k = KEYS.get(name)
    if (k === undefined) return invalid(`Unknown topic config name: ${name}`)
    if (raw === null) return invalid(`Null value not supported for topic configs: ${name}`)
    let value: ConfigValue
    try {
      value = parseValue(k.type, raw)
    } catch (err) {
      return invalid(`Invalid value ${raw} for configuration ${name}: ${(err as Error).message}`)
    }
    const reason = k.validate?.(value)
    if (reason !== undefined) return invalid(`Invalid value ${raw} for configuration ${name}: ${reason}`)
    values.set(name as TopicConfigName, value)
  }
  const minLag = values.get('min.compaction.lag.ms')
  const maxLag = values.get('max.compaction.lag.ms')
  if (typeof minLag === 'number' && typeof maxLag === 'number' && minLag > maxLag) {
    return invalid(`conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})`)
  }
  return { ok: true, values }
}

/** A topic's effective configuration (Kafka's LogConfig.fromProps over the broker's log configs). */
export interface ResolvedTopicConfig {
  readonly values: TopicConfigValues
  /** the topic's own settings (DYNAMIC_TOPIC_CONFIG), parsed */
  readonly overrides: ReadonlyMap<TopicConfigName, ConfigValue>
  /** the broker configuration the values fell back to */
  readonly broker: BrokerConfig
  /** the effective value of a topic config by Kafka name; undefined for unknown names */
  get(name: string): ConfigValue | undefined
}

/** The value a topic config takes from the broker: its first synonym with a value, converted; else its default. */
export function brokerTopicDefault(name: TopicConfigName, broker: BrokerConfig): ConfigValue {
  const k = KEYS.get(name)!
  for (const s of k.synonyms) {
    const v = broker.get(s.name)
    if (v !== null) return normalise(name, convertSynonym(v, s.factor))
  }
  return k.default
}

/** Kafka reads any negative retention time as -1, "forever" (KafkaConfig.logRetentionTimeMillis). */
function normalise(name: TopicConfigName, v: ConfigValue): ConfigValue {
  return name === 'retention.ms' && typeof v === 'number' && v < 0 ? -1 : v
}

let defaultBroker: BrokerConfig | undefined

/**
 * The effective configuration of a topic: its own settings, else the broker's synonyms in order
 * (each at the highest layer that sets it), else the default. Without a broker configuration,
 * the defaults. Throws a ConfigError when the topic's settings do not validate (validate them
 * with validateTopicConfigs first to get an error code).
 */
export function resolveTopicConfig(topicOverrides: TopicConfigInput, broker?: BrokerConfig): ResolvedTopicConfig {
  const checked = validateTopicConfigs(topicOverrides)
  if (!checked.ok) throw new ConfigError(checked.message)
  const b = broker ?? (defaultBroker ??= new BrokerConfig(new Map()))
  const resolved = new Map<string, ConfigValue>()
  const values: Record<string, ConfigValue> = {}
  for (const name of TOPIC_CONFIG_NAMES) {
    const own = checked.values.get(name)
    const v = own !== undefined ? normalise(name, own) : brokerTopicDefault(name, b)
    resolved.set(name, v)
    values[TOPIC_CONFIG_FIELDS.get(name)!] = v
  }
  return { values: Object.freeze(values) as unknown as TopicConfigValues, overrides: checked.values, broker: b, get: (name) => resolved.get(name) }
}
