/** Loads Kafka's message definitions (JSON with `//` comments) for the generator. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export interface FieldSpec {
  name: string
  type: string
  versions: string
  nullableVersions?: string
  taggedVersions?: string
  tag?: number
  default?: string | number | boolean
  ignorable?: boolean
  flexibleVersions?: string
  mapKey?: boolean
  entityType?: string
  about?: string
  zeroCopy?: boolean
  fields?: FieldSpec[]
}

export interface Spec {
  file: string
  apiKey?: number
  type: 'request' | 'response' | 'header' | 'data'
  name: string
  validVersions: string
  flexibleVersions?: string
  latestVersionUnstable?: boolean
  fields: FieldSpec[]
  commonStructs?: Array<{ name: string; versions?: string; fields: FieldSpec[] }>
}

export interface VersionRange {
  min: number
  max: number
}

/** "3+", "0-7", "5", or "none" (an empty range). */
export function parseVersions(s: string): VersionRange {
  const t = s.trim()
  if (t === 'none') return { min: 1, max: 0 }
  if (t.endsWith('+')) return { min: Number(t.slice(0, -1)), max: 32767 }
  const dash = t.indexOf('-')
  if (dash > 0) return { min: Number(t.slice(0, dash)), max: Number(t.slice(dash + 1)) }
  return { min: Number(t), max: Number(t) }
}

/** Removes `//` comments that are not inside strings. */
export function stripComments(text: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inString) {
      out += c
      if (c === '\\') out += text[++i] ?? ''
      else if (c === '"') inString = false
    } else if (c === '"') {
      inString = true
      out += c
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
      out += '\n'
    } else {
      out += c
    }
  }
  return out
}

/** A tagged field may leave out `versions` (TransactionLogValue does): it is then its taggedVersions. */
function normaliseFields(fields: FieldSpec[] | undefined): void {
  for (const f of fields ?? []) {
    if (f.versions === undefined && f.taggedVersions !== undefined) f.versions = f.taggedVersions
    normaliseFields(f.fields)
  }
}

export function loadSpecs(messagesDir: string): Spec[] {
  return readdirSync(messagesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const spec = { file, ...JSON.parse(stripComments(readFileSync(join(messagesDir, file), 'utf8'))) } as Spec
      normaliseFields(spec.fields)
      for (const cs of spec.commonStructs ?? []) normaliseFields(cs.fields)
      return spec
    })
}
