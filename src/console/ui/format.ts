/** Formatting numbers, sizes, times and payloads for display. */
export interface Payload {
  text?: string
  base64?: string
  size: number
  truncated?: true
}

export interface Message {
  partition: number
  offset: number
  timestamp: number
  key: Payload | null
  value: Payload | null
  headers: { key: string; value: Payload | null }[]
  size: number
}

const nf = new Intl.NumberFormat()

export const num = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : nf.format(n))

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || n < 0) return '–'
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  let v = n
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`
}

export function rate(n: number | null | undefined): string {
  if (n === null || n === undefined) return '–'
  return n >= 100 ? nf.format(Math.round(n)) : n.toFixed(1)
}

const pad = (x: number, w = 2): string => String(x).padStart(w, '0')

/** The browser's offset from UTC at a moment, as `UTC`, `UTC+02:00` or `UTC-05:30`. */
function utcOffset(d: Date): string {
  const minutes = -d.getTimezoneOffset()
  if (minutes === 0) return 'UTC'
  const a = Math.abs(minutes)
  return `UTC${minutes > 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
}

/** The zone the console shows times in: the browser's, by name and offset. */
export function timeZoneLabel(): string {
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone
  return `${name === undefined ? '' : `${name}, `}${utcOffset(new Date())}`
}

/** A timestamp in the browser's time zone, saying which: 2024-05-01 14:00:00.000 UTC+02:00. */
export function time(ms: number): string {
  if (ms < 0) return '–'
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${utcOffset(d)}`
}

function toBytes(p: Payload): Uint8Array {
  if (p.text !== undefined) return new TextEncoder().encode(p.text)
  const bin = atob(p.base64 ?? '')
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** Classic hex dump: offset, 16 bytes in hex, printable ASCII. */
function hexDump(b: Uint8Array, maxBytes = 64 * 1024): string {
  const lines: string[] = []
  const n = Math.min(b.length, maxBytes)
  for (let i = 0; i < n; i += 16) {
    const row = b.subarray(i, Math.min(i + 16, n))
    const hex = [...row].map((x) => x.toString(16).padStart(2, '0')).join(' ')
    const ascii = [...row].map((x) => (x >= 32 && x < 127 ? String.fromCharCode(x) : '.')).join('')
    lines.push(`${i.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`)
  }
  if (b.length > n) lines.push(`… ${b.length - n} more bytes`)
  return lines.join('\n')
}

export type View = 'text' | 'json' | 'hex'

/** A payload as the chosen view; JSON falls back to text when it does not parse. */
export function render(p: Payload | null, view: View): string {
  if (p === null) return 'null'
  if (view === 'hex') return hexDump(toBytes(p))
  if (p.text === undefined) return view === 'text' ? `(binary, ${p.size} bytes) ${hexDump(toBytes(p), 32)}` : hexDump(toBytes(p))
  if (view === 'json') {
    try {
      return JSON.stringify(JSON.parse(p.text), null, 2)
    } catch {
      return p.text
    }
  }
  return p.text
}

/** One line for a listing. */
export function preview(p: Payload | null, max = 160): string {
  if (p === null) return 'null'
  const s = p.text ?? `0x${[...toBytes(p).subarray(0, 32)].map((x) => x.toString(16).padStart(2, '0')).join('')}${p.size > 32 ? '…' : ''}`
  const flat = s.replace(/\s+/g, ' ')
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

const payloadString = (p: Payload | null): string | null => (p === null ? null : (p.text ?? `base64:${p.base64}`))

export function toJsonExport(messages: readonly Message[]): string {
  return JSON.stringify(
    messages.map((m) => ({
      partition: m.partition,
      offset: m.offset,
      timestamp: m.timestamp,
      key: payloadString(m.key),
      value: payloadString(m.value),
      headers: m.headers.map((h) => ({ key: h.key, value: payloadString(h.value) })),
    })),
    null,
    2,
  )
}

const csvCell = (s: string | number | null): string => {
  if (s === null) return ''
  const t = String(s)
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
}

export function toCsvExport(messages: readonly Message[]): string {
  const rows = [['partition', 'offset', 'timestamp', 'key', 'value', 'headers'].join(',')]
  for (const m of messages) {
    const headers = JSON.stringify(Object.fromEntries(m.headers.map((h) => [h.key, payloadString(h.value)])))
    rows.push([m.partition, m.offset, new Date(m.timestamp).toISOString(), payloadString(m.key), payloadString(m.value), headers].map(csvCell).join(','))
  }
  return `${rows.join('\r\n')}\r\n`
}
