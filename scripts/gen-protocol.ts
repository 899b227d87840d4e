/**
 * Generates TypeScript codecs from Apache Kafka's message definitions.
 *
 *   node dist/scripts/gen-protocol.js <kafka-protocol dir> <output dir> [--check]
 *
 * `--check` writes nothing and fails when the committed output differs from what it would write
 * (`npm run gen:protocol -- --check`, run by CI).
 *
 * One file per message: an interface per struct, and straight-line encode/decode functions
 * gated by `if (v >= n)`, so one function serves every version (see STYLE.md, kmsg). The JSON is
 * read at build time only; nothing interprets the schema at run time.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { join, basename, dirname } from 'node:path'
import { loadSpecs, type Spec, type FieldSpec, type VersionRange, parseVersions } from './protocol-spec.js'

const PRIMITIVES = new Set(['bool', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'float64', 'string', 'bytes', 'uuid', 'records'])

const TS_TYPE: Record<string, string> = {
  bool: 'boolean',
  int8: 'number',
  int16: 'number',
  uint16: 'number',
  int32: 'number',
  uint32: 'number',
  int64: 'bigint',
  float64: 'number',
  string: 'string',
  bytes: 'Buffer',
  uuid: 'string',
  records: 'Buffer',
}

export function fileNameOf(messageName: string): string {
  return messageName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
}

function camel(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1)
}

interface Struct {
  name: string
  fields: FieldSpec[]
}

interface Ctx {
  spec: Spec
  lo: number
  hi: number
  flexFrom: number // Infinity when never flexible
  structs: Map<string, Struct>
}

/** A condition on `v` that is true exactly for the versions in `range` within [lo, hi]. */
function versionCond(ctx: Ctx, range: VersionRange): string | null {
  const a = Math.max(range.min, ctx.lo)
  const b = Math.min(range.max, ctx.hi)
  if (a > b) return 'false'
  const parts: string[] = []
  if (a > ctx.lo) parts.push(`v >= ${a}`)
  if (b < ctx.hi) parts.push(`v <= ${b}`)
  return parts.length === 0 ? null : parts.join(' && ')
}

function flexExpr(ctx: Ctx, field?: FieldSpec): string {
  if (field?.flexibleVersions !== undefined) {
    const r = parseVersions(field.flexibleVersions)
    return versionCond(ctx, r) ?? 'true'
  }
  return 'flex'
}

function elementType(t: string): string | null {
  return t.startsWith('[]') ? t.slice(2) : null
}

function isNullable(f: FieldSpec): boolean {
  return f.nullableVersions !== undefined && parseVersions(f.nullableVersions).min <= parseVersions(f.nullableVersions).max
}

function isTagged(f: FieldSpec): boolean {
  return f.taggedVersions !== undefined
}

function tsType(f: FieldSpec): string {
  const el = elementType(f.type)
  let t: string
  if (el !== null) t = `${PRIMITIVES.has(el) ? TS_TYPE[el] : el}[]`
  else t = PRIMITIVES.has(f.type) ? TS_TYPE[f.type]! : f.type
  const nullable = isNullable(f) || f.type === 'records' || (isTagged(f) && !PRIMITIVES.has(f.type) && el === null)
  return nullable ? `${t} | null` : t
}

function numberLiteral(raw: string | number | boolean | undefined, big: boolean): string {
  if (raw === undefined || raw === '') return big ? '0n' : '0'
  const s = String(raw)
  const n = s.startsWith('0x') || s.startsWith('-0x') ? BigInt(s.replace('-0x', '0x')) * (s.startsWith('-') ? -1n : 1n) : BigInt(s)
  return big ? `${n}n` : `${n}`
}

