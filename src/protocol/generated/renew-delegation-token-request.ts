// generated from RenewDelegationTokenRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY } from '../codec-support.js'

export const RenewDelegationTokenRequestInfo = {
  name: 'RenewDelegationTokenRequest',
  apiKey: 39,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface RenewDelegationTokenRequest {
  /** The HMAC of the delegation token to be renewed. */
  hmac: Buffer
  /** The renewal time period in milliseconds. */
  renewPeriodMs: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeRenewDelegationTokenRequest(r: Reader, v: number): RenewDelegationTokenRequest {
  const flex = v >= 2
  const o: RenewDelegationTokenRequest = {
    hmac: r.bytes(flex),
    renewPeriodMs: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeRenewDelegationTokenRequest(w: Writer, v: number, m: Input<RenewDelegationTokenRequest>): void {
  const flex = v >= 2
  w.records(m.hmac ?? EMPTY, flex)
  w.int64((m.renewPeriodMs ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
