/** `samsa groups list|describe|reset-offsets|delete` */
import type { Admin } from '../client/admin.js'
import { KafkaResponseError } from '../client/errors.js'
import type { OffsetSpec } from '../client/offsets.js'
import { type CommandSpec, UsageError, bigintOption, parseTime } from './command.js'
import { table } from './output.js'

const tpKey = (topic: string, partition: number): string => `${topic}:${partition}`
const offsets = (): Promise<typeof import('../client/offsets.js')> => import('../client/offsets.js')

const list: CommandSpec = {
  path: ['groups', 'list'],
  summary: 'List consumer groups',
  usage: '[options]',
  connects: true,
  options: { state: { type: 'string', value: 'STATE', multiple: true, description: 'Only groups in this state (Stable, Empty, ...)' } },
  examples: ['samsa groups list', 'samsa groups list --state Empty --json'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const states = (ctx.values.state as string[] | undefined) ?? []
    const groups = await (await ctx.admin()).listGroups({ states })
    if (ctx.json) return ctx.printJson(groups)
    if (groups.length === 0) return ctx.note('No groups.')
    ctx.print(
      table(
        ['GROUP', 'STATE', 'TYPE', 'PROTOCOL-TYPE'],
        groups.map((g) => [g.groupId, g.state || '-', g.type || '-', g.protocolType || '-']),
      ),
    )
  },
}

interface LagRow {
  topic: string
  partition: number
  committed: bigint | null
  end: bigint | null
  lag: bigint | null
  member: string | null
}

/** Members, and per partition the committed offset, end offset and lag. */
async function groupLag(admin: Admin, groupId: string): Promise<{ description: Awaited<ReturnType<Admin['describeGroup']>>; rows: LagRow[] }> {
  const description = await admin.describeGroup(groupId)
  const committed = await admin.listGroupOffsets(groupId)
  if (description.state === 'Dead' && committed.length === 0 && description.members.length === 0) {
    throw new KafkaResponseError(69, { group: groupId })
  }
  const rows = new Map<string, LagRow>()
  for (const c of committed)
    rows.set(tpKey(c.topic, c.partition), {
      topic: c.topic,
      partition: c.partition,
      committed: c.offset >= 0n ? c.offset : null,
      end: null,
      lag: null,
      member: null,
    })
  for (const m of description.members) {
    for (const [topic, parts] of m.assignment) {
      for (const partition of parts) {
        const k = tpKey(topic, partition)
        const row = rows.get(k) ?? { topic, partition, committed: null, end: null, lag: null, member: null }
        row.member = m.memberId
        rows.set(k, row)
      }
    }
  }
  const known = [...rows.values()]
  let ends = new Map<string, { offset: bigint }>()
  try {
    ends = await (await offsets()).listOffsets(
      admin.cluster,
      known.map((r) => ({ topic: r.topic, partition: r.partition, spec: 'latest' as const })),
    )
  } catch {
    // A deleted topic leaves committed offsets behind; show them without an end offset.
  }
  for (const r of rows.values()) {
    const end = ends.get(tpKey(r.topic, r.partition))?.offset
    r.end = end ?? null
    r.lag = end !== undefined && r.committed !== null ? (end - r.committed > 0n ? end - r.committed : 0n) : null
  }
  return { description, rows: [...rows.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition) }
}