/** The value a field takes when absent from a version or not set by the encoder's caller. */
function defaultExpr(f: FieldSpec): string {
  const el = elementType(f.type)
  const d = f.default
  if (el !== null) return d === 'null' && isNullable(f) ? 'null' : '[]'
  switch (f.type) {
    case 'bool':
      return String(d === true || d === 'true')
    case 'int8':
    case 'int16':
    case 'uint16':
    case 'int32':
    case 'uint32':
      return numberLiteral(d, false)
    case 'float64':
      return d === undefined || d === '' ? '0' : String(Number(d))
    case 'int64':
      return numberLiteral(d, true)
    case 'string':
      if (d === 'null' || (d === undefined && isNullable(f) && false)) return 'null'
      return JSON.stringify(typeof d === 'string' ? d : '')
    case 'bytes':
      return isNullable(f) && d === 'null' ? 'null' : 'EMPTY'
    case 'records':
      return 'null'
    case 'uuid':
      return 'ZERO_UUID'
    default:
      return isNullable(f) || isTagged(f) ? 'null' : `default${f.type}()`
  }
}

function readPrimitive(t: string, flex: string, nullable: boolean): string {
  switch (t) {
    case 'bool':
      return 'r.bool()'
    case 'int8':
      return 'r.int8()'
    case 'int16':
      return 'r.int16()'
    case 'uint16':
      return 'r.uint16()'
    case 'int32':
      return 'r.int32()'
    case 'uint32':
      return 'r.uint32()'
    case 'int64':
      return 'r.int64()'
    case 'float64':
      return 'r.float64()'
    case 'uuid':
      return 'r.uuid()'
    case 'string':
      return nullable ? `r.nullableString(${flex})` : `r.string(${flex})`
    case 'bytes':
      return nullable ? `r.nullableBytes(${flex})` : `r.bytes(${flex})`
    case 'records':
      return `r.nullableBytes(${flex})`
  }
  throw new Error(`not a primitive: ${t}`)
}

function writePrimitive(t: string, flex: string, nullable: boolean, value: string): string {
  switch (t) {
    case 'bool':
      return `w.bool(${value})`
    case 'int8':
      return `w.int8(${value})`
    case 'int16':
      return `w.int16(${value})`
    case 'uint16':
      return `w.uint16(${value})`
    case 'int32':
      return `w.int32(${value})`
    case 'uint32':
      return `w.uint32(${value})`
    case 'int64':
      return `w.int64(${value})`
    case 'float64':
      return `w.float64(${value})`
    case 'uuid':
      return `w.uuid(${value})`
    case 'string':
      return nullable ? `w.nullableString(${value}, ${flex})` : `w.string(${value} ?? '', ${flex})`
    case 'bytes':
      return nullable ? `w.records(${value}, ${flex})` : `w.records(${value} ?? EMPTY, ${flex})`
    case 'records':
      return `w.records(${value}, ${flex})`
  }
  throw new Error(`not a primitive: ${t}`)
}

/** Expression reading one field's value (not its version gate). */
function readField(ctx: Ctx, f: FieldSpec, tagged: boolean): string {
  const flex = tagged ? 'true' : flexExpr(ctx, f)
  const el = elementType(f.type)
  const nullable = isNullable(f)
  if (el !== null) {
    const item = PRIMITIVES.has(el) ? readPrimitive(el, flex, false) : `read${el}(r, v)`
    return `readArray(r, ${flex}, ${nullable}, (r) => ${item})`
  }
  if (PRIMITIVES.has(f.type)) return readPrimitive(f.type, flex, nullable)
  if (nullable && !tagged) return `(r.int8() < 0 ? null : read${f.type}(r, v))`
  return `read${f.type}(r, v)`
}

function writeField(ctx: Ctx, f: FieldSpec, value: string, tagged: boolean): string {
  const flex = tagged ? 'true' : flexExpr(ctx, f)
  const el = elementType(f.type)
  const nullable = isNullable(f)
  if (el !== null) {
    const item = PRIMITIVES.has(el) ? writePrimitive(el, flex, false, 'e') : `write${el}(w, v, e)`
    return `writeArray(w, ${flex}, ${nullable}, ${value}, (w, e) => ${item})`
  }
  if (PRIMITIVES.has(f.type)) {
    const big = f.type === 'int64'
    const needsDefault = !['string', 'bytes', 'records'].includes(f.type)
    const v = needsDefault ? `(${value} ?? ${defaultExpr(f)})` : value
    return writePrimitive(f.type, flex, nullable, big ? v : v)
  }
  if (nullable && !tagged) return `if (${value} == null) w.int8(-1); else { w.int8(1); write${f.type}(w, v, ${value}) }`
  return `write${f.type}(w, v, ${value} ?? {})`
}

