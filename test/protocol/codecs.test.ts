// Round-trips every version of every generated message, and checks the committed codecs match a
// fresh generation when ../shared/kafka-protocol is present.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Reader } from '../../src/protocol/reader.js'
import { Writer } from '../../src/protocol/writer.js'
import { loadSpecs, parseVersions, type FieldSpec, type Spec } from '../../scripts/protocol-spec.js'
import { check, generate, fileNameOf } from '../../scripts/gen-protocol.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const protocolDir = join(root, '..', 'shared', 'kafka-protocol')
const haveShared = existsSync(join(protocolDir, 'messages'))

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const camel = (n: string): string => n[0]!.toLowerCase() + n.slice(1)

function structFields(spec: Spec, type: string, f: FieldSpec): FieldSpec[] {
  if (f.fields !== undefined) return f.fields
  const common = spec.commonStructs?.find((c) => c.name === type)
  if (common !== undefined) return common.fields
  const find = (fields: FieldSpec[]): FieldSpec[] | undefined => {
    for (const x of fields) {
      const t = x.type.startsWith('[]') ? x.type.slice(2) : x.type
      if (t === type && x.fields !== undefined) return x.fields
      if (x.fields !== undefined) {
        const got = find(x.fields)
        if (got !== undefined) return got
      }
    }
    return undefined
  }
  const got = find(spec.fields)
  if (got === undefined) throw new Error(`no struct ${type} in ${spec.name}`)
  return got
}

function randomValue(spec: Spec, f: FieldSpec, type: string, rand: () => number, depth: number): unknown {
  const int = (bits: number): number => Math.floor(rand() * 2 ** bits) - 2 ** (bits - 1)
  switch (type) {
    case 'bool':
      return rand() < 0.5
    case 'int8':
      return int(8)
    case 'int16':
      return int(16)
    case 'uint16':
      return Math.floor(rand() * 65536)
    case 'int32':
      return int(32)
    case 'uint32':
      return Math.floor(rand() * 2 ** 32)
    case 'int64':
      return BigInt(int(32)) * 4294967296n + BigInt(Math.floor(rand() * 2 ** 32))
    case 'float64':
      return rand() * 1000
    case 'string':
      return ['', 'a', 'topic-1', 'ünïcødé', 'x'.repeat(300)][Math.floor(rand() * 5)]
    case 'bytes':
    case 'records':
      return Buffer.from(Array.from({ length: Math.floor(rand() * (rand() < 0.1 ? 3000 : 20)) }, () => Math.floor(rand() * 256)))
    case 'uuid':
      return Array.from({ length: 16 }, () =>
        Math.floor(rand() * 256)
          .toString(16)
          .padStart(2, '0'),
      )
        .join('')
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')
  }
  if (type.startsWith('[]')) {
    const n = depth > 3 ? 0 : Math.floor(rand() * 3)
    return Array.from({ length: n }, () => randomValue(spec, f, type.slice(2), rand, depth + 1))
  }
  const obj: Record<string, unknown> = {}
  for (const sub of structFields(spec, type, f)) obj[camel(sub.name)] = randomValue(spec, sub, sub.type, rand, depth + 1)
  return obj
}

function randomMessage(spec: Spec, rand: () => number): Record<string, unknown> {
  const obj: Record<string, unknown> = {}
  for (const f of spec.fields) obj[camel(f.name)] = randomValue(spec, f, f.type, rand, 0)
  return obj
}

