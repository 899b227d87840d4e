// generated from ExpireDelegationTokenRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY } from '../codec-support.js'

export const ExpireDelegationTokenRequestInfo = {
  name: 'ExpireDelegationTokenRequest',
  apiKey: 40,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface ExpireDelegationTokenRequest {
  /** The HMAC of the delegation token to be expired. */
  hmac: Buffer
  /** The expiry time period in milliseconds. */
  expiryTimePeriodMs: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeExpireDelegationTokenRequest(r: Reader, v: number): ExpireDelegationTokenRequest {
  const flex = v >= 2
  const o: ExpireDelegationTokenRequest = {
    hmac: r.bytes(flex),
    expiryTimePeriodMs: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeExpireDelegationTokenRequest(w: Writer, v: number, m: Input<ExpireDelegationTokenRequest>): void {
  const flex = v >= 2
  w.records(m.hmac ?? EMPTY, flex)
  w.int64((m.expiryTimePeriodMs ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
