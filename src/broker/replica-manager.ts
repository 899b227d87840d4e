/**
 * Kafka's ReplicaManager: the partitions this broker hosts, each a Partition over its log. It
 * opens them when they are assigned to this broker (makeLeaders: today on startup and topic
 * creation; in a cluster on the controller's LeaderAndIsr), drops them when they are stopped
 * (stopReplicas: topic deletion), and owns the purgatories of requests that wait on partitions.
 * A parked fetch is woken when a partition it watches moves its high watermark, moves its log
 * start offset, or goes away.
 */
import type { LogConfig } from '../storage/log-config.js'
import type { LogManager } from '../storage/log-manager.js'
import type { Logger } from '../logger.js'
import { DelayedOperationPurgatory } from '../purgatory/purgatory.js'
import type { PartitionState } from './metadata-cache.js'
import { Partition } from './partition.js'

/** The purgatory key of a topic-partition (Kafka's TopicPartitionOperationKey). */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`
}

export class ReplicaManager {
  /** Fetches waiting for fetch.min.bytes (Kafka's delayedFetchPurgatory). */
  readonly fetchPurgatory = new DelayedOperationPurgatory('Fetch')
  readonly #logManager: LogManager
  readonly #log: Logger
  readonly #partitions = new Map<string, Partition[]>()

  constructor(logManager: LogManager, log: Logger) {
    this.#logManager = logManager
    this.#log = log
  }

  /** The hosted partition, or undefined (Kafka's onlinePartition). */
  partition(topic: string, index: number): Partition | undefined {
    return this.#partitions.get(topic)?.[index]
  }

  /** Every hosted partition of `topic`, by index. */
  partitions(topic: string): readonly Partition[] {
    return this.#partitions.get(topic) ?? []
  }

  /**
   * Becomes the leader of `states` (partitions of one topic), opening the logs of those not
   * hosted yet with `config` and taking over each state's leader epoch.
   */
  async makeLeaders(topic: string, states: readonly PartitionState[], config: LogConfig): Promise<void> {
    let hosted = this.#partitions.get(topic)
    if (hosted === undefined) this.#partitions.set(topic, (hosted = []))
    for (const state of states) {
      const known = hosted[state.partition]
      if (known !== undefined) {
        known.leaderEpoch = state.leaderEpoch
        continue
      }
      const log = await this.#logManager.getOrCreateLog(topic, state.partition, config)
      log.updateConfig(config)
      const partition = new Partition(topic, state.partition, log, state.leaderEpoch)
      const key = partitionKey(topic, state.partition)
      // The high watermark moved: fetches waiting for these bytes may complete.
      log.onWritten = () => this.fetchPurgatory.checkAndComplete(key)
      hosted[state.partition] = partition
    }
  }

  /** Applies a topic's changed config to its open logs. */
  updateLogConfig(topic: string, config: LogConfig): void {
    for (const p of this.partitions(topic)) p.log.updateConfig(config)
  }

  /** Stops hosting every partition of `topic` and deletes their logs (topic deletion). */
  async stopReplicas(topic: string): Promise<void> {
    const hosted = this.#partitions.get(topic)
    if (hosted === undefined) return
    this.#partitions.delete(topic)
    for (const p of hosted) {
      p.log.onWritten = undefined
      // Waiting fetches answer now, with UNKNOWN_TOPIC_OR_PARTITION.
      this.fetchPurgatory.checkAndComplete(partitionKey(topic, p.index))
      await this.#logManager.deleteLog(topic, p.index)
    }
  }

  /** DeleteRecords: moves the log start offset up to `offset`; resolves once it is on disk. */
  async deleteRecords(partition: Partition, offset: bigint): Promise<bigint> {
    const low = await partition.log.deleteRecordsBefore(offset)
    this.fetchPurgatory.checkAndComplete(partitionKey(partition.topic, partition.index))
    return low
  }

  /** Deletes the logs of topics not hosted: they were being deleted when the broker stopped. */
  async deleteStrayLogs(): Promise<void> {
    for (const l of this.#logManager.allLogs()) {
      if (!this.#partitions.has(l.topic)) {
        this.#log.info({ topic: l.topic, partition: l.partition }, 'deleting a stray log')
        await this.#logManager.deleteLog(l.topic, l.partition)
      }
    }
  }

  /** Completes every waiting request (their connections are closing). */
  shutdown(): void {
    this.fetchPurgatory.close()
  }
}
