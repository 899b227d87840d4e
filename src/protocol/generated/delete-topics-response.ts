// generated from DeleteTopicsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const DeleteTopicsResponseInfo = {
  name: 'DeleteTopicsResponse',
  apiKey: 20,
  type: 'response',
  minVersion: 0,
  maxVersion: 6,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface DeleteTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The results for each topic we tried to delete. */
  responses: DeletableTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeletableTopicResult {
  /** The topic name */
  name: string | null
  /** the unique topic ID */
  topicId: string
  /** The deletion error, or 0 if the deletion succeeded. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteTopicsResponse(r: Reader, v: number): DeleteTopicsResponse {
  const flex = v >= 4
  const o: DeleteTopicsResponse = {
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    responses: readArray(r, flex, false, (r) => readDeletableTopicResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteTopicsResponse(w: Writer, v: number, m: Input<DeleteTopicsResponse>): void {
  const flex = v >= 4
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  writeArray(w, flex, false, m.responses, (w, e) => writeDeletableTopicResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeletableTopicResult(): DeletableTopicResult {
  return {
    name: "",
    topicId: ZERO_UUID,
    errorCode: 0,
    errorMessage: null,
  }
}

function readDeletableTopicResult(r: Reader, v: number): DeletableTopicResult {
  const flex = v >= 4
  const o: DeletableTopicResult = {
    name: r.nullableString(flex),
    topicId: v >= 6 ? r.uuid() : ZERO_UUID,
    errorCode: r.int16(),
    errorMessage: v >= 5 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeletableTopicResult(w: Writer, v: number, m: Input<DeletableTopicResult>): void {
  const flex = v >= 4
  w.nullableString(m.name, flex)
  if (v >= 6) { w.uuid((m.topicId ?? ZERO_UUID)) }
  w.int16((m.errorCode ?? 0))
  if (v >= 5) { w.nullableString(m.errorMessage, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