const describe: CommandSpec = {
  path: ['groups', 'describe'],
  summary: 'Show members, assignments, committed offsets and lag',
  usage: 'GROUP [options]',
  connects: true,
  options: {},
  examples: ['samsa groups describe billing', 'samsa groups describe billing --json | jq ".partitions[] | .lag"'],
  async run(ctx) {
    const [groupId] = ctx.args(['GROUP'])
    const { description: d, rows } = await groupLag(await ctx.admin(), groupId!)
    const totalLag = rows.reduce((n, r) => n + (r.lag ?? 0n), 0n)
    if (ctx.json) {
      return ctx.printJson({
        groupId: d.groupId,
        state: d.state,
        protocolType: d.protocolType,
        protocol: d.protocol,
        members: d.members.map((m) => ({ ...m, assignment: Object.fromEntries(m.assignment) })),
        partitions: rows,
        totalLag,
      })
    }
    ctx.print(
      `Group: ${d.groupId}  State: ${d.state}  Protocol: ${protocolText(d.protocolType, d.protocol)}  Members: ${d.members.length}  Total lag: ${totalLag}`,
    )
    if (d.members.length > 0) {
      ctx.print('')
      ctx.print(
        table(
          ['MEMBER', 'CLIENT-ID', 'HOST', 'ASSIGNMENT'],
          d.members.map((m) => [m.memberId, m.clientId, m.clientHost, [...m.assignment].map(([t, ps]) => `${t}:${ps.join(',')}`).join(' ') || '-']),
        ),
      )
    }
    if (rows.length > 0) {
      ctx.print('')
      ctx.print(
        table(
          ['TOPIC', 'PARTITION', 'COMMITTED', 'END', 'LAG', 'MEMBER'],
          rows.map((r) => [r.topic, r.partition, r.committed, r.end, r.lag, r.member]),
        ),
      )
    }
  },
}

/**
 * The group's protocol type and assignor in words: an empty group has no assignor (its members
 * choose one when they join), and offsets committed without joining leave no protocol at all.
 */
function protocolText(protocolType: string, protocol: string): string {
  if (protocolType === '') return 'none (offsets committed without joining)'
  return protocol === '' ? `${protocolType}, no assignor until members join` : `${protocolType}, assignor ${protocol}`
}

/** `orders` or `orders:0,2` */
function parseTopicArg(s: string): { topic: string; partitions: number[] | undefined } {
  const at = s.indexOf(':')
  if (at < 0) return { topic: s, partitions: undefined }
  const parts = s
    .slice(at + 1)
    .split(',')
    .map((p) => Number(p.trim()))
  if (parts.some((p) => !Number.isInteger(p) || p < 0)) throw new UsageError(`--topic expects TOPIC or TOPIC:P1,P2, got "${s}"`, ['groups', 'reset-offsets'])
  return { topic: s.slice(0, at), partitions: parts }
}

