// generated from ResponseHeader.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const ResponseHeaderInfo = {
  name: 'ResponseHeader',
  apiKey: -1,
  type: 'header',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface ResponseHeader {
  /** The correlation ID of this response. */
  correlationId: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeResponseHeader(r: Reader, v: number): ResponseHeader {
  const flex = v >= 1
  const o: ResponseHeader = {
    correlationId: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeResponseHeader(w: Writer, v: number, m: Input<ResponseHeader>): void {
  const flex = v >= 1
  w.int32((m.correlationId ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
