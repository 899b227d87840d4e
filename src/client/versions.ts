/**
 * API version negotiation, as Kafka clients do it: after ApiVersions, each request uses
 * min(our max, broker max) for its API, provided that is not below either side's minimum.
 * Header versions follow from whether the chosen request version is flexible.
 */
import { apiSpecs } from '../protocol/generated/index.js'
import { ClientError } from './errors.js'

export interface VersionRange {
  minVersion: number
  maxVersion: number
}

/** The broker's ranges by API key, from its ApiVersions response. */
export type VersionTable = ReadonlyMap<number, VersionRange>

export const API_VERSIONS_KEY = 18

/** What this client can speak for an API: every version our codecs know, except an unstable latest one. */
export function clientRange(apiKey: number): VersionRange | undefined {
  const spec = apiSpecs.get(apiKey)
  if (spec === undefined) return undefined
  const max = spec.latestVersionUnstable ? spec.maxVersion - 1 : spec.maxVersion
  return { minVersion: spec.minVersion, maxVersion: max }
}

export function apiName(apiKey: number): string {
  return apiSpecs.get(apiKey)?.name ?? `API ${apiKey}`
}

/**
 * Picks the version to use: the highest one inside our range, the broker's range and the
 * caller's optional limits. Throws SAMSA_CLIENT_UNSUPPORTED when there is none.
 */
export function pickVersion(apiKey: number, broker: VersionTable, limit?: Partial<VersionRange>, where = 'the broker'): number {
  const ours = clientRange(apiKey)
  if (ours === undefined) throw new ClientError('SAMSA_CLIENT_UNSUPPORTED', `unknown API key ${apiKey}`)
  const theirs = broker.get(apiKey)
  if (theirs === undefined) {
    throw new ClientError('SAMSA_CLIENT_UNSUPPORTED', `${where} does not support the ${apiName(apiKey)} API`)
  }
  const max = Math.min(ours.maxVersion, theirs.maxVersion, limit?.maxVersion ?? Infinity)
  const min = Math.max(ours.minVersion, theirs.minVersion, limit?.minVersion ?? -Infinity)
  if (max < min) {
    throw new ClientError(
      'SAMSA_CLIENT_UNSUPPORTED',
      `no common version of ${apiName(apiKey)}: ${where} supports ${theirs.minVersion}-${theirs.maxVersion}, this client ${Math.max(ours.minVersion, limit?.minVersion ?? -Infinity)}-${Math.min(ours.maxVersion, limit?.maxVersion ?? Infinity)}`,
    )
  }
  return max
}

function isFlexible(apiKey: number, version: number): boolean {
  const spec = apiSpecs.get(apiKey)
  return spec !== undefined && spec.flexibleFrom >= 0 && version >= spec.flexibleFrom
}

/** Request header v2 (tagged fields) for flexible versions, v1 (client id) otherwise. */
export function requestHeaderVersion(apiKey: number, version: number): 1 | 2 {
  return isFlexible(apiKey, version) ? 2 : 1
}

/** Response header v1 for flexible versions, v0 otherwise; ApiVersions always answers with v0. */
export function responseHeaderVersion(apiKey: number, version: number): 0 | 1 {
  if (apiKey === API_VERSIONS_KEY) return 0
  return isFlexible(apiKey, version) ? 1 : 0
}
