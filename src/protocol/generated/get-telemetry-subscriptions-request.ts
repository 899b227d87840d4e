// generated from GetTelemetrySubscriptionsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID } from '../codec-support.js'

export const GetTelemetrySubscriptionsRequestInfo = {
  name: 'GetTelemetrySubscriptionsRequest',
  apiKey: 71,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface GetTelemetrySubscriptionsRequest {
  /** Unique id for this client instance, must be set to 0 on the first request. */
  clientInstanceId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeGetTelemetrySubscriptionsRequest(r: Reader, v: number): GetTelemetrySubscriptionsRequest {
  const flex = v >= 0
  const o: GetTelemetrySubscriptionsRequest = {
    clientInstanceId: r.uuid(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeGetTelemetrySubscriptionsRequest(w: Writer, v: number, m: Input<GetTelemetrySubscriptionsRequest>): void {
  const flex = v >= 0
  w.uuid((m.clientInstanceId ?? ZERO_UUID))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
