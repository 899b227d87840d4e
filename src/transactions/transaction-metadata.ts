/**
 * One transactional id's state at its coordinator (Kafka's TransactionMetadata and
 * TransactionState): the producer id and epoch it was given, its transaction's state and
 * partitions, and the transition under way. A transition is prepared (a TxnTransit, the values
 * the coordinator writes to `__transaction_state`), set pending while the write is in flight,
 * and completed only once it is in the log; a request meeting a pending transition answers
 * CONCURRENT_TRANSACTIONS.
 *
 * States and the moves between them (Kafka's TransactionState.validPreviousStates):
 *   Empty -> Ongoing (AddPartitions/AddOffsets) -> PrepareCommit | PrepareAbort (EndTxn, or a
 *   timeout, or a new producer instance fencing an open transaction) -> CompleteCommit |
 *   CompleteAbort (every partition has its marker) -> Ongoing | Empty (InitProducerId) ...;
 *   Dead once the id expires; PrepareEpochFence only in memory, while an open transaction is
 *   aborted for a new epoch.
 */

export const TxnState = {
  Empty: 0,
  Ongoing: 1,
  PrepareCommit: 2,
  PrepareAbort: 3,
  CompleteCommit: 4,
  CompleteAbort: 5,
  Dead: 6,
  PrepareEpochFence: 7,
} as const
export type TxnState = (typeof TxnState)[keyof typeof TxnState]

/** Kafka's TransactionState.name, as DescribeTransactions and ListTransactions report it. */
const TXN_STATE_NAMES: readonly string[] = ['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead', 'PrepareEpochFence']

export function txnStateName(s: TxnState): string {
  return TXN_STATE_NAMES[s] ?? 'Unknown'
}

const VALID_PREVIOUS: Record<TxnState, readonly TxnState[]> = {
  [TxnState.Empty]: [TxnState.Empty, TxnState.CompleteCommit, TxnState.CompleteAbort],
  [TxnState.Ongoing]: [TxnState.Ongoing, TxnState.Empty, TxnState.CompleteCommit, TxnState.CompleteAbort],
  [TxnState.PrepareCommit]: [TxnState.Ongoing],
  [TxnState.PrepareAbort]: [TxnState.Ongoing, TxnState.PrepareEpochFence],
  [TxnState.CompleteCommit]: [TxnState.PrepareCommit],
  [TxnState.CompleteAbort]: [TxnState.PrepareAbort],
  [TxnState.Dead]: [TxnState.Empty, TxnState.CompleteAbort, TxnState.CompleteCommit],
  [TxnState.PrepareEpochFence]: [TxnState.Ongoing],
}

export const NO_PRODUCER_ID = -1n
export const NO_PRODUCER_EPOCH = -1
/** Kafka's isEpochExhausted: at Short.MAX - 1 a producer gets a new id (one more bump must fit). */
const MAX_EPOCH = 32766

/** A topic-partition as the coordinator keys it. */
export type TopicPartitionKey = `${string}:${number}`

export const tpKey = (topic: string, partition: number): TopicPartitionKey => `${topic}:${partition}`

export function parseTpKey(key: TopicPartitionKey): { topic: string; partition: number } {
  const i = key.lastIndexOf(':')
  return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) }
}

/** The values of a transition, as written to `__transaction_state` (Kafka's TxnTransitMetadata). */
export interface TxnTransit {
  producerId: bigint
  lastProducerId: bigint
  producerEpoch: number
  lastProducerEpoch: number
  txnTimeoutMs: number
  state: TxnState
  partitions: ReadonlySet<TopicPartitionKey>
  txnStartTimestamp: number
  txnLastUpdateTimestamp: number
}

export class IllegalTransitionError extends Error {}

export class TransactionMetadata {
  readonly transactionalId: string
  producerId: bigint
  /** The id before a rotation (an exhausted epoch), so a retried InitProducerId is recognised. */
  lastProducerId: bigint
  producerEpoch: number
  /** The epoch before the last bump, so a retried InitProducerId is recognised (KIP-360). */
  lastProducerEpoch: number
  txnTimeoutMs: number
  state: TxnState
  readonly partitions = new Set<TopicPartitionKey>()
  txnStartTimestamp: number
  txnLastUpdateTimestamp: number
  /** The state a written-but-not-yet-confirmed transition moves to. */
  pendingState: TxnState | undefined
  /** An epoch fence whose write failed: the next fence reuses the epoch (it was never handed out). */
  hasFailedEpochFence = false

  constructor(init: Omit<TxnTransit, 'partitions'> & { transactionalId: string; partitions?: Iterable<TopicPartitionKey> }) {
    this.transactionalId = init.transactionalId
    this.producerId = init.producerId
    this.lastProducerId = init.lastProducerId
    this.producerEpoch = init.producerEpoch
    this.lastProducerEpoch = init.lastProducerEpoch
    this.txnTimeoutMs = init.txnTimeoutMs
    this.state = init.state
    for (const p of init.partitions ?? []) this.partitions.add(p)
    this.txnStartTimestamp = init.txnStartTimestamp
    this.txnLastUpdateTimestamp = init.txnLastUpdateTimestamp
  }

  get pendingTransitionInProgress(): boolean {
    return this.pendingState !== undefined
  }

  get isProducerEpochExhausted(): boolean {
    return this.producerEpoch >= MAX_EPOCH
  }

