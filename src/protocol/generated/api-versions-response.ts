// generated from ApiVersionsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ApiVersionsResponseInfo = {
  name: 'ApiVersionsResponse',
  apiKey: 18,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface ApiVersionsResponse {
  /** The top-level error code. */
  errorCode: number
  /** The APIs supported by the broker. */
  apiKeys: ApiVersion[]
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Features supported by the broker. Note: in v0-v3, features with MinSupportedVersion = 0 are omitted. */
  supportedFeatures: SupportedFeatureKey[]
  /** The monotonically increasing epoch for the finalized features information. Valid values are >= 0. A value of -1 is special and represents unknown epoch. */
  finalizedFeaturesEpoch: bigint
  /** List of cluster-wide finalized features. The information is valid only if FinalizedFeaturesEpoch >= 0. */
  finalizedFeatures: FinalizedFeatureKey[]
  /** Set by a KRaft controller if the required configurations for ZK migration are present */
  zkMigrationReady: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ApiVersion {
  /** The API index. */
  apiKey: number
  /** The minimum supported version, inclusive. */
  minVersion: number
  /** The maximum supported version, inclusive. */
  maxVersion: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface SupportedFeatureKey {
  /** The name of the feature. */
  name: string
  /** The minimum supported version for the feature. */
  minVersion: number
  /** The maximum supported version for the feature. */
  maxVersion: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface FinalizedFeatureKey {
  /** The name of the feature. */
  name: string
  /** The cluster-wide finalized max version level for the feature. */
  maxVersionLevel: number
  /** The cluster-wide finalized min version level for the feature. */
  minVersionLevel: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeApiVersionsResponse(r: Reader, v: number): ApiVersionsResponse {
  const flex = v >= 3
  const o: ApiVersionsResponse = {
    errorCode: r.int16(),
    apiKeys: readArray(r, flex, false, (r) => readApiVersion(r, v)),
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1n,
    finalizedFeatures: [],
    zkMigrationReady: false,
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 3)) return false
          o.supportedFeatures = readArray(r, true, false, (r) => readSupportedFeatureKey(r, v))
          return true
        case 1:
          if (!(v >= 3)) return false
          o.finalizedFeaturesEpoch = r.int64()
          return true
        case 2:
          if (!(v >= 3)) return false
          o.finalizedFeatures = readArray(r, true, false, (r) => readFinalizedFeatureKey(r, v))
          return true
        case 3:
          if (!(v >= 3)) return false
          o.zkMigrationReady = r.bool()
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeApiVersionsResponse(w: Writer, v: number, m: Input<ApiVersionsResponse>): void {
  const flex = v >= 3
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.apiKeys, (w, e) => writeApiVersion(w, v, e))
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 3) && m.supportedFeatures != null && m.supportedFeatures.length > 0) (t ??= []).push([0, (w) => { writeArray(w, true, false, m.supportedFeatures!, (w, e) => writeSupportedFeatureKey(w, v, e)) }])
    if ((v >= 3) && m.finalizedFeaturesEpoch !== undefined && m.finalizedFeaturesEpoch !== -1n) (t ??= []).push([1, (w) => { w.int64((m.finalizedFeaturesEpoch! ?? -1n)) }])
    if ((v >= 3) && m.finalizedFeatures != null && m.finalizedFeatures.length > 0) (t ??= []).push([2, (w) => { writeArray(w, true, false, m.finalizedFeatures!, (w, e) => writeFinalizedFeatureKey(w, v, e)) }])
    if ((v >= 3) && m.zkMigrationReady !== undefined && m.zkMigrationReady !== false) (t ??= []).push([3, (w) => { w.bool((m.zkMigrationReady! ?? false)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultApiVersion(): ApiVersion {
  return {
    apiKey: 0,
    minVersion: 0,
    maxVersion: 0,
  }
}

function readApiVersion(r: Reader, v: number): ApiVersion {
  const flex = v >= 3
  const o: ApiVersion = {
    apiKey: r.int16(),
    minVersion: r.int16(),
    maxVersion: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeApiVersion(w: Writer, v: number, m: Input<ApiVersion>): void {
  const flex = v >= 3
  w.int16((m.apiKey ?? 0))
  w.int16((m.minVersion ?? 0))
  w.int16((m.maxVersion ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultSupportedFeatureKey(): SupportedFeatureKey {
  return {
    name: "",
    minVersion: 0,
    maxVersion: 0,
  }
}

function readSupportedFeatureKey(r: Reader, v: number): SupportedFeatureKey {
  const flex = v >= 3
  const o: SupportedFeatureKey = {
    name: v >= 3 ? r.string(flex) : "",
    minVersion: v >= 3 ? r.int16() : 0,
    maxVersion: v >= 3 ? r.int16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeSupportedFeatureKey(w: Writer, v: number, m: Input<SupportedFeatureKey>): void {
  const flex = v >= 3
  if (v >= 3) { w.string(m.name ?? '', flex) }
  if (v >= 3) { w.int16((m.minVersion ?? 0)) }
  if (v >= 3) { w.int16((m.maxVersion ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultFinalizedFeatureKey(): FinalizedFeatureKey {
  return {
    name: "",
    maxVersionLevel: 0,
    minVersionLevel: 0,
  }
}

function readFinalizedFeatureKey(r: Reader, v: number): FinalizedFeatureKey {
  const flex = v >= 3
  const o: FinalizedFeatureKey = {
    name: v >= 3 ? r.string(flex) : "",
    maxVersionLevel: v >= 3 ? r.int16() : 0,
    minVersionLevel: v >= 3 ? r.int16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeFinalizedFeatureKey(w: Writer, v: number, m: Input<FinalizedFeatureKey>): void {
  const flex = v >= 3
  if (v >= 3) { w.string(m.name ?? '', flex) }
  if (v >= 3) { w.int16((m.maxVersionLevel ?? 0)) }
  if (v >= 3) { w.int16((m.minVersionLevel ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
