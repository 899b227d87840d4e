// generated from CreateDelegationTokenResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY } from '../codec-support.js'

export const CreateDelegationTokenResponseInfo = {
  name: 'CreateDelegationTokenResponse',
  apiKey: 38,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface CreateDelegationTokenResponse {
  /** The top-level error, or zero if there was no error. */
  errorCode: number
  /** The principal type of the token owner. */
  principalType: string
  /** The name of the token owner. */
  principalName: string
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalType: string
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalName: string
  /** When this token was generated. */
  issueTimestampMs: bigint
  /** When this token expires. */
  expiryTimestampMs: bigint
  /** The maximum lifetime of this token. */
  maxTimestampMs: bigint
  /** The token UUID. */
  tokenId: string
  /** HMAC of the delegation token. */
  hmac: Buffer
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreateDelegationTokenResponse(r: Reader, v: number): CreateDelegationTokenResponse {
  const flex = v >= 2
  const o: CreateDelegationTokenResponse = {
    errorCode: r.int16(),
    principalType: r.string(flex),
    principalName: r.string(flex),
    tokenRequesterPrincipalType: v >= 3 ? r.string(flex) : "",
    tokenRequesterPrincipalName: v >= 3 ? r.string(flex) : "",
    issueTimestampMs: r.int64(),
    expiryTimestampMs: r.int64(),
    maxTimestampMs: r.int64(),
    tokenId: r.string(flex),
    hmac: r.bytes(flex),
    throttleTimeMs: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreateDelegationTokenResponse(w: Writer, v: number, m: Input<CreateDelegationTokenResponse>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.string(m.principalType ?? '', flex)
  w.string(m.principalName ?? '', flex)
  if (v >= 3) { w.string(m.tokenRequesterPrincipalType ?? '', flex) }
  if (v >= 3) { w.string(m.tokenRequesterPrincipalName ?? '', flex) }
  w.int64((m.issueTimestampMs ?? 0n))
  w.int64((m.expiryTimestampMs ?? 0n))
  w.int64((m.maxTimestampMs ?? 0n))
  w.string(m.tokenId ?? '', flex)
  w.records(m.hmac ?? EMPTY, flex)
  w.int32((m.throttleTimeMs ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
