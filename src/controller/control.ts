/**
 * What a controller tells a broker, as Kafka's ZooKeeper-mode controller told it: LeaderAndIsr
 * (lead or follow these partitions, under this leader epoch), UpdateMetadata (the cluster's
 * picture: live brokers and every partition's leader, replicas and ISR) and StopReplica (stop
 * hosting these partitions, and delete them). A broker implements ControlledBroker once; the
 * single-node controller calls it in-process and the ZooKeeper controller's requests reach it
 * over the wire (the LeaderAndIsr, UpdateMetadata and StopReplica handlers decode each version
 * into these shapes), so the broker's reaction is the same code whichever controller runs.
 */

/** Kafka's LeaderAndIsr.NoLeader: the partition has no live leader (offline). */
export const NO_LEADER = -1
/** Kafka's LeaderAndIsr.LeaderDuringDelete: UpdateMetadata's mark of a partition being deleted. */
export const LEADER_DURING_DELETE = -2
/** A new partition's first leader epoch. */
export const INITIAL_LEADER_EPOCH = 0
/** A new partition state's version (Kafka's partition epoch is the state znode's zkVersion). */
export const INITIAL_PARTITION_EPOCH = 0
/** Sent where a request carries no broker epoch (Kafka's -1: not checked). */
export const UNKNOWN_BROKER_EPOCH = -1n

/** One partition's replicas and leadership, as LeaderAndIsr and UpdateMetadata carry it. */
export interface PartitionLeadership {
  readonly topic: string
  readonly topicId: string
  readonly partition: number
  /** the leader's broker id, NO_LEADER when offline, LEADER_DURING_DELETE in an UpdateMetadata for a deleted topic */
  readonly leader: number
  readonly leaderEpoch: number
  readonly isr: readonly number[]
  /** bumped with every change of the partition's state (its znode version in ZooKeeper mode) */
  readonly partitionEpoch: number
  readonly replicas: readonly number[]
  readonly addingReplicas: readonly number[]
  readonly removingReplicas: readonly number[]
  /** 0 recovered, 1 recovering from an unclean election (KIP-704) */
  readonly leaderRecoveryState: number
}

export interface ControllerIdentity {
  readonly controllerId: number
  readonly controllerEpoch: number
  /** the epoch of the receiving broker's registration; a request for an older one is refused */
  readonly brokerEpoch: bigint
}

export interface LeaderAndIsrEvent extends ControllerIdentity {
  /** every partition the broker hosts (after a controller change or the broker's start), not a change */
  readonly full: boolean
  readonly partitions: ReadonlyArray<PartitionLeadership & { readonly isNew: boolean }>
}

export interface BrokerListener {
  readonly listener: string
  readonly host: string
  readonly port: number
  readonly securityProtocol: string
}

export interface LiveBroker {
  readonly id: number
  readonly rack: string | null
  readonly endpoints: readonly BrokerListener[]
}

export interface UpdateMetadataEvent extends ControllerIdentity {
  /** every live broker */
  readonly brokers: readonly LiveBroker[]
  /** the partitions whose state changed (all of them after a controller change) */
  readonly partitions: ReadonlyArray<PartitionLeadership & { readonly offlineReplicas: readonly number[] }>
}

export interface StopReplicaEvent extends ControllerIdentity {
  readonly partitions: ReadonlyArray<{ readonly topic: string; readonly partition: number; readonly leaderEpoch: number; readonly delete: boolean }>
}

export interface PartitionResult {
  readonly topic: string
  readonly partition: number
  readonly errorCode: number
}

/** A control request's answer: a request-level error, else one error code per partition. */
export interface ControlResult {
  readonly errorCode: number
  readonly partitions: readonly PartitionResult[]
}

/** A broker as its controller drives it. */
export interface ControlledBroker {
  leaderAndIsr(event: LeaderAndIsrEvent): Promise<ControlResult>
  updateMetadata(event: UpdateMetadataEvent): Promise<ControlResult>
  stopReplica(event: StopReplicaEvent): Promise<ControlResult>
}
