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
export { UsageError, bigintOption, choiceOption, intOption, keyValues, listOption, parseTime, type Values } from './options.js'

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

/** --log-level and --log-format, for the commands that run a server (start, console). */
export const LOG_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'log-level': {
    type: 'string',
    value: 'LEVEL',
    description: 'silent, fatal, error, warn, info, debug or trace (env SAMSA_LOG_LEVEL)',
    default: 'warn',
    choices: ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'],
  },
  'log-format': {
    type: 'string',
    value: 'FORMAT',
    description: 'pretty or json (env SAMSA_LOG_FORMAT)',
    default: 'pretty on a terminal, else json',
    choices: ['pretty', 'json'],
  },
}

const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
  json: { type: 'boolean', description: 'Machine-readable JSON output' },
  quiet: { type: 'boolean', short: 'q', description: 'No notes or summaries on stderr' },
}

const CONNECTION_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'bootstrap-server': {
    type: 'string',
    short: 'b',
    value: 'HOST:PORT',
    description: 'Broker(s) to connect to, comma-separated (env SAMSA_BOOTSTRAP_SERVER)',
    default: 'localhost:9092',
  },
  'client-id': { type: 'string', value: 'ID', description: 'Client id sent to the broker', default: 'samsa-cli' },
  'request-timeout-ms': { type: 'string', value: 'MS', description: 'Request timeout', default: '30000' },
  'command-config': {
    type: 'string',
    value: 'FILE',
    description: 'Kafka client properties for a secured cluster: security.protocol, ssl.*, sasl.mechanism, sasl.jaas.config',
  },
}

export function allOptions(spec: CommandSpec): Record<string, OptionSpec> {
  if (spec.raw === true) return { ...spec.options, help: COMMON_OPTIONS.help! }
  return { ...spec.options, ...(spec.connects === true ? CONNECTION_OPTIONS : {}), ...COMMON_OPTIONS }
}

/** A value that starts with a dash but is data, not an option: -10, -2.5, -1h, -30m. */
const NEGATIVE_VALUE = /^-(\d|\.\d)/

/**
 * parseArgs refuses `--shift-by -10` as ambiguous (the value looks like an option). A string
 * option followed by a negative number or duration takes it as its value, as Kafka's tools do.
 */
function joinNegativeValues(args: readonly string[], options: Readonly<Record<string, OptionSpec>>): string[] {
  const byShort = new Map(
    Object.entries(options)
      .filter(([, o]) => o.short !== undefined)
      .map(([name, o]) => [o.short!, name]),
  )
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const next = args[i + 1]
    if (a === '--') {
      out.push(...args.slice(i))
      break
    }
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : /^-[^-]$/.test(a) ? byShort.get(a[1]!) : undefined
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && NEGATIVE_VALUE.test(next)) {
      out.push(`--${name}=${next}`)
      i++
    } else out.push(a)
  }
  return out
}

export function parseCommandArgs(spec: CommandSpec, args: string[]): { values: Values; positionals: string[] } {
  const all = allOptions(spec)
  const options: ParseArgsConfig['options'] = {}
  for (const [name, o] of Object.entries(all)) {
    options[name] = { type: o.type, ...(o.short !== undefined ? { short: o.short } : {}), ...(o.multiple === true ? { multiple: true } : {}) }
  }
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(args, all), options, allowPositionals: true, strict: true })
    return { values: values as Values, positionals }
  } catch (err) {
    const e = err as Error & { code?: string }
    const unknown = /^Unknown option '(-{1,2}[^'=]+)/.exec(e.message)?.[1]
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
      const guess = unknown.startsWith('--') ? closest(unknown.slice(2), Object.keys(all)) : undefined
      throw new UsageError(`unknown option ${unknown}${guess !== undefined ? `; did you mean --${guess}?` : ''}`, spec.path)
    }
    const missing = /^Option '(?:-\w, )?(--?[^' ]+)(?: <value>)?' argument missing/.exec(e.message)?.[1]
    if (missing !== undefined) throw new UsageError(`${missing} needs a value`, spec.path)
    const msg = e.message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '')
    throw new UsageError(msg, spec.path)
  }
}

/** The candidate nearest to `word` (a prefix, or at most two edits away), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
    for (let j = 1; j <= b.length; j++) d[0]![j] = j
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    return d[a.length]![b.length]!
  }
  const best = candidates.map((c) => [c, c.startsWith(word) ? 0 : dist(word, c)] as const).sort((a, b) => a[1] - b[1])[0]
  return best !== undefined && best[1] <= 2 ? best[0] : undefined
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