const reset: CommandSpec = {
  path: ['groups', 'reset-offsets'],
  summary: "Move a group's committed offsets (dry run unless --execute)",
  usage: 'GROUP (--topic T... | --all-topics) (--to-earliest | --to-latest | --to-datetime T | --to-offset N | --shift-by N) [--execute]',
  description: 'Shows the plan by default. With --execute it commits the new offsets, which Kafka allows only while the group has no active members.',
  connects: true,
  options: {
    topic: { type: 'string', short: 't', value: 'TOPIC[:P,...]', multiple: true, description: 'A topic, or some of its partitions' },
    'all-topics': { type: 'boolean', description: 'Every topic the group has offsets for' },
    'to-earliest': { type: 'boolean', description: 'To the start of each partition' },
    'to-latest': { type: 'boolean', description: 'To the end of each partition (skip everything)' },
    'to-datetime': { type: 'string', value: 'TIME', description: 'To the first record at or after TIME (ISO or epoch ms)' },
    'to-offset': { type: 'string', value: 'N', description: 'To offset N (clamped to what exists)' },
    'shift-by': { type: 'string', value: 'N', description: 'By N from the committed offset (negative to re-read)' },
    execute: { type: 'boolean', description: 'Apply the change' },
    'dry-run': { type: 'boolean', description: 'Only show the plan (the default)' },
  },
  examples: [
    'samsa groups reset-offsets billing --topic orders --to-earliest',
    'samsa groups reset-offsets billing --topic orders --to-earliest --execute',
    'samsa groups reset-offsets billing --all-topics --shift-by -10 --execute',
    'samsa groups reset-offsets billing --topic orders:0 --to-datetime 2024-05-01T00:00:00Z --execute',
  ],
  async run(ctx) {
    const [groupId] = ctx.args(['GROUP'])
    const v = ctx.values
    const modes = ['to-earliest', 'to-latest', 'to-datetime', 'to-offset', 'shift-by'].filter((m) => v[m] !== undefined && v[m] !== false)
    if (modes.length !== 1) throw new UsageError('give exactly one of --to-earliest, --to-latest, --to-datetime, --to-offset, --shift-by', ctx.spec.path)
    const topicArgs = ((v.topic as string[] | undefined) ?? []).map(parseTopicArg)
    if (topicArgs.length > 0 === (v['all-topics'] === true)) throw new UsageError('give --topic or --all-topics', ctx.spec.path)
    if (v.execute === true && v['dry-run'] === true) throw new UsageError('--execute and --dry-run contradict each other', ctx.spec.path)
    const toOffset = bigintOption(v, 'to-offset')
    const shift = bigintOption(v, 'shift-by')
    const at = v['to-datetime'] !== undefined ? parseTime(String(v['to-datetime']), 'to-datetime') : undefined

    const admin = await ctx.admin()
    const execute = v.execute === true
    if (execute) {
      const d = await admin.describeGroup(groupId!)
      if (d.members.length > 0 || !['Empty', 'Dead', ''].includes(d.state)) {
        throw new KafkaResponseError(
          68,
          { group: groupId! },
          `group ${groupId} is ${d.state} with ${d.members.length} member(s): stop its consumers before resetting offsets`,
        )
      }
    }
    const committed = await admin.listGroupOffsets(groupId!)
    const current = new Map(committed.map((c) => [tpKey(c.topic, c.partition), c.offset]))
    let targets: { topic: string; partition: number }[]
    if (v['all-topics'] === true) targets = committed.map((c) => ({ topic: c.topic, partition: c.partition }))
    else {
      targets = []
      for (const t of topicArgs) {
        const info = await admin.cluster.topic(t.topic)
        for (const p of t.partitions ?? info.partitions.map((p) => p.partition)) {
          if (p >= info.partitions.length) throw new KafkaResponseError(3, { topic: t.topic, partition: p })
          targets.push({ topic: t.topic, partition: p })
        }
      }
    }
    if (targets.length === 0) throw new UsageError(`group ${groupId} has no committed offsets; name the topics with --topic`, ctx.spec.path)
    const { listOffsets } = await offsets()
    const q = (spec: OffsetSpec) => targets.map((t) => ({ ...t, spec }))
    const [starts, ends] = await Promise.all([listOffsets(admin.cluster, q('earliest')), listOffsets(admin.cluster, q('latest'))])
    const byTime = at !== undefined ? await listOffsets(admin.cluster, q({ timestamp: at })) : undefined
    const plan = targets.map((t) => {
      const k = tpKey(t.topic, t.partition)
      const start = starts.get(k)!.offset
      const end = ends.get(k)!.offset
      const cur = current.get(k) ?? -1n
      let next: bigint
      if (v['to-earliest'] === true) next = start
      else if (v['to-latest'] === true) next = end
      else if (byTime !== undefined) next = byTime.get(k)!.offset >= 0n ? byTime.get(k)!.offset : end
      else if (toOffset !== undefined) next = toOffset
      else next = (cur >= 0n ? cur : end) + shift!
      if (next < start) next = start
      if (next > end) next = end
      return { topic: t.topic, partition: t.partition, current: cur >= 0n ? cur : null, new: next }
    })
    if (execute) {
      await admin.alterGroupOffsets(
        groupId!,
        plan.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.new })),
      )
    }
    if (ctx.json) return ctx.printJson({ groupId, executed: execute, partitions: plan })
    ctx.print(
      table(
        ['TOPIC', 'PARTITION', 'CURRENT', 'NEW'],
        plan.map((p) => [p.topic, p.partition, p.current, p.new]),
      ),
    )
    ctx.note(execute ? `Reset offsets of group ${groupId}.` : 'Dry run: nothing changed. Add --execute to apply.')
  },
}

const del: CommandSpec = {
  path: ['groups', 'delete'],
  summary: 'Delete consumer groups and their committed offsets',
  usage: 'GROUP... [options]',
  connects: true,
  options: {},
  examples: ['samsa groups delete billing', 'samsa groups delete g1 g2 --json'],
  async run(ctx) {
    const groups = ctx.args(['GROUP'], { min: 1, max: Infinity })
    await (await ctx.admin()).deleteGroups(groups)
    if (ctx.json) return ctx.printJson({ deleted: groups })
    for (const g of groups) ctx.print(`Deleted group ${g}.`)
  },
}

export const groupCommands: CommandSpec[] = [list, describe, reset, del]
