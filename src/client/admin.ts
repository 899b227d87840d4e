/**
 * Administration: topics, partitions, configs, records, log dirs and the cluster. Group
 * administration lives in admin-groups.ts and is mixed in here, so callers use one `Admin`.
 * Each call goes where Kafka wants it: topic changes to the controller, configs of a broker to
 * that broker, offsets to partition leaders, and retries retriable failures.
 */
import { Cluster, tpKey, type ClusterOptions } from './cluster.js'
import { KafkaResponseError, check } from './errors.js'
import { topicOffsets } from './offsets.js'
import { GroupAdmin } from './admin-groups.js'

export interface NewTopic {
  name: string
  /** Default: the broker's num.partitions. */
  partitions?: number
  /** Default: the broker's default.replication.factor. */
  replicationFactor?: number
  configs?: Record<string, string>
}

export interface CreatedTopic {
  name: string
  topicId: string
  partitions: number
  replicationFactor: number
  /** True when `ifNotExists` was given and the topic was already there. */
  existed: boolean
}

export interface PartitionDescription {
  partition: number
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  offline: number[]
  startOffset: bigint
  endOffset: bigint
}

export interface TopicDescription {
  name: string
  topicId: string
  isInternal: boolean
  partitions: PartitionDescription[]
}

export type ResourceType = 'topic' | 'broker' | 'group'
const RESOURCE_TYPE: Record<ResourceType, number> = { topic: 2, broker: 4, group: 32 }

/** Kafka's ConfigSource names, by wire value. */
const CONFIG_SOURCES = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'CLIENT_METRICS_CONFIG',
  'GROUP_CONFIG',
] as const

export interface ConfigEntry {
  name: string
  value: string | null
  source: string
  isDefault: boolean
  readOnly: boolean
  sensitive: boolean
  documentation?: string | null
  /**
   * With `synonyms: true`: where the value would come from, highest precedence first (the
   * entry's own source, then e.g. the broker's setting and the default a delete falls back to).
   */
  synonyms?: { name: string; value: string | null; source: string }[]
}

export interface ConfigResource {
  type: ResourceType
  name: string
}

export type ConfigOp = { name: string; op: 'set' | 'append' | 'subtract'; value: string } | { name: string; op: 'delete' }
const CONFIG_OP = { set: 0, delete: 1, append: 2, subtract: 3 } as const

export interface ClusterDescription {
  clusterId: string | null
  controllerId: number
  brokers: { nodeId: number; host: string; port: number; rack: string | null }[]
}

export interface LogDirDescription {
  broker: number
  logDir: string
  errorCode: number
  totalBytes: bigint
  usableBytes: bigint
  partitions: { topic: string; partition: number; size: bigint; offsetLag: bigint }[]
}

export class Admin extends GroupAdmin {
  /** Creates an Admin with its own Cluster; `close()` closes it. */
  static async connect(options: ClusterOptions): Promise<Admin> {
    const cluster = new Cluster(options)
    try {
      await cluster.connect()
    } catch (err) {
      await cluster.close()
      throw err
    }
    return new Admin(cluster, true)
  }

