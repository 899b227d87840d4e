// generated from EnvelopeResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const EnvelopeResponseInfo = {
  name: 'EnvelopeResponse',
  apiKey: 58,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface EnvelopeResponse {
  /** The embedded response header and data. */
  responseData: Buffer | null
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeEnvelopeResponse(r: Reader, v: number): EnvelopeResponse {
  const flex = v >= 0
  const o: EnvelopeResponse = {
    responseData: r.nullableBytes(flex),
    errorCode: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeEnvelopeResponse(w: Writer, v: number, m: Input<EnvelopeResponse>): void {
  const flex = v >= 0
  w.records(m.responseData, flex)
  w.int16((m.errorCode ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
