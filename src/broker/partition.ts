/**
 * A partition this broker leads (Kafka's Partition): its log plus the bits of replica state a
 * single node needs (leader epoch, high watermark). The ReplicaManager owns every Partition and
 * wakes the requests waiting on it.
 */
import type { PartitionLog } from '../storage/partition-log.js'
import { validateBatches } from '../protocol/record-batch-validate.js'
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
}

export class Partition {
  readonly topic: string
  readonly index: number
  readonly log: PartitionLog
  leaderEpoch: number

  constructor(topic: string, index: number, log: PartitionLog, leaderEpoch: number) {
    this.topic = topic
    this.index = index
    this.log = log
    this.leaderEpoch = leaderEpoch
  }

  /**
   * With one replica every appended record is committed once it is written, so the high
   * watermark is the written end of the log (at most a few batches behind the log end).
   */
  get highWatermark(): bigint {
    return this.log.writtenEndOffset
  }

  get logStartOffset(): bigint {
    return this.log.logStartOffset
  }

  /**
   * Validates and appends a produce request's records (Kafka's appendRecordsToLeader): batch
   * checks without inflating, idempotent-producer sequence checks, offsets assigned in place.
   */
  appendRecordsToLeader(records: Buffer | null, opts: { now: number }): AppendOutcome {
    const fail = (errorCode: number, errorMessage: string | null, recordIndex?: number): AppendOutcome => ({
      errorCode,
      baseOffset: -1n,
      logAppendTime: -1n,
      errorMessage,
      recordErrors: recordIndex === undefined ? [] : [{ batchIndex: recordIndex, batchIndexErrorMessage: errorMessage }],
    })
    if (records === null) return fail(ErrorCode.INVALID_RECORD, 'Produce request carried no records')
    const cfg = this.log.config
    const now = BigInt(opts.now)
    const checked = validateBatches(records, {
      maxBatchBytes: cfg.maxMessageBytes,
      singleBatch: true,
      requireKeys: cfg.cleanupPolicy.includes('compact'),
      now,
      timestampBeforeMaxMs: Number.isFinite(cfg.messageTimestampBeforeMaxMs) ? BigInt(cfg.messageTimestampBeforeMaxMs) : undefined,
      timestampAfterMaxMs: Number.isFinite(cfg.messageTimestampAfterMaxMs) ? BigInt(cfg.messageTimestampAfterMaxMs) : undefined,
    })
    if (!checked.ok) return fail(checked.errorCode, checked.message, checked.recordIndex)
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
      if (err instanceof KafkaError) return fail(err.errorCode, err.message)
      throw err
    }
  }
}
