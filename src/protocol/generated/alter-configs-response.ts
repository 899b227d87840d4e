// generated from AlterConfigsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterConfigsResponseInfo = {
  name: 'AlterConfigsResponse',
  apiKey: 33,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface AlterConfigsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The responses for each resource. */
  responses: AlterConfigsResourceResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface AlterConfigsResourceResponse {
  /** The resource error code. */
  errorCode: number
  /** The resource error message, or null if there was no error. */
  errorMessage: string | null
  /** The resource type. */
  resourceType: number
  /** The resource name. */
  resourceName: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterConfigsResponse(r: Reader, v: number): AlterConfigsResponse {
  const flex = v >= 2
  const o: AlterConfigsResponse = {
    throttleTimeMs: r.int32(),
    responses: readArray(r, flex, false, (r) => readAlterConfigsResourceResponse(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterConfigsResponse(w: Writer, v: number, m: Input<AlterConfigsResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.responses, (w, e) => writeAlterConfigsResourceResponse(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultAlterConfigsResourceResponse(): AlterConfigsResourceResponse {
  return {
    errorCode: 0,
    errorMessage: "",
    resourceType: 0,
    resourceName: "",
  }
}

function readAlterConfigsResourceResponse(r: Reader, v: number): AlterConfigsResourceResponse {
  const flex = v >= 2
  const o: AlterConfigsResourceResponse = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    resourceType: r.int8(),
    resourceName: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeAlterConfigsResourceResponse(w: Writer, v: number, m: Input<AlterConfigsResourceResponse>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  w.int8((m.resourceType ?? 0))
  w.string(m.resourceName ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
