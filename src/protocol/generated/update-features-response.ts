// generated from UpdateFeaturesResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const UpdateFeaturesResponseInfo = {
  name: 'UpdateFeaturesResponse',
  apiKey: 57,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface UpdateFeaturesResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top-level error code, or `0` if there was no top-level error. */
  errorCode: number
  /** The top-level error message, or `null` if there was no top-level error. */
  errorMessage: string | null
  /** Results for each feature update. */
  results: UpdatableFeatureResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface UpdatableFeatureResult {
  /** The name of the finalized feature. */
  feature: string
  /** The feature update error code or `0` if the feature update succeeded. */
  errorCode: number
  /** The feature update error, or `null` if the feature update succeeded. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeUpdateFeaturesResponse(r: Reader, v: number): UpdateFeaturesResponse {
  const flex = v >= 0
  const o: UpdateFeaturesResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    results: v <= 1 ? readArray(r, flex, false, (r) => readUpdatableFeatureResult(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeUpdateFeaturesResponse(w: Writer, v: number, m: Input<UpdateFeaturesResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (v <= 1) { writeArray(w, flex, false, m.results, (w, e) => writeUpdatableFeatureResult(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultUpdatableFeatureResult(): UpdatableFeatureResult {
  return {
    feature: "",
    errorCode: 0,
    errorMessage: "",
  }
}

function readUpdatableFeatureResult(r: Reader, v: number): UpdatableFeatureResult {
  const flex = v >= 0
  const o: UpdatableFeatureResult = {
    feature: r.string(flex),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeUpdatableFeatureResult(w: Writer, v: number, m: Input<UpdatableFeatureResult>): void {
  const flex = v >= 0
  w.string(m.feature ?? '', flex)
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
