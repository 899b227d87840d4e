/** Text, hex and base64 forms of keys and values, shared by produce and consume. */
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

export function encodeOutput(b: Buffer | null, format: DataFormat): string {
  if (b === null) return format === 'text' ? 'null' : ''
  return b.toString(format === 'text' ? 'utf8' : format)
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s
}
