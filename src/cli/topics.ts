/**
 * `samsa topics create|list|describe|alter|delete|purge`. Topic arguments other than for
 * create are names or regular expressions matched against whole names, as kafka-topics.sh's
 * --topic; deleting or purging by pattern asks first.
 */
import type { Admin, ConfigEntry, TopicDescription } from '../client/admin.js'
import { ClientError, isKafkaError } from '../client/errors.js'
import { type CommandSpec, UsageError, intOption, keyValues, listOption } from './command.js'
import { YES_OPTION, confirm } from './confirm.js'
import type { Context } from './context.js'
import { table } from './output.js'

/** A name, or a regular expression matching whole names (Java's Pattern.matches, as Kafka's tools). */
function topicMatcher(arg: string, spec: readonly string[]): (name: string) => boolean {
  let re: RegExp
  try {
    re = new RegExp(`^(?:${arg})$`)
  } catch (err) {
    throw new UsageError(`"${arg}" is neither a topic name nor a valid regular expression: ${(err as Error).message}`, spec)
  }
  return (name) => name === arg || re.test(name)
}

/** Topics named or matched by the arguments; `exact` is false when a pattern was needed. */
async function resolveTopics(
  ctx: Context,
  admin: Admin,
  args: readonly string[],
  opts: { internal?: boolean; ifExists?: boolean } = {},
): Promise<{ names: string[]; exact: boolean }> {
  const all = await admin.listTopics({ internal: true })
  const names = new Set<string>()
  let exact = true
  const unmatched: string[] = []
  for (const arg of args) {
    if (all.includes(arg)) {
      names.add(arg)
      continue
    }
    exact = false
    const match = topicMatcher(arg, ctx.spec.path)
    const found = all.filter((n) => match(n) && (opts.internal === true || !n.startsWith('__')))
    if (found.length === 0) unmatched.push(arg)
    for (const n of found) names.add(n)
  }
  if (unmatched.length > 0 && opts.ifExists !== true) {
    const { KafkaResponseError } = await import('../client/errors.js')
    throw new KafkaResponseError(3, { topic: unmatched[0]! })
  }
  return { names: [...names].sort(), exact }
}

