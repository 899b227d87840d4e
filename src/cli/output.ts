/** Terminal output: aligned tables, bigint-safe JSON, a progress bar, number formatting. */

const colour = process.stdout.isTTY === true && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb'

export const bold = (s: string): string => (colour ? `\x1b[1m${s}\x1b[22m` : s)

/** JSON with bigints as numbers when exact, else strings; Buffers as UTF-8 text. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()
      if (v instanceof Map) return Object.fromEntries(v)
      if (v !== null && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
        return Buffer.from((v as { data: number[] }).data).toString('utf8')
      }
      return v
    },
    indent,
  )
}

const NUMERIC = /^-?[\d,.]+%?$|^-$/

/** Columns padded to their widest cell; columns of numbers are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)))
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((r) => NUMERIC.test(r[i] ?? '')))
  const fmt = (r: readonly string[], head = false): string =>
    r
      .map((c, i) => (i === r.length - 1 && !numeric[i] ? c : numeric[i] && !head ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [bold(fmt(headers, true)), ...cells.map((r) => fmt(r))].join('\n') + '\n'
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`
}

export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)
}

/** A one-line progress bar redrawn on stderr. */
export class ProgressBar {
  readonly #total: number
  readonly #enabled: boolean
  #last = 0

  constructor(total: number, enabled: boolean) {
    this.#total = total
    this.#enabled = enabled
  }

  update(done: number, detail: string): void {
    if (!this.#enabled) return
    const now = Date.now()
    if (now - this.#last < 100 && done < this.#total) return
    this.#last = now
    const width = 30
    const frac = this.#total > 0 ? Math.min(1, done / this.#total) : 0
    const filled = Math.round(frac * width)
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled)
    process.stderr.write(`\r[${bar}] ${(frac * 100).toFixed(0).padStart(3)}%  ${detail}\x1b[K`)
  }

  done(): void {
    if (this.#enabled) process.stderr.write('\r\x1b[K')
  }
}
