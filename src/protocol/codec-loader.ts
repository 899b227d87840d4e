/**
 * Loads the native and JavaScript codec packages on first use, so a platform without one still
 * runs the other codecs; using a missing one throws a ProtocolError that names the package.
 */
import { createRequire } from 'node:module'
import { ProtocolError } from '../errors.js'

export type SnappyModule = typeof import('snappy')
export type Lz4Module = typeof import('lz4-napi')
export type ZstdModule = typeof import('@toondepauw/node-zstd')
export type FzstdModule = typeof import('fzstd')

const require = createRequire(import.meta.url)
const loaded: { snappy?: SnappyModule; lz4?: Lz4Module; zstd?: ZstdModule; fzstd?: FzstdModule } = {}
const PACKAGES = { snappy: 'snappy', lz4: 'lz4-napi', zstd: '@toondepauw/node-zstd', fzstd: 'fzstd' } as const

/** Loads a codec package on first use; a ProtocolError says which one is missing. */
export function codecModule<K extends keyof typeof loaded>(name: K): NonNullable<(typeof loaded)[K]> {
  const existing = loaded[name]
  if (existing !== undefined) return existing as NonNullable<(typeof loaded)[K]>
  try {
    const mod = require(PACKAGES[name]) as NonNullable<(typeof loaded)[K]>
    loaded[name] = mod
    return mod
  } catch (err) {
    throw new ProtocolError(`${name} compression is unavailable: cannot load ${PACKAGES[name]}`, { cause: err })
  }
}
