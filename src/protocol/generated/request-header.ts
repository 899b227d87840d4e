// generated from RequestHeader.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const RequestHeaderInfo = {
  name: 'RequestHeader',
  apiKey: -1,
  type: 'header',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface RequestHeader {
  /** The API key of this request. */
  requestApiKey: number
  /** The API version of this request. */
  requestApiVersion: number
  /** The correlation ID of this request. */
  correlationId: number
  /** The client ID string. */
  clientId: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeRequestHeader(r: Reader, v: number): RequestHeader {
  const flex = v >= 2
  const o: RequestHeader = {
    requestApiKey: r.int16(),
    requestApiVersion: r.int16(),
    correlationId: r.int32(),
    clientId: v >= 1 ? r.nullableString(false) : "",
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeRequestHeader(w: Writer, v: number, m: Input<RequestHeader>): void {
  const flex = v >= 2
  w.int16((m.requestApiKey ?? 0))
  w.int16((m.requestApiVersion ?? 0))
  w.int32((m.correlationId ?? 0))
  if (v >= 1) { w.nullableString(m.clientId, false) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
