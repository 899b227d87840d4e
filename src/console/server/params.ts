/** Reading and checking request parameters; a bad one is a 400 that names it. */
import { badRequest } from './errors.js'

export function intParam(value: unknown, name: string, opts: { min?: number; max?: number; fallback?: number } = {}): number {
  if (value === undefined || value === null || value === '') {
    if (opts.fallback !== undefined) return opts.fallback
    throw badRequest(`${name} is required`)
  }
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isInteger(n)) throw badRequest(`${name} must be an integer, not ${JSON.stringify(value)}`)
  if (opts.min !== undefined && n < opts.min) throw badRequest(`${name} must be at least ${opts.min}`)
  if (opts.max !== undefined && n > opts.max) throw badRequest(`${name} must be at most ${opts.max}`)
  return n
}

export function bigintParam(value: unknown, name: string): bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim())
  throw badRequest(`${name} must be an integer, not ${JSON.stringify(value)}`)
}

export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback?: T): T {
  if ((value === undefined || value === null || value === '') && fallback !== undefined) return fallback
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  throw badRequest(`${name} must be one of ${allowed.join(', ')}`)
}

export function stringParam(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw badRequest(`${name} is required`)
  return value
}

/** A time as epoch milliseconds or an ISO-8601 date. */
export function timestampParam(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '') {
    const s = value.trim()
    const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s)
    if (Number.isFinite(n)) return n
  }
  throw badRequest(`${name} must be a date or epoch milliseconds, not ${JSON.stringify(value)}`)
}

export const boolParam = (value: string | null): boolean => value === '1' || value === 'true'

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
