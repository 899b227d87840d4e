/**
 * How this broker obeys its controller (the part of Kafka's KafkaApis and ReplicaManager that
 * handles LeaderAndIsr, UpdateMetadata and StopReplica). Requests from a deposed controller
 * (an older controller epoch) and requests meant for an earlier registration of this broker (an
 * older broker epoch) are refused; the rest go to the ReplicaManager (partitions and logs), the
 * MetadataCache (the cluster's picture) and the coordinators of internal topics, which take over
 * or drop the partitions they coordinate. Config notifications arrive here too.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { Logger } from '../logger.js'
import type { BrokerConfig } from '../config/broker-config.js'
import type { ControlResult, ControllerIdentity, LeaderAndIsrEvent, StopReplicaEvent, UpdateMetadataEvent } from '../controller/control.js'
import { UNKNOWN_BROKER_EPOCH } from '../controller/control.js'
import type { GroupCoordinator } from '../groups/group-coordinator.js'
import { validateGroupConfigs } from '../config/group-resource-configs.js'
import type { ClusterMember } from '../cluster/coordination.js'
import type { AdminManager } from './admin-manager.js'
import type { MetadataCache } from './metadata-cache.js'
import type { Partition } from './partition.js'
import type { ReplicaManager } from './replica-manager.js'

/**
 * A coordinator whose state lives in an internal topic (groups in __consumer_offsets,
 * transactions in __transaction_state): it serves the partitions this broker leads.
 */
export interface PartitionCoordinator {
  /** This broker now leads `partition` (newly or under a new epoch): load its state. */
  onElection(partition: Partition): void
  /** This broker no longer leads partition `index`: drop its state. */
  onResignation(index: number): void
  /** The topic was deleted: drop what refers to it. */
  onTopicDeleted(topic: string): void
}

export interface ControlPlaneOptions {
  config: BrokerConfig
  metadata: MetadataCache
  replicas: ReplicaManager
  admin: AdminManager
  /** this broker's registration epoch now */
  brokerEpoch: () => bigint
  /** by internal topic name */
  coordinators: ReadonlyMap<string, PartitionCoordinator>
  /** every coordinator told about deleted topics */
  log: Logger
  /** the group coordinator, told of groups' own configs */
  groups?: Pick<GroupCoordinator, 'setGroupConfig'>
}

export class ControlPlane implements ClusterMember {
  readonly #config: BrokerConfig
  readonly #metadata: MetadataCache
  readonly #replicas: ReplicaManager
  readonly #admin: AdminManager
  readonly #brokerEpoch: () => bigint
  readonly #coordinators: ReadonlyMap<string, PartitionCoordinator>
  readonly #log: Logger
  readonly #groups: Pick<GroupCoordinator, 'setGroupConfig'> | undefined
  /** the newest controller epoch seen (Kafka's controllerEpoch in ReplicaManager) */
  #controllerEpoch = 0
  #strayLogsChecked = false
  /** LeaderAndIsr requests are applied one at a time, in arrival order. */
  #queue: Promise<unknown> = Promise.resolve()

  constructor(opts: ControlPlaneOptions) {
    this.#config = opts.config
    this.#metadata = opts.metadata
    this.#replicas = opts.replicas
    this.#admin = opts.admin
    this.#brokerEpoch = opts.brokerEpoch
    this.#coordinators = opts.coordinators
    this.#log = opts.log
    this.#groups = opts.groups
  }

  get controllerEpoch(): number {
    return this.#controllerEpoch
  }

