/**
 * Kafka's DelayedProduce: an acks=all produce whose records are in the leader's log waits in the
 * ReplicaManager's produce purgatory, watched by its partitions, until each partition's high
 * watermark passes its records (every in-sync replica has them), the broker stops leading one
 * (NOT_LEADER_OR_FOLLOWER), or the request's timeout passes (REQUEST_TIMED_OUT for those still
 * waiting). The ISR may have shrunk below min.insync.replicas meanwhile:
 * NOT_ENOUGH_REPLICAS_AFTER_APPEND then (Kafka's checkEnoughReplicasReachOffset).
 */
import { DelayedOperation } from '../purgatory/delayed-operation.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { Partition } from './partition.js'

export interface AwaitedAppend {
  readonly partition: Partition
  /** the offset after the produced records: the high watermark must reach it */
  readonly requiredOffset: bigint
  /** set when it is decided */
  errorCode?: number
}

export class DelayedProduce extends DelayedOperation {
  readonly #appends: readonly AwaitedAppend[]
  readonly #respond: (appends: readonly AwaitedAppend[]) => void

  constructor(timeoutMs: number, appends: readonly AwaitedAppend[], respond: (appends: readonly AwaitedAppend[]) => void) {
    super(timeoutMs)
    this.#appends = appends
    this.#respond = respond
  }

  tryComplete(): boolean {
    let waiting = false
    for (const a of this.#appends) {
      if (a.errorCode !== undefined) continue
      const r = a.partition.checkEnoughReplicasReachOffset(a.requiredOffset)
      if (r === undefined) waiting = true
      else a.errorCode = r
    }
    return waiting ? false : this.forceComplete()
  }

  protected onComplete(): void {
    for (const a of this.#appends) a.errorCode ??= ErrorCode.REQUEST_TIMED_OUT
    this.#respond(this.#appends)
  }
}
