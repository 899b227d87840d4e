// generated from UpdateMetadataResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const UpdateMetadataResponseInfo = {
  name: 'UpdateMetadataResponse',
  apiKey: 6,
  type: 'response',
  minVersion: 0,
  maxVersion: 8,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface UpdateMetadataResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeUpdateMetadataResponse(r: Reader, v: number): UpdateMetadataResponse {
  const flex = v >= 6
  const o: UpdateMetadataResponse = {
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeUpdateMetadataResponse(w: Writer, v: number, m: Input<UpdateMetadataResponse>): void {
  const flex = v >= 6
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