  /** STALE_CONTROLLER_EPOCH / STALE_BROKER_EPOCH for a request this broker must not apply, else NONE. */
  #check(req: ControllerIdentity, what: string): number {
    if (req.controllerEpoch < this.#controllerEpoch) {
      this.#log.warn(
        { controllerId: req.controllerId, controllerEpoch: req.controllerEpoch, current: this.#controllerEpoch },
        `ignoring ${what} from a deposed controller`,
      )
      return ErrorCode.STALE_CONTROLLER_EPOCH
    }
    const current = this.#brokerEpoch()
    if (req.brokerEpoch !== UNKNOWN_BROKER_EPOCH && req.brokerEpoch < current) {
      this.#log.warn({ brokerEpoch: String(req.brokerEpoch), current: String(current) }, `ignoring ${what} for an earlier registration of this broker`)
      return ErrorCode.STALE_BROKER_EPOCH
    }
    this.#controllerEpoch = req.controllerEpoch
    return ErrorCode.NONE
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn)
    this.#queue = run.catch(() => {})
    return run
  }

  leaderAndIsr(event: LeaderAndIsrEvent): Promise<ControlResult> {
    return this.#serial(async () => {
      const errorCode = this.#check(event, 'LeaderAndIsr')
      if (errorCode !== ErrorCode.NONE) return { errorCode, partitions: [] }
      const changes = await this.#replicas.becomeLeaderOrFollower(event, (topic) => this.#admin.logConfig(topic))
      for (const p of changes.leaders) this.#coordinators.get(p.topic)?.onElection(p)
      for (const p of changes.followers) this.#coordinators.get(p.topic)?.onResignation(p.index)
      if (event.full && !this.#strayLogsChecked) {
        // The controller has named every partition this broker hosts: the rest were deleted (or
        // moved away) while it was stopped.
        this.#strayLogsChecked = true
        await this.#replicas.deleteStrayLogs()
      }
      return { errorCode: ErrorCode.NONE, partitions: changes.results }
    })
  }

  async updateMetadata(event: UpdateMetadataEvent): Promise<ControlResult> {
    const errorCode = this.#check(event, 'UpdateMetadata')
    if (errorCode !== ErrorCode.NONE) return { errorCode, partitions: [] }
    const deleted = this.#metadata.update(event)
    const topics = new Set(deleted.map((d) => d.topic))
    for (const topic of topics) {
      if (this.#metadata.topic(topic) !== undefined) continue
      for (const c of this.#coordinators.values()) c.onTopicDeleted(topic)
    }
    this.#admin.metadataUpdated()
    return { errorCode: ErrorCode.NONE, partitions: [] }
  }

  stopReplica(event: StopReplicaEvent): Promise<ControlResult> {
    return this.#serial(async () => {
      const errorCode = this.#check(event, 'StopReplica')
      if (errorCode !== ErrorCode.NONE) return { errorCode, partitions: [] }
      const stopped = await this.#replicas.stopReplicas(event.partitions)
      for (const p of stopped) this.#coordinators.get(p.topic)?.onResignation(p.index)
      return { errorCode: ErrorCode.NONE, partitions: event.partitions.map((p) => ({ topic: p.topic, partition: p.partition, errorCode: ErrorCode.NONE })) }
    })
  }

  topicConfigChanged(topic: string, overrides: Record<string, string> | null): void {
    this.#admin.topicConfigChanged(topic, overrides)
  }

  /** Dynamic configs of this broker or of every broker (`<default>`) changed: they take effect now. */
  brokerConfigChanged(entity: string, configs: Record<string, string>): void {
    const scope = entity === '<default>' ? 'default' : 'broker'
    try {
      const changed = this.#config.setDynamic(scope, configs)
      this.#log.info({ entity, changed: [...changed] }, 'dynamic broker configs applied')
    } catch (err) {
      // Written by another broker (or an older version) and invalid here: keep what we have.
      this.#log.warn({ err: (err as Error).message, entity }, 'ignoring invalid dynamic broker configs')
    }
  }

  /** A group's own configs (KIP-848) changed: its coordinator uses them from the next heartbeat. */
  groupConfigChanged(group: string, configs: Record<string, string>): void {
    const checked = validateGroupConfigs(configs, this.#config)
    if (!checked.ok) {
      this.#log.warn({ group, err: checked.message }, 'ignoring invalid group configs')
      return
    }
    const v = checked.values
    this.#groups?.setGroupConfig(group, {
      ...(v.has('consumer.session.timeout.ms') ? { consumerSessionTimeoutMs: v.get('consumer.session.timeout.ms') as number } : {}),
      ...(v.has('consumer.heartbeat.interval.ms') ? { consumerHeartbeatIntervalMs: v.get('consumer.heartbeat.interval.ms') as number } : {}),
    })
  }
}
