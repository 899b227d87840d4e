/**
 * Leader elections an operator asks for (ElectLeaders, KIP-460) and the controller's own
 * rebalancing toward preferred leaders (auto.leader.rebalance.enable), as Kafka's ZooKeeper-mode
 * KafkaController.processReplicaLeaderElection and checkAndTriggerAutoLeaderRebalance do them.
 *   PREFERRED: the first assigned replica leads, when it is alive and in the ISR
 *     (PREFERRED_LEADER_NOT_AVAILABLE otherwise; ELECTION_NOT_NEEDED when it already leads).
 *   UNCLEAN: a partition without a live leader gets the first live in-sync replica, else the
 *     first live replica (records it lacks are lost); ELECTION_NOT_NEEDED when it has a leader,
 *     ELIGIBLE_LEADERS_NOT_AVAILABLE when no replica is alive.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { NO_LEADER } from './control.js'
import { electLeader, type ControllerContext, type TopicPartition } from './controller-context.js'
import type { ControllerOps } from './reassignment.js'

/** Kafka's ElectionType. */
export const ElectionType = { PREFERRED: 0, UNCLEAN: 1 } as const
export type ElectionTypeValue = (typeof ElectionType)[keyof typeof ElectionType]

export interface ElectionResult {
  topic: string
  partition: number
  errorCode: number
  errorMessage: string | null
  /** the leader elected (errorCode NONE) */
  leader?: number
}

/** Kafka's preferredReplicaPartitionLeaderElection: the first assigned replica, if alive and in sync. */
function preferredLeader(ctx: ControllerContext, tp: TopicPartition): number | undefined {
  const preferred = ctx.replicas(tp.topic, tp.partition)[0]
  const s = ctx.state(tp.topic, tp.partition)
  return preferred !== undefined && s?.isr.includes(preferred) === true && ctx.canLead(preferred) ? preferred : undefined
}

/**
 * Runs the elections for `parts` (null: every partition), writing the new states and telling the
 * brokers; returns one result per partition asked for.
 */
export async function electLeaders(o: ControllerOps, type: ElectionTypeValue, parts: readonly TopicPartition[] | null): Promise<ElectionResult[]> {
  const ctx = o.ctx
  const asked = parts ?? [...ctx.partitions()].map((p) => ({ topic: p.topic, partition: p.partition }))
  const results: ElectionResult[] = []
  const changed: TopicPartition[] = []
  const strategy = type === ElectionType.PREFERRED ? 'PreferredReplicaPartitionLeaderElectionStrategy' : 'OfflinePartitionLeaderElectionStrategy(true)'
  for (const tp of asked) {
    const done = (errorCode: number, errorMessage: string | null = null, leader?: number): void => {
      results.push({ ...tp, errorCode, errorMessage, leader })
    }
    const s = ctx.topics.has(tp.topic) ? ctx.state(tp.topic, tp.partition) : undefined
    const replicas = ctx.replicas(tp.topic, tp.partition)
    if (s === undefined || replicas.length === 0) {
      done(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'The partition does not exist.')
      continue
    }
    if (ctx.deleting.has(tp.topic)) {
      done(ErrorCode.INVALID_TOPIC_EXCEPTION, 'The topic is being deleted')
      continue
    }
    let leader: number | undefined
    let isr = s.isr
    if (type === ElectionType.PREFERRED) {
      if (s.leader === replicas[0]) {
        done(ErrorCode.ELECTION_NOT_NEEDED, 'Leader election not needed for topic partition.')
        continue
      }
      leader = preferredLeader(ctx, tp)
      if (leader === undefined) {
        done(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, `Failed to elect leader for partition ${tp.topic}-${tp.partition} under strategy ${strategy}`)
        continue
      }
    } else {
      if (s.leader !== NO_LEADER && ctx.isLive(s.leader)) {
        done(ErrorCode.ELECTION_NOT_NEEDED, 'Leader election not needed for topic partition.')
        continue
      }
      const elected = electLeader(replicas, s.isr, (id) => ctx.canLead(id), true)
      if (elected === null) {
        done(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE, `Failed to elect leader for partition ${tp.topic}-${tp.partition} under strategy ${strategy}`)
        continue
      }
      if (elected.unclean)
        o.log.warn({ topic: tp.topic, partition: tp.partition, leader: elected.leader }, 'unclean leader election: records the new leader lacks are lost')
      leader = elected.leader
      isr = elected.isr
    }
    if (!(await o.write(tp, { ...s, leader, isr, leaderEpoch: s.leaderEpoch + 1, controllerEpoch: o.epoch }, s))) {
      done(
        type === ElectionType.PREFERRED ? ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE : ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE,
        `The state of ${tp.topic}-${tp.partition} changed during the election`,
      )
      continue
    }
    changed.push(tp)
    done(ErrorCode.NONE, null, leader)
  }
  if (changed.length > 0) {
    const batch = o.batch()
    batch.leaderAndIsr(changed)
    batch.updateMetadata([...ctx.brokers.keys()], changed)
    batch.send()
    o.log.info({ type: type === ElectionType.PREFERRED ? 'preferred' : 'unclean', elected: changed.length }, 'leader election')
  }
  return results
}

/**
 * Kafka's checkAndTriggerAutoLeaderRebalance: for each broker, the share of the partitions it is
 * the preferred leader of that another broker leads; above `imbalancePercentage`, those whose
 * preferred replica can lead are given back to it, unless a reassignment is under way. Returns
 * the partitions to elect.
 */
export function imbalancedPartitions(ctx: ControllerContext, imbalancePercentage: number): TopicPartition[] {
  // Not while partitions are being reassigned (Kafka waits until none is).
  if (ctx.reassigning.size > 0) return []
  const byPreferred = new Map<number, TopicPartition[]>()
  for (const p of ctx.partitions()) {
    const preferred = p.replicas[0]
    if (preferred === undefined || ctx.state(p.topic, p.partition) === undefined) continue
    let list = byPreferred.get(preferred)
    if (list === undefined) byPreferred.set(preferred, (list = []))
    list.push({ topic: p.topic, partition: p.partition })
  }
  const out: TopicPartition[] = []
  for (const [broker, parts] of byPreferred) {
    const notLed = parts.filter((tp) => ctx.state(tp.topic, tp.partition)?.leader !== broker)
    if (notLed.length / parts.length > imbalancePercentage / 100) out.push(...notLed.filter((tp) => preferredLeader(ctx, tp) !== undefined))
  }
  return out
}
