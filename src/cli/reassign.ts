/**
 * `samsa reassign generate|execute|verify|list|cancel` (Kafka's kafka-reassign-partitions.sh,
 * KIP-455) and `samsa leader-election` (kafka-leader-election.sh, KIP-460). Reassignment plans are
 * Kafka's JSON: {"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2]}]}
 * ("log_dirs" accepted and ignored, as only "any" is supported).
 */
import { readFileSync } from 'node:fs'
import type { OngoingReassignment, PartitionOutcome, TopicPartition } from '../client/admin-reassign.js'
import { type CommandSpec, UsageError, choiceOption, intOption, listOption } from './command.js'
import type { Context } from './context.js'
import { table } from './output.js'

const api = (): Promise<typeof import('../client/admin-reassign.js')> => import('../client/admin-reassign.js')

export interface PlanEntry {
  topic: string
  partition: number
  replicas: number[]
}

const tp = (p: TopicPartition): string => `${p.topic}-${p.partition}`

/** A reassignment plan file, checked as kafka-reassign-partitions.sh checks it. */
function readPlan(path: string, command: readonly string[]): PlanEntry[] {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new UsageError(`cannot read the reassignment plan ${path}: ${(err as Error).message}`, command)
  }
  const parts = (json as { partitions?: unknown }).partitions
  if (!Array.isArray(parts) || parts.length === 0)
    throw new UsageError(
      `${path}: the plan has no "partitions" list (Kafka's {"version":1,"partitions":[{"topic":...,"partition":...,"replicas":[...]}]})`,
      command,
    )
  const seen = new Set<string>()
  return parts.map((p: Record<string, unknown>, i: number) => {
    const ok =
      typeof p?.['topic'] === 'string' &&
      Number.isInteger(p['partition']) &&
      Array.isArray(p['replicas']) &&
      (p['replicas'] as unknown[]).every((r) => Number.isInteger(r))
    if (!ok) throw new UsageError(`${path}: partitions[${i}] needs "topic", "partition" and "replicas" (broker ids)`, command)
    const entry = { topic: p['topic'] as string, partition: p['partition'] as number, replicas: p['replicas'] as number[] }
    if (seen.has(tp(entry))) throw new UsageError(`${path}: partition ${tp(entry)} appears more than once`, command)
    if (new Set(entry.replicas).size !== entry.replicas.length) throw new UsageError(`${path}: duplicate brokers in the replicas of ${tp(entry)}`, command)
    seen.add(tp(entry))
    return entry
  })
}

const planJson = (entries: readonly PlanEntry[]): string =>
  JSON.stringify({
    version: 1,
    partitions: entries.map((e) => ({ topic: e.topic, partition: e.partition, replicas: e.replicas, log_dirs: e.replicas.map(() => 'any') })),
  })

async function currentPlan(ctx: Context, topics: readonly string[]): Promise<PlanEntry[]> {
  const described = await (await ctx.admin()).describeTopics(topics)
  return described.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition, replicas: p.replicas })))
}