/** Drops `unknownTaggedFields: undefined` so deepEqual compares what matters. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise)
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = normalise(x)
    return out
  }
  return v
}

test('every version of every message and internal-topic record round-trips', { skip: !haveShared && 'needs ../shared/kafka-protocol' }, async () => {
  const specs = loadSpecs(join(protocolDir, 'messages'))
  assert.ok(specs.length > 150)
  const records = loadSpecs(join(protocolDir, 'records'))
  let cases = 0
  for (const spec of [...specs, ...records]) {
    const dir = records.includes(spec) ? 'records/' : ''
    const mod = (await import(`../../src/protocol/generated/${dir}${fileNameOf(spec.name)}.js`)) as Record<string, any>
    const encode = mod[`encode${spec.name}`] as (w: Writer, v: number, m: unknown) => void
    const decode = mod[`decode${spec.name}`] as (r: Reader, v: number) => Record<string, unknown>
    const range = parseVersions(spec.validVersions)
    for (let v = range.min; v <= range.max; v++) {
      for (let seed = 0; seed < 3; seed++) {
        const rand = rng(spec.name.length * 1000 + v * 10 + seed)
        const msg = randomMessage(spec, rand)
        const w1 = new Writer()
        encode(w1, v, msg)
        const bytes1 = w1.toBuffer()
        const r1 = new Reader(bytes1)
        const d1 = decode(r1, v)
        assert.equal(r1.remaining, 0, `${spec.name} v${v}: decoder left bytes`)
        const w2 = new Writer()
        encode(w2, v, d1)
        assert.deepEqual(w2.toBuffer(), bytes1, `${spec.name} v${v}: re-encoding differs`)
        const d2 = decode(new Reader(w2.toBuffer()), v)
        assert.deepEqual(normalise(d2), normalise(d1), `${spec.name} v${v}: decode differs`)
        // Every top-level field the version carries comes back as it was sent.
        for (const f of spec.fields) {
          const fv = parseVersions(f.versions)
          if (v < fv.min || v > fv.max || f.taggedVersions !== undefined) continue
          if (
            f.type === 'bytes' ||
            f.type === 'records' ||
            f.type.startsWith('[]') ||
            !['bool', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'string', 'uuid'].includes(f.type)
          )
            continue
          if (f.flexibleVersions !== undefined || spec.type === 'header') continue
          assert.deepEqual(d1[camel(f.name)], msg[camel(f.name)], `${spec.name} v${v}: field ${f.name}`)
        }
        cases++
      }
    }
  }
  assert.ok(cases > 1000, `only ${cases} cases`)
})

test('unknown tagged fields survive a decode and re-encode', async () => {
  const { encodeHeartbeatRequest, decodeHeartbeatRequest } = await import('../../src/protocol/generated/heartbeat-request.js')
  const w = new Writer()
  encodeHeartbeatRequest(w, 4, {
    groupId: 'g',
    generationId: 3,
    memberId: 'm',
    groupInstanceId: null,
    unknownTaggedFields: [
      { tag: 7, data: Buffer.from('hello') },
      { tag: 2, data: Buffer.from([1]) },
    ],
  })
  const bytes = w.toBuffer()
  const d = decodeHeartbeatRequest(new Reader(bytes), 4)
  assert.deepEqual(
    d.unknownTaggedFields?.map((t) => [t.tag, t.data.toString('hex')]),
    [
      [2, '01'],
      [7, Buffer.from('hello').toString('hex')],
    ],
  )
  const w2 = new Writer()
  encodeHeartbeatRequest(w2, 4, d)
  assert.deepEqual(w2.toBuffer(), bytes)
})

test('a known byte sequence decodes: Heartbeat v0 and a flexible ApiVersions v3 request', async () => {
  const { decodeHeartbeatRequest } = await import('../../src/protocol/generated/heartbeat-request.js')
  const hb = Buffer.from('0001' + '67' + '00000005' + '0002' + '6d31', 'hex')
  assert.deepEqual(normalise(decodeHeartbeatRequest(new Reader(hb), 0)), { groupId: 'g', generationId: 5, memberId: 'm1', groupInstanceId: null })
  const { decodeApiVersionsRequest } = await import('../../src/protocol/generated/api-versions-request.js')
  // compact strings: length+1 as unsigned varint, then an empty tagged-field section
  const av = Buffer.from('0b' + Buffer.from('librdkafka').toString('hex') + '06' + Buffer.from('2.0.2').toString('hex') + '00', 'hex')
  assert.deepEqual(normalise(decodeApiVersionsRequest(new Reader(av), 3)), { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' })
})

test('truncated input throws a ProtocolError, never reads past the end', async () => {
  const { decodeMetadataRequest, encodeMetadataRequest } = await import('../../src/protocol/generated/metadata-request.js')
  const w = new Writer()
  encodeMetadataRequest(w, 12, { topics: [{ name: 'a', topicId: '00000000-0000-0000-0000-000000000001' }], allowAutoTopicCreation: true })
  const full = w.toBuffer()
  for (let n = 0; n < full.length; n++) {
    assert.throws(
      () => decodeMetadataRequest(new Reader(full.subarray(0, n)), 12),
      (e: Error) => e.name === 'ProtocolError',
      `prefix ${n}`,
    )
  }
})

test('committed codecs match a fresh generation (what npm run gen:protocol -- --check runs)', { skip: !haveShared && 'needs ../shared/kafka-protocol' }, () => {
  assert.deepEqual(check(protocolDir, join(root, 'src', 'protocol', 'generated')), [], 'run npm run gen:protocol')
})

test('the check notices a stale, a missing and an extra generated file', { skip: !haveShared && 'needs ../shared/kafka-protocol' }, () => {
  const out = mkdtempSync(join(tmpdir(), 'samsa-gen-'))
  try {
    const files = generate(protocolDir, out)
    assert.ok(files.includes('records/offset-commit-value.ts') && files.includes('records/transaction-log-value.ts'))
    assert.deepEqual(check(protocolDir, out), [])
    writeFileSync(join(out, 'heartbeat-request.ts'), '// edited by hand\n')
    rmSync(join(out, 'records', 'group-metadata-key.ts'))
    writeFileSync(join(out, 'records', 'old-record.ts'), '')
    assert.deepEqual(check(protocolDir, out), [
      'stale: heartbeat-request.ts',
      'missing: records/group-metadata-key.ts',
      'not generated (remove it): records/old-record.ts',
    ])
    generate(protocolDir, out)
    assert.deepEqual(check(protocolDir, out), [])
    assert.equal(readdirSync(join(out, 'records')).includes('old-record.ts'), false)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})
