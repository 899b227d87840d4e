// generated from BrokerHeartbeatResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const BrokerHeartbeatResponseInfo = {
  name: 'BrokerHeartbeatResponse',
  apiKey: 63,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface BrokerHeartbeatResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** True if the broker has approximately caught up with the latest metadata. */
  isCaughtUp: boolean
  /** True if the broker is fenced. */
  isFenced: boolean
  /** True if the broker should proceed with its shutdown. */
  shouldShutDown: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeBrokerHeartbeatResponse(r: Reader, v: number): BrokerHeartbeatResponse {
  const flex = v >= 0
  const o: BrokerHeartbeatResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    isCaughtUp: r.bool(),
    isFenced: r.bool(),
    shouldShutDown: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeBrokerHeartbeatResponse(w: Writer, v: number, m: Input<BrokerHeartbeatResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.bool((m.isCaughtUp ?? false))
  w.bool((m.isFenced ?? true))
  w.bool((m.shouldShutDown ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
