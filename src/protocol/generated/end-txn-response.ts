// generated from EndTxnResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const EndTxnResponseInfo = {
  name: 'EndTxnResponse',
  apiKey: 26,
  type: 'response',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface EndTxnResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The producer ID. */
  producerId: bigint
  /** The current epoch associated with the producer. */
  producerEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeEndTxnResponse(r: Reader, v: number): EndTxnResponse {
  const flex = v >= 3
  const o: EndTxnResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerId: v >= 5 ? r.int64() : -1n,
    producerEpoch: v >= 5 ? r.int16() : -1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeEndTxnResponse(w: Writer, v: number, m: Input<EndTxnResponse>): void {
  const flex = v >= 3
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  if (v >= 5) { w.int64((m.producerId ?? -1n)) }
  if (v >= 5) { w.int16((m.producerEpoch ?? -1)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
