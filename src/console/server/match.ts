/**
 * Matching records for search: a substring (on the raw bytes when case-sensitive, so binary
 * values match too) or a regular expression, against the key, the value and/or the headers
 * (header names and values). Regular expressions run in a worker thread (regex-matcher.ts): a
 * pattern with catastrophic backtracking must not stall the event loop the broker may share.
 */
export interface MatchSpec {
  query: string
  mode: 'substring' | 'regex'
  caseSensitive: boolean
  fields: { key: boolean; value: boolean; headers: boolean }
}

export interface MatchInput {
  key: Uint8Array | null
  value: Uint8Array | null
  headers: { key: string; value: Uint8Array | null }[]
}

/** Longest part of one key or value a regular expression is run on. */
export const REGEX_MAX_CHARS = 1 << 20

const decoder = new TextDecoder()
const text = (b: Uint8Array): string => decoder.decode(b.length > REGEX_MAX_CHARS ? b.subarray(0, REGEX_MAX_CHARS) : b)

/** Throws a SyntaxError for a bad pattern. */
export function compileMatcher(spec: MatchSpec): (r: MatchInput) => boolean {
  let test: (b: Uint8Array | string) => boolean
  if (spec.mode === 'regex') {
    const re = new RegExp(spec.query, spec.caseSensitive ? '' : 'i')
    test = (b) => re.test(typeof b === 'string' ? b : text(b))
  } else if (spec.caseSensitive) {
    const needle = Buffer.from(spec.query)
    test = (b) => (typeof b === 'string' ? b.includes(spec.query) : Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(needle) >= 0)
  } else {
    const needle = spec.query.toLowerCase()
    test = (b) => (typeof b === 'string' ? b : decoder.decode(b)).toLowerCase().includes(needle)
  }
  return (r) =>
    (spec.fields.key && r.key !== null && test(r.key)) ||
    (spec.fields.value && r.value !== null && test(r.value)) ||
    (spec.fields.headers && r.headers.some((h) => test(h.key) || (h.value !== null && test(h.value))))
}
