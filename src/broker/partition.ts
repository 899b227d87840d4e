/**
 * A partition this broker hosts (Kafka's Partition): its log and its replica state as the
 * controller last set it (leader, leader epoch, replicas, ISR, partition epoch). As the leader it
 * appends produced records, tracks where each follower's log ends (their fetches tell it) and
 * moves the high watermark to the smallest log end in the ISR; as a follower it knows its leader
 * and epoch (the replica fetcher copies the leader's records into its log). The ReplicaManager
 * owns every Partition and wakes the requests waiting on it.
 */
import type { PartitionLog } from '../storage/partition-log.js'
import type { PartitionLeadership } from '../controller/control.js'
import { FollowerReplica, UNKNOWN_OFFSET } from './follower-replica.js'
import { validateBatches, type ValidationResult } from '../protocol/record-batch-validate.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'

/** The outcome of a produce to one partition, in ProduceResponse terms. */
export interface AppendOutcome {
  errorCode: number
  baseOffset: bigint
  logAppendTime: bigint
  errorMessage: string | null
  recordErrors: Array<{ batchIndex: number; batchIndexErrorMessage: string | null }>
  /** The offset of the last record appended (or of the duplicate's last). */
  lastOffset?: bigint
  /** Resolves once the records are in the page cache: the response waits for it. */
  written?: Promise<void>
  /** Refused because the records inflate past the limit: the handler logs who sent them. */
  inflateLimit?: boolean
}

export interface AppendOptions {
  now: number
  /** The produce's acks: -1 (all) is refused while the ISR is below min.insync.replicas. */
  requiredAcks?: number
  /** Most bytes a compressed batch may inflate to (the broker's fetch.max.bytes). */
  maxInflatedBytes?: number
}

export class Partition {
  readonly topic: string
  readonly index: number
  readonly log: PartitionLog
  readonly topicId: string
  /** The leader's broker id (this broker's when it leads), -1 when there is none. */
  leaderId = -1
  /** -1 until the controller first names a leader. */
  leaderEpoch = -1
  /** The partition state's version as the controller wrote it (Kafka's partition epoch). */
  partitionEpoch = -1
  replicas: readonly number[] = []
  /** The ISR as the controller last wrote it (Kafka's committed ISR). */
  isr: readonly number[] = []
  readonly #localId: number
  /** The followers, as the leader tracks them; empty on a follower. */
  readonly #followers = new Map<number, FollowerReplica>()
  /**
   * An ISR change proposed to the controller (AlterPartition) and not answered yet (Kafka's
   * PendingExpandIsr / PendingShrinkIsr).
   */
  #pendingIsr: { readonly isr: readonly number[]; readonly expand: boolean } | undefined

  constructor(topic: string, topicId: string, index: number, log: PartitionLog, localBrokerId: number) {
    this.topic = topic
    this.topicId = topicId
    this.index = index
    this.log = log
    this.#localId = localBrokerId
  }

  get isLeader(): boolean {
    return this.leaderId === this.#localId
  }

  get localBrokerId(): number {
    return this.#localId
  }

  /** Offsets below it are on every in-sync replica; consumers read below it. */
  get highWatermark(): bigint {
    return this.log.highWatermark
  }

  /**
   * The ISR the high watermark and acks=all wait for (Kafka's maximalIsr): while an expansion
   * is pending, the ISR with the new member; while a shrink is, the ISR still with the old one.
   */
  get maximalIsr(): readonly number[] {
    return this.#pendingIsr?.expand === true ? this.#pendingIsr.isr : this.isr
  }

  /** The ISR change waiting for the controller's answer, if any. */
  get pendingIsr(): { readonly isr: readonly number[]; readonly expand: boolean } | undefined {
    return this.#pendingIsr
  }

  set pendingIsr(p: { readonly isr: readonly number[]; readonly expand: boolean } | undefined) {
    this.#pendingIsr = p
  }

  /** The followers the leader tracks (for the ISR checks and tools). */
  get followers(): ReadonlyMap<number, FollowerReplica> {
    return this.#followers
  }

