/** `samsa topics create|list|describe|alter|delete` */
import type { ConfigEntry, TopicDescription } from '../client/admin.js'
import { ClientError, isKafkaError } from '../client/errors.js'
import { type CommandSpec, UsageError, intOption, keyValues, listOption } from './command.js'
import type { Context } from './context.js'
import { table } from './output.js'

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
  usage: '[options]',
  connects: true,
  options: { internal: { type: 'boolean', description: 'Include internal topics such as __consumer_offsets' } },
  examples: ['samsa topics list', 'samsa topics list --json | jq -r ".[]"'],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const names = await (await ctx.admin()).listTopics({ internal: ctx.values.internal === true })
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
  const cfg = configs === undefined || configs.length === 0 ? '' : `Configs: ${configs.map((c) => `${c.name}=${c.sensitive ? '******' : c.value}`).join(', ')}\n`
  const rows = t.partitions.map((p) => [p.partition, p.leader < 0 ? 'none' : p.leader, p.replicas.join(','), p.isr.join(','), p.startOffset, p.endOffset, p.endOffset >= 0n && p.startOffset >= 0n ? p.endOffset - p.startOffset : '-'])
  return head + cfg + table(['PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'START', 'END', 'RECORDS'], rows)
}

const describe: CommandSpec = {
  path: ['topics', 'describe'],
  summary: 'Show partitions, leaders, replicas, ISR and start/end offsets',
  usage: '[TOPIC...] [options]',
  connects: true,
  options: { internal: { type: 'boolean', description: 'With no TOPIC, include internal topics' } },
  examples: ['samsa topics describe orders', 'samsa topics describe', 'samsa topics describe orders --json'],
  async run(ctx) {
    const admin = await ctx.admin()
    const topics = await admin.describeTopics(ctx.positionals.length > 0 ? ctx.positionals : undefined, { internal: ctx.values.internal === true })
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
  usage: 'TOPIC [options]',
  connects: true,
  options: {
    partitions: { type: 'string', short: 'p', value: 'N', description: 'New (larger) partition count' },
    config: { type: 'string', short: 'c', value: 'k=v', multiple: true, description: 'Set a topic config' },
    'delete-config': { type: 'string', value: 'KEY', multiple: true, description: 'Remove a topic config (back to the default)' },
  },
  examples: ['samsa topics alter orders --partitions 6', 'samsa topics alter orders --config retention.ms=3600000 --delete-config cleanup.policy'],
  async run(ctx) {
    const [name] = ctx.args(['TOPIC'])
    const partitions = intOption(ctx.values, 'partitions', { min: 1 })
    const sets = keyValues(ctx.values, 'config')
    const deletes = listOption(ctx.values, 'delete-config')
    if (partitions === undefined && sets.length === 0 && deletes.length === 0) {
      throw new UsageError('nothing to change: give --partitions, --config or --delete-config', ctx.spec.path)
    }
    const admin = await ctx.admin()
    const done: string[] = []
    if (partitions !== undefined) {
      await admin.createPartitions(name!, partitions)
      done.push(`partitions set to ${partitions}`)
    }
    if (sets.length > 0 || deletes.length > 0) {
      await admin.alterConfigs({ type: 'topic', name: name! }, [
        ...sets.map(([k, v]) => ({ name: k, op: 'set' as const, value: v })),
        ...deletes.map((k) => ({ name: k, op: 'delete' as const })),
      ])
      done.push(...sets.map(([k, v]) => `${k}=${v}`), ...deletes.map((k) => `${k} deleted`))
    }
    if (ctx.json) return ctx.printJson({ topic: name, partitions: partitions ?? null, set: Object.fromEntries(sets), deleted: deletes })
    ctx.print(`Altered topic ${name}: ${done.join(', ')}.`)
  },
}

const del: CommandSpec = {
  path: ['topics', 'delete'],
  summary: 'Delete topics and their data',
  usage: 'TOPIC... [options]',
  connects: true,
  options: { 'if-exists': { type: 'boolean', description: 'Succeed if a topic does not exist' } },
  examples: ['samsa topics delete orders', 'samsa topics delete a b c --if-exists'],
  async run(ctx) {
    const names = ctx.args(['TOPIC'], { min: 1, max: Infinity })
    const admin = await ctx.admin()
    const deleted: string[] = []
    for (const name of names) {
      try {
        await admin.deleteTopics([name])
        deleted.push(name)
      } catch (err) {
        if (!(ctx.values['if-exists'] === true && isKafkaError(err, 'UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID'))) throw err
      }
    }
    if (ctx.json) return ctx.printJson({ deleted })
    for (const n of deleted) ctx.print(`Deleted topic ${n}.`)
    if (deleted.length < names.length) ctx.note(`Not found: ${names.filter((n) => !deleted.includes(n)).join(', ')}`)
  },
}

export const topicCommands: CommandSpec[] = [create, list, describe, alter, del]
