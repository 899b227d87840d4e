/**
 * Partition reassignment as Kafka's ZooKeeper-mode controller does it (KIP-455,
 * KafkaController.onPartitionReassignment). A partition moving from its origin replicas (ORS) to
 * target replicas (TRS):
 *   1. the topic znode gets RS = TRS + ORS, adding = TRS - ORS, removing = ORS - TRS;
 *   2. the leader epoch is bumped and every replica in RS told (LeaderAndIsr): the adding
 *      replicas start following the leader;
 *   3. once every target replica is in the ISR (the leader's AlterPartition adds them as they
 *      catch up), leadership moves to a target replica if the leader is not one, the removing
 *      replicas leave the ISR, RS becomes TRS, and the removed replicas stop and delete their
 *      logs (StopReplica with delete); the topic znode loses its adding/removing lists.
 * The adding and removing replicas live in the topic znode, so a new controller resumes the move
 * (resume()). Cancelling is a reassignment back to the origin replicas.
 */
import type { Logger } from '../logger.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { NO_LEADER } from './control.js'
import type { ControllerContext, OngoingReassignment, StateRecord, TopicPartition } from './controller-context.js'
import type { ControllerRequestBatch } from './request-batch.js'
import type { ZkStateStore } from './zk-state-store.js'

/** What the reassignment logic needs of the controller (its state, store and requests). */
export interface ControllerOps {
  readonly ctx: ControllerContext
  readonly store: ZkStateStore
  readonly epoch: number
  readonly log: Logger
  /** Writes a partition state at the version last seen; false when it moved on (re-read). */
  write(tp: TopicPartition, next: StateRecord, prev: StateRecord): Promise<boolean>
  batch(): ControllerRequestBatch
}

export interface ReassignmentRequest {
  topic: string
  partition: number
  /** the target replicas; null cancels the partition's ongoing reassignment */
  replicas: number[] | null
}

export interface PartitionError {
  topic: string
  partition: number
  errorCode: number
  errorMessage: string | null
}

export interface OngoingPartitionReassignment {
  topic: string
  partition: number
  replicas: number[]
  adding: number[]
  removing: number[]
}

/**
 * Kafka's ReplicaAssignment.reassignTo: the replicas a partition holds while it moves from its
 * origin replicas (the current ones without any being added) to `target`.
 */
export function reassignTo(
  current: readonly number[],
  ongoing: OngoingReassignment | undefined,
  target: readonly number[],
): { origin: number[]; replicas: number[]; adding: number[]; removing: number[] } {
  const origin = current.filter((r) => !(ongoing?.adding.includes(r) ?? false))
  const replicas = [...new Set([...target, ...origin])]
  return { origin, replicas, adding: replicas.filter((r) => !origin.includes(r)), removing: replicas.filter((r) => !target.includes(r)) }
}

/** Kafka's KafkaController.validateReassignment: null when the target list may be used. */
function validateTarget(ctx: ControllerContext, tp: TopicPartition, target: readonly number[]): { errorCode: number; errorMessage: string } | null {
  const bad = (errorMessage: string) => ({ errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage })
  if (target.length === 0) return bad('Empty replica list specified in partition reassignment.')
  if (new Set(target).size !== target.length) return bad(`Duplicate replica ids in partition reassignment replica list: [${target.join(', ')}]`)
  if (target.some((r) => r < 0)) return bad(`Invalid broker id in replica list: [${target.join(', ')}]`)
  const next = reassignTo(ctx.replicas(tp.topic, tp.partition), ctx.reassignment(tp.topic, tp.partition), target)
  if (next.adding.some((r) => !ctx.isLive(r))) {
    return bad(
      `Replica assignment has brokers that are not alive. Replica list: [${next.adding.join(', ')}], live broker list: [${[...ctx.brokers.keys()].sort((a, b) => a - b).join(', ')}]`,
    )
  }
  return null
}

export class ReassignmentManager {
  readonly #o: ControllerOps

  constructor(ops: ControllerOps) {
    this.#o = ops
  }