function collectStructs(spec: Spec): Map<string, Struct> {
  const structs = new Map<string, Struct>()
  const add = (name: string, fields: FieldSpec[]): void => {
    if (structs.has(name)) throw new Error(`${spec.name}: struct ${name} defined twice`)
    if (name === spec.name) throw new Error(`${spec.name}: struct named like its message`)
    structs.set(name, { name, fields })
    walk(fields)
  }
  const walk = (fields: FieldSpec[]): void => {
    for (const f of fields) {
      if (f.fields !== undefined) add(elementType(f.type) ?? f.type, f.fields)
    }
  }
  for (const cs of spec.commonStructs ?? []) add(cs.name, cs.fields)
  walk(spec.fields)
  return structs
}

function docComment(text: string | undefined, indent: string): string {
  if (text === undefined || text === '') return ''
  return `${indent}/** ${text.replaceAll('*/', '* /')} */\n`
}

function genInterface(ctx: Ctx, name: string, fields: FieldSpec[], about?: string): string {
  let out = docComment(about, '')
  out += `export interface ${name} {\n`
  for (const f of fields) {
    out += docComment(f.about, '  ')
    out += `  ${camel(f.name)}: ${tsType(f)}\n`
  }
  if (ctx.flexFrom !== Infinity) out += '  /** Tagged fields this version does not know, kept for round trips. */\n  unknownTaggedFields?: TaggedField[]\n'
  out += '}\n'
  return out
}

function genDefault(_ctx: Ctx, name: string, fields: FieldSpec[]): string {
  const body = fields.map((f) => `    ${camel(f.name)}: ${defaultExpr(f)},`).join('\n')
  return `export function default${name}(): ${name} {\n  return {\n${body}\n  }\n}\n`
}

function genRead(ctx: Ctx, name: string, fields: FieldSpec[], exported: boolean): string {
  const fn = exported ? `export function decode${name}` : `function read${name}`
  let out = `${fn}(r: Reader, v: number): ${name} {\n`
  const flexible = ctx.flexFrom !== Infinity
  if (flexible) out += `  const flex = v >= ${ctx.flexFrom}\n`
  else out += '  const flex = false\n'
  out += `  const o: ${name} = {\n`
  for (const f of fields) {
    const key = camel(f.name)
    const presence = versionCond(ctx, parseVersions(f.versions))
    if (isTagged(f) || presence === 'false') {
      out += `    ${key}: ${defaultExpr(f)},\n`
      continue
    }
    const expr = readField(ctx, f, false)
    out += presence === null ? `    ${key}: ${expr},\n` : `    ${key}: ${presence} ? ${expr} : ${defaultExpr(f)},\n`
  }
  out += '  }\n'
  const tagged = fields.filter(isTagged)
  if (flexible) {
    if (tagged.length === 0) out += '  if (flex) o.unknownTaggedFields = r.taggedFields()\n'
    else {
      out += '  if (flex) {\n    o.unknownTaggedFields = r.taggedFields((tag, r) => {\n      switch (tag) {\n'
      for (const f of tagged) {
        const cond = versionCond(ctx, parseVersions(f.taggedVersions!))
        if (cond === 'false') continue
        out += `        case ${f.tag}:\n`
        if (cond !== null) out += `          if (!(${cond})) return false\n`
        out += `          o.${camel(f.name)} = ${readField(ctx, f, true)}\n          return true\n`
      }
      out += '        default:\n          return false\n      }\n    })\n  }\n'
    }
  }
  out += '  return o\n}\n'
  if (!flexible) out = out.replace('  const flex = false\n', '  const flex = false as boolean\n')
  return dropUnusedFlex(out)
}

/** A function whose fields never test `flex` declares it for nothing: drop it (noUnusedLocals). */
function dropUnusedFlex(fn: string): string {
  if (fn.split(/\bflex\b/).length - 1 > 1) return fn
  return fn.replace(/ {2}const flex = [^\n]*\n/, '')
}