const generate: CommandSpec = {
  path: ['reassign', 'generate'],
  summary: "Propose a placement of topics' partitions on a set of brokers",
  usage: '--topics T1,T2 --brokers 1,2,3 [options]',
  description:
    'Prints the current assignment (keep it to roll back) and a proposal spreading each topic\'s partitions over the brokers, as Kafka assigns new topics; nothing changes until `samsa reassign execute`. With --json: {"current": plan, "proposed": plan}.',
  connects: true,
  options: {
    topics: { type: 'string', value: 'T1,T2', multiple: true, description: 'Topics to move (comma-separated or repeated)' },
    brokers: { type: 'string', value: '1,2,3', description: 'Broker ids to place them on' },
  },
  examples: ['samsa reassign generate --topics orders --brokers 1'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const topics = listOption(ctx.values, 'topics')
    const brokers = listOption(ctx.values, 'brokers').map((b) => {
      if (!/^\d+$/.test(b)) throw new UsageError(`--brokers takes broker ids, got "${b}"`, ctx.spec.path)
      return Number(b)
    })
    if (topics.length === 0 || brokers.length === 0) throw new UsageError('give --topics and --brokers', ctx.spec.path)
    const current = await currentPlan(ctx, topics)
    const { assignReplicasToBrokers } = await import('../metadata/replica-assignment.js')
    const proposed: PlanEntry[] = []
    for (const t of topics) {
      const parts = current.filter((c) => c.topic === t)
      const rf = parts[0]?.replicas.length ?? 1
      if (rf > brokers.length) throw new UsageError(`${t} has replication factor ${rf}, more than the ${brokers.length} broker(s) given`, ctx.spec.path)
      const a = assignReplicasToBrokers(
        brokers.map((id) => ({ id, rack: null })),
        parts.length,
        rf,
      )
      parts.forEach((p, i) => proposed.push({ topic: t, partition: p.partition, replicas: a[i]! }))
    }
    if (ctx.json) return ctx.printJson({ current: JSON.parse(planJson(current)), proposed: JSON.parse(planJson(proposed)) })
    ctx.print(`Current partition replica assignment\n${planJson(current)}\n\nProposed partition reassignment configuration\n${planJson(proposed)}`)
  },
}

const execute: CommandSpec = {
  path: ['reassign', 'execute'],
  summary: 'Start the reassignments of a plan file',
  usage: 'PLAN.json [options]',
  description:
    "Each partition moves to the replicas listed (the new ones copy the data, then the old ones are removed); the command returns once the moves have started: `samsa reassign verify` follows them. Prints the current assignment first, to roll back with. --throttle limits the copying as kafka-reassign-partitions.sh does: leader.replication.throttled.rate and follower.replication.throttled.rate on the brokers involved, and the topics' leader/follower.replication.throttled.replicas naming the moving partitions' current replicas (leader side) and new ones (follower side); `samsa reassign verify` removes them once every move is done.",
  connects: true,
  options: { throttle: { type: 'string', value: 'BYTES/S', description: 'Limit the replication the moves cause to this many bytes per second per broker' } },
  examples: ['samsa reassign execute reassignment.json', 'samsa reassign execute reassignment.json --throttle 50000000'],
  async run(ctx) {
    const [file] = ctx.args(['PLAN.json'])
    const plan = readPlan(file!, ctx.spec.path)
    const throttle = ctx.values.throttle as string | undefined
    if (throttle !== undefined && !/^[1-9]\d*$/.test(throttle)) throw new UsageError(`--throttle takes bytes per second, got "${throttle}"`, ctx.spec.path)
    const current = await currentPlan(ctx, [...new Set(plan.map((p) => p.topic))])
    if (throttle !== undefined) await setThrottles(ctx, plan, current, throttle)
    const results = await (await api()).alterPartitionReassignments((await ctx.admin()).cluster, plan)
    const failed = results.filter((r) => r.errorCode !== 0)
    if (ctx.json) {
      ctx.printJson({ current: JSON.parse(planJson(current.filter((c) => plan.some((p) => tp(p) === tp(c))))), results })
      return failed.length > 0 ? 1 : 0
    }
    ctx.note(`Current partition replica assignment (save it to roll back)\n${planJson(current.filter((c) => plan.some((p) => tp(p) === tp(c))))}\n`)
    const started = results.filter((r) => r.errorCode === 0)
    if (started.length > 0) ctx.print(`Successfully started partition reassignment${started.length === 1 ? '' : 's'} for ${started.map(tp).join(', ')}`)
    for (const f of failed) ctx.print(`Error reassigning ${tp(f)}: ${f.error}${f.message !== null ? ` (${f.message})` : ''}`)
    return failed.length > 0 ? 1 : 0
  },
}

