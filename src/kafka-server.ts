/**
 * The composition root: builds the broker's parts from its config, hands each the parts it
 * needs, binds the listeners, and stops everything in the reverse order. Nothing below reaches
 * back up: the parts know each other only through what is handed in here. Shared by the
 * `samsa start` command and the embedded `startBroker()` API.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type { BrokerConfig } from './config/broker-config.js'
import { canonicalBrokerName, type BrokerConfigName } from './config/broker-config-defs.js'
import { loadBrokerConfig, type LoadBrokerConfigOptions } from './config/load-broker-config.js'
import { createLogger, type Logger } from './logger.js'
import { MetadataStore } from './metadata/metadata-store.js'
import { nodeFs, type StorageFs } from './storage/file-system.js'
import { LogDirLock } from './storage/log-dir-lock.js'
import { LogManager } from './storage/log-manager.js'
import { ProducerIdManager } from './transactions/producer-id-manager.js'
import { GroupCoordinator } from './groups/group-coordinator.js'
import { OFFSETS_TOPIC, groupConfigFrom } from './groups/offsets-topic.js'
import { SocketServer } from './server/listener.js'
import { ConnectionQuotas } from './server/connection-quotas.js'
import { ConfigStore } from './metadata/config-store.js'
import type { BrokerParts } from './broker/handler.js'
import { createRegistry } from './broker/handlers/index.js'
import { AdminManager, logConfigOf } from './broker/admin-manager.js'
import { MetadataCache } from './broker/metadata-cache.js'
import { ReplicaManager } from './broker/replica-manager.js'
import { FetchSessionCache } from './broker/fetch-session.js'
import { MetadataTopicView, OffsetsTopicLog, groupCoordinatorOf } from './broker/coordinator-log.js'
import { ControlPlane } from './broker/control-plane.js'
import { LocalBrokerChannel } from './broker/local-broker-channel.js'
import { InterBrokerChannel } from './broker/inter-broker-channel.js'
import { sharedBufferPool } from './buffers/buffer-pool.js'
import { connectToBroker, interBrokerEndpoint, interBrokerListenerName, interBrokerSecurity, type FramePool } from './controller/broker-connection.js'
import { ReplicaFetcherManager } from './replication/replica-fetcher-manager.js'
import { AlterPartitionManager, ControllerLink, alterPartitionOverWire } from './replication/alter-partition-manager.js'
import { BrokerMarkerChannel, TransactionStateLog, transactionCoordinatorOf } from './broker/txn-state-log.js'
import { TransactionCoordinator } from './transactions/transaction-coordinator.js'
import { TRANSACTION_STATE_TOPIC } from './transactions/transaction-log.js'
import type { TxnConfig } from './transactions/core.js'
import type { HandlerRegistry } from './broker/handler.js'
import type { Coordination } from './cluster/coordination.js'
import { SingleNodeCoordination } from './cluster/single-node.js'
import { createListenerSecurity, createSecurity, type ConfigLookup, type ListenerSecurity } from './security/index.js'
import { ZkCoordination } from './cluster/zk-coordination.js'
import { ReplicationQuota } from './broker/replication-quota.js'

export interface RunningBroker {
  /** The broker's parts, for tests and tools that look inside. */
  readonly broker: BrokerParts
  readonly logManager: LogManager
  readonly server: SocketServer
  /** The event loop's delays while the broker runs (how long anything waited for it), in ns. */
  readonly eventLoopDelay: IntervalHistogram
  readonly config: BrokerConfig
  /** `host:port` of the first listener as bound, ready for a client's bootstrap servers. */
  readonly bootstrap: string
  /** The port the first listener bound (its advertised port may differ). */
  readonly port: number
  /** Every listener as bound: name, security protocol, `host:port` to connect to. */
  readonly listeners: ReadonlyArray<{ name: string; securityProtocol: string; bootstrap: string; port: number }>
  close(): Promise<void>
}

export interface RunBrokerOptions {
  /** The file system under storage and metadata (tests inject failures); node:fs by default. */
  fs?: StorageFs
}

/**
 * Storage, with each topic's log config resolved from its overrides and the broker's defaults
 * (a single node knows them before it opens its logs; in a cluster each log takes its topic's
 * config when the controller hands the partition over).
 */
