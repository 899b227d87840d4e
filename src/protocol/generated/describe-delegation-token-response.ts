// generated from DescribeDelegationTokenResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY, readArray, writeArray } from '../codec-support.js'

export const DescribeDelegationTokenResponseInfo = {
  name: 'DescribeDelegationTokenResponse',
  apiKey: 41,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DescribeDelegationTokenResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The tokens. */
  tokens: DescribedDelegationToken[]
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribedDelegationToken {
  /** The token principal type. */
  principalType: string
  /** The token principal name. */
  principalName: string
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalType: string
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalName: string
  /** The token issue timestamp in milliseconds. */
  issueTimestamp: bigint
  /** The token expiry timestamp in milliseconds. */
  expiryTimestamp: bigint
  /** The token maximum timestamp length in milliseconds. */
  maxTimestamp: bigint
  /** The token ID. */
  tokenId: string
  /** The token HMAC. */
  hmac: Buffer
  /** Those who are able to renew this token before it expires. */
  renewers: DescribedDelegationTokenRenewer[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribedDelegationTokenRenewer {
  /** The renewer principal type */
  principalType: string
  /** The renewer principal name */
  principalName: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeDelegationTokenResponse(r: Reader, v: number): DescribeDelegationTokenResponse {
  const flex = v >= 2
  const o: DescribeDelegationTokenResponse = {
    errorCode: r.int16(),
    tokens: readArray(r, flex, false, (r) => readDescribedDelegationToken(r, v)),
    throttleTimeMs: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeDelegationTokenResponse(w: Writer, v: number, m: Input<DescribeDelegationTokenResponse>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.tokens, (w, e) => writeDescribedDelegationToken(w, v, e))
  w.int32((m.throttleTimeMs ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribedDelegationToken(): DescribedDelegationToken {
  return {
    principalType: "",
    principalName: "",
    tokenRequesterPrincipalType: "",
    tokenRequesterPrincipalName: "",
    issueTimestamp: 0n,
    expiryTimestamp: 0n,
    maxTimestamp: 0n,
    tokenId: "",
    hmac: EMPTY,
    renewers: [],
  }
}

function readDescribedDelegationToken(r: Reader, v: number): DescribedDelegationToken {
  const flex = v >= 2
  const o: DescribedDelegationToken = {
    principalType: r.string(flex),
    principalName: r.string(flex),
    tokenRequesterPrincipalType: v >= 3 ? r.string(flex) : "",
    tokenRequesterPrincipalName: v >= 3 ? r.string(flex) : "",
    issueTimestamp: r.int64(),
    expiryTimestamp: r.int64(),
    maxTimestamp: r.int64(),
    tokenId: r.string(flex),
    hmac: r.bytes(flex),
    renewers: readArray(r, flex, false, (r) => readDescribedDelegationTokenRenewer(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribedDelegationToken(w: Writer, v: number, m: Input<DescribedDelegationToken>): void {
  const flex = v >= 2
  w.string(m.principalType ?? '', flex)
  w.string(m.principalName ?? '', flex)
  if (v >= 3) { w.string(m.tokenRequesterPrincipalType ?? '', flex) }
  if (v >= 3) { w.string(m.tokenRequesterPrincipalName ?? '', flex) }
  w.int64((m.issueTimestamp ?? 0n))
  w.int64((m.expiryTimestamp ?? 0n))
  w.int64((m.maxTimestamp ?? 0n))
  w.string(m.tokenId ?? '', flex)
  w.records(m.hmac ?? EMPTY, flex)
  writeArray(w, flex, false, m.renewers, (w, e) => writeDescribedDelegationTokenRenewer(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribedDelegationTokenRenewer(): DescribedDelegationTokenRenewer {
  return {
    principalType: "",
    principalName: "",
  }
}

function readDescribedDelegationTokenRenewer(r: Reader, v: number): DescribedDelegationTokenRenewer {
  const flex = v >= 2
  const o: DescribedDelegationTokenRenewer = {
    principalType: r.string(flex),
    principalName: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribedDelegationTokenRenewer(w: Writer, v: number, m: Input<DescribedDelegationTokenRenewer>): void {
  const flex = v >= 2
  w.string(m.principalType ?? '', flex)
  w.string(m.principalName ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