/** kafka-reassign-partitions.sh's --throttle: rates on the brokers involved, throttled replicas on the topics. */
async function setThrottles(ctx: Context, plan: readonly PlanEntry[], current: readonly PlanEntry[], rate: string): Promise<void> {
  const admin = await ctx.admin()
  const before = new Map(current.map((c) => [tp(c), c.replicas]))
  const brokers = new Set<number>()
  const topics = new Map<string, { leader: string[]; follower: string[] }>()
  for (const p of plan) {
    const now = before.get(tp(p))
    if (now === undefined || now.join() === p.replicas.join()) continue
    let t = topics.get(p.topic)
    if (t === undefined) topics.set(p.topic, (t = { leader: [], follower: [] }))
    for (const r of now) t.leader.push(`${p.partition}:${r}`)
    for (const r of p.replicas) if (!now.includes(r)) t.follower.push(`${p.partition}:${r}`)
    for (const r of [...now, ...p.replicas]) brokers.add(r)
  }
  for (const [name, t] of topics) {
    await admin.alterConfigs({ type: 'topic', name }, [
      { name: 'leader.replication.throttled.replicas', op: 'set', value: t.leader.join(',') },
      { name: 'follower.replication.throttled.replicas', op: 'set', value: t.follower.join(',') },
    ])
  }
  for (const b of [...brokers].sort((x, y) => x - y)) {
    await admin.alterConfigs({ type: 'broker', name: String(b) }, [
      { name: 'leader.replication.throttled.rate', op: 'set', value: rate },
      { name: 'follower.replication.throttled.rate', op: 'set', value: rate },
    ])
  }
  if (brokers.size > 0) ctx.note(`The inter-broker throttle limit was set to ${rate} B/s on brokers ${[...brokers].sort((x, y) => x - y).join(', ')}`)
}

/** kafka-reassign-partitions.sh --verify's cleanup: every broker's throttle rates and the plan's topics' throttled replicas. */
async function clearThrottles(ctx: Context, plan: readonly PlanEntry[]): Promise<void> {
  const admin = await ctx.admin()
  const cluster = await admin.describeCluster()
  for (const b of cluster.brokers) {
    await admin.alterConfigs({ type: 'broker', name: String(b.nodeId) }, [
      { name: 'leader.replication.throttled.rate', op: 'delete' },
      { name: 'follower.replication.throttled.rate', op: 'delete' },
    ])
  }
  for (const name of new Set(plan.map((p) => p.topic))) {
    await admin.alterConfigs({ type: 'topic', name }, [
      { name: 'leader.replication.throttled.replicas', op: 'delete' },
      { name: 'follower.replication.throttled.replicas', op: 'delete' },
    ])
  }
}

const verify: CommandSpec = {
  path: ['reassign', 'verify'],
  summary: 'Check whether the reassignments of a plan file are done',
  usage: 'PLAN.json [options]',
  description:
    "For each partition of the plan: completed (its replicas are the planned ones), still in progress, or neither. Exits 0 when every one is completed, 1 otherwise. Once every one is completed, the replication throttles are removed (every broker's rates and the plan's topics' throttled replicas), unless --preserve-throttles.",
  connects: true,
  options: { 'preserve-throttles': { type: 'boolean', description: 'Keep the replication throttles when every move is done' } },
  examples: ['samsa reassign verify reassignment.json'],
  async run(ctx) {
    const [file] = ctx.args(['PLAN.json'])
    const plan = readPlan(file!, ctx.spec.path)
    const admin = await ctx.admin()
    const ongoing = new Map((await (await api()).listPartitionReassignments(admin.cluster, plan)).map((o) => [tp(o), o]))
    const current = new Map((await currentPlan(ctx, [...new Set(plan.map((p) => p.topic))])).map((c) => [tp(c), c.replicas]))
    const states = plan.map((p) => {
      const now = current.get(tp(p))
      const state = ongoing.has(tp(p)) ? 'in-progress' : now !== undefined && now.join() === p.replicas.join() ? 'completed' : 'different'
      return { topic: p.topic, partition: p.partition, state, planned: p.replicas, replicas: now ?? null }
    })
    const done = states.every((s) => s.state === 'completed')
    const clear = done && ctx.values['preserve-throttles'] !== true
    if (clear) await clearThrottles(ctx, plan)
    if (ctx.json) {
      ctx.printJson(states)
      return done ? 0 : 1
    }
    for (const s of states) {
      const name = tp(s)
      if (s.state === 'completed') ctx.print(`Reassignment of partition ${name} is completed.`)
      else if (s.state === 'in-progress') ctx.print(`Reassignment of partition ${name} is still in progress.`)
      else
        ctx.print(
          `There is no active reassignment of partition ${name}, but replica set is [${s.replicas?.join(', ') ?? ''}] rather than [${s.planned.join(', ')}].`,
        )
    }
    if (clear) ctx.note('Replication throttles removed.')
    return done ? 0 : 1
  },
}

