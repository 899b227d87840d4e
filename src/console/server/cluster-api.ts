/** Overview, brokers, broker configs and log dirs, and the rate samples for the overview chart. */
import type { LogDirDescription } from '../../client/admin.js'
import type { ConsoleContext } from './context.js'
import { intParam } from './params.js'
import type { Router } from './router.js'
import type { RateSampler } from './sampler.js'

/** Settles a promise into `{ value }` or `{ error }`, so one failing part does not blank a page. */
export async function attempt<T>(p: Promise<T>): Promise<{ value: T; error?: undefined } | { value?: undefined; error: string }> {
  try {
    return { value: await p }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) }
  }
}

function summarizeLogDirs(dirs: LogDirDescription[]) {
  return dirs.map((d) => ({
    broker: d.broker,
    path: d.logDir,
    error: d.errorCode === 0 ? null : d.errorCode,
    totalBytes: d.totalBytes < 0n ? null : d.totalBytes,
    usableBytes: d.usableBytes < 0n ? null : d.usableBytes,
    sizeBytes: d.partitions.reduce((s, p) => s + p.size, 0n),
    partitions: d.partitions.length,
  }))
}

export function registerClusterApi(router: Router, ctx: ConsoleContext, sampler: RateSampler): void {
  router.add('GET', '/api/overview', async () => {
    sampler.touch()
    const cluster = await ctx.admin.describeCluster()
    const [topics, logDirs, groups] = await Promise.all([
      attempt(ctx.admin.describeTopics(undefined, { internal: true })),
      attempt(ctx.admin.describeLogDirs()),
      attempt(ctx.admin.listGroups()),
    ])
    const visible = topics.value?.filter((t) => !t.isInternal)
    const all = topics.value?.flatMap((t) => t.partitions)
    return {
      bootstrap: ctx.bootstrap,
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId,
      brokers: cluster.brokers.map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack, controller: b.nodeId === cluster.controllerId })),
      topics: visible?.length ?? null,
      internalTopics: topics.value === undefined ? null : topics.value.length - visible!.length,
      partitions: visible?.reduce((s, t) => s + t.partitions.length, 0) ?? null,
      // Internal topics count here: a __consumer_offsets partition without a leader stops groups.
      underReplicatedPartitions: all?.filter((p) => p.isr.length < p.replicas.length).length ?? null,
      offlinePartitions: all?.filter((p) => p.leader < 0).length ?? null,
      records:
        visible?.reduce((s, t) => s + t.partitions.reduce((n, p) => n + (p.endOffset > p.startOffset ? p.endOffset - p.startOffset : 0n), 0n), 0n) ?? null,
      groups: groups.value?.length ?? null,
      groupsError: groups.error ?? null,
      diskBytes: logDirs.value?.reduce((s, d) => s + d.partitions.reduce((n, p) => n + p.size, 0n), 0n) ?? null,
      logDirs: logDirs.value === undefined ? null : summarizeLogDirs(logDirs.value),
      logDirsError: logDirs.error ?? null,
      sampleIntervalMs: sampler.intervalMs,
    }
  })

  router.add('GET', '/api/rates', () => {
    sampler.touch()
    return { intervalMs: sampler.intervalMs, samples: sampler.samples() }
  })

  router.add('GET', '/api/brokers', async () => {
    const cluster = await ctx.admin.describeCluster()
    const [logDirs, topics] = await Promise.all([attempt(ctx.admin.describeLogDirs()), attempt(ctx.admin.describeTopics(undefined, { internal: true }))])
    const dirs = logDirs.value === undefined ? [] : summarizeLogDirs(logDirs.value)
    // Partitions each broker leads and hosts (a replica), from the partitions' metadata.
    const leads = new Map<number, number>()
    const hosts = new Map<number, number>()
    // Kafka's per-broker UnderReplicatedPartitions: partitions it leads with replicas out of sync.
    const underReplicated = new Map<number, number>()
    for (const t of topics.value ?? []) {
      for (const p of t.partitions) {
        leads.set(p.leader, (leads.get(p.leader) ?? 0) + 1)
        if (p.isr.length < p.replicas.length) underReplicated.set(p.leader, (underReplicated.get(p.leader) ?? 0) + 1)
        for (const r of p.replicas) hosts.set(r, (hosts.get(r) ?? 0) + 1)
      }
    }
    return {
      controllerId: cluster.controllerId,
      offlinePartitions: topics.value === undefined ? null : (leads.get(-1) ?? 0),
      brokers: cluster.brokers.map((b) => ({
        id: b.nodeId,
        leaderOf: topics.value === undefined ? null : (leads.get(b.nodeId) ?? 0),
        replicas: topics.value === undefined ? null : (hosts.get(b.nodeId) ?? 0),
        underReplicated: topics.value === undefined ? null : (underReplicated.get(b.nodeId) ?? 0),
        host: b.host,
        port: b.port,
        rack: b.rack,
        controller: b.nodeId === cluster.controllerId,
        logDirs: dirs.filter((d) => d.broker === b.nodeId),
      })),
      logDirsError: logDirs.error ?? null,
    }
  })

  router.add('GET', '/api/brokers/:id/configs', async (req) => {
    const id = intParam(req.params.id, 'broker id', { min: 0 })
    const configs = await ctx.admin.describeConfigs({ type: 'broker', name: String(id) }, { synonyms: true, documentation: true })
    return { broker: id, configs }
  })

  router.add('GET', '/api/brokers/:id/log-dirs', async (req) => {
    const id = intParam(req.params.id, 'broker id', { min: 0 })
    const dirs = await ctx.admin.describeLogDirs([id])
    return {
      broker: id,
      logDirs: dirs.map((d) => ({
        ...summarizeLogDirs([d])[0],
        topics: Object.entries(
          d.partitions.reduce<Record<string, { partitions: number; sizeBytes: bigint }>>((acc, p) => {
            const t = (acc[p.topic] ??= { partitions: 0, sizeBytes: 0n })
            t.partitions++
            t.sizeBytes += p.size
            return acc
          }, {}),
        )
          .map(([topic, v]) => ({ topic, ...v }))
          .sort((a, b) => (b.sizeBytes > a.sizeBytes ? 1 : b.sizeBytes < a.sizeBytes ? -1 : a.topic.localeCompare(b.topic))),
      })),
    }
  })

  router.add('GET', '/api/health', async () => {
    const reachable = await attempt(ctx.admin.describeCluster())
    return { bootstrap: ctx.bootstrap, reachable: reachable.error === undefined, error: reachable.error ?? null }
  })
}
