/** Text, hex and base64 forms of keys and values, shared by produce and consume. */
import { isUtf8 } from 'node:buffer'
import { UsageError } from './command.js'

export type DataFormat = 'text' | 'hex' | 'base64'

export function decodeInput(s: string, format: DataFormat, what: string): Buffer {
  if (format === 'text') return Buffer.from(s, 'utf8')
  const t = s.trim()
  if (format === 'hex') {
    if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) throw new UsageError(`${what} is not valid hex: "${truncate(t)}"`)
    return Buffer.from(t, 'hex')
  }
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(t)) throw new UsageError(`${what} is not valid base64: "${truncate(t)}"`)
  return Buffer.from(t, 'base64')
}

function encodeOutput(b: Buffer | null, format: DataFormat): string {
  if (b === null) return format === 'text' ? 'null' : ''
  return b.toString(format === 'text' ? 'utf8' : format)
}

/**
 * Encodes bytes for output and remembers whether text output had to alter them (bytes that are
 * not UTF-8 become U+FFFD), so the command can say so.
 */
export class Encoder {
  readonly encoding: DataFormat
  /** Records with bytes that text output could not show as they are. */
  altered = 0
  #current = false

  constructor(encoding: DataFormat) {
    this.encoding = encoding
  }

  /** Marks the start of a record; returns whether the previous one was altered. */
  startRecord(): void {
    this.#current = false
  }

  endRecord(): boolean {
    if (this.#current) this.altered++
    return this.#current
  }

  text(b: Buffer | null): string {
    if (b !== null && this.encoding === 'text' && !this.#current && !isUtf8(b)) this.#current = true
    return encodeOutput(b, this.encoding)
  }

  /** JSON: null stays null. */
  json(b: Buffer | null): string | null {
    return b === null ? null : this.text(b)
  }
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s
}
