/**
 * How a command is declared and parsed. Parsing uses node:util `parseArgs` rather than a
 * library such as commander: it is built into Node 20, strict about unknown options, and the
 * command tree here is small and static, so one table per command gives help text, examples and
 * shell completion from the same declaration without adding a dependency.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { bold } from './output.js'

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

export type Values = Record<string, string | boolean | string[] | undefined>

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
  run(ctx: import('./context.js').Context): Promise<number | void>
}

/** A wrong invocation: exit code 2 with a pointer to --help. */
export class UsageError extends Error {
  readonly command: readonly string[]

  constructor(message: string, command: readonly string[] = []) {
    super(message)
    this.name = 'UsageError'
    this.command = command
  }
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

/** Integer option with bounds; undefined when absent. */
export function intOption(values: Values, name: string, opts: { min?: number; max?: number } = {}): number | undefined {
  const raw = values[name]
  if (raw === undefined) return undefined
  const s = String(raw).trim()
  const n = Number(s)
  if (s === '' || !Number.isInteger(n) || n < (opts.min ?? -Infinity) || n > (opts.max ?? Infinity)) {
    const range = opts.min !== undefined && opts.max !== undefined ? ` between ${opts.min} and ${opts.max}` : opts.min !== undefined ? ` >= ${opts.min}` : ''
    throw new UsageError(`--${name} must be a whole number${range}, got "${s}"`)
  }
  return n
}

export function bigintOption(values: Values, name: string): bigint | undefined {
  const raw = values[name]
  if (raw === undefined) return undefined
  const s = String(raw).trim()
  if (!/^-?\d+$/.test(s)) throw new UsageError(`--${name} must be a whole number, got "${s}"`)
  return BigInt(s)
}

export function choiceOption<T extends string>(values: Values, name: string, choices: readonly T[], fallback: T): T {
  const raw = values[name]
  if (raw === undefined) return fallback
  const s = String(raw).toLowerCase()
  if (!(choices as readonly string[]).includes(s)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${String(raw)}"`)
  return s as T
}

/** `k=v` pairs from a repeatable option, also split on commas (`--config a=1,b=2`). */
export function keyValues(values: Values, name: string, opts: { splitCommas?: boolean } = {}): Array<[string, string]> {
  const raw = values[name]
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)]
  const out: Array<[string, string]> = []
  for (const item of list) {
    for (const part of opts.splitCommas === true ? splitTopLevelCommas(item) : [item]) {
      const at = part.indexOf('=')
      if (at <= 0) throw new UsageError(`--${name} expects key=value, got "${part}"`)
      out.push([part.slice(0, at).trim(), part.slice(at + 1)])
    }
  }
  return out
}

/** Splits on commas outside [brackets], as Kafka's tools do for list values: `a=[x,y],b=1`. */
export function splitTopLevelCommas(s: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of s) {
    if (ch === '[') depth++
    if (ch === ']') depth = Math.max(0, depth - 1)
    if (ch === ',' && depth === 0) {
      if (cur.trim() !== '') out.push(cur)
      cur = ''
    } else cur += ch
  }
  if (cur.trim() !== '') out.push(cur)
  return out.map((p) => p.replace(/=\[(.*)\]$/, '=$1'))
}

export function listOption(values: Values, name: string): string[] {
  const raw = values[name]
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)]
  return list.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '')
}

/** ISO date-time or epoch milliseconds. */
export function parseTime(s: string, option: string): number {
  const t = s.trim()
  if (/^\d+$/.test(t)) return Number(t)
  const ms = Date.parse(t)
  if (Number.isNaN(ms)) throw new UsageError(`--${option} must be an ISO date-time (2024-05-01T12:00:00Z) or epoch milliseconds, got "${s}"`)
  return ms
}