async function startLogManager(config: BrokerConfig, store: MetadataStore | undefined, log: Logger, fs: StorageFs): Promise<LogManager> {
  const v = config.values
  const topicLogConfig = (topic: string) => {
    const meta = store?.topic(topic)
    return meta === undefined ? undefined : logConfigOf(meta.configs, config)
  }
  return LogManager.start({
    logDirs: [...v.logDirs],
    defaultConfig: logConfigOf({}, config),
    topicConfig: topicLogConfig,
    logger: log.child({ component: 'storage' }),
    // Kafka's default interval is Long.MAX (never); we still check flush.ms and producer expiry each second.
    flushCheckIntervalMs: Math.min(v.logFlushSchedulerIntervalMs, 1000),
    highWatermarkCheckpointIntervalMs: Number(v.replicaHighWatermarkCheckpointIntervalMs),
    retentionCheckIntervalMs: v.logRetentionCheckIntervalMs,
    cleaner: {
      enabled: v.logCleanerEnable && v.logCleanerThreads > 0,
      backoffMs: v.logCleanerBackoffMs,
      dedupeBufferBytes: v.logCleanerDedupeBufferSize,
      ioBufferBytes: v.logCleanerIoBufferSize,
      ioMaxBytesPerSecond: v.logCleanerIoMaxBytesPerSecond,
    },
    fs,
  })
}

/** The transaction coordinator's settings from the broker's transaction.* configs. */
function txnConfigFrom(config: BrokerConfig): TxnConfig {
  const v = config.values
  return {
    transactionMaxTimeoutMs: v.transactionMaxTimeoutMs,
    transactionalIdExpirationMs: v.transactionalIdExpirationMs,
    abortTimedOutTransactionCleanupIntervalMs: v.transactionAbortTimedOutTransactionCleanupIntervalMs,
    removeExpiredTransactionalIdCleanupIntervalMs: v.transactionRemoveExpiredTransactionCleanupIntervalMs,
  }
}

/**
 * A config as Kafka's config maps hold it: a string (lists comma-joined), or undefined when unset.
 * Listener-prefixed settings (listener.name.<l>.ssl.keystore.location) are not in the table and
 * are read as given.
 */
function configLookup(config: BrokerConfig): ConfigLookup {
  return (name) => {
    if (canonicalBrokerName(name) === undefined) return config.layerValue('static', name)
    const v = config.get(name as BrokerConfigName)
    if (v === null || v === undefined) return undefined
    return Array.isArray(v) ? v.join(',') : String(v)
  }
}

/**
 * Kafka's connection quotas from the broker's configs: the broker-wide ones (dynamic), the
 * listener-level `listener.name.<l>.max.connections` and `.max.connection.creation.rate`, and the
 * inter-broker listener protected from the broker-wide limits when there is more than one listener.
 */
async function connectionQuotas(config: BrokerConfig): Promise<ConnectionQuotas> {
  const v = config.values
  const lookup = configLookup(config)
  const listeners = new Map<string, { maxConnections: number; maxConnectionCreationRate: number }>()
  for (const l of v.listeners) {
    const prefix = `listener.name.${l.name.toLowerCase()}.`
    const max = lookup(`${prefix}max.connections`)
    const rate = lookup(`${prefix}max.connection.creation.rate`)
    if (max === undefined && rate === undefined) continue
    listeners.set(l.name, {
      maxConnections: max === undefined ? 2147483647 : Number(max),
      maxConnectionCreationRate: rate === undefined ? 2147483647 : Number(rate),
    })
  }
  return ConnectionQuotas.create({
    maxConnections: v.maxConnections,
    maxConnectionsPerIp: v.maxConnectionsPerIp,
    overrides: v.maxConnectionsPerIpOverrides,
    maxConnectionCreationRate: v.maxConnectionCreationRate,
    listeners,
    protectedListener: v.listeners.length > 1 ? interBrokerListenerName(config) : undefined,
    windowMs: Number(lookup('quota.window.size.seconds') ?? 1) * 1000,
    numSamples: Number(lookup('quota.window.num') ?? 11),
  })
}

/** Dynamic changes of the broker-wide connection limits take effect for the next connection. */
function followConnectionQuotas(config: BrokerConfig, quotas: ConnectionQuotas, log: Logger): () => void {
  const names = new Set(['max.connections', 'max.connections.per.ip', 'max.connections.per.ip.overrides', 'max.connection.creation.rate'])
  return config.onChange((changed) => {
    if (![...changed].some((n) => names.has(n))) return
    const v = config.values
    quotas
      .reconfigure({
        maxConnections: v.maxConnections,
        maxConnectionsPerIp: v.maxConnectionsPerIp,
        overrides: v.maxConnectionsPerIpOverrides,
        maxConnectionCreationRate: v.maxConnectionCreationRate,
      })
      .catch((err: unknown) =>
        log.warn({ err }, 'cannot apply the new connection limits (max.connections.per.ip.overrides names a host that does not resolve?)'),
      )
  })
}

