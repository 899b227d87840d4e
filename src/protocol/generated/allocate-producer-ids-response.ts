// generated from AllocateProducerIdsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const AllocateProducerIdsResponseInfo = {
  name: 'AllocateProducerIdsResponse',
  apiKey: 67,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AllocateProducerIdsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The top level response error code */
  errorCode: number
  /** The first producer ID in this range, inclusive */
  producerIdStart: bigint
  /** The number of producer IDs in this range */
  producerIdLen: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAllocateProducerIdsResponse(r: Reader, v: number): AllocateProducerIdsResponse {
  const flex = v >= 0
  const o: AllocateProducerIdsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerIdStart: r.int64(),
    producerIdLen: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAllocateProducerIdsResponse(w: Writer, v: number, m: Input<AllocateProducerIdsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.int64((m.producerIdStart ?? 0n))
  w.int32((m.producerIdLen ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
