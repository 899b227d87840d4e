/**
 * Sends the commit or abort markers of transactions that reached PrepareCommit or PrepareAbort
 * (Kafka's TransactionMarkerChannelManager and TransactionMarkerRequestCompletionHandler): each
 * partition of the transaction gets a WriteTxnMarkers at its leader, this broker included, retried
 * until it is written; a partition whose topic is gone is dropped. Once every partition has its
 * marker the transaction is completed in the log (CompleteCommit/CompleteAbort). A marker that is
 * fenced (a newer producer epoch or coordinator epoch got there first) stops the sending: another
 * coordinator owns the transaction now.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { MarkerChannel, MarkerRequest, TxnLogger } from './core.js'
import type { TransactionStateManager } from './transaction-state-manager.js'
import { parseTpKey, txnStateName, type TopicPartitionKey, type TransactionMetadata, type TxnTransit } from './transaction-metadata.js'

const RETRY_BACKOFF_MS = 50
const MAX_RETRY_BACKOFF_MS = 1000

/** Errors after which the partition is tried again (Kafka's TransactionMarkerRequestCompletionHandler). */
const RETRIABLE = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.NOT_ENOUGH_REPLICAS,
  ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
  ErrorCode.REQUEST_TIMED_OUT,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
  ErrorCode.NETWORK_EXCEPTION,
])

interface PendingMarkers {
  readonly metadata: TransactionMetadata
  readonly coordinatorEpoch: number
  readonly commit: boolean
  readonly complete: TxnTransit
  readonly partition: number
  cancelled: boolean
}

export class MarkerChannelManager {
  readonly #channel: MarkerChannel
  readonly #states: TransactionStateManager
  readonly #logger: TxnLogger
  readonly #pending = new Map<string, PendingMarkers>()
  readonly #timers = new Set<NodeJS.Timeout>()
  #closed = false

  constructor(channel: MarkerChannel, states: TransactionStateManager, logger: TxnLogger) {
    this.#channel = channel
    this.#states = states
    this.#logger = logger
  }

  /** Transactional ids whose markers are still on their way. */
  get pendingIds(): ReadonlySet<string> {
    return new Set(this.#pending.keys())
  }

  /**
   * Starts writing the markers of `metadata`'s transaction (its partitions), then `complete`
   * (prepared on it, so pending) to the log.
   */
  addTxnMarkersToSend(coordinatorEpoch: number, commit: boolean, metadata: TransactionMetadata, complete: TxnTransit): void {
    const p: PendingMarkers = { metadata, coordinatorEpoch, commit, complete, partition: this.#states.partitionFor(metadata.transactionalId), cancelled: false }
    const previous = this.#pending.get(metadata.transactionalId)
    if (previous !== undefined) previous.cancelled = true
    this.#pending.set(metadata.transactionalId, p)
    void this.#drive(p)
  }

  /** This coordinator no longer owns `partition` of `__transaction_state`: its sending stops. */
  removeMarkersForTxnTopicPartition(partition: number): void {
    for (const [id, p] of this.#pending) {
      if (p.partition === partition) {
        p.cancelled = true
        this.#pending.delete(id)
      }
    }
  }

  close(): void {
    this.#closed = true
    for (const p of this.#pending.values()) p.cancelled = true
    this.#pending.clear()
    for (const t of this.#timers) clearTimeout(t)
    this.#timers.clear()
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.#timers.delete(t)
        resolve()
      }, ms)
      t.unref()
      this.#timers.add(t)
    })
  }

  #done(p: PendingMarkers): void {
    if (this.#pending.get(p.metadata.transactionalId) === p) this.#pending.delete(p.metadata.transactionalId)
  }

  async #drive(p: PendingMarkers): Promise<void> {
    const m = p.metadata
    let backoff = RETRY_BACKOFF_MS
    while (!p.cancelled && !this.#closed && m.partitions.size > 0) {
      const byBroker = new Map<number, Map<string, number[]>>()
      for (const tp of [...m.partitions]) {
        const { topic, partition } = parseTpKey(tp)
        const leader = this.#channel.leaderOf(topic, partition)
        if (leader === null) {
          // Kafka drops a partition whose topic was deleted: there is nothing left to mark.
          this.#logger.info({ transactionalId: m.transactionalId, topic, partition }, 'dropping the marker of a partition that no longer exists')
          m.removePartition(tp)
          continue
        }
        if (leader === undefined) continue
        let topics = byBroker.get(leader)
        if (topics === undefined) byBroker.set(leader, (topics = new Map()))
        let parts = topics.get(topic)
        if (parts === undefined) topics.set(topic, (parts = []))
        parts.push(partition)
      }
      await Promise.all(
        [...byBroker].map(async ([brokerId, topics]) => {
          const request: MarkerRequest = {
            producerId: m.producerId,
            producerEpoch: m.producerEpoch,
            coordinatorEpoch: p.coordinatorEpoch,
            commit: p.commit,
            topics: [...topics].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
          }
          let results
          try {
            results = await this.#channel.writeTxnMarkers(brokerId, [request])
          } catch (err) {
            this.#logger.warn({ err, brokerId, transactionalId: m.transactionalId }, 'cannot send transaction markers; retrying')
            return
          }
          for (const r of results) {
            for (const t of r.topics) {
              for (const pr of t.partitions) {
                const tp: TopicPartitionKey = `${t.name}:${pr.partitionIndex}`
                if (pr.errorCode === ErrorCode.NONE) m.removePartition(tp)
                else if (pr.errorCode === ErrorCode.INVALID_PRODUCER_EPOCH || pr.errorCode === ErrorCode.TRANSACTION_COORDINATOR_FENCED) {
                  this.#logger.warn(
                    { transactionalId: m.transactionalId, topic: t.name, partition: pr.partitionIndex, errorCode: pr.errorCode },
                    'transaction marker fenced; another coordinator owns the transaction',
                  )
                  p.cancelled = true
                } else if (!RETRIABLE.has(pr.errorCode)) {
                  this.#logger.warn(
                    { transactionalId: m.transactionalId, topic: t.name, partition: pr.partitionIndex, errorCode: pr.errorCode },
                    'unexpected error writing a transaction marker; retrying',
                  )
                }
              }
            }
          }
        }),
      )
      if (p.cancelled || this.#closed) break
      if (m.partitions.size > 0) {
        await this.#sleep(backoff)
        backoff = Math.min(backoff * 2, MAX_RETRY_BACKOFF_MS)
      }
    }
    if (p.cancelled || this.#closed) {
      this.#done(p)
      return
    }
    // Every partition has its marker: complete the transaction in the log, retrying a failed write
    // while this coordinator still owns it.
    backoff = RETRY_BACKOFF_MS
    for (;;) {
      const error = await this.#states.appendTransition(m, p.coordinatorEpoch, p.complete)
      if (error === ErrorCode.NONE) {
        this.#logger.debug({ transactionalId: m.transactionalId, state: txnStateName(p.complete.state) }, 'transaction completed')
        break
      }
      if (error === ErrorCode.NOT_COORDINATOR || p.cancelled || this.#closed) break
      // Written state unknown: prepare the same completion again and retry.
      await this.#sleep(backoff)
      backoff = Math.min(backoff * 2, MAX_RETRY_BACKOFF_MS)
      if (p.cancelled || this.#closed) break
      m.pendingState = p.complete.state
    }
    this.#done(p)
  }
}
