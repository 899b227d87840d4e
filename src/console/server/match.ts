/**
 * Matching records for search: a substring (on the raw bytes when case-sensitive, so binary
 * values match too) or a regular expression, against the key, the value and/or the headers
 * (header names and values), or a filter expression (filter-expr.ts). What can backtrack (a
 * regular expression, a filter with `matches`) runs in a worker thread (regex-matcher.ts): a
 * pattern with catastrophic backtracking must not stall the event loop the broker may share.
 */
import { compileFilter, type FilterRecord } from './filter-expr.js'

export interface MatchSpec {
  query: string
  mode: 'substring' | 'regex' | 'filter'
  caseSensitive: boolean
  fields: { key: boolean; value: boolean; headers: boolean }
}

export type MatchInput = FilterRecord

/** Longest part of one key or value a regular expression is run on. */
const REGEX_MAX_CHARS = 1 << 20

const decoder = new TextDecoder()
const text = (b: Uint8Array): string => decoder.decode(b.length > REGEX_MAX_CHARS ? b.subarray(0, REGEX_MAX_CHARS) : b)
const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1')
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether a spec must run in the worker thread. */
export function needsWorker(spec: MatchSpec): boolean {
  return spec.mode === 'regex' || (spec.mode === 'filter' && compileFilter(spec.query).usesRegex)
}

/** Throws a SyntaxError (or FilterSyntaxError) for a bad pattern or filter. */
export function compileMatcher(spec: MatchSpec): (r: MatchInput) => boolean {
  if (spec.mode === 'filter') return compileFilter(spec.query).test
  let test: (b: Uint8Array | string) => boolean
  if (spec.mode === 'regex') {
    const re = new RegExp(spec.query, spec.caseSensitive ? '' : 'i')
    test = (b) => re.test(typeof b === 'string' ? b : text(b))
  } else if (spec.caseSensitive) {
    const needle = Buffer.from(spec.query)
    test = (b) => (typeof b === 'string' ? b.includes(spec.query) : Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(needle) >= 0)
  } else if (/^[\x20-\x7e]*$/.test(spec.query)) {
    // An ASCII needle ignoring case: a literal regular expression over the bytes as Latin-1,
    // which needs no UTF-8 decoding and no lower-casing of every value (bytes above 0x7f never
    // equal an ASCII letter, so the answer is the same).
    const re = new RegExp(escapeRegex(spec.query), 'i')
    test = (b) => re.test(typeof b === 'string' ? b : latin1(b))
  } else {
    const needle = spec.query.toLowerCase()
    test = (b) => (typeof b === 'string' ? b : decoder.decode(b)).toLowerCase().includes(needle)
  }
  return (r) =>
    (spec.fields.key && r.key !== null && test(r.key)) ||
    (spec.fields.value && r.value !== null && test(r.value)) ||
    (spec.fields.headers && r.headers.some((h) => test(h.key) || (h.value !== null && test(h.value))))
}