  #transit(state: TxnState, over: Partial<TxnTransit>): TxnTransit {
    if (this.pendingState !== undefined)
      throw new IllegalTransitionError(`${this.transactionalId}: a transition to ${txnStateName(this.pendingState)} is pending`)
    if (!VALID_PREVIOUS[state].includes(this.state)) {
      throw new IllegalTransitionError(`${this.transactionalId}: cannot move from ${txnStateName(this.state)} to ${txnStateName(state)}`)
    }
    this.pendingState = state
    return {
      producerId: this.producerId,
      lastProducerId: this.lastProducerId,
      producerEpoch: this.producerEpoch,
      lastProducerEpoch: this.lastProducerEpoch,
      txnTimeoutMs: this.txnTimeoutMs,
      state,
      partitions: new Set(this.partitions),
      txnStartTimestamp: this.txnStartTimestamp,
      txnLastUpdateTimestamp: this.txnLastUpdateTimestamp,
      ...over,
    }
  }

  /**
   * InitProducerId on a finished or empty transaction: the next epoch. With the epoch the client
   * last had (`expectedEpoch`, v3+): a retry of the bump it missed gets the same epoch again; an
   * older epoch is fenced (undefined: PRODUCER_FENCED).
   */
  prepareIncrementProducerEpoch(timeoutMs: number, expectedEpoch: number | undefined, now: number): TxnTransit | undefined {
    if (this.isProducerEpochExhausted) throw new IllegalTransitionError(`${this.transactionalId}: epoch exhausted`)
    const bumped = this.producerEpoch + 1
    let next: [number, number]
    if (expectedEpoch === undefined) next = [bumped, NO_PRODUCER_EPOCH]
    else if (this.producerEpoch === NO_PRODUCER_EPOCH || expectedEpoch === this.producerEpoch) next = [bumped, this.producerEpoch]
    else if (expectedEpoch === this.lastProducerEpoch) next = [this.producerEpoch, this.lastProducerEpoch]
    else return undefined
    return this.#transit(TxnState.Empty, {
      producerEpoch: next[0],
      lastProducerEpoch: next[1],
      txnTimeoutMs: timeoutMs,
      partitions: new Set(),
      txnStartTimestamp: -1,
      txnLastUpdateTimestamp: now,
    })
  }

  /** InitProducerId once the epoch is exhausted: a new producer id at epoch 0. */
  prepareProducerIdRotation(newProducerId: bigint, timeoutMs: number, now: number, recordLastEpoch: boolean): TxnTransit {
    return this.#transit(TxnState.Empty, {
      producerId: newProducerId,
      lastProducerId: this.producerId,
      producerEpoch: 0,
      lastProducerEpoch: recordLastEpoch ? this.producerEpoch : NO_PRODUCER_EPOCH,
      txnTimeoutMs: timeoutMs,
      partitions: new Set(),
      txnStartTimestamp: -1,
      txnLastUpdateTimestamp: now,
    })
  }

  /** Bumps the epoch of an open transaction before aborting it (a new instance, or a timeout). */
  prepareFenceProducerEpoch(): TxnTransit {
    if (this.producerEpoch >= 32767) throw new IllegalTransitionError(`${this.transactionalId}: cannot fence at the maximum epoch`)
    const bumped = this.hasFailedEpochFence ? this.producerEpoch : this.producerEpoch + 1
    return this.#transit(TxnState.PrepareEpochFence, { producerEpoch: bumped, lastProducerEpoch: NO_PRODUCER_EPOCH })
  }

  prepareAddPartitions(added: Iterable<TopicPartitionKey>, now: number): TxnTransit {
    const fresh = this.state === TxnState.Empty || this.state === TxnState.CompleteCommit || this.state === TxnState.CompleteAbort
    const partitions = new Set(fresh ? [] : this.partitions)
    for (const p of added) partitions.add(p)
    return this.#transit(TxnState.Ongoing, { partitions, txnStartTimestamp: fresh ? now : this.txnStartTimestamp, txnLastUpdateTimestamp: now })
  }

  prepareAbortOrCommit(state: typeof TxnState.PrepareCommit | typeof TxnState.PrepareAbort, now: number): TxnTransit {
    return this.#transit(state, { txnLastUpdateTimestamp: now })
  }

  /** Every partition has its marker: the transaction is over (no partitions left). */
  prepareComplete(now: number): TxnTransit {
    const state = this.state === TxnState.PrepareCommit ? TxnState.CompleteCommit : TxnState.CompleteAbort
    return this.#transit(state, { partitions: new Set(), txnLastUpdateTimestamp: now })
  }

  /** transactional.id.expiration.ms passed: the id is forgotten (a tombstone). */
  prepareDead(): TxnTransit {
    return this.#transit(TxnState.Dead, { partitions: new Set() })
  }

  /** The transition was written: take its values. */
  completeTransitionTo(t: TxnTransit): void {
    this.producerId = t.producerId
    this.lastProducerId = t.lastProducerId
    this.producerEpoch = t.producerEpoch
    this.lastProducerEpoch = t.lastProducerEpoch
    this.txnTimeoutMs = t.txnTimeoutMs
    this.state = t.state
    this.partitions.clear()
    for (const p of t.partitions) this.partitions.add(p)
    this.txnStartTimestamp = t.txnStartTimestamp
    this.txnLastUpdateTimestamp = t.txnLastUpdateTimestamp
    this.pendingState = undefined
    this.hasFailedEpochFence = false
  }

  /** A marker is written for `tp`: it no longer waits for one (DescribeTransactions shows what is left). */
  removePartition(tp: TopicPartitionKey): void {
    this.partitions.delete(tp)
  }

  /** The transition's write failed. */
  abortPendingTransition(): void {
    this.pendingState = undefined
  }
}