/** A connection to a live broker on the inter-broker listener (the MetadataCache's picture). */
function connectToLiveBroker(config: BrokerConfig, metadata: MetadataCache, clientId: string, requestTimeoutMs: number, framePool?: FramePool) {
  const listener = interBrokerListenerName(config)
  const security = interBrokerSecurity(config)
  return async (brokerId: number) => {
    const b = metadata.liveBrokers().find((x) => x.id === brokerId)
    const ep = b === undefined ? undefined : interBrokerEndpoint(b, listener)
    if (ep === undefined) throw new Error(`broker ${brokerId} is not live (or has no ${listener} listener)`)
    return connectToBroker(ep, clientId, { requestTimeoutMs, security, ...(framePool !== undefined ? { framePool } : {}) })
  }
}

/** Followers copy their leaders' records, over the inter-broker listener (a cluster only). */
function replicaFetchers(
  config: BrokerConfig,
  metadata: MetadataCache,
  replicas: ReplicaManager,
  brokerEpoch: () => bigint,
  log: Logger,
): ReplicaFetcherManager {
  const v = config.values
  return new ReplicaFetcherManager({
    localId: v.nodeId,
    brokerEpoch,
    config,
    log: log.child({ component: 'replica-fetcher' }),
    // Fetched records are read into the shared pool's buffers (see ReplicaFetcher).
    connect: connectToLiveBroker(config, metadata, `replica-fetcher-${v.nodeId}`, v.replicaSocketTimeoutMs + v.replicaFetchWaitMaxMs, sharedBufferPool),
    highWatermarkMoved: (p) => replicas.highWatermarkMoved(p),
    quota: new ReplicationQuota(() => config.values.followerReplicationThrottledRate, v.replicationQuotaWindowNum, v.replicationQuotaWindowSizeSeconds * 1000),
  })
}

/** Leaders' ISR changes go to the controller: in-process while this broker is it, else over the wire. */
function isrChannel(config: BrokerConfig, metadata: MetadataCache, coordination: Coordination, log: Logger): AlterPartitionManager {
  const v = config.values
  const link = new ControllerLink(
    connectToLiveBroker(config, metadata, `alter-partition-${v.nodeId}`, v.controllerSocketTimeoutMs),
    () => metadata.controllerId,
  )
  return new AlterPartitionManager({
    brokerId: v.nodeId,
    brokerEpoch: () => coordination.brokerEpoch,
    log: log.child({ component: 'alter-partition' }),
    async send(call) {
      const local = coordination.controller
      if (local === null) return link.use((conn) => alterPartitionOverWire(conn, call))
      const r = await local.alterPartition({
        brokerId: call.brokerId,
        brokerEpoch: call.brokerEpoch,
        partitions: call.partitions.map((p) => ({ ...p, leaderRecoveryState: 0 })),
      })
      return { errorCode: r.errorCode, partitions: r.partitions }
    },
  })
}

