/** A command's option values: the wrong-invocation error and typed readers of single options. */

export type Values = Record<string, string | boolean | string[] | undefined>

/** A wrong invocation: exit code 2 with a pointer to --help. */
export class UsageError extends Error {
  readonly command: readonly string[]

  constructor(message: string, command: readonly string[] = []) {
    super(message)
    this.name = 'UsageError'
    this.command = command
  }
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
function splitTopLevelCommas(s: string): string[] {
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
  return list
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** `1h30m`, `10s`, `2d` in milliseconds; undefined when it is not a duration. */
function parseDuration(s: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(s)) return undefined
  let ms = 0
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!
  return ms
}

/** An ISO date-time, epoch milliseconds, `now`, or a time ago: `-1h`, `-30m`, `-2d`, `-1h30m`. */
export function parseTime(s: string, option: string, now = Date.now()): number {
  const t = s.trim()
  if (/^\d+$/.test(t)) return Number(t)
  if (t === 'now') return now
  const ago = t.startsWith('-') ? parseDuration(t.slice(1)) : undefined
  if (ago !== undefined) return now - ago
  const ms = Date.parse(t)
  if (Number.isNaN(ms))
    throw new UsageError(`--${option} must be an ISO date-time (2024-05-01T12:00:00Z), epoch milliseconds, or a time ago such as -1h or -30m, got "${s}"`)
  return ms
}
