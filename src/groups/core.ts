/**
 * What the group protocols share: config, the scheduler, the group and offset maps, and the
 * write path to `__consumer_offsets`. The coordinator owns one; the classic and consumer protocol
 * modules work on it.
 */
import type { ClassicGroup } from './classic-group.js'
import type { ConsumerGroup } from './consumer-group.js'
import type { OffsetStore } from './offset-store.js'
import type { GroupRecord } from './records.js'
import type { Scheduler } from './scheduler.js'
import type { PendingTxnOffsets } from './txn-offsets.js'

export type Group = ClassicGroup | ConsumerGroup

export interface GroupConfig {
  /** Samsa's default is 0 (Kafka's 3000): a lone developer's consumer joins at once. */
  initialRebalanceDelayMs: number
  minSessionTimeoutMs: number
  maxSessionTimeoutMs: number
  maxSize: number
  offsetMetadataMaxBytes: number
  offsetsRetentionMs: number
  offsetsRetentionCheckIntervalMs: number
  offsetsTopicNumPartitions: number
  /** KIP-848 (group.consumer.*) */
  consumerHeartbeatIntervalMs: number
  consumerSessionTimeoutMs: number
  consumerAssignors: string[]
  consumerMaxSize: number
}

export const DEFAULT_GROUP_CONFIG: GroupConfig = {
  initialRebalanceDelayMs: 0,
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1800000,
  maxSize: 2147483647,
  offsetMetadataMaxBytes: 4096,
  offsetsRetentionMs: 7 * 24 * 3600 * 1000,
  offsetsRetentionCheckIntervalMs: 600000,
  offsetsTopicNumPartitions: 50,
  consumerHeartbeatIntervalMs: 5000,
  consumerSessionTimeoutMs: 45000,
  consumerAssignors: ['uniform', 'range'],
  consumerMaxSize: 2147483647,
}

/** The subset of a logger the coordinator uses (pino-compatible). */
export interface GroupLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  debug(obj: object, msg?: string): void
}

/**
 * Durable storage of group records: the `__consumer_offsets` topic, implemented by the broker.
 * `append` writes the records for one group as one batch to the group's partition and returns
 * only when they are in the log; it throws when they cannot be written. The topic is created on
 * first use (Kafka does it on the first FindCoordinator): `exists` tells whether writes can go
 * through now, `create` makes it so. A coordinator serves the groups of the partitions it was
 * handed (onElection) until they are taken away (onResignation).
 */
export interface GroupLog {
  append(groupId: string, records: GroupRecord[]): void
  /** As `append`, in a transactional batch of the producer (TxnOffsetCommit). */
  appendTransactional(groupId: string, records: GroupRecord[], producerId: bigint, producerEpoch: number): void
  exists(): boolean
  create(): Promise<void>
  /** The partition of the topic that holds a group's records. */
  partitionFor(groupId: string): number
}

/** A topic as the KIP-848 assignors and OffsetCommit validation see it. */
export interface TopicInfo {
  name: string
  topicId: string
  partitions: number
}

export interface TopicView {
  byName(name: string): TopicInfo | undefined
  byId(topicId: string): TopicInfo | undefined
  all(): Iterable<TopicInfo>
}

/** A group's own configs (KIP-848's GROUP config resource); absent ones fall back to GroupConfig. */
export interface GroupOverrides {
  consumerSessionTimeoutMs?: number
  consumerHeartbeatIntervalMs?: number
}

export interface CoordinatorCore {
  readonly config: GroupConfig
  /** The group's consumer.session.timeout.ms and consumer.heartbeat.interval.ms, its own or the broker's. */
  groupConfig(groupId: string): Required<GroupOverrides>
  readonly scheduler: Scheduler
  readonly groups: Map<string, Group>
  readonly offsets: OffsetStore
  /** Offsets of transactions that have no marker yet. */
  readonly pendingTxnOffsets: PendingTxnOffsets
  readonly logger: GroupLogger
  readonly topics: TopicView
  /** Appends records; returns an error code (NONE when written). With a producer, in its transaction. */
  write(groupId: string, records: GroupRecord[], txn?: { producerId: bigint; producerEpoch: number }): number
  now(): number
}
