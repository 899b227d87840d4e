// generated from InitProducerIdResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const InitProducerIdResponseInfo = {
  name: 'InitProducerIdResponse',
  apiKey: 22,
  type: 'response',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface InitProducerIdResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The current producer id. */
  producerId: bigint
  /** The current epoch associated with the producer id. */
  producerEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeInitProducerIdResponse(r: Reader, v: number): InitProducerIdResponse {
  const flex = v >= 2
  const o: InitProducerIdResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerId: r.int64(),
    producerEpoch: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeInitProducerIdResponse(w: Writer, v: number, m: Input<InitProducerIdResponse>): void {
  const flex = v >= 2
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.int64((m.producerId ?? -1n))
  w.int16((m.producerEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
