// Broker configs of the log (Kafka's ServerLogConfigs and CleanerConfig), with Kafka 4's names,
// defaults, documentation and update modes. Most are the broker-wide defaults of a topic config
// (log.retention.ms for retention.ms); topic-configs.ts names those synonyms.
import { CLEANUP_POLICIES, COMPRESSION_TYPES, LONG_MAX, TIMESTAMP_TYPES, atLeast, between, gzipLevel } from './config-def.js'
import { boolean, double, enumList, enumString, int, long, string, type ConfigKey } from './config-key.js'

export const LOG_CONFIGS = {
  // topics
  'num.partitions': int(1, 'The default number of log partitions per topic', { validate: atLeast(1) }),
  'auto.create.topics.enable': boolean(true, 'Enable auto creation of topic on the server.'),
  'delete.topic.enable': boolean(true, 'Enables delete topic. Delete topic through the admin tool will have no effect if this config is turned off'),
  'message.max.bytes': int(
    1048588,
    "The largest record batch size allowed by Kafka (after compression if compression is enabled). If this is increased and there are consumers older than 0.10.2, the consumers' fetch size must also be increased so that they can fetch record batches this large. In the latest message format version, records are always grouped into batches for efficiency. In previous message format versions, uncompressed records are not grouped into batches and this limit only applies to a single record in that case.This can be set per topic with the topic level <code>max.message.bytes</code> config.",
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  'compression.type': enumString(
    COMPRESSION_TYPES,
    'producer',
    "Specify the final compression type for a given topic. This configuration accepts the standard compression codecs ('gzip', 'snappy', 'lz4', 'zstd'). It additionally accepts 'uncompressed' which is equivalent to no compression; and 'producer' which means retain the original compression codec set by the producer.",
    { mode: 'cluster-wide', effective: false, note: 'Batches are stored as the producer compressed them (Kafka\'s "producer").' },
  ),
  'compression.gzip.level': int(-1, "The compression level to use if compression.type is set to 'gzip'.", {
    validate: gzipLevel,
    mode: 'cluster-wide',
    effective: false,
    note: 'Batches are stored as the producer compressed them.',
  }),
  'compression.lz4.level': int(9, "The compression level to use if compression.type is set to 'lz4'.", {
    validate: between(1, 17),
    mode: 'cluster-wide',
    effective: false,
    note: 'Batches are stored as the producer compressed them.',
  }),
  'compression.zstd.level': int(3, "The compression level to use if compression.type is set to 'zstd'.", {
    validate: between(-131072, 22),
    mode: 'cluster-wide',
    effective: false,
    note: 'Batches are stored as the producer compressed them.',
  }),
  'min.insync.replicas': int(
    1,
    'When a producer sets acks to "all" (or "-1"), this configuration specifies the minimum number of replicas that must acknowledge a write for the write to be considered successful. If this minimum cannot be met, then the producer will raise an exception (either <code>NotEnoughReplicas</code> or <code>NotEnoughReplicasAfterAppend</code>).<br> Regardless of the <code>acks</code> setting, the messages will not be visible to the consumers until they are replicated to all in-sync replicas and the <code>min.insync.replicas</code> condition is met.<br> When used together, <code>min.insync.replicas</code> and <code>acks</code> allow you to enforce greater durability guarantees. A typical scenario would be to create a topic with a replication factor of 3, set <code>min.insync.replicas</code> to 2, and produce with <code>acks</code> of "all". This will ensure that a majority of replicas must persist a write before it\'s considered successful by the producer and it\'s visible to consumers.',
    { validate: atLeast(1), mode: 'cluster-wide' },
  ),
  'unclean.leader.election.enable': boolean(
    false,
    'Indicates whether to enable replicas not in the ISR set to be elected as leader as a last resort, even though doing so may result in data loss<p>Note: In KRaft mode, when enabling this config dynamically, it needs to wait for the unclean leader election thread to trigger election periodically (default is 5 minutes). Please run `kafka-leader-election.sh` with `unclean` option to trigger the unclean leader election immediately if needed.</p>',
    { mode: 'cluster-wide', note: 'The default of the topic config: read by the ZooKeeper-mode controller.' },
  ),
  // log directories and segments
  'log.dir': string('./data', 'The directory in which the log data is kept (supplemental for log.dirs property)', {
    kafkaDefault: '/tmp/kafka-logs',
    note: "Kafka's /tmp/kafka-logs is cleared by a reboot and shared with a real Kafka on the same machine.",
  }),
  'log.dirs': string(null, 'A comma-separated list of the directories where the log data is stored. If not set, the value in log.dir is used.'),
  'log.segment.bytes': int(1073741824, 'The maximum size of a single log file', {
    validate: atLeast(14),
    mode: 'cluster-wide',
    note: 'Kafka 4 requires at least 1 MiB here (14 at the topic level); Samsa keeps 14 so tests can roll small segments.',
  }),
  'log.roll.ms': long(null, 'The maximum time before a new log segment is rolled out (in milliseconds). If not set, the value in log.roll.hours is used', {
    validate: atLeast(1),
    mode: 'cluster-wide',
  }),
  'log.roll.hours': int(168, 'The maximum time before a new log segment is rolled out (in hours), secondary to log.roll.ms property', { validate: atLeast(1) }),
  'log.roll.jitter.ms': long(
    null,
    'The maximum jitter to subtract from logRollTimeMillis (in milliseconds). If not set, the value in log.roll.jitter.hours is used',
    { mode: 'cluster-wide', effective: false, note: 'Segments roll at segment.ms exactly.' },
  ),
  'log.roll.jitter.hours': int(0, 'The maximum jitter to subtract from logRollTimeMillis (in hours), secondary to log.roll.jitter.ms property', {
    validate: atLeast(0),
    effective: false,
    note: 'Segments roll at segment.ms exactly.',
  }),
  'log.index.interval.bytes': int(4096, 'The interval with which we add an entry to the offset index.', { validate: atLeast(0), mode: 'cluster-wide' }),
  'log.index.size.max.bytes': int(10485760, 'The maximum size in bytes of the offset index', { validate: atLeast(4), mode: 'cluster-wide' }),
  'log.preallocate': boolean(
    false,
    'Should pre allocate file when create new segment? If you are using Kafka on Windows, you probably need to set it to true.',
    { mode: 'cluster-wide', effective: false, note: 'Segment files grow as they are written.' },
  ),
  'log.segment.delete.delay.ms': long(
    60000,
    'The amount of time to wait before deleting a file from the filesystem. If the value is 0 and there is no file to delete, the system will wait 1 millisecond. Low value will cause busy waiting',
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  'num.recovery.threads.per.data.dir': int(2, 'The number of threads per data directory to be used for log recovery at startup and flushing at shutdown', {
    validate: atLeast(1),
    mode: 'cluster-wide',
    effective: false,
    note: 'Recovery runs on the event loop and the libuv thread pool.',
  }),
  // flushing
  'log.flush.interval.messages': long(LONG_MAX, 'The number of messages accumulated on a log partition before messages are flushed to disk.', {
    validate: atLeast(1),
    mode: 'cluster-wide',
  }),
  'log.flush.interval.ms': long(
    null,
    'The maximum time in ms that a message in any topic is kept in memory before flushed to disk. If not set, the value in log.flush.scheduler.interval.ms is used',
    { mode: 'cluster-wide' },
  ),
  'log.flush.scheduler.interval.ms': long(LONG_MAX, 'The frequency in ms that the log flusher checks whether any log needs to be flushed to disk'),
  'log.flush.offset.checkpoint.interval.ms': int(
    60000,
    'The frequency with which we update the persistent record of the last flush which acts as the log recovery point.',
    { validate: atLeast(0), effective: false, note: 'Recovery points are checkpointed when segments roll and at shutdown.' },
  ),
  'log.flush.start.offset.checkpoint.interval.ms': int(60000, 'The frequency with which we update the persistent record of log start offset', {
    validate: atLeast(0),
    effective: false,
    note: 'Log start offsets are checkpointed when they move.',
  }),
  // retention
  'log.retention.ms': long(
    null,
    'The number of milliseconds to keep a log file before deleting it (in milliseconds), If not set, the value in log.retention.minutes is used. If set to -1, no time limit is applied.',
    { mode: 'cluster-wide' },
  ),
  'log.retention.minutes': int(
    null,
    'The number of minutes to keep a log file before deleting it (in minutes), secondary to log.retention.ms property. If not set, the value in log.retention.hours is used',
  ),
  'log.retention.hours': int(168, 'The number of hours to keep a log file before deleting it (in hours), tertiary to log.retention.ms property'),
  'log.retention.bytes': long(-1, 'The maximum size of the log before deleting it', { mode: 'cluster-wide' }),
  'log.retention.check.interval.ms': long(300000, 'The frequency in milliseconds that the log cleaner checks whether any log is eligible for deletion', {
    validate: atLeast(1),
  }),
  'log.cleanup.policy': enumList(
    CLEANUP_POLICIES,
    ['delete'],
    'The default cleanup policy for segments beyond the retention window. A comma separated list of valid policies. Valid policies are: "delete" and "compact"',
    { mode: 'cluster-wide' },
  ),
  // the log cleaner (compaction)
  'log.cleaner.enable': boolean(
    true,
    'Enable the log cleaner process to run on the server. Should be enabled if using any topics with a cleanup.policy=compact including the internal offsets topic. If disabled those topics will not be compacted and continually grow in size.',
  ),
  'log.cleaner.threads': int(1, 'The number of background threads to use for log cleaning', {
    validate: atLeast(0),
    mode: 'cluster-wide',
    note: 'One cleaner works in slices on the event loop; 0 turns it off.',
  }),
  'log.cleaner.backoff.ms': long(15000, 'The amount of time to sleep when there are no logs to clean', { validate: atLeast(0), mode: 'cluster-wide' }),
  'log.cleaner.dedupe.buffer.size': long(134217728, 'The total memory used for log deduplication across all cleaner threads', { mode: 'cluster-wide' }),
  'log.cleaner.io.buffer.size': int(524288, 'The total memory used for log cleaner I/O buffers across all cleaner threads', {
    validate: atLeast(0),
    mode: 'cluster-wide',
  }),
  'log.cleaner.io.buffer.load.factor': double(
    0.9,
    'Log cleaner dedupe buffer load factor. The percentage full the dedupe buffer can become. A higher value will allow more log to be cleaned at once but will lead to more hash collisions',
    { mode: 'cluster-wide', effective: false, note: 'The offset map has a fixed load factor.' },
  ),
  'log.cleaner.io.max.bytes.per.second': double(
    Number.MAX_VALUE,
    'The log cleaner will be throttled so that the sum of its read and write i/o will be less than this value on average',
    { mode: 'cluster-wide' },
  ),
  'log.cleaner.min.cleanable.ratio': double(
    0.5,
    'The minimum ratio of dirty log to total log for a log to eligible for cleaning. If the log.cleaner.max.compaction.lag.ms or the log.cleaner.min.compaction.lag.ms configurations are also specified, then the log compactor considers the log eligible for compaction as soon as either: (i) the dirty ratio threshold has been met and the log has had dirty (uncompacted) records for at least the log.cleaner.min.compaction.lag.ms duration, or (ii) if the log has had dirty (uncompacted) records for at most the log.cleaner.max.compaction.lag.ms period.',
    { validate: between(0, 1), mode: 'cluster-wide' },
  ),
  'log.cleaner.min.compaction.lag.ms': long(
    0,
    'The minimum time a message will remain uncompacted in the log. Only applicable for logs that are being compacted.',
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  'log.cleaner.max.compaction.lag.ms': long(
    LONG_MAX,
    'The maximum time a message will remain ineligible for compaction in the log. Only applicable for logs that are being compacted.',
    { validate: atLeast(1), mode: 'cluster-wide' },
  ),
  'log.cleaner.delete.retention.ms': long(
    86400000,
    'The amount of time to retain tombstone message markers for log compacted topics. This setting also gives a bound on the time in which a consumer must complete a read if they begin from offset 0 to ensure that they get a valid snapshot of the final stage (otherwise  tombstones messages may be collected before a consumer completes their scan).',
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  // timestamps
  'log.message.timestamp.type': enumString(
    TIMESTAMP_TYPES,
    'CreateTime',
    'Define whether the timestamp in the message is message create time or log append time. The value should be either <code>CreateTime</code> or <code>LogAppendTime</code>.',
    { mode: 'cluster-wide' },
  ),
  'log.message.timestamp.before.max.ms': long(
    LONG_MAX,
    "This configuration sets the allowable timestamp difference between the broker's timestamp and the message timestamp. The message timestamp can be earlier than or equal to the broker's timestamp, with the maximum allowable difference determined by the value set in this configuration. If log.message.timestamp.type=CreateTime, the message will be rejected if the difference in timestamps exceeds this specified threshold. This configuration is ignored if log.message.timestamp.type=LogAppendTime.",
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
  'log.message.timestamp.after.max.ms': long(
    3600000,
    "This configuration sets the allowable timestamp difference between the message timestamp and the broker's timestamp. The message timestamp can be later than or equal to the broker's timestamp, with the maximum allowable difference determined by the value set in this configuration. If log.message.timestamp.type=CreateTime, the message will be rejected if the difference in timestamps exceeds this specified threshold. This configuration is ignored if log.message.timestamp.type=LogAppendTime.",
    { validate: atLeast(0), mode: 'cluster-wide' },
  ),
} as const satisfies Record<string, ConfigKey>
