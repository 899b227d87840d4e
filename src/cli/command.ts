/**
 * How a command is declared and parsed. Parsing uses node:util `parseArgs` rather than a
 * library such as commander: it is built into Node 20, strict about unknown options, and the
 * command tree here is small and static, so one table per command gives help text, examples and
 * shell completion from the same declaration without adding a dependency.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { bold } from './output.js'
import type { Context } from './context.js'
import { UsageError, type Values } from './options.js'

// The option readers live in options.ts (Context uses them too); commands import them from here.
export { UsageError, bigintOption, choiceOption, intOption, keyValues, listOption, parseTime, splitTopLevelCommas, type Values } from './options.js'

export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** Placeholder shown in help, e.g. `N` or `k=v`. */
  value?: string
  description: string
  /** Shown in help only; defaults are applied by the command. */
  default?: string
  /** Values offered by shell completion. */
  choices?: readonly string[]
}


export interface CommandSpec {
  /** Words after `samsa`, e.g. ['topics', 'create']. */
  path: readonly string[]
  summary: string
  /** The synopsis after `samsa <path>`, e.g. `TOPIC [options]`. */
  usage: string
  description?: string
  options: Readonly<Record<string, OptionSpec>>
  examples: readonly string[]
  /** Adds --bootstrap-server and the connection options. */
  connects?: boolean
  /** Passes the raw arguments through (samsa start takes broker configs as flags). */
  raw?: boolean
  run(ctx: Context): Promise<number | void>
}

export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  json: { type: 'boolean', description: 'Machine-readable JSON output' },
}

export const CONNECTION_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'bootstrap-server': {
    type: 'string',
    short: 'b',
    value: 'HOST:PORT',
    description: 'Broker(s) to connect to, comma-separated (env SAMSA_BOOTSTRAP_SERVER)',
    default: 'localhost:9092',
  },
  'client-id': { type: 'string', value: 'ID', description: 'Client id sent to the broker', default: 'samsa-cli' },
  'request-timeout-ms': { type: 'string', value: 'MS', description: 'Request timeout', default: '30000' },
}

export function allOptions(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, ...(spec.connects === true ? CONNECTION_OPTIONS : {}), ...COMMON_OPTIONS }
}

export function parseCommandArgs(spec: CommandSpec, args: string[]): { values: Values; positionals: string[] } {
  const options: ParseArgsConfig['options'] = {}
  for (const [name, o] of Object.entries(allOptions(spec))) {
    options[name] = { type: o.type, ...(o.short !== undefined ? { short: o.short } : {}), ...(o.multiple === true ? { multiple: true } : {}) }
  }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true })
    return { values: values as Values, positionals }
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '')
    throw new UsageError(msg, spec.path)
  }
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`${bold('Usage:')} samsa ${spec.path.join(' ')} ${spec.usage}`.trimEnd(), '', spec.summary]
  if (spec.description !== undefined) lines.push('', spec.description)
  lines.push('', bold('Options:'))
  const opts = Object.entries(allOptions(spec))
  const left = opts.map(([name, o]) => `${o.short !== undefined ? `-${o.short}, ` : '    '}--${name}${o.value !== undefined ? ` ${o.value}` : ''}`)
  const width = Math.min(Math.max(...left.map((l) => l.length)) + 2, 36)
  opts.forEach(([, o], i) => {
    const l = left[i]!
    const desc = `${o.description}${o.default !== undefined ? ` (default ${o.default})` : ''}${o.multiple === true ? ' [repeatable]' : ''}`
    lines.push(l.length >= width ? `  ${l}\n  ${' '.repeat(width)}${desc}` : `  ${l.padEnd(width)}${desc}`)
  })
  if (spec.examples.length > 0) {
    lines.push('', bold('Examples:'))
    for (const e of spec.examples) lines.push(`  ${e}`)
  }
  return lines.join('\n') + '\n'
}
