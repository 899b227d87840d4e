/**
 * What the transaction coordinator needs from the broker, handed in by the composition root:
 * its log (`__transaction_state`), the way to reach partition leaders with markers, producer
 * ids, and its settings from the broker's transaction.* configs.
 */
import type { EncodedRecord } from './transaction-log.js'

/**
 * Durable storage of transaction states: the `__transaction_state` topic, implemented by the
 * broker. The topic is created on first use (Kafka creates it on the first FindCoordinator of
 * type TRANSACTION): `exists` tells whether writes can go through now, `create` makes it so.
 */
export interface TxnLog {
  exists(): boolean
  create(): Promise<void>
  /** The partition of the topic that holds an id's state. */
  partitionFor(transactionalId: string): number
  /**
   * Appends one record to `partition` if this broker still leads it at `coordinatorEpoch`;
   * resolves once it is written (acknowledged as a produce with acks=all would be), rejects with
   * a KafkaError (NOT_LEADER_OR_FOLLOWER, KAFKA_STORAGE_ERROR...) otherwise.
   */
  append(partition: number, coordinatorEpoch: number, record: EncodedRecord): Promise<void>
}

/** One WriteTxnMarkers entry: a marker for some partitions of one leader. */
export interface MarkerRequest {
  producerId: bigint
  producerEpoch: number
  coordinatorEpoch: number
  commit: boolean
  topics: Array<{ name: string; partitionIndexes: number[] }>
}

export interface MarkerResult {
  producerId: bigint
  topics: Array<{ name: string; partitions: Array<{ partitionIndex: number; errorCode: number }> }>
}

/**
 * How markers reach partition leaders (Kafka's TransactionMarkerChannelManager's network side):
 * WriteTxnMarkers to the broker that leads each partition, this one included.
 */
export interface MarkerChannel {
  /** The partition's leader now; undefined while it has none; null when the partition does not exist. */
  leaderOf(topic: string, partition: number): number | undefined | null
  /** Sends WriteTxnMarkers to `brokerId`; rejects when the broker cannot be reached. */
  writeTxnMarkers(brokerId: number, markers: MarkerRequest[]): Promise<MarkerResult[]>
}

/** Producer ids for new transactional ids and for rotations of exhausted epochs. */
export interface ProducerIdSource {
  nextId(): Promise<bigint>
}

export interface TxnConfig {
  /** transaction.max.timeout.ms */
  transactionMaxTimeoutMs: number
  /** transactional.id.expiration.ms */
  transactionalIdExpirationMs: number
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms */
  abortTimedOutTransactionCleanupIntervalMs: number
  /** transaction.remove.expired.transaction.cleanup.interval.ms */
  removeExpiredTransactionalIdCleanupIntervalMs: number
}

export const DEFAULT_TXN_CONFIG: TxnConfig = {
  transactionMaxTimeoutMs: 900000,
  transactionalIdExpirationMs: 604800000,
  abortTimedOutTransactionCleanupIntervalMs: 10000,
  removeExpiredTransactionalIdCleanupIntervalMs: 3600000,
}

/** The subset of a logger the coordinator uses (pino-compatible). */
export interface TxnLogger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  debug(obj: object, msg?: string): void
}
