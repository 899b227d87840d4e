/**
 * A broker in a ZooKeeper-mode cluster, as Kafka 2.x-3.x brokers were: it registers itself
 * (ephemeral /brokers/ids/<id>, refused when another live broker has the id, registered again
 * after its session expires), takes part in the controller election (and, when it wins, runs the
 * controller until it loses /controller or its connection), records topics, configs and
 * deletions in Kafka's znodes, follows config change notifications, and takes producer id blocks
 * from /latest_producer_id_block.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { BrokerConfig } from '../config/broker-config.js'
import type { Logger } from '../logger.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { KafkaError, SamsaError } from '../errors.js'
import { ZooKeeperClient, type ZooKeeperClientOptions } from '../zookeeper/client.js'
import { isZooKeeperError } from '../zookeeper/errors.js'
import { ensureChroot } from '../zookeeper/recipes.js'
import { createOrGetClusterId, createTopLevelPaths } from '../metadata/zk/cluster.js'
import { BrokerRegistrar } from '../metadata/zk/broker-registration.js'
import { ControllerElection, type ControllerEpoch } from '../metadata/zk/controller-election.js'
import { allocateProducerIdBlock } from '../metadata/zk/producer-id-block.js'
import { BrokerIdZNode, ConfigEntityZNode, DEFAULT_ENTITY, TopicZNode, ZkPaths, desanitizeEntityName, sanitizeEntityName } from '../metadata/zk/znodes.js'
import { checkAndWriteMetaProperties, storedClusterId } from '../metadata/meta-properties.js'
import { toKafkaUuid } from '../metadata/topic-id.js'
import type { BrokerListener, LiveBroker } from '../controller/control.js'
import { ZkController } from '../controller/zk-controller.js'
import {
  connectToBroker,
  interBrokerEndpoint,
  interBrokerListenerName,
  interBrokerSecurity,
  type InterBrokerSecurity,
} from '../controller/broker-connection.js'
import { ConfigChangeListener, readEntityConfig, writeEntityConfig } from './config-changes.js'
import { ZkAclStore, ZkEntityConfigStore } from './zk-security-stores.js'
import type {
  AlterPartitionRequestData,
  AlterPartitionResult,
  ClusterMember,
  ControllerService,
  Coordination,
  NewTopic,
  ProducerIdBlock,
} from './coordination.js'

export interface ZkCoordinationOptions {
  config: BrokerConfig
  log: Logger
}

export class ZkCoordination implements Coordination {
  readonly mode = 'zookeeper' as const
  readonly clusterId: string
  readonly #zk: ZooKeeperClient
  readonly #config: BrokerConfig
  /** How this broker authenticates to the others (the inter-broker listener's TLS and SASL). */
  readonly #security: InterBrokerSecurity
  readonly #nodeId: number
  readonly #log: Logger
  #registrar: BrokerRegistrar | undefined
  #election: ControllerElection | undefined
  #controller: ZkController | null = null
  #changes: ConfigChangeListener | undefined
  #securityStores: { entities: ZkEntityConfigStore; acls: ZkAclStore } | undefined
  #closed = false

  private constructor(zk: ZooKeeperClient, clusterId: string, opts: ZkCoordinationOptions) {
    this.#zk = zk
    this.clusterId = clusterId
    this.#config = opts.config
    this.#security = interBrokerSecurity(opts.config)
    this.#nodeId = opts.config.values.nodeId
    this.#log = opts.log
  }

  /**
   * Connects to ZooKeeper (creating the chroot and Kafka's top-level znodes), agrees on the
   * cluster id with /cluster/id and checks the log dirs' meta.properties against it.
   */
  /** Users' credentials and quotas, and ACLs, in Kafka's znodes (shared by every broker). */
  securityStores(): { entities: ZkEntityConfigStore; acls: ZkAclStore } {
    this.#securityStores ??= { entities: new ZkEntityConfigStore(this.#zk), acls: new ZkAclStore(this.#zk, this.#log) }
    return this.#securityStores
  }

  static async open(opts: ZkCoordinationOptions): Promise<ZkCoordination> {
    const v = opts.config.values
    const connect = v.zookeeperConnect
    if (connect === null) throw new SamsaError('SAMSA_CONFIG', 'zookeeper.connect is not set')
    const sessionTimeoutMs = v.zookeeperSessionTimeoutMs
    const zkOptions: ZooKeeperClientOptions = {
      connect,
      sessionTimeoutMs,
      connectionTimeoutMs: v.zookeeperConnectionTimeoutMs ?? sessionTimeoutMs,
      logger: opts.log.child({ component: 'zookeeper' }),
    }
    await ensureChroot(zkOptions)
    const zk = await ZooKeeperClient.connect(zkOptions)
    try {
      await createTopLevelPaths(zk)
      const proposed = storedClusterId(v.logDirs) ?? v.clusterId ?? undefined
      const clusterId = await createOrGetClusterId(zk, proposed)
      if (v.clusterId !== null && v.clusterId !== clusterId) {
        throw new SamsaError(
          'SAMSA_CLUSTER_ID_MISMATCH',
          `cluster.id is configured as ${v.clusterId}, but the cluster in ZooKeeper (${connect}) is ${clusterId}`,
        )
      }
      checkAndWriteMetaProperties(v.logDirs, v.nodeId, clusterId)
      return new ZkCoordination(zk, clusterId, opts)
    } catch (err) {
      await zk.close()
      throw err
    }
  }

  get brokerEpoch(): bigint {
    return this.#registrar?.brokerEpoch ?? -1n
  }

  isActiveController(): boolean {
    return this.#controller !== null && this.#election?.isActive === true
  }

  controllerLiveBrokers(): LiveBroker[] | undefined {
    return this.activeController?.context.liveBrokers()
  }

  /** The active controller, for tests and tools. */
  get activeController(): ZkController | null {
    return this.isActiveController() ? this.#controller : null
  }

  get controller(): ControllerService | null {
    const c = this.activeController
    if (c === null) return null
    return {
      controlledShutdown: (brokerId, brokerEpoch) => c.controlledShutdown(brokerId, brokerEpoch),
      alterPartition: (req: AlterPartitionRequestData): Promise<AlterPartitionResult> => c.alterPartition(req.brokerId, req.brokerEpoch, req.partitions),
      electLeaders: (type, partitions) => c.electLeaders(type, partitions),
      alterPartitionReassignments: (items) => c.alterPartitionReassignments(items),
      listPartitionReassignments: (wanted) => c.listPartitionReassignments(wanted),
    }
  }

  async start(member: ClusterMember): Promise<void> {
    for (const entity of [DEFAULT_ENTITY, String(this.#nodeId)]) {
      const configs = await readEntityConfig(this.#zk, 'brokers', entity)
      if (configs !== null) member.brokerConfigChanged(entity, configs)
    }
    for (const name of (await this.#zk.getChildren(ZkPaths.configEntityType('groups')).catch(() => ({ children: [] as string[] }))).children) {
      member.groupConfigChanged(desanitizeEntityName(name), (await readEntityConfig(this.#zk, 'groups', name)) ?? {})
    }
    this.#changes = new ConfigChangeListener(
      this.#zk,
      async (type, name) => {
        if (type === 'users' || type === 'clients') this.#securityStores?.entities.changed(type, name)
        if (type === 'topics') member.topicConfigChanged(name, (await this.topicConfigs(name)) ?? null)
        else if (type === 'brokers' && (name === DEFAULT_ENTITY || name === String(this.#nodeId)))
          member.brokerConfigChanged(name, (await readEntityConfig(this.#zk, 'brokers', name)) ?? {})
        else if (type === 'groups') member.groupConfigChanged(desanitizeEntityName(name), (await readEntityConfig(this.#zk, 'groups', name)) ?? {})
      },
      this.#log.child({ component: 'config-changes' }),
    )
    await this.#changes.start()
  }

  async register(listeners: BrokerListener[], rack: string | null): Promise<void> {
    const registrar = new BrokerRegistrar(
      this.#zk,
      {
        id: this.#nodeId,
        endpoints: listeners.map((l) => ({ listener: l.listener, host: l.host, port: l.port, securityProtocol: l.securityProtocol })),
        rack,
      },
      { logger: this.#log },
    )
    await registrar.register()
    this.#registrar = registrar
    const election = new ControllerElection(this.#zk, this.#nodeId, { logger: this.#log })
    this.#election = election
    election.on('elected', (epoch) => {
      void this.#becomeController(epoch)
    })
    election.on('resigned', () => this.#stopController())
    await election.start()
  }

  async #becomeController(epoch: ControllerEpoch): Promise<void> {
    this.#stopController()
    if (this.#closed) return
    const election = this.#election!
    const controller = new ZkController({
      zk: this.#zk,
      brokerId: this.#nodeId,
      controllerEpoch: epoch.epoch,
      fencedMulti: (ops) => election.fencedMulti(ops),
      interBrokerListener: interBrokerListenerName(this.#config),
      uncleanLeaderElection: async (topic) => {
        const override = (await readEntityConfig(this.#zk, 'topics', topic))?.['unclean.leader.election.enable']
        return override === undefined ? this.#config.values.uncleanLeaderElectionEnable : override === 'true'
      },
      requestTimeoutMs: this.#config.values.controllerSocketTimeoutMs,
      security: this.#security,
      autoLeaderRebalance: this.#config.values.autoLeaderRebalanceEnable
        ? {
            intervalMs: Number(this.#config.values.leaderImbalanceCheckIntervalSeconds) * 1000,
            imbalancePercentage: this.#config.values.leaderImbalancePerBrokerPercentage,
          }
        : undefined,
      log: this.#log.child({ component: 'controller' }),
    })
    this.#controller = controller
    try {
      await controller.start()
    } catch (err) {
      if (!controller.stopped) this.#log.error({ err }, 'controller failover failed')
    }
  }

  #stopController(): void {
    this.#controller?.stop()
    this.#controller = null
  }

  // ---- topics and configs (Kafka's AdminZkClient) -----------------------------------------------

  async createTopic(t: NewTopic): Promise<void> {
    if ((await this.#zk.exists(ZkPaths.topic(t.name))) !== null) {
      const deleting = (await this.#zk.exists(ZkPaths.deleteTopic(t.name))) !== null
      throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, deleting ? `Topic '${t.name}' is marked for deletion.` : `Topic '${t.name}' already exists.`)
    }
    // The config first: the controller reads it when the topic appears.
    await writeConfigNode(this.#zk, ZkPaths.configEntity('topics', t.name), t.configs)
    const partitions = new Map(t.assignment.map((replicas, p) => [p, { replicas, addingReplicas: [], removingReplicas: [] }]))
    try {
      await this.#zk.create(ZkPaths.topic(t.name), TopicZNode.encode({ topicId: toKafkaUuid(t.topicId), partitions }))
    } catch (err) {
      if (isZooKeeperError(err, 'NODEEXISTS')) throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`)
      throw err
    }
  }

  async addPartitions(topic: string, assignment: number[][]): Promise<void> {
    for (;;) {
      let got
      try {
        got = await this.#zk.getData(ZkPaths.topic(topic))
      } catch (err) {
        if (isZooKeeperError(err, 'NONODE')) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${topic}' does not exist.`)
        throw err
      }
      const a = TopicZNode.decode(topic, got.data)
      const start = a.partitions.size
      assignment.forEach((replicas, i) => {
        a.partitions.set(start + i, { replicas, addingReplicas: [], removingReplicas: [] })
      })
      try {
        await this.#zk.setData(ZkPaths.topic(topic), TopicZNode.encode(a), got.stat.version)
        return
      } catch (err) {
        if (!isZooKeeperError(err, 'BADVERSION')) throw err
      }
    }
  }

  async deleteTopic(topic: string): Promise<void> {
    try {
      await this.#zk.create(ZkPaths.deleteTopic(topic))
    } catch (err) {
      if (!isZooKeeperError(err, 'NODEEXISTS')) throw err
    }
  }

  async topicConfigs(topic: string): Promise<Record<string, string> | undefined> {
    const configs = await readEntityConfig(this.#zk, 'topics', topic)
    if (configs !== null) return configs
    return (await this.#zk.exists(ZkPaths.topic(topic))) !== null ? {} : undefined
  }

  async setTopicConfigs(topic: string, overrides: Record<string, string>): Promise<void> {
    if ((await this.#zk.exists(ZkPaths.topic(topic))) === null) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${topic} does not exist.`)
    await writeEntityConfig(this.#zk, 'topics', topic, overrides)
  }

  async brokerConfigs(entity: string): Promise<Record<string, string>> {
    return (await readEntityConfig(this.#zk, 'brokers', entity)) ?? {}
  }

  async setBrokerConfigs(entity: string, configs: Record<string, string>): Promise<void> {
    await writeEntityConfig(this.#zk, 'brokers', entity, configs)
  }

  async groupConfigs(group: string): Promise<Record<string, string>> {
    return (await readEntityConfig(this.#zk, 'groups', sanitizeEntityName(group))) ?? {}
  }

  /** Written as an entity (with its change notification) under /config/groups/<sanitized group id>. */
  async setGroupConfigs(group: string, configs: Record<string, string>): Promise<void> {
    await writeEntityConfig(this.#zk, 'groups', sanitizeEntityName(group), configs)
  }

  readonly allocateProducerIds = async (): Promise<ProducerIdBlock> => {
    const b = await allocateProducerIdBlock(this.#zk, this.#nodeId)
    return { first: b.firstProducerId, last: b.lastProducerId }
  }

  // ---- stopping -----------------------------------------------------------------------------

  /**
   * Kafka's controlled shutdown: asks the controller to move leadership off this broker before it
   * stops serving. Retried (controlled.shutdown.max.retries, after
   * controlled.shutdown.retry.backoff.ms) when the request fails; partitions nobody else can
   * lead stay with this broker until it is gone.
   */
  async controlledShutdown(): Promise<void> {
    const v = this.#config.values
    if (this.#registrar === undefined || !v.controlledShutdownEnable) return
    // Without ZooKeeper nobody can move leadership; do not wait for it.
    if (this.#zk.state !== 'connected') return
    const retries = v.controlledShutdownMaxRetries
    const backoffMs = Number(v.controlledShutdownRetryBackoffMs)
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        const r = await this.#askController()
        if (r.errorCode === ErrorCode.NONE) {
          if (r.remaining > 0)
            this.#log.info({ remaining: r.remaining }, 'controlled shutdown: partitions no other in-sync replica can lead stay here until this broker stops')
          return
        }
        this.#log.warn({ errorCode: r.errorCode }, 'controlled shutdown refused')
      } catch (err) {
        this.#log.warn({ err: (err as Error).message, attempt: attempt + 1 }, 'controlled shutdown failed')
      }
      if (attempt < retries) await sleep(Math.min(backoffMs, 1000 * (attempt + 1)))
    }
  }

  async #askController(): Promise<{ errorCode: number; remaining: number }> {
    const local = this.controller
    if (local !== null) {
      const r = await local.controlledShutdown(this.#nodeId, this.brokerEpoch)
      return { errorCode: r.errorCode, remaining: r.remaining.length }
    }
    const controllerId = this.#election?.controllerId ?? null
    if (controllerId === null) throw new SamsaError('SAMSA_NO_CONTROLLER', 'no active controller')
    const { data } = await this.#zk.getData(ZkPaths.brokerId(controllerId))
    const info = BrokerIdZNode.decode(controllerId, data)
    const ep = interBrokerEndpoint({ id: controllerId, rack: info.rack, endpoints: info.endpoints }, interBrokerListenerName(this.#config))
    if (ep === undefined) throw new SamsaError('SAMSA_NO_CONTROLLER', `the controller (broker ${controllerId}) has no inter-broker listener`)
    const conn = await connectToBroker(ep, `broker-${this.#nodeId}`, { security: this.#security })
    try {
      const r = await conn.request('ControlledShutdown', { brokerId: this.#nodeId, brokerEpoch: this.brokerEpoch })
      return { errorCode: r.errorCode, remaining: r.remainingPartitions.length }
    } finally {
      conn.destroy()
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#changes?.close()
    this.#stopController()
    await this.#election?.close()
    // The registration goes with the session anyway; only ask while ZooKeeper answers.
    if (this.#zk.state === 'connected') await this.#registrar?.deregister()
    await this.#zk.close()
  }
}

/** Writes a config znode (create or overwrite), without a notification: for a new topic. */
async function writeConfigNode(zk: ZooKeeperClient, path: string, configs: Record<string, string>): Promise<void> {
  const data = ConfigEntityZNode.encode(configs)
  try {
    await zk.create(path, data)
  } catch (err) {
    if (!isZooKeeperError(err, 'NODEEXISTS')) throw err
    await zk.setData(path, data, -1)
  }
}
