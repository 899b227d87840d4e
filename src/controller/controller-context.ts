/**
 * The controller's picture of the cluster (Kafka's ControllerContext): the live brokers with
 * their registration epochs, every topic's replica assignment, every partition's state as last
 * written to ZooKeeper (with its znode version), and the topics being deleted. It is read from
 * ZooKeeper when a broker becomes controller and kept current by the controller's events.
 * Leader election rules (Kafka's PartitionLeaderElectionAlgorithms) live here too.
 */
import type { LiveBroker, PartitionLeadership } from './control.js'
import { LEADER_DURING_DELETE, NO_LEADER } from './control.js'

export interface BrokerRecord {
  info: LiveBroker
  /** the czxid of its registration: changes with every registration (Kafka's broker epoch) */
  epoch: bigint
}

export interface TopicRecord {
  name: string
  /** dashed UUID (the wire format) */
  topicId: string
  /** replicas by partition index */
  assignment: number[][]
}

export interface StateRecord {
  leader: number
  leaderEpoch: number
  isr: number[]
  controllerEpoch: number
  /** the state znode's version: the partition epoch */
  zkVersion: number
  leaderRecoveryState: number
}

export interface TopicPartition {
  topic: string
  partition: number
}

/**
 * A partition being reassigned (KIP-455): its replica set in the topic's assignment is the
 * origin and target together; these are the replicas being added and removed (kept in the topic
 * znode's adding_replicas / removing_replicas, so a new controller resumes the move).
 */
export interface OngoingReassignment {
  adding: number[]
  removing: number[]
}

const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`

export class ControllerContext {
  readonly brokers = new Map<number, BrokerRecord>()
  readonly shuttingDown = new Set<number>()
  readonly topics = new Map<string, TopicRecord>()
  readonly deleting = new Set<string>()
  /** partitions being reassigned, by topic and partition */
  readonly reassigning = new Map<string, OngoingReassignment>()
  readonly #states = new Map<string, StateRecord>()

  isLive(id: number): boolean {
    return this.brokers.has(id)
  }

  /** Live and not shutting down: may lead. */
  canLead(id: number): boolean {
    return this.brokers.has(id) && !this.shuttingDown.has(id)
  }

  liveBrokers(): LiveBroker[] {
    return [...this.brokers.values()].map((b) => b.info).sort((a, b) => a.id - b.id)
  }

  reassignment(topic: string, partition: number): OngoingReassignment | undefined {
    return this.reassigning.get(key(topic, partition))
  }

  setReassignment(topic: string, partition: number, r: OngoingReassignment | undefined): void {
    if (r === undefined || (r.adding.length === 0 && r.removing.length === 0)) this.reassigning.delete(key(topic, partition))
    else this.reassigning.set(key(topic, partition), r)
  }

  state(topic: string, partition: number): StateRecord | undefined {
    return this.#states.get(key(topic, partition))
  }

  setState(topic: string, partition: number, s: StateRecord): void {
    this.#states.set(key(topic, partition), s)
  }

  removeTopic(name: string): void {
    const t = this.topics.get(name)
    if (t !== undefined) {
      for (let p = 0; p < t.assignment.length; p++) {
        this.#states.delete(key(name, p))
        this.reassigning.delete(key(name, p))
      }
    }
    this.topics.delete(name)
    this.deleting.delete(name)
  }

  /** Every partition of topics not being deleted. */
  *partitions(): Generator<TopicPartition & { replicas: number[] }> {
    for (const t of this.topics.values()) {
      if (this.deleting.has(t.name)) continue
      for (let p = 0; p < t.assignment.length; p++) yield { topic: t.name, partition: p, replicas: t.assignment[p]! }
    }
  }

  /** The partitions `brokerId` is a replica of (topics being deleted left out). */
  partitionsOn(brokerId: number): TopicPartition[] {
    const out: TopicPartition[] = []
    for (const p of this.partitions()) if (p.replicas.includes(brokerId)) out.push({ topic: p.topic, partition: p.partition })
    return out
  }

  replicas(topic: string, partition: number): number[] {
    return this.topics.get(topic)?.assignment[partition] ?? []
  }

  /** A partition as LeaderAndIsr and UpdateMetadata describe it (NO_LEADER without a state yet). */
  leadership(topic: string, partition: number, deleting = false): PartitionLeadership & { offlineReplicas: number[] } {
    const t = this.topics.get(topic)!
    const s = this.state(topic, partition)
    const replicas = t.assignment[partition] ?? []
    const moving = this.reassignment(topic, partition)
    return {
      topic,
      topicId: t.topicId,
      partition,
      leader: deleting ? LEADER_DURING_DELETE : (s?.leader ?? NO_LEADER),
      leaderEpoch: s?.leaderEpoch ?? -1,
      isr: s?.isr ?? [],
      partitionEpoch: s?.zkVersion ?? -1,
      replicas,
      addingReplicas: moving?.adding ?? [],
      removingReplicas: moving?.removing ?? [],
      leaderRecoveryState: s?.leaderRecoveryState ?? 0,
      offlineReplicas: replicas.filter((r) => !this.isLive(r)),
    }
  }
}

/**
 * The first state of a new partition (Kafka's NewPartition -> OnlinePartition): its first live
 * replica leads, and every live replica is in sync (they all hold the same, empty, log).
 */
export function initialState(replicas: readonly number[], canLead: (id: number) => boolean, controllerEpoch: number): Omit<StateRecord, 'zkVersion'> | null {
  const live = replicas.filter(canLead)
  if (live.length === 0) return null
  return { leader: live[0]!, leaderEpoch: 0, isr: live, controllerEpoch, leaderRecoveryState: 0 }
}

/**
 * Kafka's offlinePartitionLeaderElection: the first replica (in assignment order) that is in the
 * ISR and can lead; with unclean election allowed, else the first live replica (the records it
 * lacks are lost). Returns the new leader and ISR, or null when none can lead.
 */
export function electLeader(
  replicas: readonly number[],
  isr: readonly number[],
  canLead: (id: number) => boolean,
  unclean: boolean,
): { leader: number; isr: number[]; unclean: boolean } | null {
  const clean = replicas.find((r) => isr.includes(r) && canLead(r))
  if (clean !== undefined) return { leader: clean, isr: isr.filter(canLead), unclean: false }
  if (!unclean) return null
  const any = replicas.find(canLead)
  return any === undefined ? null : { leader: any, isr: [any], unclean: true }
}

/**
 * A replica leaves the ISR (its broker died or is shutting down), as Kafka's
 * removeReplicasFromIsr: the ISR never becomes empty (its last member stays, so it can lead
 * again cleanly), and a leaving leader leaves the partition without one.
 */
export function withoutReplica(s: StateRecord, replica: number): Pick<StateRecord, 'leader' | 'isr'> {
  return {
    leader: s.leader === replica ? NO_LEADER : s.leader,
    isr: s.isr.length === 1 && s.isr[0] === replica ? s.isr : s.isr.filter((r) => r !== replica),
  }
}
