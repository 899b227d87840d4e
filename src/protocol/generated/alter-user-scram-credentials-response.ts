// generated from AlterUserScramCredentialsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterUserScramCredentialsResponseInfo = {
  name: 'AlterUserScramCredentialsResponse',
  apiKey: 51,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AlterUserScramCredentialsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The results for deletions and alterations, one per affected user. */
  results: AlterUserScramCredentialsResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterUserScramCredentialsResult {
  /** The user name. */
  user: string
  /** The error code. */
  errorCode: number
  /** The error message, if any. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterUserScramCredentialsResponse(r: Reader, v: number): AlterUserScramCredentialsResponse {
  const flex = v >= 0
  const o: AlterUserScramCredentialsResponse = {
    throttleTimeMs: r.int32(),
    results: readArray(r, flex, false, (r) => readAlterUserScramCredentialsResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterUserScramCredentialsResponse(w: Writer, v: number, m: Input<AlterUserScramCredentialsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.results, (w, e) => writeAlterUserScramCredentialsResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterUserScramCredentialsResult(): AlterUserScramCredentialsResult {
  return {
    user: "",
    errorCode: 0,
    errorMessage: "",
  }
}

function readAlterUserScramCredentialsResult(r: Reader, v: number): AlterUserScramCredentialsResult {
  const flex = v >= 0
  const o: AlterUserScramCredentialsResult = {
    user: r.string(flex),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterUserScramCredentialsResult(w: Writer, v: number, m: Input<AlterUserScramCredentialsResult>): void {
  const flex = v >= 0
  w.string(m.user ?? '', flex)
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