function genWrite(ctx: Ctx, name: string, fields: FieldSpec[], exported: boolean): string {
  const fn = exported ? `export function encode${name}` : `function write${name}`
  let out = `${fn}(w: Writer, v: number, m: Input<${name}>): void {\n`
  const flexible = ctx.flexFrom !== Infinity
  out += flexible ? `  const flex = v >= ${ctx.flexFrom}\n` : '  const flex = false as boolean\n'
  for (const f of fields) {
    if (isTagged(f)) continue
    const presence = versionCond(ctx, parseVersions(f.versions))
    if (presence === 'false') continue
    const stmt = writeField(ctx, f, `m.${camel(f.name)}`, false)
    out += presence === null ? `  ${stmt}\n` : `  if (${presence}) { ${stmt} }\n`
  }
  if (flexible) {
    const tagged = fields.filter(isTagged)
    if (tagged.length === 0) {
      out += '  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }\n'
    } else {
      out += '  if (flex) {\n    let t: Array<[number, (w: Writer) => void]> | undefined\n'
      for (const f of tagged) {
        const cond = versionCond(ctx, parseVersions(f.taggedVersions!))
        if (cond === 'false') continue
        const key = camel(f.name)
        const def = defaultExpr(f)
        const el = elementType(f.type)
        let differs: string
        if (el !== null) differs = `m.${key} != null && m.${key}.length > 0`
        else if (PRIMITIVES.has(f.type))
          differs = f.type === 'bytes' || f.type === 'records' ? `m.${key} != null && m.${key}.length > 0` : `m.${key} !== undefined && m.${key} !== ${def}`
        else differs = `m.${key} != null`
        const guard = cond === null ? differs : `(${cond}) && ${differs}`
        const val = `m.${key}`
        const stmt = writeField(ctx, { ...f, nullableVersions: undefined }, `${val}!`, true)
        out += `    if (${guard}) (t ??= []).push([${f.tag}, (w) => { ${stmt} }])\n`
      }
      out += '    w.taggedFields(t, m.unknownTaggedFields)\n  }\n'
    }
  }
  out += '}\n'
  return dropUnusedFlex(out)
}

/** `up` is the path from the output file to src/protocol ('..' for messages, '../..' for records/). */
function genMessage(spec: Spec, source: string, up = '..'): string {
  const range = parseVersions(spec.validVersions)
  const flex = parseVersions(spec.flexibleVersions ?? 'none')
  const ctx: Ctx = {
    spec,
    lo: range.min,
    hi: range.max,
    flexFrom: flex.min <= flex.max ? flex.min : Infinity,
    structs: collectStructs(spec),
  }
  const parts: string[] = []
  parts.push(`// generated from ${source} by scripts/gen-protocol.ts - do not edit\n`)
  parts.push(`/* eslint-disable */`)
  parts.push(`import { type Reader, type TaggedField } from '${up}/reader.js'`)
  parts.push(`import { type Writer } from '${up}/writer.js'`)
  parts.push(`import { type Input, EMPTY, ZERO_UUID, readArray, writeArray } from '${up}/codec-support.js'\n`)
  parts.push(
    `export const ${spec.name}Info = {\n  name: '${spec.name}',\n  apiKey: ${spec.apiKey ?? -1},\n  type: '${spec.type}',\n  minVersion: ${ctx.lo},\n  maxVersion: ${ctx.hi},\n  flexibleFrom: ${ctx.flexFrom === Infinity ? -1 : ctx.flexFrom},\n  latestVersionUnstable: ${spec.latestVersionUnstable === true},\n} as const\n`,
  )
  parts.push(genInterface(ctx, spec.name, spec.fields))
  for (const s of ctx.structs.values()) parts.push(genInterface(ctx, s.name, s.fields))
  parts.push(genRead(ctx, spec.name, spec.fields, true))
  parts.push(genWrite(ctx, spec.name, spec.fields, true))
  for (const s of ctx.structs.values()) {
    parts.push(genDefault(ctx, s.name, s.fields))
    parts.push(genRead(ctx, s.name, s.fields, false))
    parts.push(genWrite(ctx, s.name, s.fields, false))
  }
  let text = parts.join('\n')
  // Drop imports the file does not use, so strict builds stay quiet.
  for (const name of ['TaggedField', 'EMPTY', 'ZERO_UUID', 'readArray', 'writeArray']) {
    const uses = text.split(new RegExp(`\\b${name}\\b`)).length - 1
    if (uses === 1) text = text.replace(new RegExp(`, (type )?${name}\\b|\\b${name}, `), '')
  }
  return text
}

