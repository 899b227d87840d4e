// Broker configs of the group coordinator and the offsets topic (Kafka's GroupCoordinatorConfig),
// with Kafka 4's names, defaults and documentation. The per-group configs a GROUP config resource
// carries (KIP-848) are in group-resource-configs.ts.
import { INT_MAX, atLeast } from './config-def.js'
import { enumList, int, list, long, short, type ConfigKey } from './config-key.js'

export const GROUP_COORDINATOR_CONFIGS = {
  // the offsets topic
  'offsets.topic.num.partitions': int(50, 'The number of partitions for the offset commit topic (should not change after deployment).', {
    validate: atLeast(1),
  }),
  'offsets.topic.replication.factor': short(
    3,
    'The replication factor for the offsets topic (set higher to ensure availability). Internal topic creation will fail until the cluster size meets this replication factor requirement.',
    {
      validate: atLeast(1),
      note: 'In a cluster __consumer_offsets is created once this many brokers are alive (FindCoordinator answers COORDINATOR_NOT_AVAILABLE until then), as in Kafka; a single broker makes it with one replica.',
    },
  ),
  'offsets.topic.segment.bytes': int(
    104857600,
    'The offsets topic segment bytes should be kept relatively small in order to facilitate faster log compaction and cache loads.',
    { validate: atLeast(1) },
  ),
  'offsets.retention.minutes': int(
    10080,
    "For subscribed consumers, committed offset of a specific partition will be expired and discarded when 1) this retention period has elapsed after the consumer group loses all its consumers (i.e. becomes empty); 2) this retention period has elapsed since the last time an offset is committed for the partition and the group is no longer subscribed to the corresponding topic. For standalone consumers (using manual assignment), offsets will be expired after this retention period has elapsed since the time of last commit. Note that when a group is deleted via the delete-group request, its committed offsets will also be deleted without extra retention period; also when a topic is deleted via the delete-topic request, upon propagated metadata update any group's committed offsets for that topic will also be deleted without extra retention period.",
    { validate: atLeast(1) },
  ),
  'offsets.retention.check.interval.ms': long(600000, 'Frequency at which to check for stale offsets', { validate: atLeast(1) }),
  'offsets.commit.timeout.ms': int(
    5000,
    'Offset commit will be delayed until all replicas for the offsets topic receive the commit or this timeout is reached. This is similar to the producer request timeout. This is applied to all the writes made by the coordinator.',
    { validate: atLeast(1) },
  ),
  'offsets.load.buffer.size': int(
    5242880,
    'Batch size for reading from the offsets segments when loading offsets into the cache (soft-limit, overridden if records are too large).',
    { validate: atLeast(1), effective: false, note: 'The offsets topic is read batch by batch.' },
  ),
  'offset.metadata.max.bytes': int(4096, 'The maximum size for a metadata entry associated with an offset commit.'),
  // classic groups
  'group.initial.rebalance.delay.ms': int(
    0,
    'The amount of time the group coordinator will wait for more consumers to join a new group before performing the first rebalance. A longer delay means potentially fewer rebalances, but increases the time until processing begins.',
    { kafkaDefault: 3000, note: "Samsa starts a new group at once: a developer's lone consumer should not wait 3 s." },
  ),
  'group.min.session.timeout.ms': int(
    6000,
    'The minimum allowed session timeout for registered consumers. Shorter timeouts result in quicker failure detection at the cost of more frequent consumer heartbeating, which can overwhelm broker resources.',
  ),
  'group.max.session.timeout.ms': int(
    1800000,
    'The maximum allowed session timeout for registered consumers. Longer timeouts give consumers more time to process messages in between heartbeats at the cost of a longer time to detect failures.',
  ),
  'group.max.size': int(INT_MAX, 'The maximum number of consumers that a single consumer group can accommodate.', { validate: atLeast(1) }),
  'group.coordinator.rebalance.protocols': enumList(
    ['consumer', 'classic'],
    ['classic', 'consumer'],
    'The list of enabled rebalance protocols.The share rebalance protocol is in early access and therefore must not be used in production.',
    { effective: false, note: 'Both protocols are always on.' },
  ),
  // KIP-848 consumer groups
  'group.consumer.heartbeat.interval.ms': int(5000, 'The heartbeat interval given to the members of a consumer group.', { validate: atLeast(1) }),
  'group.consumer.min.heartbeat.interval.ms': int(5000, 'The minimum heartbeat interval for registered consumers.', {
    validate: atLeast(1),
    note: "Bounds each group's own consumer.heartbeat.interval.ms (a GROUP config).",
  }),
  'group.consumer.max.heartbeat.interval.ms': int(15000, 'The maximum heartbeat interval for registered consumers.', {
    validate: atLeast(1),
    note: "Bounds each group's own consumer.heartbeat.interval.ms (a GROUP config).",
  }),
  'group.consumer.session.timeout.ms': int(45000, 'The timeout to detect client failures when using the consumer group protocol.', { validate: atLeast(1) }),
  'group.consumer.min.session.timeout.ms': int(45000, 'The minimum allowed session timeout for registered consumers.', {
    validate: atLeast(1),
    note: "Bounds each group's own consumer.session.timeout.ms (a GROUP config).",
  }),
  'group.consumer.max.session.timeout.ms': int(60000, 'The maximum allowed session timeout for registered consumers.', {
    validate: atLeast(1),
    note: "Bounds each group's own consumer.session.timeout.ms (a GROUP config).",
  }),
  'group.consumer.assignors': list(
    ['uniform', 'range'],
    'The server side assignors as a list of either names for builtin assignors or full class names for customer assignors. The first one in the list is considered as the default assignor to be used in the case where the consumer does not specify an assignor. The supported builtin assignors are: uniform, range.',
  ),
  'group.consumer.max.size': int(
    INT_MAX,
    'The maximum number of consumers that a single consumer group can accommodate. This value will only impact the new consumer coordinator. To configure the classic consumer coordinator check group.max.size instead.',
    { validate: atLeast(1) },
  ),
} as const satisfies Record<string, ConfigKey>
