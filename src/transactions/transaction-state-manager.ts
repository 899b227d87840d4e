/**
 * The transaction states this coordinator owns (Kafka's TransactionStateManager): one map per
 * `__transaction_state` partition this broker leads, loaded from the partition when it becomes
 * the leader and dropped when it stops being one, each under the leader epoch it was loaded at
 * (the coordinator epoch markers carry). A transition is written to the log before it takes
 * effect; if the partition moved meanwhile, it answers NOT_COORDINATOR and changes nothing.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'
import type { TxnLog, TxnLogger } from './core.js'
import { encodeTxnLogRecord, type TxnLogRecord } from './transaction-log.js'
import { TransactionMetadata, TxnState, type TxnTransit } from './transaction-metadata.js'

export interface OwnedState {
  coordinatorEpoch: number
  metadata: TransactionMetadata | undefined
}

interface OwnedPartition {
  coordinatorEpoch: number
  txns: Map<string, TransactionMetadata>
}

export interface TxnIdAndEpoch {
  transactionalId: string
  producerId: bigint
  producerEpoch: number
}

/** Kafka's mapping of log append errors for coordinator writes (TransactionStateManager.appendTransactionToLog). */
function appendError(err: unknown): number {
  if (!(err instanceof KafkaError)) return ErrorCode.COORDINATOR_NOT_AVAILABLE
  switch (err.errorCode) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
    case ErrorCode.NOT_COORDINATOR:
      return ErrorCode.NOT_COORDINATOR
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
      return ErrorCode.UNKNOWN_SERVER_ERROR
    default:
      return err.errorCode
  }
}

export class TransactionStateManager {
  readonly #log: TxnLog
  readonly #logger: TxnLogger
  readonly #owned = new Map<number, OwnedPartition>()

  constructor(log: TxnLog, logger: TxnLogger) {
    this.#log = log
    this.#logger = logger
  }

  partitionFor(transactionalId: string): number {
    return this.#log.partitionFor(transactionalId)
  }

  /** The partitions this coordinator serves, with their coordinator epochs. */
  get ownedPartitions(): ReadonlyMap<number, number> {
    return new Map([...this.#owned].map(([p, o]) => [p, o.coordinatorEpoch]))
  }

  /**
   * The id's state if this broker coordinates it: `{ error }` NOT_COORDINATOR otherwise; the
   * metadata is undefined for an id it does not know.
   */
  getState(transactionalId: string): OwnedState | { error: number } {
    const owned = this.#owned.get(this.#log.partitionFor(transactionalId))
    if (owned === undefined) return { error: ErrorCode.NOT_COORDINATOR }
    return { coordinatorEpoch: owned.coordinatorEpoch, metadata: owned.txns.get(transactionalId) }
  }

  /** Adds `m` unless its id is known already; returns the one in place. */
  putIfNotExists(m: TransactionMetadata): OwnedState | { error: number } {
    const owned = this.#owned.get(this.#log.partitionFor(m.transactionalId))
    if (owned === undefined) return { error: ErrorCode.NOT_COORDINATOR }
    const known = owned.txns.get(m.transactionalId)
    if (known !== undefined) return { coordinatorEpoch: owned.coordinatorEpoch, metadata: known }
    owned.txns.set(m.transactionalId, m)
    return { coordinatorEpoch: owned.coordinatorEpoch, metadata: m }
  }

  /**
   * Writes `transit` (prepared on `m`, so pending) and takes it when written. Resolves to NONE,
   * or the error the client gets; a failed write leaves `m` as it was.
   */
  async appendTransition(m: TransactionMetadata, coordinatorEpoch: number, transit: TxnTransit): Promise<number> {
    const partition = this.#log.partitionFor(m.transactionalId)
    const value = transit.state === TxnState.Dead ? null : transit
    let error: number = ErrorCode.NONE
    try {
      await this.#log.append(partition, coordinatorEpoch, encodeTxnLogRecord({ transactionalId: m.transactionalId, value }))
    } catch (err) {
      error = appendError(err)
      this.#logger.warn({ err, transactionalId: m.transactionalId, state: transit.state }, 'writing a transaction state failed')
    }
    const owned = this.#owned.get(partition)
    // The partition moved (or was reloaded) while the write was in flight: the new owner decides.
    if (owned === undefined || owned.coordinatorEpoch !== coordinatorEpoch || owned.txns.get(m.transactionalId) !== m) {
      return ErrorCode.NOT_COORDINATOR
    }
    if (error !== ErrorCode.NONE) {
      m.abortPendingTransition()
      return error
    }
    m.completeTransitionTo(transit)
    if (transit.state === TxnState.Dead) owned.txns.delete(m.transactionalId)
    return ErrorCode.NONE
  }

  /**
   * This broker leads `partition` at `coordinatorEpoch` (Kafka's loadTransactionsForTxnTopicPartition):
   * its states are replayed from `records` (the partition's log, the last record of an id wins).
   * Returns the transactions caught between prepare and complete, whose markers must be resent.
   */
  load(partition: number, coordinatorEpoch: number, records: Iterable<TxnLogRecord>): TransactionMetadata[] {
    const txns = new Map<string, TransactionMetadata>()
    for (const r of records) {
      if (r.value === null) txns.delete(r.transactionalId)
      else txns.set(r.transactionalId, new TransactionMetadata({ transactionalId: r.transactionalId, ...r.value }))
    }
    this.#owned.set(partition, { coordinatorEpoch, txns })
    this.#logger.info({ partition, coordinatorEpoch, transactionalIds: txns.size }, 'loaded transaction states')
    return [...txns.values()].filter((m) => m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort)
  }

  /** This broker no longer leads `partition`: its states are dropped. */
  unload(partition: number): void {
    if (this.#owned.delete(partition)) this.#logger.info({ partition }, 'unloaded transaction states')
  }

  /** Every id this coordinator knows. */
  *all(): Iterable<TransactionMetadata> {
    for (const o of this.#owned.values()) yield* o.txns.values()
  }

  /** Open transactions older than their timeout (Kafka's timedOutTransactions: measured from their start). */
  timedOut(now: number): TxnIdAndEpoch[] {
    const out: TxnIdAndEpoch[] = []
    for (const m of this.all()) {
      if (m.state === TxnState.Ongoing && !m.pendingTransitionInProgress && m.txnStartTimestamp + m.txnTimeoutMs < now) {
        out.push({ transactionalId: m.transactionalId, producerId: m.producerId, producerEpoch: m.producerEpoch })
      }
    }
    return out
  }

  /** Ids without an open transaction whose state has not changed for transactional.id.expiration.ms. */
  expirable(now: number, expirationMs: number): TransactionMetadata[] {
    const out: TransactionMetadata[] = []
    for (const m of this.all()) {
      const idle = m.state === TxnState.Empty || m.state === TxnState.CompleteCommit || m.state === TxnState.CompleteAbort
      if (idle && !m.pendingTransitionInProgress && now - m.txnLastUpdateTimestamp >= expirationMs) out.push(m)
    }
    return out
  }
}