function genErrorCodes(dir: string): string {
  const codes = JSON.parse(readFileSync(join(dir, 'error-codes.json'), 'utf8')) as Array<{
    code: number
    name: string
    message: string | null
    retriable: boolean
  }>
  let out = '// generated from error-codes.json by scripts/gen-protocol.ts - do not edit\n\n'
  out += "/** Kafka protocol error codes, by Kafka's name. */\nexport const ErrorCode = {\n"
  for (const e of codes) out += `  ${e.name}: ${e.code},\n`
  out += '} as const\n\nexport type ErrorCodeName = keyof typeof ErrorCode\n\n'
  out +=
    '/** Name, default message and retriability of each code. */\nexport const errorInfo: ReadonlyMap<number, { name: ErrorCodeName, message: string | null, retriable: boolean }> = new Map([\n'
  for (const e of codes) out += `  [${e.code}, { name: '${e.name}', message: ${JSON.stringify(e.message)}, retriable: ${e.retriable} }],\n`
  out += '])\n'
  return out
}

function genIndex(specs: Spec[]): string {
  let out = '// generated by scripts/gen-protocol.ts - do not edit\n\n'
  out += "import { type Reader } from '../reader.js'\nimport { type Writer } from '../writer.js'\n"
  const apis = new Map<number, { req?: Spec; res?: Spec }>()
  for (const s of specs) {
    if (s.apiKey === undefined || (s.type !== 'request' && s.type !== 'response')) continue
    const e = apis.get(s.apiKey) ?? {}
    if (s.type === 'request') e.req = s
    else e.res = s
    apis.set(s.apiKey, e)
  }
  const keys = [...apis.keys()].sort((a, b) => a - b)
  for (const k of keys) {
    const { req, res } = apis.get(k)!
    out += `import { type ${req!.name}, ${req!.name}Info, decode${req!.name}, encode${req!.name} } from './${fileNameOf(req!.name)}.js'\n`
    out += `import { type ${res!.name}, decode${res!.name}, encode${res!.name} } from './${fileNameOf(res!.name)}.js'\n`
  }
  out += `
/** One API: its key, versions, and the codecs for its request and response. */
export interface ApiSpec {
  readonly key: number
  readonly name: string
  readonly minVersion: number
  readonly maxVersion: number
  /** First flexible version, or -1. */
  readonly flexibleFrom: number
  readonly latestVersionUnstable: boolean
  readonly decodeRequest: (r: Reader, v: number) => any
  readonly encodeRequest: (w: Writer, v: number, m: any) => void
  readonly decodeResponse: (r: Reader, v: number) => any
  readonly encodeResponse: (w: Writer, v: number, m: any) => void
}

function api(info: { apiKey: number, minVersion: number, maxVersion: number, flexibleFrom: number, latestVersionUnstable: boolean }, name: string, decodeRequest: ApiSpec['decodeRequest'], encodeRequest: ApiSpec['encodeRequest'], decodeResponse: ApiSpec['decodeResponse'], encodeResponse: ApiSpec['encodeResponse']): ApiSpec {
  return { key: info.apiKey, name, minVersion: info.minVersion, maxVersion: info.maxVersion, flexibleFrom: info.flexibleFrom, latestVersionUnstable: info.latestVersionUnstable, decodeRequest, encodeRequest, decodeResponse, encodeResponse }
}

/** Kafka's API keys by name. */
export const ApiKey = {
`
  for (const k of keys) out += `  ${apis.get(k)!.req!.name.replace(/Request$/, '')}: ${k},\n`
  out += `} as const

/** An API's name, as in ApiKey. */
export type ApiName = keyof typeof ApiKey

/**
 * The request and response types of every API, by key, so that a handler's or a client call's
 * types follow from the key it names.
 */
export interface ApiTypes {
`
  for (const k of keys) {
    const { req, res } = apis.get(k)!
    out += `  ${k}: { request: ${req!.name}, response: ${res!.name} }\n`
  }
  out += `}

export type ApiKeyNumber = keyof ApiTypes
export type RequestOf<K extends ApiKeyNumber> = ApiTypes[K]['request']
export type ResponseOf<K extends ApiKeyNumber> = ApiTypes[K]['response']

/** Every API in the definitions, by key. */
export const apiSpecs: ReadonlyMap<number, ApiSpec> = new Map([
`
  for (const k of keys) {
    const { req, res } = apis.get(k)!
    const n = req!.name.replace(/Request$/, '')
    out += `  [${k}, api(${req!.name}Info, '${n}', decode${req!.name}, encode${req!.name}, decode${res!.name}, encode${res!.name})],\n`
  }
  out += '])\n'
  return out
}

