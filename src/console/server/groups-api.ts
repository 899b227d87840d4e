/**
 * Consumer groups: list with state, members, topics and lag; detail with per-partition lag;
 * offset resets and deletion. Kafka lets offsets be reset only while a group has no members
 * (its consumers are stopped), so a reset of an active group is refused with a 409 that says so.
 */
import { listOffsets, tpKey } from '../../client/index.js'
import { attempt } from './cluster-api.js'
import type { ConsoleContext } from './context.js'
import { badRequest, conflict } from './errors.js'
import { groupLag } from './group-lag.js'
import { bigintParam, mapLimit, oneOf, timestampParam } from './params.js'
import type { Router } from './router.js'

const RESETTABLE_STATES = new Set(['Empty', 'Dead'])

export function registerGroupsApi(router: Router, ctx: ConsoleContext): void {
  router.add('GET', '/api/groups', async () => {
    const groups = await ctx.admin.listGroups()
    const lags = await mapLimit(groups, 4, (g) => attempt(groupLag(ctx, g.groupId)))
    return {
      groups: groups.map((g, i) => {
        const l = lags[i]!
        return {
          groupId: g.groupId,
          state: l.value?.state ?? g.state,
          protocolType: g.protocolType,
          type: g.type,
          members: l.value?.members.length ?? null,
          topics: l.value?.topics ?? [],
          lag: l.value?.totalLag ?? null,
          error: l.error ?? null,
        }
      }),
    }
  })

  router.add('GET', '/api/groups/:id', async (req) => ({ ...(await groupLag(ctx, req.params.id!)), sampledAt: Date.now() }))

  router.add('DELETE', '/api/groups/:id', async (req) => {
    await ctx.admin.deleteGroups([req.params.id!])
    return { deleted: req.params.id }
  })

  router.add('POST', '/api/groups/:id/reset-offsets', async (req) => {
    const groupId = req.params.id!
    const body = await req.json()
    const strategy = oneOf(body.strategy, 'strategy', ['earliest', 'latest', 'timestamp', 'offset', 'shift'] as const)
    const topicFilter = body.topic === undefined || body.topic === null || body.topic === '' ? null : String(body.topic)
    const partitionFilter = body.partition === undefined || body.partition === null || body.partition === '' ? null : Number(body.partition)
    const dryRun = body.dryRun === true

    const group = await groupLag(ctx, groupId)
    if (!RESETTABLE_STATES.has(group.state)) {
      throw conflict(
        `group ${groupId} is ${group.state} with ${group.members.length} member(s); Kafka resets offsets only for an empty group, so stop its consumers first`,
      )
    }
    let targets = group.partitions.filter(
      (p) => (topicFilter === null || p.topic === topicFilter) && (partitionFilter === null || p.partition === partitionFilter),
    )
    if (topicFilter !== null && targets.length === 0) {
      // A topic the group has not consumed yet: reset every partition of it.
      const t = await ctx.cluster.topic(topicFilter, { refresh: true })
      targets = t.partitions
        .filter((p) => partitionFilter === null || p.partition === partitionFilter)
        .map((p) => ({ topic: topicFilter, partition: p.partition, committed: null, end: null, lag: null, memberId: null, clientId: null }))
    }
    if (targets.length === 0) throw badRequest(`group ${groupId} has no committed offsets to reset${topicFilter === null ? '' : ` on ${topicFilter}`}`)

    const tps = targets.map((t) => ({ topic: t.topic, partition: t.partition }))
    const [starts, ends] = await Promise.all([
      listOffsets(
        ctx.cluster,
        tps.map((tp) => ({ ...tp, spec: 'earliest' as const })),
      ),
      listOffsets(
        ctx.cluster,
        tps.map((tp) => ({ ...tp, spec: 'latest' as const })),
      ),
    ])
    let wanted: Map<string, bigint>
    if (strategy === 'earliest') wanted = new Map([...starts].map(([k, v]) => [k, v.offset]))
    else if (strategy === 'latest') wanted = new Map([...ends].map(([k, v]) => [k, v.offset]))
    else if (strategy === 'offset') {
      const offset = bigintParam(body.offset, 'offset')
      wanted = new Map(tps.map((tp) => [tpKey(tp.topic, tp.partition), offset]))
    } else if (strategy === 'shift') {
      // As kafka-consumer-groups.sh --shift-by: from the committed offset (the end without one), clamped below.
      const shift = bigintParam(body.shift, 'shift')
      wanted = new Map(
        targets.map((t) => {
          const k = tpKey(t.topic, t.partition)
          const from = t.committed !== null && t.committed >= 0n ? t.committed : (ends.get(k)?.offset ?? 0n)
          return [k, from + shift]
        }),
      )
    } else {
      const ts = timestampParam(body.timestamp, 'timestamp')
      const found = await listOffsets(
        ctx.cluster,
        tps.map((tp) => ({ ...tp, spec: { timestamp: ts } })),
      )
      // No record at or after the time: the end, as kafka-consumer-groups --to-datetime does.
      wanted = new Map(
        tps.map((tp) => {
          const k = tpKey(tp.topic, tp.partition)
          const o = found.get(k)?.offset ?? -1n
          return [k, o >= 0n ? o : (ends.get(k)?.offset ?? 0n)]
        }),
      )
    }
    const offsets = targets.map((t) => {
      const k = tpKey(t.topic, t.partition)
      const lo = starts.get(k)?.offset ?? 0n
      const hi = ends.get(k)?.offset ?? 0n
      const w = wanted.get(k) ?? lo
      return { topic: t.topic, partition: t.partition, before: t.committed, after: w < lo ? lo : w > hi ? hi : w }
    })
    if (!dryRun)
      await ctx.admin.alterGroupOffsets(
        groupId,
        offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.after })),
      )
    return { groupId, strategy, dryRun, offsets }
  })
}
