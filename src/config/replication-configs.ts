// Broker configs of replication, leadership, fetching and the request purgatories (Kafka's
// ReplicationConfigs), with Kafka's names, defaults and documentation. Most do not act yet: they
// are defined so that the cluster work only reads them.
import { LONG_MAX, atLeast } from './config-def.js'
import { boolean, int, long, type ConfigKey } from './config-key.js'

export const REPLICATION_CONFIGS = {
  'default.replication.factor': int(1, 'The replication factor for automatically created topics, and for topics created with -1 as the replication factor'),
  'replica.lag.time.max.ms': long(
    30000,
    "If a follower hasn't sent any fetch requests or hasn't consumed up to the leaders log end offset for at least this time, the leader will remove the follower from isr",
  ),
  'replica.fetch.max.bytes': int(
    1048576,
    'The number of bytes of messages to attempt to fetch for each partition. This is not an absolute maximum, if the first record batch in the first non-empty partition of the fetch is larger than this value, the record batch will still be returned to ensure that progress can be made. The maximum record batch size accepted by the broker is defined via <code>message.max.bytes</code> (broker config) or <code>max.message.bytes</code> (topic config).',
    { validate: atLeast(0) },
  ),
  'replica.fetch.min.bytes': int(
    1,
    'Minimum bytes expected for each fetch response. If not enough bytes, wait up to <code>replica.fetch.wait.max.ms</code> (broker config).',
  ),
  'replica.fetch.wait.max.ms': int(
    500,
    'The maximum wait time for each fetcher request issued by follower replicas. This value should always be less than the replica.lag.time.max.ms at all times to prevent frequent shrinking of ISR for low throughput topics',
  ),
  'replica.fetch.backoff.ms': int(1000, 'The amount of time to sleep when fetch partition error occurs.', { validate: atLeast(0) }),
  'replica.fetch.response.max.bytes': int(
    10485760,
    'Maximum bytes expected for the entire fetch response. Records are fetched in batches, and if the first record batch in the first non-empty partition of the fetch is larger than this value, the record batch will still be returned to ensure that progress can be made. As such, this is not an absolute maximum. The maximum record batch size accepted by the broker is defined via <code>message.max.bytes</code> (broker config) or <code>max.message.bytes</code> (topic config).',
    { validate: atLeast(0) },
  ),
  'replica.socket.timeout.ms': int(30000, 'The socket timeout for network requests. Its value should be at least replica.fetch.wait.max.ms'),
  'replica.socket.receive.buffer.bytes': int(65536, 'The socket receive buffer for network requests to the leader for replicating data', {
    effective: false,
    note: 'No replication yet.',
  }),
  'replica.high.watermark.checkpoint.interval.ms': long(5000, 'The frequency with which the high watermark is saved out to disk'),
  'num.replica.fetchers': int(
    1,
    'Number of fetcher threads used to replicate records from each source broker. The total number of fetchers on each broker is bound by <code>num.replica.fetchers</code> multiplied by the number of brokers in the cluster.Increasing this value can increase the degree of I/O parallelism in the follower and leader broker at the cost of higher CPU and memory utilization.',
    { mode: 'cluster-wide' },
  ),
  // replication throttles (Kafka's ReplicationQuotaManagerConfig and its dynamic broker quotas)
  'leader.replication.throttled.rate': long(
    LONG_MAX,
    'A long representing the upper bound (bytes/sec) on replication traffic for leaders enumerated in the property leader.replication.throttled.replicas (for each topic). This property can be only set dynamically. It is suggested that the limit be kept above 1MB/s for accurate behaviour.',
    { validate: atLeast(0), mode: 'per-broker' },
  ),
  'follower.replication.throttled.rate': long(
    LONG_MAX,
    'A long representing the upper bound (bytes/sec) on replication traffic for followers enumerated in the property follower.replication.throttled.replicas (for each topic). This property can be only set dynamically. It is suggested that the limit be kept above 1MB/s for accurate behaviour.',
    { validate: atLeast(0), mode: 'per-broker' },
  ),
  'replication.quota.window.num': int(11, 'The number of samples to retain in memory for replication quotas', { validate: atLeast(1) }),
  'replication.quota.window.size.seconds': int(1, 'The time span of each sample for replication quotas', { validate: atLeast(1) }),
  'auto.leader.rebalance.enable': boolean(
    true,
    'Enables auto leader balancing. A background thread checks the distribution of partition leaders at regular intervals, configurable by leader.imbalance.check.interval.seconds. If the leader imbalance exceeds leader.imbalance.per.broker.percentage, leader rebalance to the preferred leader for partitions is triggered.',
  ),
  'leader.imbalance.check.interval.seconds': long(300, 'The frequency with which the partition rebalance check is triggered by the controller', {
    validate: atLeast(1),
  }),
  'leader.imbalance.per.broker.percentage': int(
    10,
    'The ratio of leader imbalance allowed per broker. The controller would trigger a leader balance if it goes above this value per broker. The value is specified in percentage.',
  ),
  // requests that wait (the purgatories) and fetch sessions
  'fetch.max.bytes': int(57671680, 'The maximum number of bytes we will return for a fetch request. Must be at least 1024.', {
    validate: atLeast(1024),
    note: 'Besides bounding fetch responses, as in Kafka, it bounds what the records of a produced compressed batch may inflate to.',
  }),
  'fetch.purgatory.purge.interval.requests': int(1000, 'The purge interval (in number of requests) of the fetch request purgatory', {
    effective: false,
    note: 'Waiting fetches are removed as they complete.',
  }),
  'producer.purgatory.purge.interval.requests': int(1000, 'The purge interval (in number of requests) of the producer request purgatory', {
    effective: false,
    note: 'No replication yet.',
  }),
  'delete.records.purgatory.purge.interval.requests': int(1, 'The purge interval (in number of requests) of the delete records request purgatory', {
    effective: false,
    note: 'No replication yet.',
  }),
  'max.incremental.fetch.session.cache.slots': int(
    1000,
    'The maximum number of total incremental fetch sessions that we will maintain. FetchSessionCache is sharded into 8 shards and the limit is equally divided among all shards. Sessions are allocated to each shard in round-robin. Only entries within a shard are considered eligible for eviction.',
    { validate: atLeast(0), effective: false, note: 'The fetch session cache has its own fixed limit.' },
  ),
} as const satisfies Record<string, ConfigKey>