/** The folder under the output directory for the schemas of Kafka's internal-topic records. */
export const RECORDS_DIR = 'records'

/** Every generated file, by path relative to the output directory. */
export function render(protocolDir: string): Map<string, string> {
  const files = new Map<string, string>()
  const specs = loadSpecs(join(protocolDir, 'messages'))
  for (const spec of specs) files.set(`${fileNameOf(spec.name)}.ts`, genMessage(spec, spec.file))
  files.set('index.ts', genIndex(specs))
  files.set('error-codes.ts', genErrorCodes(protocolDir))
  // Keys and values of __consumer_offsets and __transaction_state: a key's version is the int16
  // that starts it and says which record it is (Kafka's CoordinatorRecordType).
  const recordsDir = join(protocolDir, 'records')
  if (existsSync(recordsDir)) {
    for (const spec of loadSpecs(recordsDir)) {
      files.set(`${RECORDS_DIR}/${fileNameOf(spec.name)}.ts`, genMessage(spec, `records/${spec.file}`, '../..'))
    }
  }
  return files
}

/** The generated files under `dir`, relative paths (one level of folders). */
function listGenerated(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) out.push(e.name)
    else if (e.isDirectory()) {
      for (const f of readdirSync(join(dir, e.name))) if (f.endsWith('.ts')) out.push(`${e.name}/${f}`)
    }
  }
  return out.sort()
}

/** Generates every file into `outDir` (removing stale ones), returning the paths written. */
export function generate(protocolDir: string, outDir: string): string[] {
  const files = render(protocolDir)
  for (const f of listGenerated(outDir)) if (!files.has(f)) rmSync(join(outDir, f))
  for (const [name, text] of files) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true })
    writeFileSync(join(outDir, name), text)
  }
  return [...files.keys()].sort()
}

/** What differs between the committed output in `outDir` and a fresh generation: one line per file. */
export function check(protocolDir: string, outDir: string): string[] {
  const files = render(protocolDir)
  const problems: string[] = []
  const committed = new Set(listGenerated(outDir))
  for (const [name, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!committed.has(name)) problems.push(`missing: ${name}`)
    else if (readFileSync(join(outDir, name), 'utf8') !== text) problems.push(`stale: ${name}`)
  }
  for (const name of committed) if (!files.has(name)) problems.push(`not generated (remove it): ${name}`)
  return problems
}

if (process.argv[1] !== undefined && basename(process.argv[1]).startsWith('gen-protocol')) {
  const args = process.argv.slice(2)
  const checkOnly = args.includes('--check')
  const [protocolDir, outDir] = args.filter((a) => a !== '--check')
  if (protocolDir === undefined || outDir === undefined) {
    console.error('usage: gen-protocol <kafka-protocol dir> <output dir> [--check]')
    process.exit(2)
  }
  if (checkOnly) {
    const problems = check(protocolDir, outDir)
    if (problems.length > 0) {
      console.error(`${outDir} differs from what the generator writes (run npm run gen:protocol):\n  ${problems.join('\n  ')}`)
      process.exit(1)
    }
    console.log(`${outDir} is up to date`)
  } else {
    const files = generate(protocolDir, outDir)
    console.log(`wrote ${files.length} files to ${outDir}`)
  }
}
