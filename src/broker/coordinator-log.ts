/**
 * The group coordinator's view of the broker, wired in by the composition root: its log, the
 * `__consumer_offsets` partitions (appends of group records to the partition Kafka would pick
 * for a group, creation on first use with offsets.topic.* settings, the replay of a partition
 * that loads its groups when this broker becomes its leader), and the topics it checks commits
 * and assignments against.
 */
import type { BrokerConfig } from '../config/broker-config.js'
import { encodeRecordBatch } from '../protocol/record-codec.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'
import type { GroupLog, TopicInfo, TopicView } from '../groups/core.js'
import type { GroupCoordinator } from '../groups/group-coordinator.js'
import { OFFSETS_TOPIC, groupRecordsIn } from '../groups/offsets-topic.js'
import { encodeGroupRecord, partitionForGroup, type GroupRecord } from '../groups/records.js'
import type { GroupLogEntry } from '../groups/txn-offsets.js'
import type { AdminManager } from './admin-manager.js'
import type { CachedTopic, MetadataCache } from './metadata-cache.js'
import type { ReplicaManager } from './replica-manager.js'
import type { Partition } from './partition.js'
import type { PartitionCoordinator } from './control-plane.js'

const READ_CHUNK = 1 << 20

export class OffsetsTopicLog implements GroupLog {
  readonly #metadata: MetadataCache
  readonly #replicas: ReplicaManager
  readonly #admin: AdminManager
  readonly #config: BrokerConfig
  readonly #partitions: number

  constructor(opts: { metadata: MetadataCache; replicas: ReplicaManager; admin: AdminManager; config: BrokerConfig; partitions: number }) {
    this.#metadata = opts.metadata
    this.#replicas = opts.replicas
    this.#admin = opts.admin
    this.#config = opts.config
    this.#partitions = opts.partitions
  }

  exists(): boolean {
    return this.#metadata.topic(OFFSETS_TOPIC) !== undefined
  }

  /**
   * By the topic's partition count, or offsets.topic.num.partitions before the topic is known
   * here (Kafka's groupMetadataTopicPartitionCount): a LeaderAndIsr may come before the
   * UpdateMetadata that describes the topic.
   */
  partitionFor(groupId: string): number {
    const topic = this.#metadata.topic(OFFSETS_TOPIC)
    return partitionForGroup(groupId, topic?.partitions.length ?? this.#partitions)
  }

  async create(): Promise<void> {
    await this.#admin.createInternalTopic(OFFSETS_TOPIC, {
      partitions: this.#partitions,
      replicationFactor: this.#config.values.offsetsTopicReplicationFactor,
      replicationFactorConfig: 'offsets.topic.replication.factor',
      configs: {
        'cleanup.policy': 'compact',
        'compression.type': 'producer',
        'segment.bytes': String(this.#config.values.offsetsTopicSegmentBytes),
      },
    })
  }

  /** The group's partition, led here with enough replicas in sync for an acks=all write. */
  #writable(groupId: string): Partition {
    if (!this.exists()) throw new KafkaError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `${OFFSETS_TOPIC} does not exist yet`)
    const index = this.partitionFor(groupId)
    const partition = this.#replicas.leaderPartition(OFFSETS_TOPIC, index)
    if (typeof partition === 'number') throw new KafkaError(ErrorCode.NOT_COORDINATOR, `${OFFSETS_TOPIC}-${index} is not led by this broker`)
    const minIsr = partition.log.config.minInsyncReplicas
    if (partition.isr.length < minIsr)
      throw new KafkaError(
        ErrorCode.NOT_ENOUGH_REPLICAS,
        `${OFFSETS_TOPIC}-${index} has ${partition.isr.length} in-sync replicas, fewer than min.insync.replicas ${minIsr}`,
      )
    return partition
  }

  append(groupId: string, records: GroupRecord[]): void {
    const partition = this.#writable(groupId)
    const now = BigInt(Date.now())
    const batch = encodeRecordBatch({ records: records.map(encodeGroupRecord), now })
    // Written before returning: coordinator replies do not wait for the log writer.
    partition.log.append(batch, { now, leaderEpoch: partition.leaderEpoch, writeNow: true })
  }

  /** TxnOffsetCommit's records: a transactional batch of the producer (base sequence 0, as Kafka writes it). */
  appendTransactional(groupId: string, records: GroupRecord[], producerId: bigint, producerEpoch: number): void {
    const partition = this.#writable(groupId)
    const now = BigInt(Date.now())
    const batch = encodeRecordBatch({ records: records.map(encodeGroupRecord), now, producerId, producerEpoch, baseSequence: 0, isTransactional: true })
    partition.log.append(batch, { now, leaderEpoch: partition.leaderEpoch, writeNow: true })
  }
}

