// generated from UpdateFeaturesRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const UpdateFeaturesRequestInfo = {
  name: 'UpdateFeaturesRequest',
  apiKey: 57,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface UpdateFeaturesRequest {
  /** How long to wait in milliseconds before timing out the request. */
  timeoutMs: number
  /** The list of updates to finalized features. */
  featureUpdates: FeatureUpdateKey[]
  /** True if we should validate the request, but not perform the upgrade or downgrade. */
  validateOnly: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface FeatureUpdateKey {
  /** The name of the finalized feature to be updated. */
  feature: string
  /** The new maximum version level for the finalized feature. A value >= 1 is valid. A value < 1, is special, and can be used to request the deletion of the finalized feature. */
  maxVersionLevel: number
  /** DEPRECATED in version 1 (see DowngradeType). When set to true, the finalized feature version level is allowed to be downgraded/deleted. The downgrade request will fail if the new maximum version level is a value that's not lower than the existing maximum finalized version level. */
  allowDowngrade: boolean
  /** Determine which type of upgrade will be performed: 1 will perform an upgrade only (default), 2 is safe downgrades only (lossless), 3 is unsafe downgrades (lossy). */
  upgradeType: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeUpdateFeaturesRequest(r: Reader, v: number): UpdateFeaturesRequest {
  const flex = v >= 0
  const o: UpdateFeaturesRequest = {
    timeoutMs: r.int32(),
    featureUpdates: readArray(r, flex, false, (r) => readFeatureUpdateKey(r, v)),
    validateOnly: v >= 1 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeUpdateFeaturesRequest(w: Writer, v: number, m: Input<UpdateFeaturesRequest>): void {
  const flex = v >= 0
  w.int32((m.timeoutMs ?? 60000))
  writeArray(w, flex, false, m.featureUpdates, (w, e) => writeFeatureUpdateKey(w, v, e))
  if (v >= 1) { w.bool((m.validateOnly ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultFeatureUpdateKey(): FeatureUpdateKey {
  return {
    feature: "",
    maxVersionLevel: 0,
    allowDowngrade: false,
    upgradeType: 1,
  }
}

function readFeatureUpdateKey(r: Reader, v: number): FeatureUpdateKey {
  const flex = v >= 0
  const o: FeatureUpdateKey = {
    feature: r.string(flex),
    maxVersionLevel: r.int16(),
    allowDowngrade: v <= 0 ? r.bool() : false,
    upgradeType: v >= 1 ? r.int8() : 1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeFeatureUpdateKey(w: Writer, v: number, m: Input<FeatureUpdateKey>): void {
  const flex = v >= 0
  w.string(m.feature ?? '', flex)
  w.int16((m.maxVersionLevel ?? 0))
  if (v <= 0) { w.bool((m.allowDowngrade ?? false)) }
  if (v >= 1) { w.int8((m.upgradeType ?? 1)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
