/** `samsa configs describe|alter` for topics, brokers (one, or the cluster default) and consumer groups. */
import type { ConfigResource, ResourceType } from '../client/admin.js'
import { type CommandSpec, type Values, UsageError, choiceOption, keyValues, listOption } from './command.js'
import type { Context } from './context.js'
import { table } from './output.js'

const ENTITY_OPTIONS = {
  'entity-type': { type: 'string', value: 'TYPE', description: 'topics, brokers or groups', choices: ['topics', 'brokers', 'groups'] },
  'entity-name': { type: 'string', value: 'NAME', description: 'Topic name, broker id or group id' },
  'entity-default': { type: 'boolean', description: 'With --entity-type brokers: the default of every broker' },
  topic: { type: 'string', value: 'TOPIC', description: 'Shorthand for --entity-type topics --entity-name TOPIC' },
  broker: { type: 'string', value: 'ID', description: 'Shorthand for --entity-type brokers --entity-name ID' },
  group: { type: 'string', value: 'GROUP', description: 'Shorthand for --entity-type groups --entity-name GROUP (KIP-848 group configs)' },
} as const

async function resourceOf(ctx: Context, v: Values): Promise<ConfigResource> {
  if (v.topic !== undefined) return { type: 'topic', name: String(v.topic) }
  if (v.broker !== undefined) return { type: 'broker', name: String(v.broker) }
  if (v.group !== undefined) return { type: 'group', name: String(v.group) }
  if (v['entity-type'] === undefined)
    throw new UsageError('give --entity-type topics|brokers|groups and --entity-name (or --topic / --broker / --group)', ctx.spec.path)
  const kind = choiceOption(v, 'entity-type', ['topics', 'brokers', 'groups', 'topic', 'broker', 'group'], 'topics')
  const type: ResourceType = kind.startsWith('topic') ? 'topic' : kind.startsWith('group') ? 'group' : 'broker'
  let name = v['entity-name'] as string | undefined
  if (v['entity-default'] === true) {
    if (type !== 'broker' || name !== undefined) throw new UsageError('--entity-default goes with --entity-type brokers and no --entity-name', ctx.spec.path)
    return { type, name: '' }
  }
  if (name === undefined) {
    if (type !== 'broker') throw new UsageError(`--entity-name is required for ${type}s`, ctx.spec.path)
    const admin = await ctx.admin()
    name = String((await admin.describeCluster()).controllerId)
  }
  if (type === 'broker' && !/^\d+$/.test(name)) throw new UsageError(`a broker is named by its node id, got "${name}"`, ctx.spec.path)
  return { type, name }
}

/** How a resource is named in messages: the cluster default has no name. */
const shown = (r: ConfigResource): string => (r.type === 'broker' && r.name === '' ? 'the broker default' : `${r.type} ${r.name}`)

const describe: CommandSpec = {
  path: ['configs', 'describe'],
  summary: 'Show the configs of a topic, broker or consumer group',
  usage: '(--entity-type topics|brokers|groups --entity-name NAME | --entity-type brokers --entity-default | --topic T | --broker ID | --group G) [options]',
  connects: true,
  options: {
    ...ENTITY_OPTIONS,
    all: { type: 'boolean', short: 'a', description: 'Include configs left at their defaults' },
  },
  examples: [
    'samsa configs describe --entity-type topics --entity-name orders',
    'samsa configs describe --topic orders --all',
    'samsa configs describe --entity-type brokers --entity-name 1 --json',
    'samsa configs describe --group orders-app --all',
  ],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const resource = await resourceOf(ctx, ctx.values)
    const entries = await (await ctx.admin()).describeConfigs(resource)
    const listed = ctx.values.all === true ? entries : entries.filter((e) => !e.isDefault)
    if (ctx.json) return ctx.printJson({ ...resource, configs: listed })
    if (listed.length === 0) return ctx.note(`No non-default configs for ${shown(resource)} (add --all to see defaults).`)
    ctx.print(
      table(
        ['NAME', 'VALUE', 'SOURCE'],
        listed.map((e) => [e.name, e.sensitive ? '******' : (e.value ?? 'null'), e.source]),
      ),
    )
  },
}

const alter: CommandSpec = {
  path: ['configs', 'alter'],
  summary: 'Set or remove configs of a topic, broker or consumer group',
  usage:
    '(--entity-type topics|brokers|groups --entity-name NAME | --entity-type brokers --entity-default | --topic T | --broker ID | --group G) [--add-config k=v,...] [--delete-config k,...]',
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
    'samsa configs alter --entity-type brokers --entity-default --add-config log.retention.ms=604800000',
    'samsa configs alter --group orders-app --add-config consumer.session.timeout.ms=50000',
  ],
  async run(ctx) {
    ctx.args([], { max: 0 })
    const resource = await resourceOf(ctx, ctx.values)
    const sets = keyValues(ctx.values, 'add-config', { splitCommas: true })
    const deletes = listOption(ctx.values, 'delete-config')
    if (sets.length === 0 && deletes.length === 0) throw new UsageError('nothing to change: give --add-config or --delete-config', ctx.spec.path)
    await (await ctx.admin()).alterConfigs(
      resource,
      [...sets.map(([name, value]) => ({ name, op: 'set' as const, value })), ...deletes.map((name) => ({ name, op: 'delete' as const }))],
      { validateOnly: ctx.values['validate-only'] === true },
    )
    if (ctx.json) return ctx.printJson({ ...resource, set: Object.fromEntries(sets), deleted: deletes, validateOnly: ctx.values['validate-only'] === true })
    ctx.print(
      `${ctx.values['validate-only'] === true ? 'Validated' : 'Altered'} configs of ${shown(resource)}: ${[...sets.map(([k, v]) => `${k}=${v}`), ...deletes.map((k) => `${k} deleted`)].join(', ')}.`,
    )
  },
}

export const configCommands: CommandSpec[] = [describe, alter]