function listed(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`
}

const create: CommandSpec = {
  path: ['topics', 'create'],
  summary: 'Create a topic',
  usage: 'TOPIC [options]',
  connects: true,
  options: {
    partitions: { type: 'string', short: 'p', value: 'N', description: 'Number of partitions', default: "the broker's num.partitions" },
    'replication-factor': { type: 'string', short: 'r', value: 'N', description: 'Replicas per partition', default: "the broker's default.replication.factor" },
    config: { type: 'string', short: 'c', value: 'k=v', multiple: true, description: 'A topic config, e.g. retention.ms=86400000' },
    'if-not-exists': { type: 'boolean', description: 'Succeed if the topic already exists' },
    'validate-only': { type: 'boolean', description: 'Check the request without creating anything' },
  },
  examples: [
    'samsa topics create orders --partitions 3',
    'samsa topics create audit -p 1 --config retention.ms=604800000 --config cleanup.policy=compact',
    'samsa topics create orders --if-not-exists --json',
  ],
  async run(ctx) {
    const [name] = ctx.args(['TOPIC'])
    const partitions = intOption(ctx.values, 'partitions', { min: 1 })
    const rf = intOption(ctx.values, 'replication-factor', { min: 1, max: 32767 })
    const configs = Object.fromEntries(keyValues(ctx.values, 'config'))
    const admin = await ctx.admin()
    const [r] = await admin.createTopics(
      [{ name: name!, ...(partitions !== undefined ? { partitions } : {}), ...(rf !== undefined ? { replicationFactor: rf } : {}), configs }],
      { ifNotExists: ctx.values['if-not-exists'] === true, validateOnly: ctx.values['validate-only'] === true },
    )
    if (ctx.json) return ctx.printJson({ ...r, created: !r!.existed && ctx.values['validate-only'] !== true })
    if (r!.existed) ctx.print(`Topic ${name} already exists.`)
    else if (ctx.values['validate-only'] === true) ctx.print(`Topic ${name} can be created (validate only).`)
    else ctx.print(`Created topic ${name} (${r!.partitions} partition${r!.partitions === 1 ? '' : 's'}, replication factor ${r!.replicationFactor}).`)
  },
}

const list: CommandSpec = {
  path: ['topics', 'list'],
  summary: 'List topic names',
  usage: '[REGEX] [options]',
  connects: true,
  options: { internal: { type: 'boolean', description: 'Include internal topics such as __consumer_offsets' } },
  examples: ['samsa topics list', "samsa topics list 'ord.*'", 'samsa topics list --json | jq -r ".[]"'],
  async run(ctx) {
    const [pattern] = ctx.args(['REGEX'], { min: 0, max: 1 })
    const match = pattern !== undefined ? topicMatcher(pattern, ctx.spec.path) : () => true
    const names = (await (await ctx.admin()).listTopics({ internal: ctx.values.internal === true })).filter(match)
    if (ctx.json) return ctx.printJson(names)
    if (names.length === 0) ctx.note('No topics.')
    for (const n of names) ctx.print(n)
  },
}

async function topicConfigs(ctx: Context, name: string): Promise<ConfigEntry[] | undefined> {
  try {
    return (await (await ctx.admin()).describeConfigs({ type: 'topic', name })).filter((c) => !c.isDefault)
  } catch (err) {
    if (err instanceof ClientError && err.code === 'SAMSA_CLIENT_UNSUPPORTED') return undefined
    throw err
  }
}

function describeText(t: TopicDescription, configs: ConfigEntry[] | undefined): string {
  const rf = t.partitions[0]?.replicas.length ?? 0
  const head = `Topic: ${t.name}  TopicId: ${t.topicId}  Partitions: ${t.partitions.length}  ReplicationFactor: ${rf}${t.isInternal ? '  (internal)' : ''}\n`
  const cfg =
    configs === undefined || configs.length === 0 ? '' : `Configs: ${configs.map((c) => `${c.name}=${c.sensitive ? '******' : c.value}`).join(', ')}\n`
  // Replicas on brokers that are down: a column only when there are some.
  const offline = t.partitions.some((p) => p.offline.length > 0)
  const rows = t.partitions.map((p) => [
    p.partition,
    p.leader < 0 ? 'none' : p.leader,
    p.replicas.join(','),
    p.isr.join(','),
    ...(offline ? [p.offline.join(',') || '-'] : []),
    p.startOffset,
    p.endOffset,
    p.endOffset >= 0n && p.startOffset >= 0n ? p.endOffset - p.startOffset : '-',
  ])
  return head + cfg + table(['PARTITION', 'LEADER', 'REPLICAS', 'ISR', ...(offline ? ['OFFLINE'] : []), 'START', 'END', 'RECORDS'], rows)
}

/** kafka-topics.sh's partition filters for --describe, by option name. */
const PARTITION_FILTERS = {
  'under-replicated-partitions': 'Only partitions with fewer in-sync replicas than replicas',
  'unavailable-partitions': 'Only partitions without a live leader',
  'under-min-isr-partitions': "Only partitions whose ISR is smaller than the topic's min.insync.replicas (acks=all writes fail)",
  'at-min-isr-partitions': "Only partitions whose ISR is exactly the topic's min.insync.replicas (one more failure stops acks=all writes)",
} as const

async function minInsyncReplicas(ctx: Context, name: string): Promise<number> {
  const entries = await (await ctx.admin()).describeConfigs({ type: 'topic', name }, { keys: ['min.insync.replicas'] })
  return Number(entries.find((e) => e.name === 'min.insync.replicas')?.value ?? 1)
}

/** Keeps the partitions the filters given select (all when none is given); topics left without any go. */
async function filterPartitions(ctx: Context, topics: TopicDescription[]): Promise<TopicDescription[]> {
  const on = (Object.keys(PARTITION_FILTERS) as Array<keyof typeof PARTITION_FILTERS>).filter((k) => ctx.values[k] === true)
  if (on.length === 0) return topics
  const out: TopicDescription[] = []
  for (const t of topics) {
    const minIsr = on.some((k) => k.includes('min-isr')) ? await minInsyncReplicas(ctx, t.name) : 1
    const keep = t.partitions.filter((p) =>
      on.some((k) => {
        if (k === 'under-replicated-partitions') return p.isr.length < p.replicas.length
        if (k === 'unavailable-partitions') return p.leader < 0 || p.offline.includes(p.leader)
        if (k === 'under-min-isr-partitions') return p.isr.length < minIsr
        return p.isr.length === minIsr
      }),
    )
    if (keep.length > 0) out.push({ ...t, partitions: keep })
  }
  return out
}

const describe: CommandSpec = {
  path: ['topics', 'describe'],
  summary: 'Show partitions, leaders, replicas, ISR and start/end offsets',
  usage: '[TOPIC|REGEX...] [options]',
  description:
    'The partition filters (as kafka-topics.sh --describe has them) show only the partitions that match one of those given, and only topics with such partitions.',
  connects: true,
  options: {
    internal: { type: 'boolean', description: 'Include internal topics (with no TOPIC, or matched by a REGEX)' },
    ...Object.fromEntries(Object.entries(PARTITION_FILTERS).map(([k, description]) => [k, { type: 'boolean' as const, description }])),
  },
  examples: [
    'samsa topics describe orders',
    'samsa topics describe',
    "samsa topics describe 'ord.*'",
    'samsa topics describe orders --json',
    'samsa topics describe --under-replicated-partitions --unavailable-partitions',
  ],
  async run(ctx) {
    const admin = await ctx.admin()
    const names = ctx.positionals.length > 0 ? (await resolveTopics(ctx, admin, ctx.positionals, { internal: ctx.values.internal === true })).names : undefined
    const filtering = Object.keys(PARTITION_FILTERS).some((k) => ctx.values[k] === true)
    const topics = await filterPartitions(ctx, await admin.describeTopics(names, { internal: ctx.values.internal === true }))
    if (filtering && topics.length === 0 && !ctx.json) return ctx.note('No partitions match.')
    const withConfigs = []
    for (const t of topics) withConfigs.push({ ...t, configs: await topicConfigs(ctx, t.name) })
    if (ctx.json) return ctx.printJson(withConfigs.map((t) => ({ ...t, configs: Object.fromEntries((t.configs ?? []).map((c) => [c.name, c.value])) })))
    if (topics.length === 0) ctx.note('No topics.')
    ctx.print(withConfigs.map((t) => describeText(t, t.configs)).join('\n'))
  },
}

const alter: CommandSpec = {
  path: ['topics', 'alter'],
  summary: "Add partitions or change a topic's configs",
  usage: 'TOPIC|REGEX [options]',
  connects: true,
  options: {
    partitions: { type: 'string', short: 'p', value: 'N', description: 'New (larger) partition count' },
    config: { type: 'string', short: 'c', value: 'k=v', multiple: true, description: 'Set a topic config' },
    'delete-config': { type: 'string', value: 'KEY', multiple: true, description: 'Remove a topic config (back to the default)' },
  },
  examples: [
    'samsa topics alter orders --partitions 6',
    'samsa topics alter orders --config retention.ms=3600000 --delete-config cleanup.policy',
    "samsa topics alter 'ord.*' --config retention.ms=86400000",
  ],
  async run(ctx) {
    const [arg] = ctx.args(['TOPIC'])
    const partitions = intOption(ctx.values, 'partitions', { min: 1 })
    const sets = keyValues(ctx.values, 'config')
    const deletes = listOption(ctx.values, 'delete-config')
    if (partitions === undefined && sets.length === 0 && deletes.length === 0) {
      throw new UsageError('nothing to change: give --partitions, --config or --delete-config', ctx.spec.path)
    }
    const admin = await ctx.admin()
    const { names } = await resolveTopics(ctx, admin, [arg!])
    const done: string[] = []
    for (const name of names) {
      if (partitions !== undefined) await admin.createPartitions(name, partitions)
      if (sets.length > 0 || deletes.length > 0) {
        await admin.alterConfigs({ type: 'topic', name }, [
          ...sets.map(([k, v]) => ({ name: k, op: 'set' as const, value: v })),
          ...deletes.map((k) => ({ name: k, op: 'delete' as const })),
        ])
      }
    }
    if (partitions !== undefined) done.push(`partitions set to ${partitions}`)
    done.push(...sets.map(([k, v]) => `${k}=${v}`), ...deletes.map((k) => `${k} deleted`))
    if (ctx.json)
      return ctx.printJson(
        names.length === 1
          ? { topic: names[0], partitions: partitions ?? null, set: Object.fromEntries(sets), deleted: deletes }
          : { topics: names, partitions: partitions ?? null, set: Object.fromEntries(sets), deleted: deletes },
      )
    for (const name of names) ctx.print(`Altered topic ${name}: ${done.join(', ')}.`)
  },
}

const del: CommandSpec = {
  path: ['topics', 'delete'],
  summary: 'Delete topics and their data',
  usage: 'TOPIC|REGEX... [options]',
  description:
    'Topics named exactly are deleted at once; a regular expression shows what it matches and asks first (--yes to skip the question, required when stdin is not a terminal).',
  connects: true,
  options: { 'if-exists': { type: 'boolean', description: 'Succeed if a topic does not exist' }, ...YES_OPTION },
  examples: ['samsa topics delete orders', 'samsa topics delete a b c --if-exists', "samsa topics delete 'load-.*' --yes"],
  async run(ctx) {
    const args = ctx.args(['TOPIC'], { min: 1, max: Infinity })
    const admin = await ctx.admin()
    const ifExists = ctx.values['if-exists'] === true
    const { names, exact } = await resolveTopics(ctx, admin, args, { ifExists })
    if (!exact && names.length > 0 && !(await confirm(ctx, `Delete ${names.length} topic${names.length === 1 ? '' : 's'} and their data: ${listed(names)}?`))) {
      ctx.note('Nothing deleted.')
      return 1
    }
    const deleted: string[] = []
    for (const name of names) {
      try {
        await admin.deleteTopics([name])
        deleted.push(name)
      } catch (err) {
        if (!(ifExists && isKafkaError(err, 'UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID'))) throw err
      }
    }
    if (ctx.json) return ctx.printJson({ deleted })
    for (const n of deleted) ctx.print(`Deleted topic ${n}.`)
    const missing = args.filter((a) => !deleted.some(topicMatcher(a, ctx.spec.path)))
    if (missing.length > 0) ctx.note(`Not found: ${missing.join(', ')}`)
  },
}

/** Deletes every record of the topics (DeleteRecords up to each partition's high watermark). */
async function purge(admin: Admin, names: readonly string[]): Promise<Array<{ topic: string; partition: number; lowWatermark: bigint }>> {
  const items: Array<{ topic: string; partition: number; offset: bigint }> = []
  for (const t of await admin.describeTopics(names)) for (const p of t.partitions) items.push({ topic: t.name, partition: p.partition, offset: -1n })
  const low = await admin.deleteRecords(items)
  return items.map((i) => ({ topic: i.topic, partition: i.partition, lowWatermark: low.get(`${i.topic}:${i.partition}`) ?? -1n }))
}

const purgeCommand: CommandSpec = {
  path: ['topics', 'purge'],
  summary: 'Delete every record of topics, keeping the topics and their configs',
  usage: 'TOPIC|REGEX... [options]',
  description:
    "Moves each partition's log start offset to its end (DeleteRecords); offsets go on from there. Asks first (--yes to skip the question, required when stdin is not a terminal).",
  connects: true,
  options: { ...YES_OPTION },
  examples: ['samsa topics purge orders', "samsa topics purge 'test-.*' --yes"],
  async run(ctx) {
    const args = ctx.args(['TOPIC'], { min: 1, max: Infinity })
    const admin = await ctx.admin()
    const { names } = await resolveTopics(ctx, admin, args)
    if (!(await confirm(ctx, `Delete every record of ${names.length} topic${names.length === 1 ? '' : 's'}: ${listed(names)}?`))) {
      ctx.note('Nothing deleted.')
      return 1
    }
    const result = await purge(admin, names)
    if (ctx.json) return ctx.printJson({ purged: names, partitions: result })
    for (const n of names)
      ctx.print(
        `Purged topic ${n}: no records left; its partitions now start at ${result
          .filter((r) => r.topic === n)
          .map((r) => String(r.lowWatermark))
          .join(', ')}.`,
      )
  },
}

export const topicCommands: CommandSpec[] = [create, list, describe, alter, del, purgeCommand]
