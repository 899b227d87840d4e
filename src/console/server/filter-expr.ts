/**
 * The search filter: a small expression language over a record, as Kafka-UI (CEL) and Redpanda
 * Console (JavaScript) offer, but parsed and evaluated here, never handed to eval:
 *
 *   value.user.id == 42 && headers.source == "web"
 *   key startsWith "order-" and timestamp > "2024-05-01T00:00:00Z"
 *   offset >= 1000 && partition == 2
 *   valueText contains "needle" || value.tags contains "urgent"
 *   value.email matches /@example\.(com|org)$/i
 *
 * Names: `key` and `value` (parsed as JSON when they are JSON, else their text), `keyText` and
 * `valueText` (the text), `headers` (by name: `headers.trace` or `headers["x-id"]`),
 * `offset`, `partition`, `timestamp` (milliseconds; compared with a date string it is a date),
 * `size` (bytes). Paths go into JSON with `.name` and `[0]`; a missing one is null.
 * Operators: `== != < <= > >=`, `contains` (text, list element or object key), `startsWith`,
 * `endsWith`, `matches` or `~` (a /regex/ or a string), `&& and || or ! not`, parentheses.
 * Functions: lower(x), upper(x), len(x), number(x), text(x). Literals: numbers, 'strings' or
 * "strings", true, false, null, /regex/flags.
 *
 * Evaluation is bounded by the expression (no loops, no calls out); only `matches` can be slow,
 * through its regular expression, so filters with one run in the search's worker thread.
 */

export class FilterSyntaxError extends Error {}

export interface FilterRecord {
  key: Uint8Array | null
  value: Uint8Array | null
  headers: { key: string; value: Uint8Array | null }[]
  offset: number | bigint
  partition: number
  timestamp: number | bigint
}

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'regex'; re: RegExp }
  | { t: 'path'; root: string; steps: Array<string | number> }
  | { t: 'not'; e: Node }
  | { t: 'neg'; e: Node }
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'cmp'; op: string; a: Node; b: Node }
  | { t: 'call'; fn: string; args: Node[] }

const ROOTS = new Set(['key', 'value', 'keyText', 'valueText', 'headers', 'offset', 'partition', 'timestamp', 'size'])
const FUNCTIONS: Record<string, (args: unknown[]) => unknown> = {
  lower: ([x]) => (typeof x === 'string' ? x.toLowerCase() : x),
  upper: ([x]) => (typeof x === 'string' ? x.toUpperCase() : x),
  len: ([x]) => (typeof x === 'string' || Array.isArray(x) ? x.length : x !== null && typeof x === 'object' ? Object.keys(x).length : null),
  number: ([x]) => toNumber(x),
  text: ([x]) => (x === null ? null : typeof x === 'string' ? x : JSON.stringify(x)),
}
const WORD_OPS = new Set(['contains', 'startsWith', 'endsWith', 'matches'])
const MAX_LENGTH = 2000
const MAX_NODES = 500
const MAX_DEPTH = 64

interface Token {
  kind: 'num' | 'str' | 'regex' | 'ident' | 'op' | 'end'
  text: string
  value?: unknown
  at: number
}

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const at = i
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(\d+(\.\d+)?([eE][+-]?\d+)?|\.\d+)/.exec(src.slice(i))!
      out.push({ kind: 'num', text: m[0], value: Number(m[0]), at })
      i += m[0].length
    } else if (c === '"' || c === "'") {
      let s = ''
      i++
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1]!
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n
          i += 2
        } else s += src[i++]
      }
      if (i >= src.length) throw new FilterSyntaxError(`a string starting at ${at + 1} is not closed`)
      i++
      out.push({ kind: 'str', text: src.slice(at, i), value: s, at })
    } else if (c === '/') {
      let body = ''
      i++
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && i + 1 < src.length) {
          body += src[i]! + src[i + 1]!
          i += 2
        } else body += src[i++]
      }
      if (i >= src.length) throw new FilterSyntaxError(`a /regex/ starting at ${at + 1} is not closed`)
      i++
      const flags = /^[gimsuy]*/.exec(src.slice(i))![0]
      i += flags.length
      let re: RegExp
      try {
        re = new RegExp(body, flags.replace('g', '').replace('y', ''))
      } catch (err) {
        throw new FilterSyntaxError(`not a valid regular expression at ${at + 1}: ${(err as Error).message}`)
      }
      out.push({ kind: 'regex', text: src.slice(at, i), value: re, at })
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))!
      out.push({ kind: 'ident', text: m[0], at })
      i += m[0].length
    } else {
      const two = src.slice(i, i + 2)
      const op = ['==', '!=', '<=', '>=', '&&', '||'].includes(two) ? two : '<>!~()[].,-'.includes(c) ? c : undefined
      if (op === undefined) throw new FilterSyntaxError(`unexpected "${c}" at ${at + 1}`)
      out.push({ kind: 'op', text: op, at })
      i += op.length
    }
  }
  out.push({ kind: 'end', text: '', at: src.length })
  return out
}