/** Builds the parts, in dependency order; `close` stops what was built if a later step fails. */
async function buildParts(
  config: BrokerConfig,
  log: Logger,
  fs: StorageFs,
  registry: HandlerRegistry,
): Promise<{
  parts: BrokerParts
  logManager: LogManager
  coordination: Coordination
  remote: InterBrokerChannel | undefined
  listenerSecurity: Map<string, ListenerSecurity>
}> {
  const v = config.values
  // With zookeeper.connect the cluster's record is ZooKeeper; without, the log dir's store.
  let store: MetadataStore | undefined
  let coordination: Coordination
  let securityStores
  if (v.zookeeperConnect !== null) {
    const zk = await ZkCoordination.open({ config, log })
    // Users, quotas and ACLs in ZooKeeper, shared by the cluster's brokers.
    securityStores = zk.securityStores()
    coordination = zk
  } else {
    store = await MetadataStore.open(v.logDirs[0]!, { nodeId: v.nodeId, clusterId: v.clusterId ?? undefined, fs })
    coordination = new SingleNodeCoordination(store, ConfigStore.open(v.logDirs[0]!, { fs }))
  }
  // Listeners that cannot be secured stop the broker before its logs are opened.
  const lookup = configLookup(config)
  let security
  let listenerSecurity
  try {
    security = await createSecurity({ get: lookup, dataDir: v.logDirs[0]!, log, stores: securityStores })
    listenerSecurity = createListenerSecurity(v.listeners, lookup, security, log)
  } catch (err) {
    await coordination.close()
    throw err
  }
  let logManager: LogManager
  try {
    logManager = await startLogManager(config, store, log, fs)
  } catch (err) {
    await coordination.close()
    throw err
  }
  try {
    const metadata = new MetadataCache(v.nodeId, coordination.clusterId, v.brokerRack)
    const replicas = new ReplicaManager(logManager, metadata, log.child({ component: 'replicas' }))
    const admin = new AdminManager({ config, coordination, metadata, replicas, log })
    const groupConfig = groupConfigFrom(config)
    const groupLogger = log.child({ component: 'groups' })
    const groups = new GroupCoordinator({
      config: groupConfig,
      log: new OffsetsTopicLog({ metadata, replicas, admin, config, partitions: groupConfig.offsetsTopicNumPartitions }),
      logger: groupLogger,
      topics: new MetadataTopicView(metadata),
    })
    groups.start()
    let built: BrokerParts | undefined
    const brokerChannel = new LocalBrokerChannel(v.nodeId, registry, () => built!)
    // Other brokers are reached over their inter-broker listener (a single node has none).
    const remote =
      coordination.mode === 'zookeeper'
        ? new InterBrokerChannel(metadata, interBrokerListenerName(config), v.nodeId, config.values.controllerSocketTimeoutMs, interBrokerSecurity(config))
        : undefined
    if (remote !== undefined) brokerChannel.setRemote(remote)
    if (coordination.mode === 'zookeeper') {
      replicas.setReplicaFetcher(replicaFetchers(config, metadata, replicas, () => coordination.brokerEpoch, log))
      replicas.leaderQuota = new ReplicationQuota(
        () => config.values.leaderReplicationThrottledRate,
        v.replicationQuotaWindowNum,
        v.replicationQuotaWindowSizeSeconds * 1000,
      )
      replicas.setIsrChannel(isrChannel(config, metadata, coordination, log), () => Number(config.values.replicaLagTimeMaxMs))
    }
    const producerIds = new ProducerIdManager(v.logDirs[0]!, coordination.allocateProducerIds)
    const txnLogger = log.child({ component: 'transactions' })
    const transactions = new TransactionCoordinator({
      log: new TransactionStateLog({ metadata, replicas, admin, config }),
      markers: new BrokerMarkerChannel(metadata, brokerChannel),
      producerIds,
      config: txnConfigFrom(config),
      logger: txnLogger,
    })
    transactions.start()
    const controlPlane = new ControlPlane({
      config,
      metadata,
      replicas,
      admin,
      brokerEpoch: () => coordination.brokerEpoch,
      coordinators: new Map([
        [
          OFFSETS_TOPIC,
          groupCoordinatorOf(groups, (err, partition, offset) => {
            groupLogger.warn({ err, partition, offset }, `skipping an unreadable batch of ${OFFSETS_TOPIC}`)
          }),
        ],
        [
          TRANSACTION_STATE_TOPIC,
          transactionCoordinatorOf(transactions, v.transactionStateLogLoadBufferSize, (err, partition, offset) => {
            txnLogger.warn({ err, partition, offset }, `skipping an unreadable batch of ${TRANSACTION_STATE_TOPIC}`)
          }),
        ],
      ]),
      log: log.child({ component: 'control' }),
      groups,
    })
    const parts: BrokerParts = {
      config,
      log,
      metadata,
      replicas,
      admin,
      groups,
      controlPlane,
      producerIds,
      transactions,
      brokerChannel,
      cluster: coordination,
      fetchSessions: new FetchSessionCache(),
      security,
    }
    built = parts
    // The broker hosts its partitions before its listeners accept clients.
    await coordination.start(controlPlane)
    return { parts, logManager, coordination, remote, listenerSecurity }
  } catch (err) {
    await coordination.close()
    await logManager.shutdown()
    throw err
  }
}

/**
 * Locks every log dir (Kafka's `.lock`) before anything in them is read or written: when another
 * broker holds one, this throws LogDirLockedError having changed nothing.
 */
function lockLogDirs(config: BrokerConfig, fs: StorageFs): LogDirLock[] {
  const locks: LogDirLock[] = []
  try {
    for (const dir of new Set(config.values.logDirs)) locks.push(LogDirLock.acquire(dir, { fs }))
  } catch (err) {
    for (const l of locks) l.release()
    throw err
  }
  return locks
}

