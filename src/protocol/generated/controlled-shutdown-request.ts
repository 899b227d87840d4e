// generated from ControlledShutdownRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const ControlledShutdownRequestInfo = {
  name: 'ControlledShutdownRequest',
  apiKey: 7,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface ControlledShutdownRequest {
  /** The id of the broker for which controlled shutdown has been requested. */
  brokerId: number
  /** The broker epoch. */
  brokerEpoch: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeControlledShutdownRequest(r: Reader, v: number): ControlledShutdownRequest {
  const flex = v >= 3
  const o: ControlledShutdownRequest = {
    brokerId: r.int32(),
    brokerEpoch: v >= 2 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeControlledShutdownRequest(w: Writer, v: number, m: Input<ControlledShutdownRequest>): void {
  const flex = v >= 3
  w.int32((m.brokerId ?? 0))
  if (v >= 2) { w.int64((m.brokerEpoch ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
