// The broker config table: every setting Samsa knows, with Kafka's name, type, documented
// default (or Samsa's, with Kafka's kept in `kafkaDefault`), and dynamic update mode.
import {
  CLEANUP_POLICIES,
  COMPRESSION_TYPES,
  LONG_MAX,
  INT_MAX,
  atLeast,
  between,
  gzipLevel,
  listOf,
  oneOf,
  TIMESTAMP_TYPES,
  type ConfigValue,
  type ConfigValueType,
  type Validator,
} from './config-def.js'


/** Kafka's dynamic update modes; `read-only` configs need a restart. */
export type UpdateMode = 'read-only' | 'per-broker' | 'cluster-wide'

export interface BrokerConfigDef {
  name: string
  type: ConfigValueType
  /** Samsa's default, parsed; null means unset */
  default: ConfigValue
  /** Kafka's documented default, when Samsa's differs */
  kafkaDefault?: ConfigValue
  doc: string
  updateMode: UpdateMode
  isSensitive: boolean
  /** other names accepted for this config (broker.id for node.id) */
  aliases?: string[]
  /**
   * Names consulted for the effective value, highest priority first, including this one
   * (log.retention.ms: ms, minutes, hours); reported as DescribeConfigs synonyms.
   */
  synonyms?: string[]
  validate?: Validator
  /**
   * Kafka's default is kept for now, but Samsa expects to choose its own; embedders can already
   * change it through `loadBrokerConfig({ defaults })` without it counting as "set".
   */
  provisionalDefault?: boolean
}

type DefOptions = Partial<Omit<BrokerConfigDef, 'name' | 'type' | 'default' | 'doc'>>

function def(
  name: string,
  type: ConfigValueType,
  dflt: ConfigValue,
  doc: string,
  opts: DefOptions = {},
): BrokerConfigDef {
  return { name, type, default: dflt, doc, updateMode: 'read-only', isSensitive: type === 'password', ...opts }
}

const CW: DefOptions = { updateMode: 'cluster-wide' }
const PB: DefOptions = { updateMode: 'per-broker' }