  /**
   * Takes a LeaderAndIsr state (Kafka's makeLeader / makeFollower). A broker that becomes the
   * leader, or stays it under a new epoch, starts its followers afresh (in-sync ones counted as
   * caught up now), starts the epoch at its log end, and takes over the high watermark its log
   * has. Returns whether this broker now leads, newly or under a new epoch, and whether it now
   * follows, newly or under a new epoch.
   */
  applyLeadership(
    state: Pick<PartitionLeadership, 'leader' | 'leaderEpoch' | 'partitionEpoch' | 'replicas' | 'isr'>,
    nowMs: number,
  ): { leads: boolean; follows: boolean } {
    const wasLeader = this.isLeader
    const epochChanged = this.leaderEpoch !== state.leaderEpoch
    this.leaderId = state.leader
    this.leaderEpoch = state.leaderEpoch
    this.partitionEpoch = state.partitionEpoch
    this.replicas = state.replicas
    this.isr = state.isr
    this.#pendingIsr = undefined
    if (!this.isLeader) {
      this.#followers.clear()
      // The fetcher moves it from now on, from the leader's.
      this.log.updateHighWatermark(this.log.highWatermark)
      return { leads: false, follows: wasLeader || epochChanged }
    }
    const newLeader = !wasLeader || epochChanged
    for (const id of [...this.#followers.keys()]) if (!state.replicas.includes(id)) this.#followers.delete(id)
    for (const id of state.replicas) {
      if (id === this.#localId) continue
      let f = this.#followers.get(id)
      if (f === undefined) this.#followers.set(id, (f = new FollowerReplica(id)))
      if (newLeader) f.reset(nowMs, state.isr.includes(id))
    }
    if (newLeader) {
      this.log.assignEpochStartOffset(state.leaderEpoch, this.log.logEndOffset)
      // From here on replication moves it (it starts where this replica's log had it).
      this.log.updateHighWatermark(this.log.highWatermark)
    }
    this.maybeIncrementHighWatermark()
    return { leads: newLeader, follows: false }
  }

  /**
   * A follower fetched from `fetchOffset` (Kafka's updateFollowerFetchState). Returns false when
   * `replicaId` is not a follower of this partition here.
   */
  updateFollowerFetchState(replicaId: number, fetchOffset: bigint, followerLogStart: bigint, nowMs: number, brokerEpoch: bigint): boolean {
    const f = this.isLeader ? this.#followers.get(replicaId) : undefined
    if (f === undefined) return false
    f.updateFetchState(fetchOffset, followerLogStart, nowMs, this.log.writtenEndOffset, brokerEpoch)
    return true
  }

  /**
   * ISR members (but the leader) not caught up within `maxLagMs` (Kafka's getOutOfSyncReplicas):
   * they fell behind, or stopped fetching.
   */
  outOfSyncReplicas(nowMs: number, maxLagMs: number): number[] {
    if (!this.isLeader) return []
    const end = this.log.writtenEndOffset
    return this.isr.filter((id) => id !== this.#localId && !(this.#followers.get(id)?.isCaughtUp(end, nowMs, maxLagMs) ?? false))
  }

  /**
   * Whether follower `replicaId`, not in the ISR, may join it (Kafka's isFollowerInSync): its
   * log reaches the high watermark and the start of the current leader epoch.
   */
  canJoinIsr(replicaId: number): boolean {
    if (!this.isLeader || this.isr.includes(replicaId)) return false
    const f = this.#followers.get(replicaId)
    if (f === undefined || f.logEndOffset < 0n) return false
    const epochStart = this.log.leaderEpochs.entries.find((e) => e.epoch === this.leaderEpoch)?.startOffset ?? this.log.logEndOffset
    return f.logEndOffset >= this.highWatermark && f.logEndOffset >= epochStart
  }

  /**
   * Kafka's checkEnoughReplicasReachOffset, for an acks=all produce waiting on `requiredOffset`:
   * undefined while the high watermark is below it; then NONE, or
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrank below min.insync.replicas meanwhile;
   * NOT_LEADER_OR_FOLLOWER once this broker no longer leads.
   */
  checkEnoughReplicasReachOffset(requiredOffset: bigint): number | undefined {
    if (!this.isLeader || this.log.closed) return ErrorCode.NOT_LEADER_OR_FOLLOWER
    if (this.log.highWatermark < requiredOffset) return undefined
    return this.maximalIsr.length < this.log.config.minInsyncReplicas ? ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND : ErrorCode.NONE
  }

  /** StopReplica: no longer hosted here; whatever waits on it is answered NOT_LEADER_OR_FOLLOWER. */
  markStopped(): void {
    this.leaderId = -1
    this.#followers.clear()
    this.#pendingIsr = undefined
  }

  /**
   * Kafka's maybeIncrementLeaderHW: the high watermark moves up to the smallest log end among
   * the (maximal) ISR, the leader's own being what it has written. Returns whether it moved.
   */
  maybeIncrementHighWatermark(): boolean {
    if (!this.isLeader) return false
    let hw = this.log.writtenEndOffset
    for (const id of this.maximalIsr) {
      if (id === this.#localId) continue
      const leo = this.#followers.get(id)?.logEndOffset ?? UNKNOWN_OFFSET
      if (leo < hw) hw = leo
    }
    if (hw < 0n) return false
    return this.log.maybeIncrementHighWatermark(hw)
  }

  get logStartOffset(): bigint {
    return this.log.logStartOffset
  }

  /** read_committed consumers read below this (Kafka's lastStableOffset). */
  get lastStableOffset(): bigint {
    return this.log.lastStableOffset(this.highWatermark)
  }

  /**
   * Producers whose next transactional write was verified with their coordinator (KIP-890's
   * verification guards, Kafka's VerificationStateEntry): a marker written meanwhile voids it.
   */
  readonly #verifications = new Map<bigint, object>()

  /**
   * Whether a transactional batch of this producer must be verified before it is written: it
   * would open a transaction here (none is open at its epoch).
   */
  needsTransactionVerification(producerId: bigint, producerEpoch: number): boolean {
    const e = this.log.producerState.entry(producerId)
    return !(e !== undefined && e.currentTxnFirstOffset >= 0n && e.producerEpoch === producerEpoch)
  }

  /** Starts a verification: the guard stays valid until a marker of the producer is written. */
  beginTransactionVerification(producerId: bigint): object {
    const guard = {}
    this.#verifications.set(producerId, guard)
    return guard
  }

  isTransactionVerified(producerId: bigint, guard: object): boolean {
    return this.#verifications.get(producerId) === guard
  }

  /** WriteTxnMarkers: ends the producer's transaction here (see PartitionLog.appendEndTxnMarker). */
  appendEndTxnMarker(marker: { producerId: bigint; producerEpoch: number; coordinatorEpoch: number; commit: boolean }): void {
    this.log.appendEndTxnMarker(marker, { leaderEpoch: this.leaderEpoch })
    this.#verifications.delete(marker.producerId)
  }

  /**
   * Validates and appends a produce request's records (Kafka's appendRecordsToLeader): batch
   * checks, records walked (inflated as a stream when compressed), idempotent-producer sequence
   * checks, offsets assigned in place. The outcome comes at once unless a batch takes longer to
   * validate (see validateBatches); appends to this partition keep their arrival order either way.
   */
  appendRecordsToLeader(records: Buffer | null, opts: AppendOptions): AppendOutcome | Promise<AppendOutcome> {
    if (records === null) return failed(ErrorCode.INVALID_RECORD, 'Produce request carried no records')
    const cfg = this.log.config
    const now = BigInt(opts.now)
    const checked = validateBatches(records, {
      maxBatchBytes: cfg.maxMessageBytes,
      maxInflatedBytes: opts.maxInflatedBytes,
      singleBatch: true,
      requireKeys: cfg.cleanupPolicy.includes('compact'),
      topicPartition: `${this.topic}-${this.index}`,
      now,
      timestampBeforeMaxMs: Number.isFinite(cfg.messageTimestampBeforeMaxMs) ? BigInt(cfg.messageTimestampBeforeMaxMs) : undefined,
      timestampAfterMaxMs: Number.isFinite(cfg.messageTimestampAfterMaxMs) ? BigInt(cfg.messageTimestampAfterMaxMs) : undefined,
    })
    const before = this.#appending
    const acks = opts.requiredAcks ?? 1
    if (before === null && !(checked instanceof Promise)) return this.#append(records, checked, now, acks)
    // Validation went asynchronous, or an earlier one still is: append after the earlier ones so
    // a producer's batches keep their order (their validation may overlap).
    const done: Promise<AppendOutcome> = Promise.all([before, checked]).then(([, result]) => this.#append(records, result, now, acks))
    const tail = done.then(
      () => undefined,
      () => undefined,
    )
    this.#appending = tail
    void tail.then(() => {
      if (this.#appending === tail) this.#appending = null
    })
    return done
  }

  /** The tail of appends waiting for a validation to finish, or null. */
  #appending: Promise<void> | null = null

  #append(records: Buffer, checked: ValidationResult, now: bigint, requiredAcks: number): AppendOutcome {
    if (!checked.ok) {
      const outcome = failed(checked.errorCode, checked.message, checked.recordErrors)
      if (checked.inflateLimit === true) outcome.inflateLimit = true
      return outcome
    }
    if (!this.isLeader) return failed(ErrorCode.NOT_LEADER_OR_FOLLOWER, `This broker no longer leads ${this.topic}-${this.index}`)
    // Kafka's appendRecordsToLeader: acks=all is refused before the append when too few replicas are in sync.
    const minIsr = this.log.config.minInsyncReplicas
    if (requiredAcks === -1 && this.isr.length < minIsr) {
      return failed(
        ErrorCode.NOT_ENOUGH_REPLICAS,
        `The size of the current ISR [${this.isr.join(', ')}] is insufficient to satisfy the min.isr requirement of ${minIsr} for partition ${this.topic}-${this.index}`,
      )
    }
    try {
      const r = this.log.append(records, {
        now,
        leaderEpoch: this.leaderEpoch,
        maxTimestamps: checked.batches.map((b) => b.maxTimestamp),
        validateProducer: true,
      })
      // A duplicate waits too: the original may still be on its way to the file.
      return {
        errorCode: ErrorCode.NONE,
        baseOffset: r.baseOffset,
        lastOffset: r.lastOffset,
        logAppendTime: r.logAppendTime,
        errorMessage: null,
        recordErrors: [],
        written: this.log.whenWritten(),
      }
    } catch (err) {
      if (err instanceof KafkaError) return failed(err.errorCode, err.message)
      throw err
    }
  }
}

function failed(errorCode: number, errorMessage: string, recordErrors: Array<{ recordIndex: number; message: string }> = []): AppendOutcome {
  return {
    errorCode,
    baseOffset: -1n,
    logAppendTime: -1n,
    errorMessage,
    recordErrors: recordErrors.map((e) => ({ batchIndex: e.recordIndex, batchIndexErrorMessage: e.message })),
  }
}