/** Parses a filter; throws FilterSyntaxError with a message a person can act on. */
export function parseFilter(src: string): { node: Node; usesRegex: boolean } {
  if (src.length > MAX_LENGTH) throw new FilterSyntaxError(`a filter is at most ${MAX_LENGTH} characters`)
  const tokens = tokenize(src)
  let pos = 0
  let nodes = 0
  let depth = 0
  let usesRegex = false
  const peek = (): Token => tokens[pos]!
  const next = (): Token => tokens[pos++]!
  const isOp = (text: string): boolean => (peek().kind === 'op' && peek().text === text) || (peek().kind === 'ident' && peek().text === text)
  const expect = (text: string): void => {
    const t = next()
    if (t.text !== text) throw new FilterSyntaxError(`expected "${text}" at ${t.at + 1}${t.kind === 'end' ? ' (the end)' : `, found "${t.text}"`}`)
  }
  const node = (n: Node): Node => {
    if (++nodes > MAX_NODES) throw new FilterSyntaxError('the filter is too long')
    return n
  }

  const or = (): Node => {
    let a = and()
    while (isOp('||') || isOp('or')) {
      next()
      a = node({ t: 'or', a, b: and() })
    }
    return a
  }
  const and = (): Node => {
    let a = not()
    while (isOp('&&') || isOp('and')) {
      next()
      a = node({ t: 'and', a, b: not() })
    }
    return a
  }
  const not = (): Node => {
    if (isOp('!') || isOp('not')) {
      next()
      if (++depth > MAX_DEPTH) throw new FilterSyntaxError('the filter nests too deep')
      const e = not()
      depth--
      return node({ t: 'not', e })
    }
    return cmp()
  }
  const cmp = (): Node => {
    const a = unary()
    const t = peek()
    const op =
      t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>=', '~'].includes(t.text) ? t.text : t.kind === 'ident' && WORD_OPS.has(t.text) ? t.text : undefined
    if (op === undefined) return a
    next()
    const b = unary()
    if (op === 'matches' || op === '~') usesRegex = true
    return node({ t: 'cmp', op: op === '~' ? 'matches' : op, a, b })
  }
  const unary = (): Node => {
    if (isOp('-')) {
      next()
      return node({ t: 'neg', e: unary() })
    }
    return primary()
  }
  const primary = (): Node => {
    const t = next()
    switch (t.kind) {
      case 'num':
      case 'str':
        return node({ t: 'lit', v: t.value })
      case 'regex':
        usesRegex = true
        return node({ t: 'regex', re: t.value as RegExp })
      case 'op':
        if (t.text === '(') {
          if (++depth > MAX_DEPTH) throw new FilterSyntaxError('the filter nests too deep')
          const e = or()
          expect(')')
          depth--
          return e
        }
        throw new FilterSyntaxError(`unexpected "${t.text}" at ${t.at + 1}`)
      case 'ident': {
        if (t.text === 'true' || t.text === 'false') return node({ t: 'lit', v: t.text === 'true' })
        if (t.text === 'null') return node({ t: 'lit', v: null })
        if (isOp('(')) {
          const fn = FUNCTIONS[t.text]
          if (fn === undefined)
            throw new FilterSyntaxError(
              `unknown function ${t.text}(); there are ${Object.keys(FUNCTIONS)
                .map((f) => `${f}()`)
                .join(', ')}`,
            )
          next()
          const args: Node[] = []
          if (!isOp(')')) {
            args.push(or())
            while (isOp(',')) {
              next()
              args.push(or())
            }
          }
          expect(')')
          return node({ t: 'call', fn: t.text, args })
        }
        if (!ROOTS.has(t.text)) {
          throw new FilterSyntaxError(`unknown name "${t.text}" at ${t.at + 1}: use ${[...ROOTS].join(', ')} (text in quotes: valueText contains "${t.text}")`)
        }
        const steps: Array<string | number> = []
        for (;;) {
          if (isOp('.')) {
            next()
            const n = next()
            if (n.kind !== 'ident') throw new FilterSyntaxError(`expected a field name after "." at ${n.at + 1}`)
            steps.push(n.text)
            node({ t: 'lit', v: null })
          } else if (isOp('[')) {
            next()
            const n = next()
            if (n.kind !== 'str' && n.kind !== 'num') throw new FilterSyntaxError(`expected a "name" or an index in [] at ${n.at + 1}`)
            steps.push(n.value as string | number)
            node({ t: 'lit', v: null })
            expect(']')
          } else break
        }
        return node({ t: 'path', root: t.text, steps })
      }
      case 'end':
        throw new FilterSyntaxError(src.trim() === '' ? 'the filter is empty' : 'the filter ends too early')
    }
    throw new FilterSyntaxError(`unexpected "${t.text}" at ${t.at + 1}`)
  }

  const root = or()
  if (peek().kind !== 'end') throw new FilterSyntaxError(`unexpected "${peek().text}" at ${peek().at + 1}: join conditions with && or ||`)
  return { node: root, usesRegex }
}

const decoder = new TextDecoder()

/** The record's fields, each computed once and only when the filter asks for it. */
class Fields {
  readonly #r: FilterRecord
  #keyText: string | null | undefined
  #valueText: string | null | undefined
  #key: unknown
  #value: unknown
  #headers: Record<string, string | null> | undefined

