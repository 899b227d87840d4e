/**
 * The transaction coordinator (Kafka's TransactionCoordinator, transaction version 1, with
 * KIP-890's verification): InitProducerId for transactional ids, AddPartitionsToTxn (and
 * AddOffsetsToTxn through it), EndTxn, the broker-side "verify only" AddPartitionsToTxn,
 * DescribeTransactions and ListTransactions; it aborts transactions open longer than their
 * timeout and forgets ids idle for transactional.id.expiration.ms. Protocol errors are values.
 *
 * It serves the transactional ids of the `__transaction_state` partitions this broker leads
 * (onElection / onResignation, the hooks the group coordinator uses too), resuming the markers
 * of transactions a previous leader had prepared but not completed.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { ProducerIdSource, TxnConfig, TxnLog, TxnLogger, MarkerChannel } from './core.js'
import { MarkerChannelManager } from './marker-channel-manager.js'
import type { TxnLogRecord } from './transaction-log.js'
import {
  IllegalTransitionError,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  TransactionMetadata,
  TxnState,
  tpKey,
  txnStateName,
  type TopicPartitionKey,
  type TxnTransit,
} from './transaction-metadata.js'
import { TransactionStateManager, type OwnedState } from './transaction-state-manager.js'

export interface InitProducerIdResult {
  errorCode: number
  producerId: bigint
  producerEpoch: number
}

export interface DescribedTransaction {
  errorCode: number
  transactionalId: string
  transactionState: string
  transactionTimeoutMs: number
  transactionStartTimeMs: bigint
  producerId: bigint
  producerEpoch: number
  topics: Array<{ topic: string; partitions: number[] }>
}

export interface ListedTransaction {
  transactionalId: string
  producerId: bigint
  transactionState: string
}

export interface TransactionCoordinatorOptions {
  log: TxnLog
  markers: MarkerChannel
  producerIds: ProducerIdSource
  config: TxnConfig
  logger: TxnLogger
  now?: () => number
}

const initError = (errorCode: number): InitProducerIdResult => ({ errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH })

function isOwned(s: OwnedState | { error: number }): s is OwnedState {
  return !('error' in s)
}

export class TransactionCoordinator {
  readonly config: TxnConfig
  readonly states: TransactionStateManager
  readonly markers: MarkerChannelManager
  readonly #log: TxnLog
  readonly #producerIds: ProducerIdSource
  readonly #logger: TxnLogger
  readonly #now: () => number
  readonly #timers: NodeJS.Timeout[] = []

  constructor(opts: TransactionCoordinatorOptions) {
    this.config = opts.config
    this.#log = opts.log
    this.#producerIds = opts.producerIds
    this.#logger = opts.logger
    this.#now = opts.now ?? Date.now
    this.states = new TransactionStateManager(opts.log, opts.logger)
    this.markers = new MarkerChannelManager(opts.markers, this.states, opts.logger)
  }

  /** Starts the timers: timed-out transactions are aborted, idle ids expired. */
  start(): void {
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms)
      t.unref()
      this.#timers.push(t)
    }
    every(this.config.abortTimedOutTransactionCleanupIntervalMs, () => this.abortTimedOutTransactions())
    every(this.config.removeExpiredTransactionalIdCleanupIntervalMs, () => void this.removeExpiredTransactionalIds())
  }

  close(): void {
    for (const t of this.#timers) clearInterval(t)
    this.#timers.length = 0
    this.markers.close()
  }

  partitionFor(transactionalId: string): number {
    return this.#log.partitionFor(transactionalId)
  }

  /** NONE once `__transaction_state` can be written (created on first use), else COORDINATOR_NOT_AVAILABLE. */
  async whenReady(): Promise<number> {
    if (this.#log.exists()) return ErrorCode.NONE
    try {
      await this.#log.create()
    } catch (err) {
      this.#logger.warn({ err }, 'cannot create the transaction state log')
      return ErrorCode.COORDINATOR_NOT_AVAILABLE
    }
    return this.#log.exists() ? ErrorCode.NONE : ErrorCode.COORDINATOR_NOT_AVAILABLE
  }

  /** NONE when this broker coordinates the id, else NOT_COORDINATOR. */
  coordinatorError(transactionalId: string): number {
    const s = this.states.getState(transactionalId)
    return isOwned(s) ? ErrorCode.NONE : s.error
  }

  /** This broker leads `partition` of `__transaction_state` at `coordinatorEpoch`: load it, resume its markers. */
  onElection(partition: number, coordinatorEpoch: number, records: () => Iterable<TxnLogRecord>): void {
    const current = this.states.ownedPartitions.get(partition)
    if (current === coordinatorEpoch) return
    this.markers.removeMarkersForTxnTopicPartition(partition)
    const prepared = this.states.load(partition, coordinatorEpoch, records())
    const now = this.#now()
    for (const m of prepared) {
      this.#logger.info({ transactionalId: m.transactionalId, state: txnStateName(m.state) }, 'resuming the markers of a prepared transaction')
      this.markers.addTxnMarkersToSend(coordinatorEpoch, m.state === TxnState.PrepareCommit, m, m.prepareComplete(now))
    }
  }

  onResignation(partition: number): void {
    this.states.unload(partition)
    this.markers.removeMarkersForTxnTopicPartition(partition)
  }

  /**
   * InitProducerId with a transactional id. `expected` is the producer id and epoch the client
   * had (v3+, KIP-360): a retry of a bump it did not see gets the same epoch, an older instance
   * is fenced. An open transaction is aborted first (with a bumped epoch, fencing its producer)
   * and the client told CONCURRENT_TRANSACTIONS, so it retries.
   */
  async initProducerId(
    transactionalId: string,
    timeoutMs: number,
    expected: { producerId: bigint; producerEpoch: number } | undefined,
  ): Promise<InitProducerIdResult> {
    if (transactionalId === '') return initError(ErrorCode.INVALID_REQUEST)
    if (timeoutMs <= 0 || timeoutMs > this.config.transactionMaxTimeoutMs) return initError(ErrorCode.INVALID_TRANSACTION_TIMEOUT)
    const ready = await this.whenReady()
    if (ready !== ErrorCode.NONE) return initError(ready)
    let state = this.states.getState(transactionalId)
    if (!isOwned(state)) return initError(state.error)
    if (state.metadata === undefined) {
      const producerId = await this.#producerIds.nextId()
      state = this.states.putIfNotExists(
        new TransactionMetadata({
          transactionalId,
          producerId,
          lastProducerId: NO_PRODUCER_ID,
          producerEpoch: NO_PRODUCER_EPOCH,
          lastProducerEpoch: NO_PRODUCER_EPOCH,
          txnTimeoutMs: timeoutMs,
          state: TxnState.Empty,
          txnStartTimestamp: -1,
          txnLastUpdateTimestamp: this.#now(),
        }),
      )
      if (!isOwned(state)) return initError(state.error)
    }
    let m = state.metadata!
    // An exhausted epoch needs a fresh id; take it before deciding (ids are not precious).
    const rotation = m.isProducerEpochExhausted ? await this.#producerIds.nextId() : undefined
    state = this.states.getState(transactionalId)
    if (!isOwned(state) || state.metadata === undefined) return initError(isOwned(state) ? ErrorCode.NOT_COORDINATOR : state.error)
    m = state.metadata
    const coordinatorEpoch = state.coordinatorEpoch
    if (m.pendingTransitionInProgress) return initError(ErrorCode.CONCURRENT_TRANSACTIONS)
    if (expected !== undefined) {
      const valid =
        m.producerEpoch === NO_PRODUCER_EPOCH ||
        expected.producerId === m.producerId ||
        (expected.producerId === m.lastProducerId && expected.producerEpoch >= 32766)
      if (!valid) return initError(ErrorCode.PRODUCER_FENCED)
    }
    let transit: TxnTransit | undefined
    switch (m.state) {
      case TxnState.PrepareAbort:
      case TxnState.PrepareCommit:
        return initError(ErrorCode.CONCURRENT_TRANSACTIONS)
      case TxnState.Ongoing: {
        // A new instance while a transaction is open: abort it under a bumped epoch, then retry.
        const fence = m.prepareFenceProducerEpoch()
        const error = await this.#endTransaction(transactionalId, fence.producerId, fence.producerEpoch, false, false)
        return initError(error === ErrorCode.NONE ? ErrorCode.CONCURRENT_TRANSACTIONS : error)
      }
      default:
        if (rotation !== undefined && m.isProducerEpochExhausted && (expected === undefined || expected.producerEpoch === m.producerEpoch)) {
          transit = m.prepareProducerIdRotation(rotation, timeoutMs, this.#now(), expected !== undefined)
        } else {
          transit = m.prepareIncrementProducerEpoch(timeoutMs, expected?.producerEpoch, this.#now())
          if (transit === undefined) return initError(ErrorCode.PRODUCER_FENCED)
        }
    }
    const error = await this.states.appendTransition(m, coordinatorEpoch, transit)
    if (error !== ErrorCode.NONE) return initError(error)
    this.#logger.info({ transactionalId, producerId: String(transit.producerId), producerEpoch: transit.producerEpoch }, 'initialized transactional id')
    return { errorCode: ErrorCode.NONE, producerId: transit.producerId, producerEpoch: transit.producerEpoch }
  }

  /** AddPartitionsToTxn (and AddOffsetsToTxn, with the group's `__consumer_offsets` partition). */
  async addPartitions(transactionalId: string, producerId: bigint, producerEpoch: number, partitions: readonly TopicPartitionKey[]): Promise<number> {
    if (transactionalId === '') return ErrorCode.INVALID_REQUEST
    const state = this.states.getState(transactionalId)
    if (!isOwned(state)) return state.error
    const m = state.metadata
    if (m === undefined || m.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING
    if (m.producerEpoch !== producerEpoch) return ErrorCode.PRODUCER_FENCED
    if (m.pendingTransitionInProgress) return ErrorCode.CONCURRENT_TRANSACTIONS
    if (m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort) return ErrorCode.CONCURRENT_TRANSACTIONS
    if (m.state === TxnState.Ongoing && partitions.every((p) => m.partitions.has(p))) return ErrorCode.NONE
    return this.states.appendTransition(m, state.coordinatorEpoch, m.prepareAddPartitions(partitions, this.#now()))
  }

  /**
   * KIP-890's verification (AddPartitionsToTxn v4+ with verifyOnly, from partition leaders): per
   * partition NONE when it is in the transaction, TRANSACTION_ABORTABLE when not; one error for
   * all when the producer does not match.
   */
  verifyPartitions(
    transactionalId: string,
    producerId: bigint,
    producerEpoch: number,
    partitions: readonly TopicPartitionKey[],
  ): Map<TopicPartitionKey, number> {
    const all = (error: number) => new Map(partitions.map((p) => [p, error]))
    if (transactionalId === '') return all(ErrorCode.INVALID_REQUEST)
    const state = this.states.getState(transactionalId)
    if (!isOwned(state)) return all(state.error)
    const m = state.metadata
    if (m === undefined || m.producerId !== producerId) return all(ErrorCode.INVALID_PRODUCER_ID_MAPPING)
    if (m.producerEpoch !== producerEpoch) return all(ErrorCode.PRODUCER_FENCED)
    if (m.state === TxnState.PrepareCommit || m.state === TxnState.PrepareAbort) return all(ErrorCode.CONCURRENT_TRANSACTIONS)
    return new Map(partitions.map((p) => [p, m.partitions.has(p) && m.state === TxnState.Ongoing ? ErrorCode.NONE : ErrorCode.TRANSACTION_ABORTABLE]))
  }

  /** EndTxn from the client. */
  endTransaction(transactionalId: string, producerId: bigint, producerEpoch: number, commit: boolean): Promise<number> {
    return this.#endTransaction(transactionalId, producerId, producerEpoch, commit, true)
  }

  /**
   * Kafka's endTransaction (transaction version 1): Ongoing -> PrepareCommit/PrepareAbort in the
   * log, the answer, then the markers and CompleteCommit/CompleteAbort. A retried EndTxn of a
   * completed transaction answers NONE; the other outcome answers INVALID_TXN_STATE.
   */
  async #endTransaction(transactionalId: string, producerId: bigint, producerEpoch: number, commit: boolean, fromClient: boolean): Promise<number> {
    if (transactionalId === '') return ErrorCode.INVALID_REQUEST
    const state = this.states.getState(transactionalId)
    if (!isOwned(state)) return state.error
    const m = state.metadata
    const coordinatorEpoch = state.coordinatorEpoch
    if (m === undefined || m.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING
    if ((fromClient && producerEpoch !== m.producerEpoch) || producerEpoch < m.producerEpoch) return ErrorCode.PRODUCER_FENCED
    if (m.pendingTransitionInProgress && m.pendingState !== TxnState.PrepareEpochFence) return ErrorCode.CONCURRENT_TRANSACTIONS
    let isEpochFence = false
    let transit: TxnTransit
    switch (m.state) {
      case TxnState.Ongoing:
        if (!commit && m.pendingState === TxnState.PrepareEpochFence) {
          // The fence's epoch goes into the abort it writes.
          isEpochFence = true
          m.pendingState = undefined
          m.producerEpoch = producerEpoch
          m.lastProducerEpoch = NO_PRODUCER_EPOCH
        }
        transit = m.prepareAbortOrCommit(commit ? TxnState.PrepareCommit : TxnState.PrepareAbort, this.#now())
        break
      case TxnState.CompleteCommit:
        return commit ? ErrorCode.NONE : this.#invalidState(m, commit)
      case TxnState.CompleteAbort:
        return !commit ? ErrorCode.NONE : this.#invalidState(m, commit)
      case TxnState.PrepareCommit:
        return commit ? ErrorCode.CONCURRENT_TRANSACTIONS : this.#invalidState(m, commit)
      case TxnState.PrepareAbort:
        return !commit ? ErrorCode.CONCURRENT_TRANSACTIONS : this.#invalidState(m, commit)
      default:
        return this.#invalidState(m, commit)
    }
    const error = await this.states.appendTransition(m, coordinatorEpoch, transit)
    if (error !== ErrorCode.NONE) {
      if (isEpochFence) m.hasFailedEpochFence = true
      return error
    }
    // Prepared: the client has its answer; the markers and the completion follow.
    const after = this.states.getState(transactionalId)
    if (!isOwned(after) || after.coordinatorEpoch !== coordinatorEpoch || after.metadata !== m) return ErrorCode.NOT_COORDINATOR
    if (m.pendingTransitionInProgress) return ErrorCode.CONCURRENT_TRANSACTIONS
    this.markers.addTxnMarkersToSend(coordinatorEpoch, commit, m, m.prepareComplete(this.#now()))
    return ErrorCode.NONE
  }

  #invalidState(m: TransactionMetadata, commit: boolean): number {
    this.#logger.warn(
      { transactionalId: m.transactionalId, state: txnStateName(m.state), result: commit ? 'COMMIT' : 'ABORT' },
      'EndTxn does not fit the transaction state',
    )
    return ErrorCode.INVALID_TXN_STATE
  }

  /** Kafka's abortTimedOutTransactions: each one is fenced (epoch bump) and aborted. */
  abortTimedOutTransactions(): void {
    for (const t of this.states.timedOut(this.#now())) {
      const state = this.states.getState(t.transactionalId)
      if (!isOwned(state) || state.metadata === undefined) continue
      const m = state.metadata
      if (m.producerId !== t.producerId || m.pendingTransitionInProgress) continue
      let fence: TxnTransit
      try {
        fence = m.prepareFenceProducerEpoch()
      } catch (err) {
        if (!(err instanceof IllegalTransitionError)) throw err
        continue
      }
      this.#logger.info(
        { transactionalId: m.transactionalId, producerId: String(m.producerId), timeoutMs: m.txnTimeoutMs },
        'aborting a transaction that timed out',
      )
      void this.#endTransaction(m.transactionalId, fence.producerId, fence.producerEpoch, false, false).then((error) => {
        if (error !== ErrorCode.NONE) this.#logger.warn({ transactionalId: m.transactionalId, errorCode: error }, 'could not abort a timed-out transaction')
      })
    }
  }

  /** Kafka's removeExpiredTransactionalIds: idle ids get a tombstone and are forgotten. */
  async removeExpiredTransactionalIds(): Promise<number> {
    let removed = 0
    for (const m of this.states.expirable(this.#now(), this.config.transactionalIdExpirationMs)) {
      const state = this.states.getState(m.transactionalId)
      if (!isOwned(state) || state.metadata !== m) continue
      const error = await this.states.appendTransition(m, state.coordinatorEpoch, m.prepareDead())
      if (error === ErrorCode.NONE) {
        removed++
        this.#logger.info({ transactionalId: m.transactionalId }, 'expired transactional id')
      }
    }
    return removed
  }

  describe(transactionalId: string): DescribedTransaction {
    const base: DescribedTransaction = {
      errorCode: ErrorCode.NONE,
      transactionalId,
      transactionState: '',
      transactionTimeoutMs: 0,
      transactionStartTimeMs: -1n,
      producerId: -1n,
      producerEpoch: -1,
      topics: [],
    }
    if (transactionalId === '') return { ...base, errorCode: ErrorCode.INVALID_REQUEST }
    const state = this.states.getState(transactionalId)
    if (!isOwned(state)) return { ...base, errorCode: state.error }
    const m = state.metadata
    if (m === undefined || m.state === TxnState.Dead) return { ...base, errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND }
    const topics = new Map<string, number[]>()
    for (const tp of m.partitions) {
      const i = tp.lastIndexOf(':')
      const topic = tp.slice(0, i)
      let list = topics.get(topic)
      if (list === undefined) topics.set(topic, (list = []))
      list.push(Number(tp.slice(i + 1)))
    }
    return {
      ...base,
      transactionState: txnStateName(m.state),
      transactionTimeoutMs: m.txnTimeoutMs,
      transactionStartTimeMs: BigInt(m.txnStartTimestamp),
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      topics: [...topics].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) })),
    }
  }

  /** ListTransactions: filtered by state names, producer ids, and (v1) running longer than `durationMs`. */
  list(
    states: readonly string[],
    producerIds: readonly bigint[],
    durationMs: bigint,
  ): { errorCode: number; unknownStateFilters: string[]; transactions: ListedTransaction[] } {
    const known = new Set(['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead', 'PrepareEpochFence'])
    const unknownStateFilters = states.filter((s) => !known.has(s))
    const wantStates = new Set(states)
    const wantIds = new Set(producerIds)
    const now = BigInt(this.#now())
    const transactions: ListedTransaction[] = []
    for (const m of this.states.all()) {
      const name = txnStateName(m.state)
      if (m.state === TxnState.Dead) continue
      if (wantStates.size > 0 && !wantStates.has(name)) continue
      if (wantIds.size > 0 && !wantIds.has(m.producerId)) continue
      if (durationMs >= 0n && now - BigInt(m.txnStartTimestamp) <= durationMs) continue
      transactions.push({ transactionalId: m.transactionalId, producerId: m.producerId, transactionState: name })
    }
    return { errorCode: ErrorCode.NONE, unknownStateFilters, transactions }
  }
}

export { tpKey }
