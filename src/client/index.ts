/** Samsa's Kafka client: connection, cluster, admin, producer, consumer. */
export { Connection, type ConnectionOptions, type RequestOptions, type SendOptions } from './connection.js'
export { Cluster, parseBootstrap, tpKey, isRetriable, type ClusterOptions, type BrokerInfo, type TopicInfo, type PartitionInfo } from './cluster.js'
export {
  Admin,
  type NewTopic,
  type TopicDescription,
  type PartitionDescription,
  type ConfigEntry,
  type ConfigOp,
  type ConfigResource,
  type ClusterDescription,
} from './admin.js'
export type { GroupListing, GroupDescription, GroupMember, CommittedOffset } from './admin-groups.js'
export { Producer, type ProducerOptions, type ProducerRecord, type RecordMetadata } from './producer.js'
export { Consumer, type ConsumerOptions, type ConsumedRecord, type StartPosition } from './consumer.js'
export { listOffsets, topicOffsets, type OffsetSpec } from './offsets.js'
export { murmur2, toPositive, partitionForKey } from './partitioner.js'
export { registerCodec, availableCompressions, parseCompression, type CompressionType } from './compression.js'
export { ClientError, KafkaResponseError, type ClientErrorCode } from './errors.js'
