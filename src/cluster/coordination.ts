/**
 * How a broker takes part in its cluster, whichever coordinates it: the single-node metadata
 * store (one broker, its own controller, metadata in its log dir) or a ZooKeeper ensemble
 * (brokers register there, one of them is elected controller, topics and configs live in
 * Kafka's znodes). The broker's code talks to this interface only.
 *
 * Writes follow Kafka's ZooKeeper-mode split: a broker records what was asked (a topic, its
 * assignment, its configs, a deletion) and the controller carries it out, telling every broker
 * its part through the ControlledBroker calls (LeaderAndIsr, UpdateMetadata, StopReplica).
 * A single node does both at once; with ZooKeeper the controller reacts to the znodes.
 */
import type { BrokerListener, ControlledBroker, LiveBroker } from '../controller/control.js'

/** A broker as its cluster drives it: the controller's requests plus config notifications. */
export interface ClusterMember extends ControlledBroker {
  /** A topic's config overrides changed (on this or another broker); null: the topic is gone. */
  topicConfigChanged(topic: string, overrides: Record<string, string> | null): void
  /** Dynamic broker configs for this broker (`entity` its id) or every broker (`<default>`) changed. */
  brokerConfigChanged(entity: string, configs: Record<string, string>): void
  /** A consumer group's configs (KIP-848) changed; empty: it has none of its own now. */
  groupConfigChanged(group: string, configs: Record<string, string>): void
}

export interface NewTopic {
  name: string
  /** the topic id in the wire format (a dashed UUID) */
  topicId: string
  /** replicas of each partition, by partition index; the first live one leads */
  assignment: number[][]
  /** config overrides */
  configs: Record<string, string>
}

export interface ProducerIdBlock {
  first: bigint
  /** inclusive */
  last: bigint
}

/** Requests only the active controller serves (Kafka's ControlledShutdown and AlterPartition). */
export interface ControllerService {
  /** ControlledShutdown: moves leadership off `brokerId`; returns the partitions it still leads. */
  controlledShutdown(brokerId: number, brokerEpoch: bigint): Promise<{ errorCode: number; remaining: Array<{ topic: string; partition: number }> }>
  /** AlterPartition: a leader's proposed ISR; returns the state written, per partition. */
  alterPartition(request: AlterPartitionRequestData): Promise<AlterPartitionResult>
  /** ElectLeaders: type 0 preferred, 1 unclean; `partitions` null for every partition. */
  electLeaders(
    type: 0 | 1,
    partitions: Array<{ topic: string; partition: number }> | null,
  ): Promise<Array<{ topic: string; partition: number; errorCode: number; errorMessage: string | null }>>
  /** AlterPartitionReassignments: `replicas` null cancels; one result per partition. */
  alterPartitionReassignments(
    items: Array<{ topic: string; partition: number; replicas: number[] | null }>,
  ): Promise<Array<{ topic: string; partition: number; errorCode: number; errorMessage: string | null }>>
  /** ListPartitionReassignments: the ongoing ones (of `wanted`, or all). */
  listPartitionReassignments(
    wanted: Array<{ topic: string; partitions: number[] }> | null,
  ): Promise<Array<{ topic: string; partition: number; replicas: number[]; adding: number[]; removing: number[] }>>
}

export interface AlterPartitionRequestData {
  brokerId: number
  brokerEpoch: bigint
  partitions: Array<{ topic: string; partition: number; leaderEpoch: number; newIsr: number[]; partitionEpoch: number; leaderRecoveryState: number }>
}

export interface AlterPartitionResult {
  errorCode: number
  partitions: Array<{
    topic: string
    partition: number
    errorCode: number
    leaderId: number
    leaderEpoch: number
    isr: number[]
    partitionEpoch: number
    leaderRecoveryState: number
  }>
}

export interface Coordination {
  readonly mode: 'single-node' | 'zookeeper'
  readonly clusterId: string
  /** Whether this broker is the active controller now (it serves CreateTopics, DeleteTopics, CreatePartitions). */
  isActiveController(): boolean
  /** The controller's own requests, while this broker is the active controller; else null. */
  readonly controller: ControllerService | null
  /** This broker's registration epoch (Kafka's broker epoch), -1 when there is none. */
  readonly brokerEpoch: bigint
  /**
   * The live brokers as the active controller sees them (fresher than the MetadataCache, which
   * learns of a broker's death from the controller); undefined when this broker is not it.
   */
  controllerLiveBrokers(): LiveBroker[] | undefined

  /** Connects the broker (before its listeners accept clients): a single node opens its partitions here. */
  start(member: ClusterMember): Promise<void>
  /** Announces the broker with its bound listeners; with ZooKeeper it registers and joins the controller election. */
  register(listeners: BrokerListener[], rack: string | null): Promise<void>

  /** Records a new topic; rejects with TOPIC_ALREADY_EXISTS when one by that name exists. */
  createTopic(topic: NewTopic): Promise<void>
  /** Records partitions added to `topic`: `assignment` lists the replicas of each new partition, in order. */
  addPartitions(topic: string, assignment: number[][]): Promise<void>
  /** Records a topic deletion; the controller removes the topic from every broker. */
  deleteTopic(topic: string): Promise<void>
  /** A topic's config overrides as stored now; undefined when the topic does not exist. */
  topicConfigs(topic: string): Promise<Record<string, string> | undefined>
  /** Replaces a topic's config overrides; every broker applies them. */
  setTopicConfigs(topic: string, overrides: Record<string, string>): Promise<void>
  /** Dynamic broker configs of `entity` (a broker id or `<default>`). */
  brokerConfigs(entity: string): Promise<Record<string, string>>
  /** Replaces the dynamic broker configs of `entity`; the brokers concerned apply them. */
  setBrokerConfigs(entity: string, configs: Record<string, string>): Promise<void>
  /** A consumer group's own configs (KIP-848), empty when it has none. */
  groupConfigs(group: string): Promise<Record<string, string>>
  /** Replaces a group's configs; every broker applies them (its coordinator uses them). */
  setGroupConfigs(group: string, configs: Record<string, string>): Promise<void>
  /**
   * Reserves a block of producer ids no other broker hands out (ZooKeeper's
   * /latest_producer_id_block); absent for a single node, which reserves blocks in its log dir.
   */
  readonly allocateProducerIds?: () => Promise<ProducerIdBlock>

  /** Asks the controller to move leadership away before stopping (a no-op for a single node). */
  controlledShutdown(): Promise<void>
  close(): Promise<void>
}
