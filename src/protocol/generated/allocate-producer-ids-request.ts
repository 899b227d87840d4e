// generated from AllocateProducerIdsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const AllocateProducerIdsRequestInfo = {
  name: 'AllocateProducerIdsRequest',
  apiKey: 67,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AllocateProducerIdsRequest {
  /** The ID of the requesting broker */
  brokerId: number
  /** The epoch of the requesting broker */
  brokerEpoch: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAllocateProducerIdsRequest(r: Reader, v: number): AllocateProducerIdsRequest {
  const flex = v >= 0
  const o: AllocateProducerIdsRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAllocateProducerIdsRequest(w: Writer, v: number, m: Input<AllocateProducerIdsRequest>): void {
  const flex = v >= 0
  w.int32((m.brokerId ?? 0))
  w.int64((m.brokerEpoch ?? -1n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
