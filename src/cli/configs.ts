/** `samsa configs describe|alter` for topics and brokers. */
import type { ConfigResource, ResourceType } from '../client/admin.js'
import { type CommandSpec, type Values, UsageError, choiceOption, keyValues, listOption } from './command.js'
import type { Context } from './context.js'
import { table } from './output.js'

const ENTITY_OPTIONS = {
  'entity-type': { type: 'string', value: 'TYPE', description: 'topics or brokers', choices: ['topics', 'brokers'] },
  'entity-name': { type: 'string', value: 'NAME', description: 'Topic name or broker id' },
  topic: { type: 'string', value: 'TOPIC', description: 'Shorthand for --entity-type topics --entity-name TOPIC' },
  broker: { type: 'string', value: 'ID', description: 'Shorthand for --entity-type brokers --entity-name ID' },
} as const

async function resourceOf(ctx: Context, v: Values): Promise<ConfigResource> {
  if (v.topic !== undefined) return { type: 'topic', name: String(v.topic) }
  if (v.broker !== undefined) return { type: 'broker', name: String(v.broker) }
  if (v['entity-type'] === undefined) throw new UsageError('give --entity-type topics|brokers and --entity-name (or --topic / --broker)', ctx.spec.path)
  const kind = choiceOption(v, 'entity-type', ['topics', 'brokers', 'topic', 'broker'], 'topics')
  const type: ResourceType = kind.startsWith('topic') ? 'topic' : 'broker'
  let name = v['entity-name'] as string | undefined
  if (name === undefined) {
    if (type === 'topic') throw new UsageError('--entity-name is required for topics', ctx.spec.path)
    const admin = await ctx.admin()
    name = String((await admin.describeCluster()).controllerId)
  }
  if (type === 'broker' && !/^\d+$/.test(name)) throw new UsageError(`a broker is named by its node id, got "${name}"`, ctx.spec.path)
  return { type, name }
}

const describe: CommandSpec = {
  path: ['configs', 'describe'],
  summary: 'Show the configs of a topic or broker',
  usage: '(--entity-type topics|brokers --entity-name NAME | --topic T | --broker ID) [options]',
  connects: true,
  options: {
    ...ENTITY_OPTIONS,
    all: { type: 'boolean', short: 'a', description: 'Include configs left at their defaults' },
  },
  examples: [
    'samsa configs describe --entity-type topics --entity-name orders',
    'samsa configs describe --topic orders --all',
    'samsa configs describe --entity-type brokers --entity-name 1 --json',
  ],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const resource = await resourceOf(ctx, ctx.values)
    const entries = await (await ctx.admin()).describeConfigs(resource)
    const shown = ctx.values.all === true ? entries : entries.filter((e) => !e.isDefault)
    if (ctx.json) return ctx.printJson({ ...resource, configs: shown })
    if (shown.length === 0) return ctx.note(`No non-default configs for ${resource.type} ${resource.name} (add --all to see defaults).`)
    ctx.print(table(['NAME', 'VALUE', 'SOURCE'], shown.map((e) => [e.name, e.sensitive ? '******' : (e.value ?? 'null'), e.source])))
  },
}

const alter: CommandSpec = {
  path: ['configs', 'alter'],
  summary: 'Set or remove configs of a topic or broker',
  usage: '(--entity-type topics|brokers --entity-name NAME | --topic T | --broker ID) [--add-config k=v,...] [--delete-config k,...]',
  connects: true,
  options: {
    ...ENTITY_OPTIONS,
    'add-config': { type: 'string', value: 'k=v,...', multiple: true, description: 'Configs to set; list values in brackets: k=[a,b]' },
    'delete-config': { type: 'string', value: 'k,...', multiple: true, description: 'Configs to remove (back to their defaults)' },
    'validate-only': { type: 'boolean', description: 'Check without changing anything' },
  },
  examples: [
    'samsa configs alter --entity-type topics --entity-name orders --add-config retention.ms=86400000,max.message.bytes=2097152',
    'samsa configs alter --topic orders --delete-config retention.ms',
    "samsa configs alter --topic orders --add-config 'cleanup.policy=[compact,delete]'",
  ],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const resource = await resourceOf(ctx, ctx.values)
    const sets = keyValues(ctx.values, 'add-config', { splitCommas: true })
    const deletes = listOption(ctx.values, 'delete-config')
    if (sets.length === 0 && deletes.length === 0) throw new UsageError('nothing to change: give --add-config or --delete-config', ctx.spec.path)
    await (await ctx.admin()).alterConfigs(resource, [
      ...sets.map(([name, value]) => ({ name, op: 'set' as const, value })),
      ...deletes.map((name) => ({ name, op: 'delete' as const })),
    ], { validateOnly: ctx.values['validate-only'] === true })
    if (ctx.json) return ctx.printJson({ ...resource, set: Object.fromEntries(sets), deleted: deletes, validateOnly: ctx.values['validate-only'] === true })
    ctx.print(`${ctx.values['validate-only'] === true ? 'Validated' : 'Altered'} configs of ${resource.type} ${resource.name}: ${[...sets.map(([k, v]) => `${k}=${v}`), ...deletes.map((k) => `${k} deleted`)].join(', ')}.`)
  },
}

export const configCommands: CommandSpec[] = [describe, alter]
