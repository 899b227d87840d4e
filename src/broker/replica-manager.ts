/**
 * Kafka's ReplicaManager: the partitions this broker hosts, each a Partition over its log. The
 * controller's LeaderAndIsr makes this broker the leader or a follower of partitions
 * (becomeLeaderOrFollower opens their logs), its StopReplica drops them (and deletes their logs
 * when the topic is deleted). It owns the purgatories of requests that wait on partitions: a
 * parked fetch is woken when a partition it watches moves its high watermark, moves its log
 * start offset, changes leadership or goes away.
 *
 * Followers: a follower partition has its log and knows its leader and leader epoch; copying
 * the leader's records is the ReplicaFetcher's job, handed the partitions this broker follows.
 */
import type { LogConfig } from '../storage/log-config.js'
import type { LogManager } from '../storage/log-manager.js'
import type { Logger } from '../logger.js'
import { DelayedOperationPurgatory } from '../purgatory/purgatory.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { LeaderAndIsrEvent, PartitionResult } from '../controller/control.js'
import type { MetadataCache } from './metadata-cache.js'
import { Partition } from './partition.js'

/** The purgatory key of a topic-partition (Kafka's TopicPartitionOperationKey). */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`
}

/**
 * Copies records from leaders into the partitions this broker follows (Kafka's
 * ReplicaFetcherManager). Without replication nothing is copied: followers keep their logs.
 */
export interface ReplicaFetcher {
  /** Starts (or moves) fetching for these follower partitions from their leaders. */
  addPartitions(partitions: readonly Partition[]): void
  /** Stops fetching for these partitions (they became leaders, or were stopped). */
  removePartitions(partitions: readonly Partition[]): void
  close(): void
}

/** The fetcher of a broker whose followers do not replicate yet. */
export const NO_REPLICA_FETCHER: ReplicaFetcher = {
  addPartitions() {},
  removePartitions() {},
  close() {},
}

export interface LeadershipChanges {
  results: PartitionResult[]
  /** partitions this broker now leads (newly, or under a new epoch) */
  leaders: Partition[]
  /** partitions this broker now follows */
  followers: Partition[]
}

export class ReplicaManager {
  /** Fetches waiting for fetch.min.bytes (Kafka's delayedFetchPurgatory). */
  readonly fetchPurgatory = new DelayedOperationPurgatory('Fetch')
  readonly #logManager: LogManager
  readonly #metadata: MetadataCache
  readonly #log: Logger
  readonly #partitions = new Map<string, Partition[]>()
  #fetcher: ReplicaFetcher = NO_REPLICA_FETCHER

  constructor(logManager: LogManager, metadata: MetadataCache, log: Logger) {
    this.#logManager = logManager
    this.#metadata = metadata
    this.#log = log
  }

  get localBrokerId(): number {
    return this.#metadata.nodeId
  }

  /** Installs the replica fetcher (replication). */
  setReplicaFetcher(fetcher: ReplicaFetcher): void {
    this.#fetcher = fetcher
  }

  /** The hosted partition, leader or follower, or undefined (Kafka's onlinePartition). */
  partition(topic: string, index: number): Partition | undefined {
    return this.#partitions.get(topic)?.[index]
  }

  /**
   * The partition if this broker leads it, else the error a client gets (Kafka's
   * getPartitionOrError): NOT_LEADER_OR_FOLLOWER when the partition exists elsewhere (the client
   * refreshes its metadata and retries), UNKNOWN_TOPIC_OR_PARTITION when it does not exist.
   */
  leaderPartition(topic: string, index: number): Partition | number {
    const p = this.#partitions.get(topic)?.[index]
    if (p !== undefined && p.isLeader) return p
    if (p !== undefined || this.#metadata.partition(topic, index) !== undefined) return ErrorCode.NOT_LEADER_OR_FOLLOWER
    return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
  }

  /** Every hosted partition of `topic` (leaders and followers), in index order. */
  partitions(topic: string): Partition[] {
    return (this.#partitions.get(topic) ?? []).filter((p) => p !== undefined)
  }

  /**
   * Kafka's becomeLeaderOrFollower for one LeaderAndIsr: each partition naming this broker as a
   * replica is opened if needed and takes over the state when its leader epoch is newer (or, at
   * the same epoch, its partition epoch is: an ISR change); the same state again changes nothing,
   * older states are refused with STALE_CONTROLLER_EPOCH. `logConfig` gives a topic's log config
   * for logs opened here.
   */
  async becomeLeaderOrFollower(event: LeaderAndIsrEvent, logConfig: (topic: string) => Promise<LogConfig>): Promise<LeadershipChanges> {
    const out: LeadershipChanges = { results: [], leaders: [], followers: [] }
    const local = this.localBrokerId
    const configs = new Map<string, LogConfig>()
    for (const state of event.partitions) {
      const result = (errorCode: number): void => { out.results.push({ topic: state.topic, partition: state.partition, errorCode }) }
      if (!state.replicas.includes(local)) {
        result(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
        continue
      }
      let hosted = this.#partitions.get(state.topic)
      let p = hosted?.[state.partition]
      if (p !== undefined && p.topicId !== state.topicId) {
        result(ErrorCode.INCONSISTENT_TOPIC_ID)
        continue
      }
      if (p !== undefined && state.leaderEpoch === p.leaderEpoch && state.partitionEpoch === p.partitionEpoch && state.leader === p.leaderId) {
        // The state this broker has already (a new controller repeats it): nothing changes.
        result(ErrorCode.NONE)
        continue
      }
      if (p !== undefined && (state.leaderEpoch < p.leaderEpoch || (state.leaderEpoch === p.leaderEpoch && state.partitionEpoch <= p.partitionEpoch))) {
        this.#log.warn({ topic: state.topic, partition: state.partition, leaderEpoch: state.leaderEpoch, current: p.leaderEpoch }, 'ignoring a LeaderAndIsr with a stale leader epoch')
        result(ErrorCode.STALE_CONTROLLER_EPOCH)
        continue
      }
      if (p === undefined) {
        let config = configs.get(state.topic)
        if (config === undefined) configs.set(state.topic, (config = await logConfig(state.topic)))
        let log
        try {
          log = await this.#logManager.getOrCreateLog(state.topic, state.partition, config)
        } catch (err) {
          this.#log.error({ err, topic: state.topic, partition: state.partition }, 'cannot open the partition\'s log')
          result(ErrorCode.KAFKA_STORAGE_ERROR)
          continue
        }
        log.updateConfig(config)
        // Another LeaderAndIsr may have opened it while this one waited for the log.
        hosted = this.#partitions.get(state.topic)
        if (hosted === undefined) this.#partitions.set(state.topic, (hosted = []))
        p = hosted[state.partition]
        if (p === undefined) {
          p = new Partition(state.topic, state.topicId, state.partition, log, local)
          const key = partitionKey(state.topic, state.partition)
          // The high watermark moved: fetches waiting for these bytes may complete.
          log.onWritten = () => this.fetchPurgatory.checkAndComplete(key)
          hosted[state.partition] = p
        }
      }
      const wasLeader = p.isLeader
      const epochChanged = p.leaderEpoch !== state.leaderEpoch
      p.leaderId = state.leader
      p.leaderEpoch = state.leaderEpoch
      p.partitionEpoch = state.partitionEpoch
      p.replicas = state.replicas
      p.isr = state.isr
      if (p.isLeader) {
        if (!wasLeader || epochChanged) out.leaders.push(p)
      } else if (wasLeader || epochChanged) {
        out.followers.push(p)
      }
      result(ErrorCode.NONE)
      // Waiting fetches see the new leadership (and answer NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH).
      this.fetchPurgatory.checkAndComplete(partitionKey(state.topic, state.partition))
    }
    if (out.leaders.length > 0) this.#fetcher.removePartitions(out.leaders)
    if (out.followers.length > 0) this.#fetcher.addPartitions(out.followers)
    return out
  }

  /** Partition logs held, and the most the log manager takes (its open-file budget). */
  get logCapacity(): { used: number, max: number } {
    return { used: this.#logManager.logCount, max: this.#logManager.maxLogs }
  }

  /** Applies a topic's changed config to its open logs. */
  updateLogConfig(topic: string, config: LogConfig): void {
    for (const p of this.partitions(topic)) p.log.updateConfig(config)
  }

  /**
   * Kafka's stopReplicas: stops hosting the partitions (waiting fetches answer at once) and,
   * for those marked `delete`, deletes their logs. Returns the partitions that were hosted.
   */
  async stopReplicas(partitions: ReadonlyArray<{ topic: string, partition: number, delete: boolean }>): Promise<Partition[]> {
    const stopped: Partition[] = []
    for (const s of partitions) {
      const hosted = this.#partitions.get(s.topic)
      const p = hosted?.[s.partition]
      if (p !== undefined) {
        delete hosted![s.partition]
        if (hosted!.every((x) => x === undefined)) this.#partitions.delete(s.topic)
        p.log.onWritten = undefined
        stopped.push(p)
      }
    }
    // Waiting fetches answer now (NOT_LEADER_OR_FOLLOWER or UNKNOWN_TOPIC_OR_PARTITION), once
    // every partition named is gone.
    for (const s of partitions) this.fetchPurgatory.checkAndComplete(partitionKey(s.topic, s.partition))
    if (stopped.length > 0) this.#fetcher.removePartitions(stopped)
    for (const s of partitions) {
      if (s.delete) await this.#logManager.deleteLog(s.topic, s.partition)
    }
    return stopped
  }

  /** DeleteRecords: moves the log start offset up to `offset`; resolves once it is on disk. */
  async deleteRecords(partition: Partition, offset: bigint): Promise<bigint> {
    const low = await partition.log.deleteRecordsBefore(offset)
    this.fetchPurgatory.checkAndComplete(partitionKey(partition.topic, partition.index))
    return low
  }

  /**
   * Deletes the logs of partitions not hosted: their topic was deleted (or moved away) while
   * the broker was stopped. Called once the controller has named every partition this broker
   * hosts.
   */
  async deleteStrayLogs(): Promise<void> {
    for (const l of this.#logManager.allLogs()) {
      if (this.partition(l.topic, l.partition) === undefined) {
        this.#log.info({ topic: l.topic, partition: l.partition }, 'deleting a stray log')
        await this.#logManager.deleteLog(l.topic, l.partition)
      }
    }
  }

  /** Completes every waiting request (their connections are closing). */
  shutdown(): void {
    this.#fetcher.close()
    this.fetchPurgatory.close()
  }
}
