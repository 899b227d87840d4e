/**
 * Kafka's znode layout in ZooKeeper mode (Kafka 2.x-3.x, kafka.zk.ZkData): every path and the
 * exact JSON Kafka writes there, so Kafka operators can read a Samsa cluster with zkCli.sh and a
 * Kafka tool reading ZooKeeper finds what it expects. Field names, which numbers Kafka writes as
 * strings ("timestamp", "block_start", the cluster id's "version"), and the versions
 * (broker registration 5, topic 3, controller 2, partition state 1, config 1, config change 2)
 * follow Kafka 3.9's ZkData.scala. Decoders accept the older versions Kafka still reads.
 */
import type { Stat } from '../../zookeeper/protocol.js'
import { encodeJson, Fields, intArray, ZNodeDataError } from './json.js'

// ---- paths ---------------------------------------------------------------------------------------

export const ZkPaths = {
  clusterId: '/cluster/id',
  brokers: '/brokers',
  brokerIds: '/brokers/ids',
  brokerId: (id: number) => `/brokers/ids/${id}`,
  brokerSeqId: '/brokers/seqid',
  topics: '/brokers/topics',
  topic: (topic: string) => `/brokers/topics/${topic}`,
  topicPartitions: (topic: string) => `/brokers/topics/${topic}/partitions`,
  partition: (topic: string, partition: number) => `/brokers/topics/${topic}/partitions/${partition}`,
  partitionState: (topic: string, partition: number) => `/brokers/topics/${topic}/partitions/${partition}/state`,
  controller: '/controller',
  controllerEpoch: '/controller_epoch',
  config: '/config',
  configEntityType: (type: ConfigEntityType) => `/config/${type}`,
  configEntity: (type: ConfigEntityType, name: string) => `/config/${type}/${name}`,
  configChanges: '/config/changes',
  /** create with mode persistent_sequential; ZooKeeper appends a 10-digit number */
  configChangePrefix: '/config/changes/config_change_',
  admin: '/admin',
  deleteTopics: '/admin/delete_topics',
  deleteTopic: (topic: string) => `/admin/delete_topics/${topic}`,
  reassignPartitions: '/admin/reassign_partitions',
  preferredReplicaElection: '/admin/preferred_replica_election',
  isrChangeNotification: '/isr_change_notification',
  isrChangePrefix: '/isr_change_notification/isr_change_',
  logDirEventNotification: '/log_dir_event_notification',
  logDirEventPrefix: '/log_dir_event_notification/log_dir_event_',
  producerIdBlock: '/latest_producer_id_block',
  consumers: '/consumers',
  /** literal ACLs: /kafka-acl/<ResourceType>/<name> */
  acl: (resourceType: string, name: string) => `/kafka-acl/${resourceType}/${name}`,
  /** prefixed (and other non-literal) ACLs: /kafka-acl-extended/<patterntype>/<ResourceType>/<name> */
  extendedAcl: (patternType: string, resourceType: string, name: string) => `/kafka-acl-extended/${patternType.toLowerCase()}/${resourceType}/${name}`,
  aclChangePrefix: '/kafka-acl-changes/acl_changes_',
  extendedAclChangePrefix: '/kafka-acl-extended-changes/acl_changes_',
} as const

/** Kafka's ConfigType; `groups` (KIP-848's group configs) is kept by Kafka in KRaft only, here under /config/groups with sanitized names. */
export type ConfigEntityType = 'topics' | 'clients' | 'users' | 'brokers' | 'ips' | 'groups'
export const CONFIG_ENTITY_TYPES: readonly ConfigEntityType[] = ['topics', 'clients', 'users', 'brokers', 'ips', 'groups']
/** The entity name of cluster-wide defaults (/config/brokers/<default>). */
export const DEFAULT_ENTITY = '<default>'

