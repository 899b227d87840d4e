/**
 * A record as the console API sends it. Keys, values and header values that are readable text
 * (valid UTF-8 without control characters) go as `text`, anything else as `base64`; the UI
 * shows either as text, pretty JSON or hex. Listings cut long values at `maxBytes` and say so;
 * the single-message endpoint sends them whole.
 */
import type { ConsumedRecord } from '../../client/index.js'

export interface Payload {
  text?: string
  base64?: string
  /** bytes of the whole value */
  size: number
  /** set when only the first `maxBytes` are included */
  truncated?: true
}

export interface RecordJson {
  partition: number
  offset: bigint
  timestamp: bigint
  key: Payload | null
  value: Payload | null
  headers: { key: string; value: Payload | null }[]
  /** bytes of key, value and headers */
  size: number
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/

/** The bytes as text when they are readable UTF-8, else undefined. */
function asText(b: Buffer): string | undefined {
  let s: string
  try {
    s = utf8.decode(b)
  } catch {
    return undefined
  }
  return CONTROL.test(s) ? undefined : s
}

function payload(b: Buffer | null, maxBytes = Infinity): Payload | null {
  if (b === null) return null
  const cut = b.length > maxBytes
  const part = cut ? b.subarray(0, maxBytes) : b
  // A cut may split a UTF-8 sequence: decode leniently then, so a text value stays text.
  const text = cut ? asText(Buffer.from(part.toString('utf8').replace(/\uFFFD+$/, ''))) : asText(part)
  const p: Payload = text !== undefined ? { text, size: b.length } : { base64: part.toString('base64'), size: b.length }
  if (cut) p.truncated = true
  return p
}

export function recordJson(r: ConsumedRecord, maxBytes = Infinity): RecordJson {
  let size = (r.key?.length ?? 0) + (r.value?.length ?? 0)
  for (const h of r.headers) size += Buffer.byteLength(h.key) + (h.value?.length ?? 0)
  return {
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp,
    key: payload(r.key, maxBytes),
    value: payload(r.value, maxBytes),
    headers: r.headers.map((h) => ({ key: h.key, value: payload(h.value, maxBytes) })),
    size,
  }
}