/**
 * Group coordinator writes count as acks=all, as Kafka's GroupMetadataManager appends them
 * (requiredAcks -1, offsets.commit.timeout.ms): waits until what was appended to the group's
 * partition is on every in-sync replica. Returns the error the group request answers, by Kafka's
 * mapping (NOT_COORDINATOR when the partition moved, COORDINATOR_NOT_AVAILABLE when the ISR is
 * too small, REQUEST_TIMED_OUT as it is).
 */
export async function awaitGroupWrite(broker: { replicas: ReplicaManager; groups: GroupCoordinator; config: BrokerConfig }, groupId: string): Promise<number> {
  const p = broker.replicas.leaderPartition(OFFSETS_TOPIC, broker.groups.partitionFor(groupId))
  if (typeof p === 'number') return ErrorCode.NOT_COORDINATOR
  const err = await broker.replicas.awaitAppended(p, broker.config.values.offsetsCommitTimeoutMs)
  switch (err) {
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR
    default:
      return err
  }
}

/** Every group record in one partition of `__consumer_offsets`, in log order. */
function* readOffsetsPartition(p: Partition, onError: (err: unknown, partition: number, offset: bigint) => void): Generator<GroupLogEntry> {
  let offset = p.logStartOffset
  while (offset < p.log.logEndOffset) {
    const { records } = p.log.read(offset, READ_CHUNK, { minOneBatch: true })
    if (records.length === 0) break
    for (const buf of records) {
      yield* groupRecordsIn(
        buf,
        (err, baseOffset) => onError(err, p.index, baseOffset),
        (next) => {
          offset = next
        },
      )
    }
  }
}

/** Topics as the coordinator checks them: internal topics are not offered to assignors. */
export class MetadataTopicView implements TopicView {
  readonly #metadata: MetadataCache

  constructor(metadata: MetadataCache) {
    this.#metadata = metadata
  }

  #info(t: CachedTopic | undefined): TopicInfo | undefined {
    return t === undefined ? undefined : { name: t.meta.name, topicId: t.meta.topicId, partitions: t.partitions.length }
  }

  byName(name: string): TopicInfo | undefined {
    return this.#info(this.#metadata.topic(name))
  }

  byId(topicId: string): TopicInfo | undefined {
    return this.#info(this.#metadata.topicById(topicId))
  }

  *all(): Iterable<TopicInfo> {
    for (const t of this.#metadata.topics()) if (!t.meta.internal) yield this.#info(t)!
  }
}

/**
 * The group coordinator as the coordinator of `__consumer_offsets`: it loads a partition's groups
 * when this broker becomes its leader and drops them when it stops being one.
 */
export function groupCoordinatorOf(groups: GroupCoordinator, onError: (err: unknown, partition: number, offset: bigint) => void): PartitionCoordinator {
  return {
    onElection: (p) => groups.onElection(p.index, p.leaderEpoch, () => readOffsetsPartition(p, onError)),
    onResignation: (index) => groups.onResignation(index),
    onTopicDeleted: (topic) => groups.onTopicDeleted(topic),
  }
}
