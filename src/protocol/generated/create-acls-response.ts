// generated from CreateAclsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const CreateAclsResponseInfo = {
  name: 'CreateAclsResponse',
  apiKey: 30,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface CreateAclsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The results for each ACL creation. */
  results: AclCreationResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AclCreationResult {
  /** The result error, or zero if there was no error. */
  errorCode: number
  /** The result message, or null if there was no error. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreateAclsResponse(r: Reader, v: number): CreateAclsResponse {
  const flex = v >= 2
  const o: CreateAclsResponse = {
    throttleTimeMs: r.int32(),
    results: readArray(r, flex, false, (r) => readAclCreationResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreateAclsResponse(w: Writer, v: number, m: Input<CreateAclsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.results, (w, e) => writeAclCreationResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAclCreationResult(): AclCreationResult {
  return {
    errorCode: 0,
    errorMessage: "",
  }
}

function readAclCreationResult(r: Reader, v: number): AclCreationResult {
  const flex = v >= 2
  const o: AclCreationResult = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAclCreationResult(w: Writer, v: number, m: Input<AclCreationResult>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
