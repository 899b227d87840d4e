/** Topics: list, create, delete, add partitions, configs, and a topic's partitions and groups. */
import { tpKey, type ConfigOp } from '../../client/index.js'
import { attempt } from './cluster-api.js'
import type { ConsoleContext } from './context.js'
import { badRequest } from './errors.js'
import { groupLag } from './group-lag.js'
import { boolParam, intParam, mapLimit, stringParam } from './params.js'
import { Reply, type Router } from './router.js'

export function registerTopicsApi(router: Router, ctx: ConsoleContext): void {
  router.add('GET', '/api/topics', async (req) => {
    const internal = boolParam(req.query.get('internal'))
    const [topics, dirs] = await Promise.all([ctx.admin.describeTopics(undefined, { internal }), attempt(ctx.admin.describeLogDirs())])
    const sizes = new Map<string, bigint>()
    for (const d of dirs.value ?? []) for (const p of d.partitions) sizes.set(p.topic, (sizes.get(p.topic) ?? 0n) + p.size)
    return {
      topics: topics.map((t) => ({
        name: t.name,
        internal: t.isInternal,
        partitions: t.partitions.length,
        replicationFactor: t.partitions[0]?.replicas.length ?? 0,
        underReplicated: t.partitions.filter((p) => p.isr.length < p.replicas.length).length,
        offline: t.partitions.filter((p) => p.leader < 0).length,
        records: t.partitions.reduce((n, p) => n + (p.endOffset > p.startOffset ? p.endOffset - p.startOffset : 0n), 0n),
        sizeBytes: dirs.value === undefined ? null : (sizes.get(t.name) ?? 0n),
      })),
      sizesError: dirs.error ?? null,
    }
  })

  router.add('POST', '/api/topics', async (req) => {
    const body = await req.json()
    const name = stringParam(body.name, 'name').trim()
    const partitions = intParam(body.partitions, 'partitions', { min: 1, max: 100_000, fallback: -1 })
    const replicationFactor = intParam(body.replicationFactor, 'replicationFactor', { min: 1, max: 32_767, fallback: -1 })
    const configs = stringMap(body.configs, 'configs')
    const [created] = await ctx.admin.createTopics([
      {
        name,
        ...(partitions > 0 ? { partitions } : {}),
        ...(replicationFactor > 0 ? { replicationFactor } : {}),
        configs,
      },
    ])
    return new Reply(201, created)
  })

  router.add('GET', '/api/topics/:name', async (req) => {
    const name = req.params.name!
    const [topic] = await ctx.admin.describeTopics([name])
    const t = topic!
    const [dirs, groups] = await Promise.all([attempt(ctx.admin.describeLogDirs()), attempt(consumingGroups(ctx, name))])
    const sizes = new Map<number, bigint>()
    for (const d of dirs.value ?? []) for (const p of d.partitions) if (p.topic === name) sizes.set(p.partition, (sizes.get(p.partition) ?? 0n) + p.size)
    return {
      name: t.name,
      topicId: t.topicId,
      internal: t.isInternal,
      partitions: t.partitions.map((p) => ({
        ...p,
        records: p.endOffset > p.startOffset ? p.endOffset - p.startOffset : 0n,
        sizeBytes: sizes.get(p.partition) ?? null,
      })),
      groups: groups.value ?? null,
      groupsError: groups.error ?? null,
    }
  })

  router.add('DELETE', '/api/topics/:name', async (req) => {
    await ctx.admin.deleteTopics([req.params.name!])
    return { deleted: req.params.name }
  })

  // Purge: every record goes (DeleteRecords to each partition's high watermark), the topic stays.
  router.add('POST', '/api/topics/:name/purge', async (req) => {
    const name = req.params.name!
    const [t] = await ctx.admin.describeTopics([name])
    const low = await ctx.admin.deleteRecords(t!.partitions.map((p) => ({ topic: name, partition: p.partition, offset: -1n })))
    return { topic: name, partitions: t!.partitions.map((p) => ({ partition: p.partition, logStartOffset: low.get(tpKey(name, p.partition)) ?? null })) }
  })

  router.add('POST', '/api/topics/:name/partitions', async (req) => {
    const body = await req.json()
    const count = intParam(body.count, 'count', { min: 1, max: 100_000 })
    await ctx.admin.createPartitions(req.params.name!, count)
    return { topic: req.params.name, partitions: count }
  })

  router.add('GET', '/api/topics/:name/configs', async (req) => {
    const configs = await ctx.admin.describeConfigs({ type: 'topic', name: req.params.name! }, { synonyms: true, documentation: true })
    return { topic: req.params.name, configs }
  })

  router.add('PATCH', '/api/topics/:name/configs', async (req) => {
    const body = await req.json()
    const set = stringMap(body.set, 'set')
    const del = body.delete === undefined ? [] : body.delete
    if (!Array.isArray(del) || !del.every((d) => typeof d === 'string')) throw badRequest('delete must be a list of config names')
    const ops: ConfigOp[] = [
      ...Object.entries(set).map(([name, value]) => ({ name, op: 'set' as const, value })),
      ...(del as string[]).map((name) => ({ name, op: 'delete' as const })),
    ]
    if (ops.length === 0) throw badRequest('nothing to change: give set and/or delete')
    await ctx.admin.alterConfigs({ type: 'topic', name: req.params.name! }, ops)
    return { topic: req.params.name, changed: ops.map((o) => o.name) }
  })
}

/** Groups with committed offsets on (or members assigned to) a topic, with their lag on it. */
async function consumingGroups(ctx: ConsoleContext, topic: string) {
  const groups = await ctx.admin.listGroups()
  const lags = await mapLimit(groups, 4, (g) => attempt(groupLag(ctx, g.groupId)))
  const out = []
  for (const l of lags) {
    const g = l.value
    if (g === undefined || !g.topics.includes(topic)) continue
    const parts = g.partitions.filter((p) => p.topic === topic)
    out.push({
      groupId: g.groupId,
      state: g.state,
      members: g.members.length,
      lag: parts.reduce((s, p) => s + (p.lag ?? 0n), 0n),
      partitions: parts.map((p) => ({ partition: p.partition, committed: p.committed, lag: p.lag, key: tpKey(p.topic, p.partition) })),
    })
  }
  return out
}

function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${name} must be an object of name: value`)
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(value)) {
    if (k.trim() === '') continue
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw badRequest(`${name}.${k} must be a string`)
    out[k.trim()] = String(v)
  }
  return out
}
