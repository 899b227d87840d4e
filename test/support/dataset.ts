/**
 * Deterministic test records and the checks every client test shares: byte-exact keys, values
 * and headers, per-partition order, contiguous offsets.
 */
import assert from 'node:assert/strict'

export interface SampleHeader {
  key: string
  value: Buffer | null
}

export interface Sample {
  partition: number
  key: Buffer | null
  value: Buffer | null
  headers: SampleHeader[]
  /** Create time the producer sets, where the client lets it: distinct and rising, 10 ms apart. */
  timestamp: number
}

/** A record as read back by any client, normalised. */
export interface ReadRecord {
  partition: number
  offset: number
  key: Buffer | null
  value: Buffer | null
  headers: SampleHeader[]
  timestamp?: number
  /** Base offset and compression of the batch the record was stored in (test's own reader only). */
  batch?: { baseOffset: number; compression: number }
}

/** Small seeded PRNG (mulberry32): the same seed gives the same records on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function seedOf(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

const TEXT_ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:;-_/+*#!?()[]{}<>@$%&~^|', 'é', 'ß', 'ж', '日本', '€', '🦀']

export interface SampleOptions {
  /** Varies the data between codecs and clients. */
  label: string
  count: number
  partitions: number
  /**
   * 'binary': any bytes, zero bytes included, null values, several headers (clients with full
   * byte APIs). 'text': UTF-8 without tab, newline, comma or '=' (kcat's line format).
   */
  kind: 'binary' | 'text'
}

/**
 * Keyed records spread round-robin over the partitions (explicit partitions, so the layout does
 * not depend on a client's partitioner). Values repeat a pattern so every codec really
 * compresses, with a few larger ones.
 */
export function makeSamples(opts: SampleOptions): Sample[] {
  const rnd = prng(seedOf(opts.label + '/' + opts.kind))
  const int = (n: number): number => Math.floor(rnd() * n)
  const text = (n: number): string => {
    let s = ''
    while (s.length < n) s += TEXT_ALPHABET[int(TEXT_ALPHABET.length)]!
    return s
  }
  const bytes = (n: number): Buffer => {
    const b = Buffer.alloc(n)
    for (let i = 0; i < n; i++) b[i] = int(256)
    return b
  }
  const out: Sample[] = []
  // Ten minutes ago, so the records are recent for retention yet never in the future.
  const baseTimestamp = Date.now() - 600_000
  for (let i = 0; i < opts.count; i++) {
    const timestamp = baseTimestamp + i * 10
    const partition = i % opts.partitions
    const big = i % 17 === 5
    const size = big ? 20_000 + int(20_000) : int(400)
    if (opts.kind === 'text') {
      const unit = text(1 + int(30))
      out.push({
        partition,
        key: Buffer.from(`${opts.label}-k${i}-${text(int(8))}`, 'utf8'),
        value: Buffer.from(unit.repeat(Math.ceil(size / unit.length) + 1) + `#${i}`, 'utf8'),
        headers: [],
        timestamp,
      })
    } else {
      const unit = bytes(1 + int(64))
      const repeated = Buffer.concat(Array.from({ length: Math.ceil(size / unit.length) }, () => unit)).subarray(0, size)
      const value = i % 11 === 3 ? null : i % 13 === 4 ? Buffer.alloc(0) : Buffer.concat([repeated, Buffer.from(`#${i}`)])
      const key = i % 19 === 7 ? null : Buffer.concat([Buffer.from(`${opts.label}-k${i}-`), bytes(int(6)), Buffer.from([0, 0xff])])
      const headers: SampleHeader[] = [
        { key: 'label', value: Buffer.from(opts.label) },
        { key: 'i', value: Buffer.from(String(i)) },
      ]
      if (i % 3 === 0) headers.push({ key: 'bin', value: bytes(int(40)) })
      if (i % 7 === 0) headers.push({ key: 'ünï-ß', value: Buffer.from('日本語', 'utf8') })
      out.push({ partition, key, value, headers, timestamp })
    }
  }
  return out
}