export async function runBroker(config: BrokerConfig, log: Logger, opts: RunBrokerOptions = {}): Promise<RunningBroker> {
  // As Kafka warns of configs it does not know; Samsa also of those it knows but does not act on yet.
  if (config.unknown.length > 0) log.warn({ configs: config.unknown }, 'these configs were supplied but are not known broker configs; they are ignored')
  if (config.inert.length > 0) log.warn({ configs: config.inert }, 'these configs are accepted but have no effect in this version of Samsa')
  const fs = opts.fs ?? nodeFs
  const registry = createRegistry({ zookeeper: config.values.zookeeperConnect !== null })
  const locks = lockLogDirs(config, fs)
  let built
  try {
    built = await buildParts(config, log, fs, registry)
  } catch (err) {
    for (const l of locks) l.release()
    throw err
  }
  const { parts, logManager, coordination, remote, listenerSecurity } = built
  const stopParts = async (): Promise<void> => {
    // Waiting requests answer first (their connections are closed by now), then the coordinator's
    // timers stop, then the logs flush and close, and last the log dirs are unlocked.
    await coordination.close()
    parts.admin.close()
    parts.replicas.shutdown()
    parts.groups.close()
    parts.transactions.close()
    remote?.close()
    try {
      await logManager.shutdown()
    } finally {
      for (const l of locks) l.release()
    }
  }
  let server: SocketServer | undefined
  let bound
  let stopQuotaUpdates = (): void => {}
  try {
    const quotas = await connectionQuotas(config)
    stopQuotaUpdates = followConnectionQuotas(config, quotas, log)
    server = new SocketServer({
      parts,
      registry,
      log: log.child({ component: 'server' }),
      maxRequestBytes: config.values.socketRequestMaxBytes,
      maxQueuedRequests: config.values.queuedMaxRequests,
      connectionsMaxIdleMs: config.values.connectionsMaxIdleMs,
      quotas,
      listenBacklog: config.values.socketListenBacklogSize,
    })
    bound = await server.listen(config.values.listeners.map((l) => ({ ...l, security: listenerSecurity.get(l.name) })))
    // Port 0 binds a random port; advertise the bound one unless an explicit port was configured.
    parts.metadata.setEndpoints(
      bound.map((l) => {
        const adv = config.values.advertisedListeners.find((a) => a.name === l.name)
        const host = adv?.host || l.host || 'localhost'
        const port = adv !== undefined && adv.port !== 0 ? adv.port : l.boundPort
        const securityProtocol = config.values.listeners.find((x) => x.name === l.name)?.securityProtocol ?? 'PLAINTEXT'
        return { listenerName: l.name, host: host === '0.0.0.0' || host === '::' ? 'localhost' : host, port, securityProtocol }
      }),
    )
    await coordination.register(parts.metadata.listeners, config.values.brokerRack)
  } catch (err) {
    stopQuotaUpdates()
    await server?.close()
    await stopParts()
    throw err
  }
  const running = server
  // Bootstrap through the bound address: advertised hosts may only resolve for remote clients.
  const bound0 = bound[0]!
  const bootHost = bound0.host === '' || bound0.host === '0.0.0.0' || bound0.host === '::' ? 'localhost' : bound0.host
  log.info({ endpoints: parts.metadata.endpoints, clusterId: parts.metadata.clusterId, nodeId: parts.metadata.nodeId }, 'broker started')
  const eventLoopDelay = monitorEventLoopDelay({ resolution: 10 })
  eventLoopDelay.enable()
  let closing: Promise<void> | undefined
  return {
    broker: parts,
    logManager,
    server: running,
    eventLoopDelay,
    config,
    bootstrap: `${bootHost.includes(':') ? `[${bootHost}]` : bootHost}:${bound0.boundPort}`,
    port: bound0.boundPort,
    listeners: bound.map((l) => {
      const h = l.host === '' || l.host === '0.0.0.0' || l.host === '::' ? 'localhost' : l.host
      return {
        name: l.name,
        securityProtocol: l.security?.protocol ?? 'PLAINTEXT',
        bootstrap: `${h.includes(':') ? `[${h}]` : h}:${l.boundPort}`,
        port: l.boundPort,
      }
    }),
    close() {
      closing ??= (async () => {
        eventLoopDelay.disable()
        // Leadership moves to other brokers while this one still serves (Kafka's controlled shutdown).
        await coordination.controlledShutdown()
        stopQuotaUpdates()
        await running.close()
        await stopParts()
        log.info('broker stopped')
      })()
      return closing
    },
  }
}

export type { LoadBrokerConfigOptions, Logger }
export { loadBrokerConfig, createLogger }
