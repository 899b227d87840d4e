// generated from DescribeUserScramCredentialsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeUserScramCredentialsResponseInfo = {
  name: 'DescribeUserScramCredentialsResponse',
  apiKey: 50,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeUserScramCredentialsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The message-level error code, 0 except for user authorization or infrastructure issues. */
  errorCode: number
  /** The message-level error message, if any. */
  errorMessage: string | null
  /** The results for descriptions, one per user. */
  results: DescribeUserScramCredentialsResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeUserScramCredentialsResult {
  /** The user name. */
  user: string
  /** The user-level error code. */
  errorCode: number
  /** The user-level error message, if any. */
  errorMessage: string | null
  /** The mechanism and related information associated with the user's SCRAM credentials. */
  credentialInfos: CredentialInfo[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CredentialInfo {
  /** The SCRAM mechanism. */
  mechanism: number
  /** The number of iterations used in the SCRAM credential. */
  iterations: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeUserScramCredentialsResponse(r: Reader, v: number): DescribeUserScramCredentialsResponse {
  const flex = v >= 0
  const o: DescribeUserScramCredentialsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    results: readArray(r, flex, false, (r) => readDescribeUserScramCredentialsResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeUserScramCredentialsResponse(w: Writer, v: number, m: Input<DescribeUserScramCredentialsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.results, (w, e) => writeDescribeUserScramCredentialsResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeUserScramCredentialsResult(): DescribeUserScramCredentialsResult {
  return {
    user: "",
    errorCode: 0,
    errorMessage: "",
    credentialInfos: [],
  }
}

function readDescribeUserScramCredentialsResult(r: Reader, v: number): DescribeUserScramCredentialsResult {
  const flex = v >= 0
  const o: DescribeUserScramCredentialsResult = {
    user: r.string(flex),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    credentialInfos: readArray(r, flex, false, (r) => readCredentialInfo(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeUserScramCredentialsResult(w: Writer, v: number, m: Input<DescribeUserScramCredentialsResult>): void {
  const flex = v >= 0
  w.string(m.user ?? '', flex)
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.credentialInfos, (w, e) => writeCredentialInfo(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCredentialInfo(): CredentialInfo {
  return {
    mechanism: 0,
    iterations: 0,
  }
}

function readCredentialInfo(r: Reader, v: number): CredentialInfo {
  const flex = v >= 0
  const o: CredentialInfo = {
    mechanism: r.int8(),
    iterations: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCredentialInfo(w: Writer, v: number, m: Input<CredentialInfo>): void {
  const flex = v >= 0
  w.int8((m.mechanism ?? 0))
  w.int32((m.iterations ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
