// generated from CreatePartitionsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const CreatePartitionsResponseInfo = {
  name: 'CreatePartitionsResponse',
  apiKey: 37,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface CreatePartitionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The partition creation results for each topic. */
  results: CreatePartitionsTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatePartitionsTopicResult {
  /** The topic name. */
  name: string
  /** The result error, or zero if there was no error. */
  errorCode: number
  /** The result message, or null if there was no error. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreatePartitionsResponse(r: Reader, v: number): CreatePartitionsResponse {
  const flex = v >= 2
  const o: CreatePartitionsResponse = {
    throttleTimeMs: r.int32(),
    results: readArray(r, flex, false, (r) => readCreatePartitionsTopicResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreatePartitionsResponse(w: Writer, v: number, m: Input<CreatePartitionsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.results, (w, e) => writeCreatePartitionsTopicResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatePartitionsTopicResult(): CreatePartitionsTopicResult {
  return {
    name: "",
    errorCode: 0,
    errorMessage: null,
  }
}

function readCreatePartitionsTopicResult(r: Reader, v: number): CreatePartitionsTopicResult {
  const flex = v >= 2
  const o: CreatePartitionsTopicResult = {
    name: r.string(flex),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatePartitionsTopicResult(w: Writer, v: number, m: Input<CreatePartitionsTopicResult>): void {
  const flex = v >= 2
  w.string(m.name ?? '', flex)
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
