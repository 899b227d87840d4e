// generated from BrokerRegistrationResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const BrokerRegistrationResponseInfo = {
  name: 'BrokerRegistrationResponse',
  apiKey: 62,
  type: 'response',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface BrokerRegistrationResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The broker's assigned epoch, or -1 if none was assigned. */
  brokerEpoch: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeBrokerRegistrationResponse(r: Reader, v: number): BrokerRegistrationResponse {
  const flex = v >= 0
  const o: BrokerRegistrationResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    brokerEpoch: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeBrokerRegistrationResponse(w: Writer, v: number, m: Input<BrokerRegistrationResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.int64((m.brokerEpoch ?? -1n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