const listOngoing: CommandSpec = {
  path: ['reassign', 'list'],
  summary: 'List the reassignments in progress',
  usage: '[options]',
  connects: true,
  options: {},
  examples: ['samsa reassign list', 'samsa reassign list --json'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const ongoing: OngoingReassignment[] = await (await api()).listPartitionReassignments((await ctx.admin()).cluster)
    if (ctx.json) return ctx.printJson(ongoing)
    if (ongoing.length === 0) return ctx.note('No partition reassignments in progress.')
    ctx.print(
      table(
        ['TOPIC', 'PARTITION', 'REPLICAS', 'ADDING', 'REMOVING'],
        ongoing.map((o) => [o.topic, o.partition, o.replicas.join(','), o.adding.join(',') || '-', o.removing.join(',') || '-']),
      ),
    )
  },
}

const cancel: CommandSpec = {
  path: ['reassign', 'cancel'],
  summary: 'Cancel the reassignments of a plan file (back to the replicas they had)',
  usage: 'PLAN.json [options]',
  description:
    'Partitions of the plan still moving go back to their original replicas (the replicas being added are removed again); those not moving are left alone.',
  connects: true,
  options: {},
  examples: ['samsa reassign cancel reassignment.json'],
  async run(ctx) {
    const [file] = ctx.args(['PLAN.json'])
    const plan = readPlan(file!, ctx.spec.path)
    const results = await (await api()).alterPartitionReassignments(
      (await ctx.admin()).cluster,
      plan.map((p) => ({ topic: p.topic, partition: p.partition, replicas: null })),
    )
    const failed = results.filter((r) => r.errorCode !== 0 && r.error !== 'NO_REASSIGNMENT_IN_PROGRESS')
    if (ctx.json) {
      ctx.printJson(results)
      return failed.length > 0 ? 1 : 0
    }
    const cancelled = results.filter((r) => r.errorCode === 0)
    const idle = results.filter((r) => r.error === 'NO_REASSIGNMENT_IN_PROGRESS')
    if (cancelled.length > 0) ctx.print(`Successfully cancelled partition reassignment${cancelled.length === 1 ? '' : 's'} for ${cancelled.map(tp).join(', ')}`)
    if (idle.length > 0) ctx.print(`No reassignment in progress for ${idle.map(tp).join(', ')}`)
    for (const f of failed) ctx.print(`Error cancelling the reassignment of ${tp(f)}: ${f.error}${f.message !== null ? ` (${f.message})` : ''}`)
    return failed.length > 0 ? 1 : 0
  },
}

