/**
 * Reading the JSON Kafka stores in znodes: parse, then take typed fields, with an error that
 * names the znode and the field instead of a TypeError deep in the controller.
 */
import { SamsaError } from '../../errors.js'

/** A znode whose content is not what Kafka's format says. */
export class ZNodeDataError extends SamsaError {
  readonly path: string

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('SAMSA_ZNODE_DATA', `${path}: ${message}`, options)
    this.path = path
  }
}

export type JsonObject = Record<string, unknown>

export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8')
}

function parseObject(path: string, bytes: Buffer): JsonObject {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch (err) {
    throw new ZNodeDataError(path, `not JSON: ${JSON.stringify(bytes.toString('utf8').slice(0, 200))}`, { cause: err })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ZNodeDataError(path, 'not a JSON object')
  return value as JsonObject
}

/** Typed field access on one parsed znode. */
export class Fields {
  readonly path: string
  readonly obj: JsonObject

  constructor(path: string, obj: JsonObject) {
    this.path = path
    this.obj = obj
  }

  static parse(path: string, bytes: Buffer): Fields {
    return new Fields(path, parseObject(path, bytes))
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null
  }

  #fail(key: string, want: string): never {
    throw new ZNodeDataError(this.path, `field "${key}" should be ${want}, is ${JSON.stringify(this.obj[key])}`)
  }

  int(key: string): number {
    const v = this.obj[key]
    if (typeof v !== 'number' || !Number.isInteger(v)) this.#fail(key, 'an integer')
    return v
  }

  string(key: string): string {
    const v = this.obj[key]
    if (typeof v !== 'string') this.#fail(key, 'a string')
    return v
  }

  /** A long Kafka writes as a decimal string ("timestamp", "block_start"). */
  longString(key: string): bigint {
    const v = this.obj[key]
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v)
    if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v)
    return this.#fail(key, 'a decimal string')
  }

  optionalString(key: string): string | null {
    return this.has(key) ? this.string(key) : null
  }

  intArray(key: string): number[] {
    return intArray(this, key, this.obj[key])
  }

  object(key: string): Fields {
    const v = this.obj[key]
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.#fail(key, 'an object')
    return new Fields(`${this.path} .${key}`, v as JsonObject)
  }

  optionalObject(key: string): Fields | null {
    return this.has(key) ? this.object(key) : null
  }

  array(key: string): Fields[] {
    const v = this.obj[key]
    if (!Array.isArray(v)) this.#fail(key, 'an array')
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) this.#fail(`${key}[${i}]`, 'an object')
      return new Fields(`${this.path} .${key}[${i}]`, item as JsonObject)
    })
  }

  stringArray(key: string): string[] {
    const v = this.obj[key]
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) this.#fail(key, 'an array of strings')
    return v as string[]
  }

  /** An object whose values are strings ({"retention.ms":"1000"}). */
  stringMap(key: string): Record<string, string> {
    const o = this.object(key)
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(o.obj)) {
      out[k] = typeof v === 'string' ? v : o.#fail(k, 'a string')
    }
    return out
  }
}

export function intArray(f: Fields, key: string, v: unknown): number[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isInteger(x))) {
    throw new ZNodeDataError(f.path, `field "${key}" should be an array of integers, is ${JSON.stringify(v)}`)
  }
  return v as number[]
}
