/**
 * The coordinator's link to the broker: the internal compacted topic `__consumer_offsets`
 * (created on first use with offsets.topic.num.partitions partitions, cleanup.policy=compact),
 * appends of group records to the partition Kafka would pick for a group, the replay that
 * rebuilds the coordinator on start, and the view of topics the coordinator checks against.
 */
import type { Broker } from '../broker/broker.js'
import type { BrokerConfig } from '../config/broker-config.js'
import { encodeRecordBatch, decodeRecords } from '../protocol/record-codec.js'
import { isControl, lastOffsetOf, readBatchHeader, LOG_OVERHEAD } from '../protocol/record-batch.js'
import { GroupCoordinator } from './group-coordinator.js'
import type { GroupConfig, GroupLog, TopicInfo, TopicView } from './core.js'
import { decodeGroupRecord, encodeGroupRecord, partitionForGroup, type GroupRecord } from './records.js'
import { KafkaError } from '../errors.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'

export const OFFSETS_TOPIC = '__consumer_offsets'
const READ_CHUNK = 1 << 20

class BrokerTopicView implements TopicView {
  readonly #broker: Broker

  constructor(broker: Broker) {
    this.#broker = broker
  }

  #info(t: { meta: { name: string, topicId: string }, partitions: unknown[] } | undefined): TopicInfo | undefined {
    return t === undefined ? undefined : { name: t.meta.name, topicId: t.meta.topicId, partitions: t.partitions.length }
  }

  byName(name: string): TopicInfo | undefined {
    return this.#info(this.#broker.topics.get(name))
  }

  byId(topicId: string): TopicInfo | undefined {
    return this.#info(this.#broker.topicById(topicId))
  }

  *all(): Iterable<TopicInfo> {
    for (const t of this.#broker.topics.values()) if (!t.meta.internal) yield this.#info(t)!
  }
}

class OffsetsTopicLog implements GroupLog {
  readonly #broker: Broker

  constructor(broker: Broker) {
    this.#broker = broker
  }

  append(groupId: string, records: GroupRecord[]): void {
    const topic = this.#broker.topics.get(OFFSETS_TOPIC)
    if (topic === undefined) throw new KafkaError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `${OFFSETS_TOPIC} does not exist yet`)
    const partition = topic.partitions[partitionForGroup(groupId, topic.partitions.length)]!
    const now = BigInt(Date.now())
    const batch = encodeRecordBatch({ records: records.map(encodeGroupRecord), now })
    // Written before returning: coordinator replies do not wait for the log writer.
    partition.log.append(batch, { now, leaderEpoch: partition.leaderEpoch, writeNow: true })
  }
}

/** Every group record in `__consumer_offsets`, partition by partition, in log order. */
export function* readOffsetsTopic(broker: Broker, onError: (err: unknown, partition: number, offset: bigint) => void): Generator<GroupRecord> {
  const topic = broker.topics.get(OFFSETS_TOPIC)
  if (topic === undefined) return
  for (const p of topic.partitions) {
    let offset = p.logStartOffset
    while (offset < p.log.logEndOffset) {
      const { records } = p.log.read(offset, READ_CHUNK, { minOneBatch: true })
      if (records.length === 0) break
      for (const buf of records) {
        for (let pos = 0; pos + LOG_OVERHEAD <= buf.length;) {
          const h = readBatchHeader(buf, pos)
          const size = LOG_OVERHEAD + h.batchLength
          offset = lastOffsetOf(h) + 1n
          if (!isControl(h.attributes)) {
            try {
              for (const r of decodeRecords(buf, pos)) {
                if (r.key === null) continue
                const rec = decodeGroupRecord(r.key, r.value)
                if (rec !== null) yield rec
              }
            } catch (err) {
              onError(err, p.index, h.baseOffset)
            }
          }
          pos += size
        }
      }
    }
  }
}

/**
 * Builds the broker's group coordinator and replays `__consumer_offsets` into it. `ensureTopic`
 * creates the topic when a group API first needs it.
 */
export function openGroupCoordinator(broker: Broker): GroupService {
  const config = groupConfigFrom(broker.config)
  const logger = broker.log.child({ component: 'groups' })
  const coordinator = new GroupCoordinator({ config, log: new OffsetsTopicLog(broker), logger, topics: new BrokerTopicView(broker) })
  coordinator.load(readOffsetsTopic(broker, (err, partition, offset) => {
    logger.warn({ err, partition, offset }, `skipping an unreadable batch of ${OFFSETS_TOPIC}`)
  }))
  coordinator.start()
  return new GroupService(broker, coordinator)
}

export class GroupService {
  readonly coordinator: GroupCoordinator
  readonly #broker: Broker
  #creating: Promise<void> | null = null

  constructor(broker: Broker, coordinator: GroupCoordinator) {
    this.#broker = broker
    this.coordinator = coordinator
  }

  /** Whether `__consumer_offsets` exists, so group writes can go through synchronously. */
  get ready(): boolean {
    return this.#broker.topics.has(OFFSETS_TOPIC)
  }

  /** Creates `__consumer_offsets` if needed (Kafka does it on the first FindCoordinator). */
  ensureTopic(): Promise<void> {
    if (this.ready) return Promise.resolve()
    this.#creating ??= this.#broker.createTopic(OFFSETS_TOPIC, {
      partitions: this.coordinator.config.offsetsTopicNumPartitions,
      configs: {
        'cleanup.policy': 'compact',
        'compression.type': 'producer',
        'segment.bytes': String(this.#broker.config.get('offsets.topic.segment.bytes')),
      },
    }).then(() => { this.#creating = null }, (err) => { this.#creating = null; throw err })
    return this.#creating
  }

  /** Resolves to NONE once the coordinator can write, or to COORDINATOR_NOT_AVAILABLE. */
  async whenReady(): Promise<number> {
    if (this.ready) return ErrorCode.NONE
    try {
      await this.ensureTopic()
      return ErrorCode.NONE
    } catch (err) {
      this.coordinator.logger.warn({ err }, `cannot create ${OFFSETS_TOPIC}`)
      return ErrorCode.COORDINATOR_NOT_AVAILABLE
    }
  }

  close(): void {
    this.coordinator.close()
  }
}

/** Kafka reports a member's host as InetAddress.toString(): "/127.0.0.1". */
export function clientHost(remoteAddress: string): string {
  return `/${remoteAddress}`
}

/** The coordinator's settings from the broker's group.* and offsets.* configs. */
export function groupConfigFrom(config: BrokerConfig): GroupConfig {
  const v = config.values
  const num = (name: string): number => Number(config.get(name))
  const assignors = config.get('group.consumer.assignors')
  return {
    initialRebalanceDelayMs: v.groupInitialRebalanceDelayMs,
    minSessionTimeoutMs: v.groupMinSessionTimeoutMs,
    maxSessionTimeoutMs: v.groupMaxSessionTimeoutMs,
    maxSize: v.groupMaxSize,
    offsetMetadataMaxBytes: v.offsetMetadataMaxBytes,
    offsetsRetentionMs: v.offsetsRetentionMs,
    offsetsRetentionCheckIntervalMs: v.offsetsRetentionCheckIntervalMs,
    offsetsTopicNumPartitions: v.offsetsTopicNumPartitions,
    consumerHeartbeatIntervalMs: num('group.consumer.heartbeat.interval.ms'),
    consumerSessionTimeoutMs: num('group.consumer.session.timeout.ms'),
    consumerAssignors: Array.isArray(assignors) ? assignors.map(String) : ['uniform', 'range'],
    consumerMaxSize: num('group.consumer.max.size'),
  }
}