const leaderElection: CommandSpec = {
  path: ['leader-election'],
  summary: 'Elect preferred (or, losing data, unclean) partition leaders',
  usage: '--election-type preferred|unclean (--topic T [--partition N] | --all-topic-partitions | --path-to-json-file F) [options]',
  description:
    'preferred: the first replica of each partition leads again when it is alive and in sync. unclean: a partition without a leader gets one from its live replicas even if none is in sync (records the new leader lacks are lost). Partitions that already have the right leader are reported, not failed. The JSON file is Kafka\'s {"partitions":[{"topic":"t","partition":0}]}.',
  connects: true,
  options: {
    'election-type': { type: 'string', value: 'TYPE', description: 'preferred or unclean', choices: ['preferred', 'unclean'] },
    topic: { type: 'string', value: 'TOPIC', description: 'The topic whose partitions to elect' },
    partition: { type: 'string', value: 'N', description: 'Only this partition of --topic' },
    'all-topic-partitions': { type: 'boolean', description: 'Every partition of every topic' },
    'path-to-json-file': { type: 'string', value: 'FILE', description: 'The partitions listed in this file' },
  },
  examples: [
    'samsa leader-election --election-type preferred --all-topic-partitions',
    'samsa leader-election --election-type preferred --topic orders --partition 0',
  ],
  async run(ctx) {
    ctx.args([], { max: 0 })
    if (ctx.values['election-type'] === undefined) throw new UsageError('give --election-type preferred or unclean', ctx.spec.path)
    const type = choiceOption(ctx.values, 'election-type', ['preferred', 'unclean'] as const, 'preferred')
    const topic = ctx.values.topic as string | undefined
    const file = ctx.values['path-to-json-file'] as string | undefined
    const all = ctx.values['all-topic-partitions'] === true
    if ([topic !== undefined, file !== undefined, all].filter(Boolean).length !== 1)
      throw new UsageError('give exactly one of --topic, --all-topic-partitions and --path-to-json-file', ctx.spec.path)
    const partition = intOption(ctx.values, 'partition', { min: 0 })
    if (partition !== undefined && topic === undefined) throw new UsageError('--partition needs --topic', ctx.spec.path)
    let parts: TopicPartition[] | null = null
    if (topic !== undefined) {
      parts = partition !== undefined ? [{ topic, partition }] : (await currentPlan(ctx, [topic])).map((p) => ({ topic: p.topic, partition: p.partition }))
    } else if (file !== undefined) {
      let json: { partitions?: Array<{ topic?: unknown; partition?: unknown }> }
      try {
        json = JSON.parse(readFileSync(file, 'utf8'))
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as Error).message}`, ctx.spec.path)
      }
      if (!Array.isArray(json.partitions) || !json.partitions.every((p) => typeof p.topic === 'string' && Number.isInteger(p.partition)))
        throw new UsageError(`${file}: expected {"partitions":[{"topic":"t","partition":0}]}`, ctx.spec.path)
      parts = json.partitions.map((p) => ({ topic: p.topic as string, partition: p.partition as number }))
    }
    const results: PartitionOutcome[] = await (await api()).electLeaders((await ctx.admin()).cluster, type, parts)
    const failed = results.filter((r) => r.errorCode !== 0 && r.error !== 'ELECTION_NOT_NEEDED')
    if (ctx.json) {
      ctx.printJson(results)
      return failed.length > 0 ? 1 : 0
    }
    const label = type.toUpperCase()
    const ok = results.filter((r) => r.errorCode === 0)
    const already = results.filter((r) => r.error === 'ELECTION_NOT_NEEDED')
    if (ok.length > 0) ctx.print(`Successfully completed leader election (${label}) for partitions ${ok.map(tp).join(', ')}`)
    if (already.length > 0) ctx.print(`Valid replica already elected for partitions ${already.map(tp).join(', ')}`)
    if (results.length === 0) ctx.print('No partition needed a leader election.')
    for (const f of failed)
      ctx.print(`Error completing leader election (${label}) for partition ${tp(f)}: ${f.error}${f.message !== null ? ` (${f.message})` : ''}`)
    return failed.length > 0 ? 1 : 0
  },
}

export const reassignCommands: CommandSpec[] = [generate, execute, verify, listOngoing, cancel, leaderElection]