/** The broker configs Samsa knows, by Kafka name. */
export const BROKER_CONFIG_DEFS: readonly BrokerConfigDef[] = [
  // identity and networking
  def('node.id', 'int', 1, 'Id of this broker; broker.id is accepted as an alias.', {
    kafkaDefault: null, aliases: ['broker.id'], validate: atLeast(0),
  }),
  def('cluster.id', 'string', null, 'Cluster id; generated once and stored with the data when unset.'),
  def('broker.rack', 'string', null, 'Rack of this broker, reported in Metadata.'),
  def('listeners', 'list', ['PLAINTEXT://:9092'],
    'Comma-separated NAME://host:port addresses to listen on; an empty host means all interfaces.', PB),
  def('advertised.listeners', 'list', null,
    'Addresses given to clients in Metadata; by default the listeners, with an empty or wildcard host advertised as localhost.', PB),
  def('listener.security.protocol.map', 'string',
    'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL',
    'Security protocol of each listener name, as NAME:PROTOCOL pairs.', PB),
  def('zookeeper.connect', 'string', null, 'ZooKeeper connection string (optional; unused unless ZooKeeper mode is added).'),
  def('socket.request.max.bytes', 'int', 104857600, 'Largest request the broker accepts, in bytes.', { validate: atLeast(1) }),
  def('socket.send.buffer.bytes', 'int', 102400, 'SO_SNDBUF of sockets; -1 uses the OS default.', { validate: atLeast(-1) }),
  def('socket.receive.buffer.bytes', 'int', 102400, 'SO_RCVBUF of sockets; -1 uses the OS default.', { validate: atLeast(-1) }),
  def('connections.max.idle.ms', 'long', 600000, 'Idle connections are closed after this many ms.'),
  def('queued.max.requests', 'int', 500,
    'Requests a connection may have in flight (read, response not yet written) before its socket is no longer read.', { validate: atLeast(1) }),
  def('max.connections', 'int', 2147483647,
    'The maximum number of connections we allow in the broker at any time; new connections beyond it are closed at once.', { validate: atLeast(0) }),
  def('max.connections.per.ip', 'int', 2147483647,
    'The maximum number of connections we allow from each ip address. This can be set to 0 if there are overrides configured using max.connections.per.ip.overrides property. New connections from the ip address are dropped if the limit is reached.', { validate: atLeast(0) }),
  def('max.connections.per.ip.overrides', 'string', '',
    'A comma-separated list of per-ip or hostname overrides to the default maximum number of connections. An example value is "hostName:100,127.0.0.1:200"'),
  def('num.network.threads', 'int', 3, 'Network threads (accepted for compatibility; Node has one event loop).', { ...CW, validate: atLeast(1) }),
  def('num.io.threads', 'int', 8, 'I/O threads (accepted for compatibility; Node has one event loop).', { ...CW, validate: atLeast(1) }),

  // topics
  def('num.partitions', 'int', 1, 'Partitions of an auto-created topic, and of CreateTopics with partitions -1.', { validate: atLeast(1) }),
  def('default.replication.factor', 'int', 1, 'Replication factor of auto-created topics.', { validate: atLeast(1) }),
  def('auto.create.topics.enable', 'boolean', true, 'Create a topic when Metadata or Produce names one that does not exist.'),
  def('delete.topic.enable', 'boolean', true, 'Allow DeleteTopics.'),
  def('message.max.bytes', 'int', 1048588, 'Largest record batch the broker accepts (after compression).', { ...CW, validate: atLeast(0) }),
  def('fetch.max.bytes', 'int', 57671680, 'Largest total a Fetch response returns.', { ...CW, validate: atLeast(1024) }),
  def('compression.type', 'string', 'producer',
    'Final compression of topics: uncompressed, zstd, lz4, snappy, gzip, or producer (keep what the producer sent).',
    { ...CW, validate: oneOf(...COMPRESSION_TYPES) }),
  def('compression.gzip.level', 'int', -1, 'gzip level when compression.type is gzip.', { ...CW, validate: gzipLevel }),
  def('compression.lz4.level', 'int', 9, 'lz4 level when compression.type is lz4.', { ...CW, validate: between(1, 17) }),
  def('compression.zstd.level', 'int', 3, 'zstd level when compression.type is zstd.', { ...CW, validate: between(-131072, 22) }),
  def('min.insync.replicas', 'int', 1, 'Replicas that must acknowledge an acks=all produce.', { ...CW, validate: atLeast(1) }),
  def('unclean.leader.election.enable', 'boolean', false, 'Allow an out-of-sync replica to become leader.', CW),

  // log
  def('log.dir', 'string', './data', 'Directory of the log when log.dirs is unset.', { kafkaDefault: '/tmp/kafka-logs' }),
  def('log.dirs', 'list', null, 'Comma-separated directories of the log; overrides log.dir.'),
  def('log.segment.bytes', 'int', 1073741824, 'Largest size of one log segment file.', { ...CW, validate: atLeast(14) }),
  def('log.roll.ms', 'long', null, 'Roll a new segment after this many ms; overrides log.roll.hours.', {
    ...CW, synonyms: ['log.roll.ms', 'log.roll.hours'], validate: atLeast(1),
  }),
  def('log.roll.hours', 'int', 168, 'Roll a new segment after this many hours.', {
    synonyms: ['log.roll.ms', 'log.roll.hours'], validate: atLeast(1),
  }),
  def('log.roll.jitter.ms', 'long', null, 'Random jitter subtracted from the roll time; overrides log.roll.jitter.hours.', {
    ...CW, synonyms: ['log.roll.jitter.ms', 'log.roll.jitter.hours'], validate: atLeast(0),
  }),
  def('log.roll.jitter.hours', 'int', 0, 'Random jitter subtracted from the roll time, in hours.', {
    synonyms: ['log.roll.jitter.ms', 'log.roll.jitter.hours'], validate: atLeast(0),
  }),
  def('log.index.interval.bytes', 'int', 4096, 'Bytes of log between two offset index entries.', { ...CW, validate: atLeast(0) }),
  def('log.index.size.max.bytes', 'int', 10485760, 'Largest size of an offset or time index file.', { ...CW, validate: atLeast(4) }),
  def('log.preallocate', 'boolean', false, 'Preallocate segment files.', CW),
  def('log.segment.delete.delay.ms', 'long', 60000, 'Delay before a deleted segment file is removed from disk.', { ...CW, validate: atLeast(0) }),
  def('log.flush.interval.messages', 'long', LONG_MAX, 'fsync a partition after this many appended messages.', { ...CW, validate: atLeast(1) }),
  def('log.flush.interval.ms', 'long', null, 'fsync a partition after this many ms; unset means log.flush.scheduler.interval.ms.', {
    ...CW, synonyms: ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'],
  }),
  def('log.flush.scheduler.interval.ms', 'long', LONG_MAX, 'How often the flusher checks whether a log needs an fsync.', {
    synonyms: ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'],
  }),
  def('log.flush.offset.checkpoint.interval.ms', 'int', 60000, 'How often recovery points are checkpointed.', { validate: atLeast(0) }),
  def('log.flush.start.offset.checkpoint.interval.ms', 'int', 60000, 'How often log start offsets are checkpointed.', { validate: atLeast(0) }),
  def('log.retention.ms', 'long', null, 'Delete segments older than this; -1 keeps them forever. Overrides minutes and hours.', {
    ...CW, synonyms: ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'],
  }),
  def('log.retention.minutes', 'int', null, 'Retention in minutes; overrides log.retention.hours.', {
    synonyms: ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'],
  }),
  def('log.retention.hours', 'int', 168, 'Retention in hours.', {
    synonyms: ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'],
  }),
  def('log.retention.bytes', 'long', -1, 'Delete old segments when a partition is larger than this; -1 means no limit.', CW),
  def('log.retention.check.interval.ms', 'long', 300000, 'How often retention is checked.', { validate: atLeast(1) }),
  def('log.cleanup.policy', 'list', ['delete'], 'delete, compact, or both, for topics that do not set cleanup.policy.', {
    ...CW, validate: listOf(...CLEANUP_POLICIES),
  }),
  def('log.cleaner.enable', 'boolean', true, 'Run the log cleaner (needed for compacted topics).'),
  def('log.cleaner.threads', 'int', 1, 'Log cleaner threads.', { ...CW, validate: atLeast(0) }),
  def('log.cleaner.backoff.ms', 'long', 15000, 'Sleep of the cleaner when there is nothing to clean.', { ...CW, validate: atLeast(0) }),
  def('log.cleaner.dedupe.buffer.size', 'long', 134217728, 'Memory for deduplication across cleaner threads.', CW),
  def('log.cleaner.io.buffer.size', 'int', 524288, 'I/O buffer memory across cleaner threads.', { ...CW, validate: atLeast(0) }),
  def('log.cleaner.io.buffer.load.factor', 'double', 0.9, 'Load factor of the cleaner dedupe buffer.', CW),
  def('log.cleaner.io.max.bytes.per.second', 'double', Number.MAX_VALUE, 'Cleaner I/O throttle.', CW),
  def('log.cleaner.min.cleanable.ratio', 'double', 0.5, 'Dirty ratio above which a log is cleaned.', { ...CW, validate: between(0, 1) }),
  def('log.cleaner.min.compaction.lag.ms', 'long', 0, 'Least time a message stays uncompacted.', { ...CW, validate: atLeast(0) }),
  def('log.cleaner.max.compaction.lag.ms', 'long', LONG_MAX, 'Most time a message stays uncompacted.', { ...CW, validate: atLeast(1) }),
  def('log.cleaner.delete.retention.ms', 'long', 86400000, 'How long tombstones are kept in compacted topics.', { ...CW, validate: atLeast(0) }),
  def('log.message.timestamp.type', 'string', 'CreateTime', 'CreateTime (producer timestamp) or LogAppendTime (broker time).', {
    ...CW, validate: oneOf(...TIMESTAMP_TYPES),
  }),
  def('log.message.timestamp.before.max.ms', 'long', LONG_MAX, 'Largest allowed age of a CreateTime timestamp.', { ...CW, validate: atLeast(0) }),
  def('log.message.timestamp.after.max.ms', 'long', LONG_MAX, 'Largest allowed lead of a CreateTime timestamp.', { ...CW, validate: atLeast(0) }),
  def('log.message.downconversion.enable', 'boolean', true, 'Down-convert batches for old Fetch versions.', CW),

  // consumer groups and offsets
  def('offsets.topic.num.partitions', 'int', 50, 'Partitions of __consumer_offsets.', { validate: atLeast(1) }),
  def('offsets.topic.replication.factor', 'short', 3, 'Replication factor of __consumer_offsets (capped at the live brokers).', { validate: atLeast(1) }),
  def('offsets.topic.segment.bytes', 'int', 104857600, 'Segment size of __consumer_offsets.', { validate: atLeast(1) }),
  def('offsets.retention.minutes', 'int', 10080, 'Committed offsets of empty groups are dropped after this long.', { validate: atLeast(1) }),
  def('offsets.retention.check.interval.ms', 'long', 600000, 'How often stale offsets are looked for.', { validate: atLeast(1) }),
  def('offsets.commit.timeout.ms', 'int', 5000, 'How long an offset commit may wait for its write.', { validate: atLeast(1) }),
  def('offset.metadata.max.bytes', 'int', 4096, 'Largest metadata string of a committed offset.'),
  // Samsa's default is 0 (Kafka's is 3000): a developer's lone consumer gets its partitions at once.
  def('group.initial.rebalance.delay.ms', 'int', 0, 'How long a new group waits for more members before its first rebalance.', { kafkaDefault: 3000, validate: atLeast(0) }),
  def('group.min.session.timeout.ms', 'int', 6000, 'Smallest session timeout a member may ask for.'),
  def('group.max.session.timeout.ms', 'int', 1800000, 'Largest session timeout a member may ask for.'),
  def('group.max.size', 'int', INT_MAX, 'Most members in one consumer group.', { validate: atLeast(1) }),
  def('group.consumer.heartbeat.interval.ms', 'int', 5000, 'Heartbeat interval of KIP-848 consumer group members.', { validate: atLeast(1) }),
  def('group.consumer.session.timeout.ms', 'int', 45000, 'Session timeout of KIP-848 consumer group members.', { validate: atLeast(1) }),
  def('group.consumer.assignors', 'list', ['uniform', 'range'], 'Server-side assignors of KIP-848 consumer groups; the first is the default.'),
  def('group.consumer.max.size', 'int', INT_MAX, 'Most members in one KIP-848 consumer group.', { validate: atLeast(1) }),

  // transactions and idempotence
  def('transactional.id.expiration.ms', 'int', 604800000, 'Transactional ids unused for this long are expired.', { validate: atLeast(1) }),
  def('transaction.max.timeout.ms', 'int', 900000, 'Largest transaction timeout a producer may ask for.', { validate: atLeast(1) }),
  def('transaction.state.log.num.partitions', 'int', 50, 'Partitions of __transaction_state.', { validate: atLeast(1) }),
  def('transaction.state.log.replication.factor', 'short', 3, 'Replication factor of __transaction_state.', { validate: atLeast(1) }),
  def('transaction.state.log.min.isr', 'int', 2, 'min.insync.replicas of __transaction_state.', { validate: atLeast(1) }),
  def('transaction.abort.timed.out.transaction.cleanup.interval.ms', 'int', 10000, 'How often timed-out transactions are rolled back.', { validate: atLeast(1) }),
  def('transaction.remove.expired.transaction.cleanup.interval.ms', 'int', 3600000, 'How often expired transactional ids are removed.', { validate: atLeast(1) }),
  def('producer.id.expiration.ms', 'int', 86400000, 'Producer ids idle this long lose their idempotence state.', { ...CW, validate: atLeast(1) }),
  def('producer.id.expiration.check.interval.ms', 'int', 600000, 'How often expired producer ids are removed.', { validate: atLeast(1) }),

  // Samsa's web console (not Kafka configs): served by `samsa start`, which turns it on.
  def('console.enable', 'boolean', false, 'Serve the web console from the broker process; samsa start enables it.'),
  def('console.listener', 'string', '127.0.0.1:8080',
    'host:port of the web console; 127.0.0.1 keeps it to this machine, 0.0.0.0 opens it to the network (it has no login).',
    { validate: (v) => (typeof v === 'string' && /^(?:https?:\/\/)?(?:\[[0-9a-fA-F:.]+\]|[^:/\s]*):\d{1,5}\/?$/.test(v) ? undefined : 'must be host:port, e.g. 127.0.0.1:8080') }),
]

export const DEFS = new Map<string, BrokerConfigDef>()
export const ALIASES = new Map<string, string>()
for (const d of BROKER_CONFIG_DEFS) {
  DEFS.set(d.name, d)
  for (const a of d.aliases ?? []) ALIASES.set(a, d.name)
}

/** The definition of a broker config, by Kafka name or alias. */
export function brokerConfigDef(name: string): BrokerConfigDef | undefined {
  return DEFS.get(ALIASES.get(name) ?? name)
}

/** Where a value came from, in more detail than DescribeConfigs' ConfigSource. */