/** Persistent paths every Kafka broker makes sure exist at startup (ZkData.PersistentZkPaths). */
export const PERSISTENT_ZK_PATHS: readonly string[] = [
  ZkPaths.consumers,
  ZkPaths.brokerIds,
  ZkPaths.topics,
  ZkPaths.configChanges,
  ZkPaths.deleteTopics,
  ZkPaths.brokerSeqId,
  ZkPaths.isrChangeNotification,
  ZkPaths.producerIdBlock,
  ZkPaths.logDirEventNotification,
  ...CONFIG_ENTITY_TYPES.map((t) => ZkPaths.configEntityType(t)),
]

/**
 * Kafka's Sanitizer.sanitize for user and client-id entity names in config paths: URL encoding
 * where only [A-Za-z0-9._-] stay as they are (so '*' is %2A and a space %20).
 */
export function sanitizeEntityName(name: string): string {
  let out = ''
  for (const byte of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9._-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

export function desanitizeEntityName(name: string): string {
  return decodeURIComponent(name)
}

// ---- /cluster/id ---------------------------------------------------------------------------------

export const ClusterIdZNode = {
  /** Kafka writes the version as a string here. */
  encode: (id: string): Buffer => encodeJson({ version: '1', id }),
  decode: (bytes: Buffer): string => Fields.parse(ZkPaths.clusterId, bytes).string('id'),
}

// ---- /brokers/ids/<id> ---------------------------------------------------------------------------

export interface BrokerEndpoint {
  /** the listener name, e.g. PLAINTEXT or INTERNAL */
  listener: string
  host: string
  port: number
  /** PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL */
  securityProtocol: string
}

export interface BrokerRegistrationInfo {
  id: number
  endpoints: BrokerEndpoint[]
  rack: string | null
  /** -1 when JMX is off */
  jmxPort: number
  /** registration time, ms */
  timestamp: number
  /** KIP-584 supported features: name -> range; Kafka's ZooKeeper-mode brokers register {} */
  features: Record<string, { min_version: number; max_version: number }>
  /** JSON version read (5 written) */
  version: number
}

/** `PLAINTEXT://host:9092`, `[::1]:9092` for IPv6 (Kafka's EndPoint.connectionString). */
export function endpointString(e: Pick<BrokerEndpoint, 'listener' | 'host' | 'port'>): string {
  const host = e.host.includes(':') ? `[${e.host}]` : e.host
  return `${e.listener}://${host}:${e.port}`
}

const ENDPOINT_RE = /^(.*):\/\/\[?([0-9a-zA-Z\-%._:]*?)\]?:(-?[0-9]+)$/

export function parseEndpoint(s: string, protocolMap: Record<string, string> | null, path = 'endpoint'): BrokerEndpoint {
  const m = ENDPOINT_RE.exec(s)
  if (m === null) throw new ZNodeDataError(path, `unparseable endpoint ${JSON.stringify(s)}`)
  const listener = m[1]!
  // without a map, the listener name is the security protocol's (Kafka's default mapping)
  const securityProtocol = protocolMap?.[listener] ?? listener
  return { listener, host: m[2]!, port: Number(m[3]), securityProtocol }
}

export const BrokerIdZNode = {
  /** Version 5 registration JSON. `host`/`port` repeat the first PLAINTEXT endpoint for old clients (null/-1 without one). */
  encode(
    info: Omit<BrokerRegistrationInfo, 'version' | 'features' | 'jmxPort' | 'timestamp'> &
      Partial<Pick<BrokerRegistrationInfo, 'features' | 'jmxPort' | 'timestamp'>>,
  ): Buffer {
    const plaintext = info.endpoints.find((e) => e.securityProtocol === 'PLAINTEXT')
    const json: Record<string, unknown> = {
      version: 5,
      host: plaintext?.host ?? null,
      port: plaintext?.port ?? -1,
      endpoints: info.endpoints.map(endpointString),
      listener_security_protocol_map: Object.fromEntries(info.endpoints.map((e) => [e.listener, e.securityProtocol])),
      jmx_port: info.jmxPort ?? -1,
      timestamp: String(info.timestamp ?? Date.now()),
      features: info.features ?? {},
    }
    if (info.rack !== null) json['rack'] = info.rack
    return encodeJson(json)
  },

  decode(id: number, bytes: Buffer): BrokerRegistrationInfo {
    const f = Fields.parse(ZkPaths.brokerId(id), bytes)
    const version = f.int('version')
    let endpoints: BrokerEndpoint[]
    if (version < 1) throw new ZNodeDataError(f.path, `unsupported registration version ${version}`)
    if (version === 1) {
      endpoints = [{ listener: 'PLAINTEXT', host: f.string('host'), port: f.int('port'), securityProtocol: 'PLAINTEXT' }]
    } else {
      const map = f.has('listener_security_protocol_map') ? f.stringMap('listener_security_protocol_map') : null
      endpoints = f.stringArray('endpoints').map((s) => parseEndpoint(s, map, f.path))
    }
    const features: BrokerRegistrationInfo['features'] = {}
    const feats = f.optionalObject('features')
    if (feats !== null) {
      for (const name of Object.keys(feats.obj)) {
        const r = feats.object(name)
        features[name] = { min_version: r.int('min_version'), max_version: r.int('max_version') }
      }
    }
    return {
      id,
      endpoints,
      rack: f.optionalString('rack'),
      jmxPort: f.has('jmx_port') ? f.int('jmx_port') : -1,
      timestamp: f.has('timestamp') ? Number(f.longString('timestamp')) : 0,
      features,
      version,
    }
  },
}

// ---- /controller, /controller_epoch --------------------------------------------------------------

export interface ControllerRegistration {
  brokerId: number
  timestamp: number
  /** set only by a KRaft controller during a migration; -1 otherwise */
  kraftControllerEpoch: number
}

export const ControllerZNode = {
  encode: (brokerId: number, timestamp = Date.now()): Buffer =>
    encodeJson({ version: 2, brokerid: brokerId, timestamp: String(timestamp), kraftControllerEpoch: -1 }),
  decode(bytes: Buffer): ControllerRegistration {
    const f = Fields.parse(ZkPaths.controller, bytes)
    return {
      brokerId: f.int('brokerid'),
      timestamp: f.has('timestamp') ? Number(f.longString('timestamp')) : 0,
      kraftControllerEpoch: f.has('kraftControllerEpoch') ? f.int('kraftControllerEpoch') : -1,
    }
  },
}

export const ControllerEpochZNode = {
  /** The epoch as a decimal string, not JSON. */
  encode: (epoch: number): Buffer => Buffer.from(String(epoch), 'utf8'),
  decode(bytes: Buffer): number {
    const s = bytes.toString('utf8')
    if (!/^\d+$/.test(s)) throw new ZNodeDataError(ZkPaths.controllerEpoch, `not an epoch: ${JSON.stringify(s)}`)
    return Number(s)
  },
}

// ---- /brokers/topics/<topic> ---------------------------------------------------------------------

export interface ReplicaAssignment {
  replicas: number[]
  addingReplicas: number[]
  removingReplicas: number[]
}

export interface TopicAssignment {
  /** Kafka's topic id (22-character base64 uuid); null in znodes written before Kafka 2.8 */
  topicId: string | null
  partitions: Map<number, ReplicaAssignment>
}

export const TopicZNode = {
  encode(a: TopicAssignment): Buffer {
    const partitions: Record<string, number[]> = {}
    const adding: Record<string, number[]> = {}
    const removing: Record<string, number[]> = {}
    for (const [p, r] of [...a.partitions].sort((x, y) => x[0] - y[0])) {
      partitions[p] = r.replicas
      if (r.addingReplicas.length > 0) adding[p] = r.addingReplicas
      if (r.removingReplicas.length > 0) removing[p] = r.removingReplicas
    }
    const json: Record<string, unknown> = { version: 3 }
    if (a.topicId !== null) json['topic_id'] = a.topicId
    Object.assign(json, { partitions, adding_replicas: adding, removing_replicas: removing })
    return encodeJson(json)
  },

  decode(topic: string, bytes: Buffer): TopicAssignment {
    const f = Fields.parse(ZkPaths.topic(topic), bytes)
    const adding = f.optionalObject('adding_replicas')
    const removing = f.optionalObject('removing_replicas')
    const partitions = new Map<number, ReplicaAssignment>()
    const parts = f.optionalObject('partitions')
    for (const [key, replicas] of Object.entries(parts?.obj ?? {})) {
      const p = Number(key)
      if (!Number.isInteger(p) || p < 0) throw new ZNodeDataError(f.path, `bad partition number ${JSON.stringify(key)}`)
      partitions.set(p, {
        replicas: intArray(f, `partitions.${key}`, replicas),
        addingReplicas: adding?.has(key) === true ? adding.intArray(key) : [],
        removingReplicas: removing?.has(key) === true ? removing.intArray(key) : [],
      })
    }
    return { topicId: f.optionalString('topic_id'), partitions }
  },
}

// ---- /brokers/topics/<topic>/partitions/<p>/state ------------------------------------------------

export interface PartitionState {
  leader: number
  leaderEpoch: number
  /** the epoch of the controller that wrote this state */
  controllerEpoch: number
  isr: number[]
  /** 0 RECOVERED, 1 RECOVERING (KIP-704); written only when not 0 */
  leaderRecoveryState: number
}

export const PartitionStateZNode = {
  encode(s: PartitionState): Buffer {
    const json: Record<string, unknown> = {
      version: 1,
      leader: s.leader,
      leader_epoch: s.leaderEpoch,
      controller_epoch: s.controllerEpoch,
      isr: s.isr,
    }
    if (s.leaderRecoveryState !== 0) json['leader_recovery_state'] = s.leaderRecoveryState
    return encodeJson(json)
  },

  /** The state plus its zkVersion, the partition epoch that conditional updates expect. */
  decode(topic: string, partition: number, bytes: Buffer, stat: Pick<Stat, 'version'>): PartitionState & { zkVersion: number } {
    const f = Fields.parse(ZkPaths.partitionState(topic, partition), bytes)
    return {
      leader: f.int('leader'),
      leaderEpoch: f.int('leader_epoch'),
      controllerEpoch: f.int('controller_epoch'),
      isr: f.intArray('isr'),
      leaderRecoveryState: f.has('leader_recovery_state') ? f.int('leader_recovery_state') : 0,
      zkVersion: stat.version,
    }
  },
}

// ---- /config/<type>/<name>, /config/changes ------------------------------------------------------

export const ConfigEntityZNode = {
  encode: (config: Record<string, string>): Buffer => encodeJson({ version: 1, config }),
  decode(path: string, bytes: Buffer): Record<string, string> {
    if (bytes.length === 0) return {}
    const f = Fields.parse(path, bytes)
    return f.has('config') ? f.stringMap('config') : {}
  },
}

export const ConfigChangeNotificationZNode = {
  /** `entityPath` is `<type>/<sanitized name>`, e.g. `topics/orders` or `brokers/<default>`. */
  encode: (entityPath: string): Buffer => encodeJson({ version: 2, entity_path: entityPath }),
  entityPath: (type: ConfigEntityType, name: string): string => `${type}/${type === 'users' || type === 'clients' ? sanitizeEntityName(name) : name}`,
  decode(path: string, bytes: Buffer): { entityType: ConfigEntityType; entityName: string } {
    const f = Fields.parse(path, bytes)
    const version = f.int('version')
    if (version !== 2) throw new ZNodeDataError(path, `unsupported config change version ${version}`)
    const entityPath = f.string('entity_path')
    const slash = entityPath.indexOf('/')
    const type = entityPath.slice(0, slash) as ConfigEntityType
    if (slash < 0 || !CONFIG_ENTITY_TYPES.includes(type)) throw new ZNodeDataError(path, `bad entity_path ${JSON.stringify(entityPath)}`)
    return { entityType: type, entityName: entityPath.slice(slash + 1) }
  },
}

// ---- notifications and admin requests ------------------------------------------------------------

export interface TopicPartitionRef {
  topic: string
  partition: number
}

function partitionsJson(list: readonly TopicPartitionRef[]): Array<{ topic: string; partition: number }> {
  return list.map((p) => ({ topic: p.topic, partition: p.partition }))
}

function decodePartitions(f: Fields): TopicPartitionRef[] {
  return f.array('partitions').map((p) => ({ topic: p.string('topic'), partition: p.int('partition') }))
}

/** /isr_change_notification/isr_change_<seq>: partitions whose ISR a leader changed (before KIP-497). */
export const IsrChangeNotificationZNode = {
  encode: (partitions: readonly TopicPartitionRef[]): Buffer => encodeJson({ version: 1, partitions: partitionsJson(partitions) }),
  decode: (path: string, bytes: Buffer): TopicPartitionRef[] => decodePartitions(Fields.parse(path, bytes)),
}

/** /log_dir_event_notification/log_dir_event_<seq>: a broker's log directory failed. */
export const LogDirEventNotificationZNode = {
  encode: (brokerId: number): Buffer => encodeJson({ version: 1, broker: brokerId, event: 1 }),
  decode: (path: string, bytes: Buffer): number => Fields.parse(path, bytes).int('broker'),
}

/** /admin/preferred_replica_election (legacy request). */
export const PreferredReplicaElectionZNode = {
  encode: (partitions: readonly TopicPartitionRef[]): Buffer => encodeJson({ version: 1, partitions: partitionsJson(partitions) }),
  decode: (bytes: Buffer): TopicPartitionRef[] => decodePartitions(Fields.parse(ZkPaths.preferredReplicaElection, bytes)),
}

/** /admin/reassign_partitions (legacy request, before the AlterPartitionReassignments API). */
export const ReassignPartitionsZNode = {
  encode: (list: ReadonlyArray<TopicPartitionRef & { replicas: number[] }>): Buffer =>
    encodeJson({ version: 1, partitions: list.map((p) => ({ topic: p.topic, partition: p.partition, replicas: p.replicas })) }),
  decode: (bytes: Buffer): Array<TopicPartitionRef & { replicas: number[] }> =>
    Fields.parse(ZkPaths.reassignPartitions, bytes)
      .array('partitions')
      .map((p) => ({ topic: p.string('topic'), partition: p.int('partition'), replicas: p.intArray('replicas') })),
}

// ---- /latest_producer_id_block -------------------------------------------------------------------

export interface ProducerIdBlock {
  assignedBrokerId: number
  firstProducerId: bigint
  /** inclusive */
  lastProducerId: bigint
}

export const ProducerIdBlockZNode = {
  encode: (b: ProducerIdBlock): Buffer =>
    encodeJson({ version: 1, broker: b.assignedBrokerId, block_start: String(b.firstProducerId), block_end: String(b.lastProducerId) }),
  decode(bytes: Buffer): ProducerIdBlock {
    const f = Fields.parse(ZkPaths.producerIdBlock, bytes)
    return { assignedBrokerId: f.int('broker'), firstProducerId: f.longString('block_start'), lastProducerId: f.longString('block_end') }
  },
}

// ---- ACLs ----------------------------------------------------------------------------------------

export interface AclEntry {
  /** e.g. User:alice */
  principal: string
  /** Allow or Deny */
  permissionType: string
  /** Read, Write, Create, Describe, All, ... */
  operation: string
  host: string
}

/** /kafka-acl/<Type>/<name> and /kafka-acl-extended/...: every ACL of one resource pattern. */
export const ResourceAclZNode = {
  encode: (acls: readonly AclEntry[]): Buffer =>
    encodeJson({ version: 1, acls: acls.map((a) => ({ principal: a.principal, permissionType: a.permissionType, operation: a.operation, host: a.host })) }),
  decode: (path: string, bytes: Buffer): AclEntry[] =>
    Fields.parse(path, bytes)
      .array('acls')
      .map((a) => ({
        principal: a.string('principal'),
        permissionType: a.string('permissionType'),
        operation: a.string('operation'),
        host: a.string('host'),
      })),
}

/** Change notifications: literal ones are the text `<Type>:<name>`, extended ones JSON. */
export const AclChangeZNode = {
  encodeLiteral: (resourceType: string, name: string): Buffer => Buffer.from(`${resourceType}:${name}`, 'utf8'),
  encodeExtended: (resourceType: string, name: string, patternType: string): Buffer => encodeJson({ version: 1, resourceType, name, patternType }),
}
