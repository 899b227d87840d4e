// generated from UnregisterBrokerRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const UnregisterBrokerRequestInfo = {
  name: 'UnregisterBrokerRequest',
  apiKey: 64,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface UnregisterBrokerRequest {
  /** The broker ID to unregister. */
  brokerId: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeUnregisterBrokerRequest(r: Reader, v: number): UnregisterBrokerRequest {
  const flex = v >= 0
  const o: UnregisterBrokerRequest = {
    brokerId: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeUnregisterBrokerRequest(w: Writer, v: number, m: Input<UnregisterBrokerRequest>): void {
  const flex = v >= 0
  w.int32((m.brokerId ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