/** The samples of one partition, in produce order. */
export function byPartition<T extends { partition: number }>(records: readonly T[], partitions: number): T[][] {
  const out: T[][] = Array.from({ length: partitions }, () => [])
  for (const r of records) out[r.partition]!.push(r)
  return out
}

function show(b: Buffer | null): string {
  if (b === null) return 'null'
  return b.length > 48 ? `${b.subarray(0, 48).toString('hex')}...(${b.length} bytes)` : b.toString('hex')
}

/**
 * Checks that `actual` holds exactly `expected`, partition by partition, in order, with
 * contiguous offsets starting at `firstOffset[p]` (default 0).
 */
export function assertSameRecords(
  actual: readonly ReadRecord[],
  expected: readonly Sample[],
  partitions: number,
  opts: { firstOffset?: number[]; what?: string; headers?: boolean; timestamps?: boolean } = {},
): void {
  const what = opts.what ?? 'records'
  const act = byPartition(actual, partitions)
  const exp = byPartition(expected, partitions)
  for (let p = 0; p < partitions; p++) {
    const a = act[p]!
    const e = exp[p]!
    assert.equal(a.length, e.length, `${what}: partition ${p} has ${a.length} records, expected ${e.length}`)
    const first = opts.firstOffset?.[p] ?? 0
    for (let i = 0; i < e.length; i++) {
      const ar = a[i]!
      const er = e[i]!
      const where = `${what}: partition ${p} record ${i} (offset ${ar.offset})`
      assert.equal(ar.offset, first + i, `${where}: offset ${ar.offset}, expected ${first + i} (offsets must be contiguous)`)
      assert.ok(eqBytes(ar.key, er.key), `${where}: key ${show(ar.key)} != expected ${show(er.key)}`)
      assert.ok(eqBytes(ar.value, er.value), `${where}: value ${show(ar.value)} != expected ${show(er.value)}`)
      if (opts.timestamps === true) assert.equal(ar.timestamp, er.timestamp, `${where}: timestamp ${ar.timestamp}, expected the producer's ${er.timestamp}`)
      if (opts.headers !== false) {
        assert.equal(ar.headers.length, er.headers.length, `${where}: ${ar.headers.length} headers, expected ${er.headers.length}`)
        for (let h = 0; h < er.headers.length; h++) {
          assert.equal(ar.headers[h]!.key, er.headers[h]!.key, `${where}: header ${h} key`)
          assert.ok(
            eqBytes(ar.headers[h]!.value, er.headers[h]!.value),
            `${where}: header ${h} (${er.headers[h]!.key}) value ${show(ar.headers[h]!.value)} != ${show(er.headers[h]!.value)}`,
          )
        }
      }
    }
  }
}

export function eqBytes(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b
  return a.equals(b)
}

/** JSON-safe form for passing records to and from child processes. */
export interface WireSample {
  partition: number
  key: string | null
  value: string | null
  headers: Array<[string, string | null]>
  offset?: number
  timestamp?: number
}

export function toWire(s: Sample): WireSample {
  return {
    partition: s.partition,
    key: s.key === null ? null : s.key.toString('base64'),
    value: s.value === null ? null : s.value.toString('base64'),
    headers: s.headers.map((h) => [h.key, h.value === null ? null : h.value.toString('base64')]),
    timestamp: s.timestamp,
  }
}

export function fromWire(w: WireSample): ReadRecord {
  return {
    partition: w.partition,
    offset: w.offset ?? -1,
    timestamp: w.timestamp,
    key: w.key === null ? null : Buffer.from(w.key, 'base64'),
    value: w.value === null ? null : Buffer.from(w.value, 'base64'),
    headers: w.headers.map(([k, v]) => ({ key: k, value: v === null ? null : Buffer.from(v, 'base64') })),
  }
}
