// generated from RenewDelegationTokenResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const RenewDelegationTokenResponseInfo = {
  name: 'RenewDelegationTokenResponse',
  apiKey: 39,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface RenewDelegationTokenResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The timestamp in milliseconds at which this token expires. */
  expiryTimestampMs: bigint
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeRenewDelegationTokenResponse(r: Reader, v: number): RenewDelegationTokenResponse {
  const flex = v >= 2
  const o: RenewDelegationTokenResponse = {
    errorCode: r.int16(),
    expiryTimestampMs: r.int64(),
    throttleTimeMs: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeRenewDelegationTokenResponse(w: Writer, v: number, m: Input<RenewDelegationTokenResponse>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.int64((m.expiryTimestampMs ?? 0n))
  w.int32((m.throttleTimeMs ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