  /** AlterPartitionReassignments: starts, replaces or cancels reassignments; one result each. */
  async alter(items: readonly ReassignmentRequest[]): Promise<PartitionError[]> {
    const ctx = this.#o.ctx
    const out: PartitionError[] = []
    for (const it of items) {
      const tp = { topic: it.topic, partition: it.partition }
      const result = (errorCode: number, errorMessage: string | null = null): void => {
        out.push({ ...tp, errorCode, errorMessage })
      }
      const ongoing = ctx.reassignment(it.topic, it.partition)
      if (it.replicas === null) {
        // A cancellation: back to the origin replicas (Kafka's maybeBuildReassignment).
        if (ongoing === undefined) {
          result(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, 'No partition reassignment is in progress.')
          continue
        }
      } else {
        const invalid = validateTarget(ctx, tp, it.replicas)
        if (invalid !== null) {
          result(invalid.errorCode, invalid.errorMessage)
          continue
        }
      }
      const known = ctx.topics.get(it.topic)?.assignment[it.partition]
      if (known === undefined || known.length === 0 || ctx.deleting.has(it.topic)) {
        result(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'The partition does not exist.')
        continue
      }
      const target = it.replicas ?? reassignTo(known, ongoing, known).origin
      try {
        await this.#start(tp, target)
        result(ErrorCode.NONE)
      } catch (err) {
        if (isControllerMoved(err)) throw err
        this.#o.log.error({ err, topic: it.topic, partition: it.partition }, 'partition reassignment failed')
        result(ErrorCode.UNKNOWN_SERVER_ERROR)
      }
    }
    return out
  }

  /** ListPartitionReassignments: the ongoing ones, of `wanted` partitions or all. */
  list(wanted: ReadonlyArray<{ topic: string; partitions: readonly number[] }> | null): OngoingPartitionReassignment[] {
    const ctx = this.#o.ctx
    const out: OngoingPartitionReassignment[] = []
    const one = (topic: string, partition: number): void => {
      const r = ctx.reassignment(topic, partition)
      if (r !== undefined && !ctx.deleting.has(topic))
        out.push({ topic, partition, replicas: [...ctx.replicas(topic, partition)], adding: r.adding, removing: r.removing })
    }
    if (wanted === null) {
      for (const p of ctx.partitions()) one(p.topic, p.partition)
    } else {
      for (const t of wanted) for (const p of t.partitions) one(t.topic, p)
    }
    return out
  }

