// generated from DeleteGroupsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DeleteGroupsResponseInfo = {
  name: 'DeleteGroupsResponse',
  apiKey: 42,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DeleteGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The deletion results */
  results: DeletableGroupResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeletableGroupResult {
  /** The group id */
  groupId: string
  /** The deletion error, or 0 if the deletion succeeded. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteGroupsResponse(r: Reader, v: number): DeleteGroupsResponse {
  const flex = v >= 2
  const o: DeleteGroupsResponse = {
    throttleTimeMs: r.int32(),
    results: readArray(r, flex, false, (r) => readDeletableGroupResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteGroupsResponse(w: Writer, v: number, m: Input<DeleteGroupsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.results, (w, e) => writeDeletableGroupResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeletableGroupResult(): DeletableGroupResult {
  return {
    groupId: "",
    errorCode: 0,
  }
}

function readDeletableGroupResult(r: Reader, v: number): DeletableGroupResult {
  const flex = v >= 2
  const o: DeletableGroupResult = {
    groupId: r.string(flex),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeletableGroupResult(w: Writer, v: number, m: Input<DeletableGroupResult>): void {
  const flex = v >= 2
  w.string(m.groupId ?? '', flex)
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