  async createTopics(topics: readonly NewTopic[], opts: { ifNotExists?: boolean; validateOnly?: boolean; timeoutMs?: number } = {}): Promise<CreatedTopic[]> {
    return this.cluster.retry(async () => {
      const conn = await this.cluster.controllerConnection()
      const res = await conn.request('CreateTopics', (v) => ({
        topics: topics.map((t) => ({
          name: t.name,
          numPartitions: t.partitions ?? (v >= 4 ? -1 : 1),
          replicationFactor: t.replicationFactor ?? (v >= 4 ? -1 : 1),
          configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
        timeoutMs: opts.timeoutMs ?? 30_000,
        validateOnly: opts.validateOnly ?? false,
      }))
      const out: CreatedTopic[] = []
      for (const r of res.topics) {
        const existed = r.errorCode === 36 /* TOPIC_ALREADY_EXISTS */ && opts.ifNotExists === true
        if (!existed) check(r.errorCode, { topic: r.name }, r.errorMessage)
        out.push({ name: r.name, topicId: r.topicId, partitions: r.numPartitions, replicationFactor: r.replicationFactor, existed })
      }
      this.cluster.topics.clear()
      return out
    })
  }

  async deleteTopics(names: readonly string[], opts: { timeoutMs?: number } = {}): Promise<void> {
    await this.cluster.retry(async () => {
      const conn = await this.cluster.controllerConnection()
      const res = await conn.request('DeleteTopics', (v) => ({
        ...(v >= 6 ? { topics: names.map((name) => ({ name })) } : { topicNames: [...names] }),
        timeoutMs: opts.timeoutMs ?? 30_000,
      }))
      for (const r of res.responses) check(r.errorCode, { topic: r.name ?? r.topicId }, r.errorMessage)
      this.cluster.topics.clear()
    })
  }

  /** Raises a topic's partition count to `count`. */
  async createPartitions(topic: string, count: number, opts: { validateOnly?: boolean; timeoutMs?: number } = {}): Promise<void> {
    await this.cluster.retry(async () => {
      const conn = await this.cluster.controllerConnection()
      const res = await conn.request('CreatePartitions', {
        topics: [{ name: topic, count, assignments: null }],
        timeoutMs: opts.timeoutMs ?? 30_000,
        validateOnly: opts.validateOnly ?? false,
      })
      for (const r of res.results) check(r.errorCode, { topic: r.name }, r.errorMessage)
      this.cluster.topics.clear()
    })
  }

  /** Topic names, sorted; internal topics (`__consumer_offsets`) only when asked. */
  async listTopics(opts: { internal?: boolean } = {}): Promise<string[]> {
    const res = await this.cluster.retry(() => this.cluster.refreshMetadata(null))
    return [...res.values()]
      .filter((t) => t.errorCode === 0 && (opts.internal === true || !t.info.isInternal))
      .map((t) => t.info.name)
      .sort()
  }

  /** Leaders, replicas, ISR and start/end offsets; all topics when `names` is omitted. */
  async describeTopics(names?: readonly string[], opts: { internal?: boolean } = {}): Promise<TopicDescription[]> {
    const res = await this.cluster.retry(() => this.cluster.refreshMetadata(names ?? null))
    const infos = []
    for (const name of names ?? [...res.keys()].sort()) {
      const t = res.get(name)
      if (t === undefined) throw new KafkaResponseError(3, { topic: name })
      check(t.errorCode, { topic: name })
      if (names === undefined && t.info.isInternal && opts.internal !== true) continue
      infos.push(t.info)
    }
    const offsets = await topicOffsets(
      this.cluster,
      infos.map((t) => ({ name: t.name, partitions: t.partitions.filter((p) => p.leader >= 0) })),
    )
    return infos.map((t) => ({
      name: t.name,
      topicId: t.topicId,
      isInternal: t.isInternal,
      partitions: t.partitions.map((p) => {
        const o = offsets.get(tpKey(t.name, p.partition))
        return {
          partition: p.partition,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicas: p.replicas,
          isr: p.isr,
          offline: p.offline,
          startOffset: o?.start ?? -1n,
          endOffset: o?.end ?? -1n,
        }
      }),
    }))
  }

  /** Configs of topics and brokers (a broker's own configs come from that broker). */
  async describeConfigs(resource: ConfigResource, opts: { keys?: string[]; documentation?: boolean; synonyms?: boolean } = {}): Promise<ConfigEntry[]> {
    return this.cluster.retry(async () => {
      const conn =
        resource.type === 'broker' && resource.name !== '' ? await this.cluster.connection(Number(resource.name)) : await this.cluster.anyConnection()
      const res = await conn.request('DescribeConfigs', {
        resources: [{ resourceType: RESOURCE_TYPE[resource.type], resourceName: resource.name, configurationKeys: opts.keys ?? null }],
        includeSynonyms: opts.synonyms ?? false,
        includeDocumentation: opts.documentation ?? false,
      })
      const r = res.results[0]
      if (r === undefined) return []
      check(r.errorCode, resource.type === 'topic' ? { topic: resource.name } : { resource: `broker ${resource.name}` }, r.errorMessage)
      return r.configs
        .map((c) => {
          const source = c.configSource >= 0 ? (CONFIG_SOURCES[c.configSource] ?? 'UNKNOWN') : c.isDefault ? 'DEFAULT_CONFIG' : 'UNKNOWN'
          return {
            name: c.name,
            value: c.value,
            source,
            isDefault: c.configSource >= 0 ? c.configSource === 5 : c.isDefault,
            readOnly: c.readOnly,
            sensitive: c.isSensitive,
            ...(opts.documentation === true ? { documentation: c.documentation } : {}),
            ...(opts.synonyms === true
              ? { synonyms: c.synonyms.map((y) => ({ name: y.name, value: y.value, source: CONFIG_SOURCES[y.source] ?? 'UNKNOWN' })) }
              : {}),
          }
        })
        .sort((a, b) => a.name.localeCompare(b.name))
    })
  }

  /** IncrementalAlterConfigs: set, delete (back to default), append to or subtract from a list. */
  async alterConfigs(resource: ConfigResource, ops: readonly ConfigOp[], opts: { validateOnly?: boolean } = {}): Promise<void> {
    await this.cluster.retry(async () => {
      const conn =
        resource.type === 'broker' && resource.name !== '' ? await this.cluster.connection(Number(resource.name)) : await this.cluster.controllerConnection()
      const res = await conn.request('IncrementalAlterConfigs', {
        resources: [
          {
            resourceType: RESOURCE_TYPE[resource.type],
            resourceName: resource.name,
            configs: ops.map((o) => ({ name: o.name, configOperation: CONFIG_OP[o.op], value: o.op === 'delete' ? null : o.value })),
          },
        ],
        validateOnly: opts.validateOnly ?? false,
      })
      for (const r of res.responses) {
        check(r.errorCode, resource.type === 'topic' ? { topic: resource.name } : { resource: `broker ${resource.name}` }, r.errorMessage)
      }
    })
  }

  /** Cluster id, controller and brokers; DescribeCluster when the broker has it, else Metadata. */
  async describeCluster(): Promise<ClusterDescription> {
    return this.cluster.retry(async () => {
      const conn = await this.cluster.anyConnection()
      if (conn.versions.has(60)) {
        const res = await conn.request('DescribeCluster', { includeClusterAuthorizedOperations: false, endpointType: 1 })
        check(res.errorCode, { api: 'DescribeCluster' }, res.errorMessage)
        return {
          clusterId: res.clusterId,
          controllerId: res.controllerId,
          brokers: res.brokers.map((b) => ({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack })).sort((a, b) => a.nodeId - b.nodeId),
        }
      }
      await this.cluster.refreshMetadata([])
      return {
        clusterId: this.cluster.clusterId,
        controllerId: this.cluster.controllerId,
        brokers: [...this.cluster.brokers.values()].sort((a, b) => a.nodeId - b.nodeId),
      }
    })
  }

  /** Each broker's API version ranges, as it advertised them. */
  async apiVersions(): Promise<Map<number, { minVersion: number; maxVersion: number }>> {
    const conn = await this.cluster.anyConnection()
    return new Map(conn.versions)
  }

  /** Deletes records before `offset` (-1: all) in each partition; returns the new low watermarks. */
  async deleteRecords(items: readonly { topic: string; partition: number; offset: bigint }[]): Promise<Map<string, bigint>> {
    return this.cluster.retry(async () => {
      const out = new Map<string, bigint>()
      for (const [leader, list] of await this.cluster.byLeader(items)) {
        const conn = await this.cluster.connection(leader)
        const topics = new Map<string, { partitionIndex: number; offset: bigint }[]>()
        for (const it of list) {
          let ps = topics.get(it.topic)
          if (ps === undefined) topics.set(it.topic, (ps = []))
          ps.push({ partitionIndex: it.partition, offset: it.offset })
        }
        const res = await conn.request('DeleteRecords', { topics: [...topics].map(([name, partitions]) => ({ name, partitions })), timeoutMs: 30_000 })
        for (const t of res.topics) {
          for (const p of t.partitions) {
            check(p.errorCode, { topic: t.name, partition: p.partitionIndex })
            out.set(tpKey(t.name, p.partitionIndex), p.lowWatermark)
          }
        }
      }
      return out
    })
  }

  /** Log directories of each broker (all brokers when none named), with partition sizes. */
  async describeLogDirs(brokerIds?: readonly number[]): Promise<LogDirDescription[]> {
    if (this.cluster.brokers.size === 0) await this.cluster.refreshMetadata([])
    const ids = brokerIds ?? [...this.cluster.brokers.keys()].sort((a, b) => a - b)
    const out: LogDirDescription[] = []
    for (const id of ids) {
      const conn = await this.cluster.connection(id)
      const res = await conn.request('DescribeLogDirs', { topics: null })
      check(res.errorCode, { api: 'DescribeLogDirs', broker: String(id) })
      for (const d of res.results) {
        out.push({
          broker: id,
          logDir: d.logDir,
          errorCode: d.errorCode,
          totalBytes: d.totalBytes,
          usableBytes: d.usableBytes,
          partitions: d.topics.flatMap((t) =>
            t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, size: p.partitionSize, offsetLag: p.offsetLag })),
          ),
        })
      }
    }
    return out
  }
}