  /**
   * A new controller resumes the reassignments recorded in the topic znodes (Kafka's
   * maybeResumeReassignments): each target is the replica set without the removing replicas.
   */
  async resume(): Promise<void> {
    const ctx = this.#o.ctx
    for (const p of [...ctx.partitions()]) {
      const r = ctx.reassignment(p.topic, p.partition)
      if (r === undefined) continue
      this.#o.log.info(
        { topic: p.topic, partition: p.partition, replicas: p.replicas, adding: r.adding, removing: r.removing },
        'resuming a partition reassignment',
      )
      await this.#start(
        p,
        p.replicas.filter((x) => !r.removing.includes(x)),
      )
    }
  }

  /** Completes the reassignments whose target replicas are all in sync now (after ISR or broker changes). */
  async maybeComplete(parts?: readonly TopicPartition[]): Promise<void> {
    const ctx = this.#o.ctx
    const candidates =
      parts ??
      [...ctx.reassigning.keys()].map((k) => {
        const [topic, partition] = k.split('\u0000')
        return { topic: topic!, partition: Number(partition) }
      })
    for (const tp of candidates) {
      if (ctx.reassignment(tp.topic, tp.partition) !== undefined && !ctx.deleting.has(tp.topic)) await this.#maybeComplete(tp)
    }
  }

  async #start(tp: TopicPartition, target: readonly number[]): Promise<void> {
    const { ctx, store, log } = this.#o
    const t = ctx.topics.get(tp.topic)!
    const current = t.assignment[tp.partition] ?? []
    const ongoing = ctx.reassignment(tp.topic, tp.partition)
    const next = reassignTo(current, ongoing, target)
    // Replicas an earlier reassignment was adding that this one no longer wants.
    const unneeded = current.filter((r) => !next.replicas.includes(r))
    log.info(
      { topic: tp.topic, partition: tp.partition, from: next.origin, to: target, adding: next.adding, removing: next.removing },
      'partition reassignment',
    )
    t.assignment[tp.partition] = next.replicas
    ctx.setReassignment(tp.topic, tp.partition, { adding: next.adding, removing: next.removing })
    await store.writeAssignment(tp.topic, new Map([[tp.partition, { replicas: next.replicas, adding: next.adding, removing: next.removing }]]))
    // Every replica learns the new replica set under a new leader epoch (Kafka's
    // updateLeaderEpochAndSendRequest); the new ones start following.
    const s = ctx.state(tp.topic, tp.partition)
    if (s !== undefined) {
      let leader = s.leader
      let isr = s.isr.filter((r) => !unneeded.includes(r))
      if (unneeded.includes(leader)) leader = next.replicas.find((r) => isr.includes(r) && ctx.canLead(r)) ?? NO_LEADER
      if (isr.length === 0) isr = s.isr
      await this.#o.write(tp, { ...s, leader, isr, leaderEpoch: s.leaderEpoch + 1, controllerEpoch: this.#o.epoch }, s)
    }
    const batch = this.#o.batch()
    batch.leaderAndIsr([tp])
    for (const r of unneeded)
      if (ctx.isLive(r)) batch.stopReplica(r, { ...tp, leaderEpoch: ctx.state(tp.topic, tp.partition)?.leaderEpoch ?? -1, delete: true })
    batch.updateMetadata([...ctx.brokers.keys()], [tp])
    batch.send()
    await this.#maybeComplete(tp)
  }

  /** Steps 3-4 of the move once every target replica is in the ISR (Kafka's isReassignmentComplete). */
  async #maybeComplete(tp: TopicPartition): Promise<void> {
    const { ctx, store, log } = this.#o
    const r = ctx.reassignment(tp.topic, tp.partition)
    const s = ctx.state(tp.topic, tp.partition)
    const t = ctx.topics.get(tp.topic)
    if (r === undefined || s === undefined || t === undefined) return
    const replicas = t.assignment[tp.partition] ?? []
    const target = replicas.filter((x) => !r.removing.includes(x))
    if (!target.every((x) => s.isr.includes(x))) return
    // The leader must be a target replica (Kafka's reassignPartitionLeaderElection: the first
    // target replica that is alive and in sync), else it keeps leading under a new epoch.
    let leader = s.leader
    if (!target.includes(leader) || !ctx.canLead(leader)) {
      const elected = target.find((x) => s.isr.includes(x) && ctx.canLead(x))
      if (elected === undefined) {
        log.warn({ topic: tp.topic, partition: tp.partition, target, isr: s.isr }, 'reassignment waits: no target replica can lead')
        return
      }
      leader = elected
    }
    const isr = s.isr.filter((x) => target.includes(x))
    if (!(await this.#o.write(tp, { ...s, leader, isr, leaderEpoch: s.leaderEpoch + 1, controllerEpoch: this.#o.epoch }, s))) return
    t.assignment[tp.partition] = target
    ctx.setReassignment(tp.topic, tp.partition, undefined)
    await store.writeAssignment(tp.topic, new Map([[tp.partition, { replicas: target, adding: [], removing: [] }]]))
    const batch = this.#o.batch()
    batch.leaderAndIsr([tp])
    const epoch = ctx.state(tp.topic, tp.partition)?.leaderEpoch ?? -1
    for (const x of r.removing) if (ctx.isLive(x)) batch.stopReplica(x, { ...tp, leaderEpoch: epoch, delete: true })
    batch.updateMetadata([...ctx.brokers.keys()], [tp])
    batch.send()
    log.info({ topic: tp.topic, partition: tp.partition, replicas: target, leader }, 'partition reassignment completed')
  }
}

function isControllerMoved(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === 'SAMSA_CONTROLLER_MOVED'
}
