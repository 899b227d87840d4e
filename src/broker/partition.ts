/**
 * A partition this broker hosts (Kafka's Partition): its log and its replica state as the
 * controller last set it (leader, leader epoch, replicas, ISR, partition epoch). As the leader it
 * appends produced records; as a follower it only knows its leader and epoch (copying the
 * leader's records is the replica fetcher's job). The ReplicaManager owns every Partition and
 * wakes the requests waiting on it.
 */
import type { PartitionLog } from '../storage/partition-log.js'
import { validateBatches, type ValidationResult } from '../protocol/record-batch-validate.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError } from '../errors.js'

/** The outcome of a produce to one partition, in ProduceResponse terms. */
export interface AppendOutcome {
  errorCode: number
  baseOffset: bigint
  logAppendTime: bigint
  errorMessage: string | null
  recordErrors: Array<{ batchIndex: number, batchIndexErrorMessage: string | null }>
  /** Resolves once the records are in the page cache: the response waits for it. */
  written?: Promise<void>
  /** Refused because the records inflate past the limit: the handler logs who sent them. */
  inflateLimit?: boolean
}

export interface AppendOptions {
  now: number
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
  isr: readonly number[] = []
  readonly #localId: number

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

  /**
   * Until followers copy the leader's records (replication), every appended record is committed
   * once the leader has written it, so the high watermark is the written end of the log (at most
   * a few batches behind the log end).
   */
  get highWatermark(): bigint {
    return this.log.writtenEndOffset
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
  appendEndTxnMarker(marker: { producerId: bigint, producerEpoch: number, coordinatorEpoch: number, commit: boolean }): void {
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
    if (before === null && !(checked instanceof Promise)) return this.#append(records, checked, now)
    // Validation went asynchronous, or an earlier one still is: append after the earlier ones so
    // a producer's batches keep their order (their validation may overlap).
    const done: Promise<AppendOutcome> = Promise.all([before, checked]).then(([, result]) => this.#append(records, result, now))
    const tail = done.then(() => undefined, () => undefined)
    this.#appending = tail
    void tail.then(() => {
      if (this.#appending === tail) this.#appending = null
    })
    return done
  }

  /** The tail of appends waiting for a validation to finish, or null. */
  #appending: Promise<void> | null = null

  #append(records: Buffer, checked: ValidationResult, now: bigint): AppendOutcome {
    if (!checked.ok) {
      const outcome = failed(checked.errorCode, checked.message, checked.recordErrors)
      if (checked.inflateLimit === true) outcome.inflateLimit = true
      return outcome
    }
    try {
      const r = this.log.append(records, {
        now,
        leaderEpoch: this.leaderEpoch,
        maxTimestamps: checked.batches.map((b) => b.maxTimestamp),
        validateProducer: true,
      })
      // A duplicate waits too: the original may still be on its way to the file.
      return { errorCode: ErrorCode.NONE, baseOffset: r.baseOffset, logAppendTime: r.logAppendTime, errorMessage: null, recordErrors: [], written: this.log.whenWritten() }
    } catch (err) {
      if (err instanceof KafkaError) return failed(err.errorCode, err.message)
      throw err
    }
  }
}

function failed(errorCode: number, errorMessage: string, recordErrors: Array<{ recordIndex: number, message: string }> = []): AppendOutcome {
  return {
    errorCode,
    baseOffset: -1n,
    logAppendTime: -1n,
    errorMessage,
    recordErrors: recordErrors.map((e) => ({ batchIndex: e.recordIndex, batchIndexErrorMessage: e.message })),
  }
}
