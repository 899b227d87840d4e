// generated from AddOffsetsToTxnResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const AddOffsetsToTxnResponseInfo = {
  name: 'AddOffsetsToTxnResponse',
  apiKey: 25,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface AddOffsetsToTxnResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The response error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAddOffsetsToTxnResponse(r: Reader, v: number): AddOffsetsToTxnResponse {
  const flex = v >= 3
  const o: AddOffsetsToTxnResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAddOffsetsToTxnResponse(w: Writer, v: number, m: Input<AddOffsetsToTxnResponse>): void {
  const flex = v >= 3
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
