// Broker configs of transactions and idempotent producers (Kafka's TransactionLogConfig and
// TransactionStateManagerConfig), with Kafka's names, defaults and documentation.
import { atLeast } from './config-def.js'
import { boolean, int, short, type ConfigKey } from './config-key.js'

export const TRANSACTION_CONFIGS = {
  'transactional.id.expiration.ms': int(
    604800000,
    'The time in ms that the transaction coordinator will wait without receiving any transaction status updates for the current transaction before expiring its transactional id. Transactional IDs will not expire while a the transaction is still ongoing.',
    { validate: atLeast(1) },
  ),
  'transaction.max.timeout.ms': int(
    900000,
    'The maximum allowed timeout for transactions. If a client’s requested transaction time exceed this, then the broker will return an error in InitProducerIdRequest. This prevents a client from too large of a timeout, which can stall consumers reading from topics included in the transaction.',
    { validate: atLeast(1) },
  ),
  'transaction.state.log.num.partitions': int(50, 'The number of partitions for the transaction topic (should not change after deployment).', {
    validate: atLeast(1),
  }),
  'transaction.state.log.replication.factor': short(
    3,
    'The replication factor for the transaction topic (set higher to ensure availability). Internal topic creation will fail until the cluster size meets this replication factor requirement.',
    { validate: atLeast(1) },
  ),
  'transaction.state.log.min.isr': int(
    2,
    'The minimum number of replicas that must acknowledge a write to transaction topic in order to be considered successful.',
    { validate: atLeast(1) },
  ),
  'transaction.state.log.segment.bytes': int(
    104857600,
    'The transaction topic segment bytes should be kept relatively small in order to facilitate faster log compaction and cache loads',
    { validate: atLeast(1) },
  ),
  'transaction.state.log.load.buffer.size': int(
    5242880,
    'Batch size for reading from the transaction log segments when loading producer ids and transactions into the cache (soft-limit, overridden if records are too large).',
    { validate: atLeast(1) },
  ),
  'transaction.abort.timed.out.transaction.cleanup.interval.ms': int(10000, 'The interval at which to rollback transactions that have timed out', {
    validate: atLeast(1),
  }),
  'transaction.remove.expired.transaction.cleanup.interval.ms': int(
    3600000,
    'The interval at which to remove transactions that have expired due to <code>transactional.id.expiration.ms</code> passing',
    { validate: atLeast(1) },
  ),
  'transaction.partition.verification.enable': boolean(
    true,
    'Enable verification that checks that the partition has been added to the transaction before writing transactional records to the partition',
    { mode: 'cluster-wide' },
  ),
  // idempotent producers
  'producer.id.expiration.ms': int(
    86400000,
    "The time in ms that a topic partition leader will wait before expiring producer IDs. Producer IDs will not expire while a transaction associated to them is still ongoing. Note that producer IDs may expire sooner if the last write from the producer ID is deleted due to the topic's retention settings. Setting this value the same or higher than <code>delivery.timeout.ms</code> can help prevent expiration during retries and protect against message duplication, but the default should be reasonable for most use cases.",
    { validate: atLeast(1), mode: 'cluster-wide' },
  ),
  'producer.id.expiration.check.interval.ms': int(
    600000,
    'The interval at which to remove producer IDs that have expired due to <code>producer.id.expiration.ms</code> passing.',
    { validate: atLeast(1), internal: true },
  ),
} as const satisfies Record<string, ConfigKey>