  constructor(r: FilterRecord) {
    this.#r = r
  }

  get(root: string): unknown {
    const r = this.#r
    switch (root) {
      case 'keyText':
        return (this.#keyText ??= r.key === null ? null : decoder.decode(r.key))
      case 'valueText':
        return (this.#valueText ??= r.value === null ? null : decoder.decode(r.value))
      case 'key':
        return this.#key !== undefined ? this.#key : (this.#key = parseJsonOrText(this.get('keyText') as string | null))
      case 'value':
        return this.#value !== undefined ? this.#value : (this.#value = parseJsonOrText(this.get('valueText') as string | null))
      case 'headers':
        return (this.#headers ??= Object.fromEntries(r.headers.map((h) => [h.key, h.value === null ? null : decoder.decode(h.value)])))
      case 'offset':
        return Number(r.offset)
      case 'partition':
        return r.partition
      case 'timestamp':
        return Number(r.timestamp)
      case 'size': {
        let n = (r.key?.length ?? 0) + (r.value?.length ?? 0)
        for (const h of r.headers) n += h.key.length + (h.value?.length ?? 0)
        return n
      }
    }
    return null
  }
}

function parseJsonOrText(s: string | null): unknown {
  if (s === null) return null
  const c = s.trimStart()[0]
  if (c === '{' || c === '[' || c === '"' || c === '-' || (c !== undefined && c >= '0' && c <= '9') || s === 'true' || s === 'false' || s === 'null') {
    try {
      return JSON.parse(s)
    } catch {
      return s
    }
  }
  return s
}

function toNumber(x: unknown): number | null {
  if (typeof x === 'number') return x
  if (typeof x === 'boolean') return x ? 1 : 0
  if (typeof x === 'string' && x.trim() !== '') {
    const n = Number(x)
    if (!Number.isNaN(n)) return n
    const d = Date.parse(x)
    if (!Number.isNaN(d)) return d
  }
  return null
}

function compare(a: unknown, b: unknown): number | null {
  if (a === null || b === null || a === undefined || b === undefined) return null
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  const x = toNumber(a)
  const y = toNumber(b)
  if (x === null || y === null) return null
  return x < y ? -1 : x > y ? 1 : 0
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null)
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b)
  if (typeof a === 'number' || typeof b === 'number') return compare(a, b) === 0
  return String(a) === String(b)
}

function evaluate(n: Node, f: Fields): unknown {
  switch (n.t) {
    case 'lit':
      return n.v
    case 'regex':
      return n.re
    case 'path': {
      let v = f.get(n.root)
      for (const s of n.steps) {
        if (v === null || v === undefined || typeof v !== 'object') return null
        v = (v as Record<string | number, unknown>)[s]
      }
      return v === undefined ? null : v
    }
    case 'not':
      return !truthy(evaluate(n.e, f))
    case 'neg': {
      const x = toNumber(evaluate(n.e, f))
      return x === null ? null : -x
    }
    case 'and':
      return truthy(evaluate(n.a, f)) && truthy(evaluate(n.b, f))
    case 'or':
      return truthy(evaluate(n.a, f)) || truthy(evaluate(n.b, f))
    case 'call':
      return FUNCTIONS[n.fn]!(n.args.map((a) => evaluate(a, f)))
    case 'cmp': {
      const a = evaluate(n.a, f)
      const b = evaluate(n.b, f)
      switch (n.op) {
        case '==':
          return equal(a, b)
        case '!=':
          return !equal(a, b)
        case '<':
          return (compare(a, b) ?? 0) < 0 && compare(a, b) !== null
        case '<=':
          return compare(a, b) !== null && compare(a, b)! <= 0
        case '>':
          return compare(a, b) !== null && compare(a, b)! > 0
        case '>=':
          return compare(a, b) !== null && compare(a, b)! >= 0
        case 'contains':
          if (typeof a === 'string') return b !== null && a.includes(String(b))
          if (Array.isArray(a)) return a.some((x) => equal(x, b))
          if (a !== null && typeof a === 'object') return typeof b === 'string' && Object.hasOwn(a, b)
          return false
        case 'startsWith':
          return typeof a === 'string' && b !== null && a.startsWith(String(b))
        case 'endsWith':
          return typeof a === 'string' && b !== null && a.endsWith(String(b))
        case 'matches': {
          if (a === null) return false
          const re = b instanceof RegExp ? b : typeof b === 'string' ? new RegExp(b) : null
          return re?.test(typeof a === 'string' ? a : JSON.stringify(a))
        }
      }
    }
  }
  return null
}

function truthy(v: unknown): boolean {
  return v !== null && v !== undefined && v !== false && v !== 0 && v !== ''
}

/** A compiled filter: true for the records it keeps. Throws FilterSyntaxError for a bad one. */
export function compileFilter(src: string): { test: (r: FilterRecord) => boolean; usesRegex: boolean } {
  const { node, usesRegex } = parseFilter(src)
  return { test: (r) => truthy(evaluate(node, new Fields(r))), usesRegex }
}
