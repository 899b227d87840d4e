// generated from GetTelemetrySubscriptionsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const GetTelemetrySubscriptionsResponseInfo = {
  name: 'GetTelemetrySubscriptionsResponse',
  apiKey: 71,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface GetTelemetrySubscriptionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Assigned client instance id if ClientInstanceId was 0 in the request, else 0. */
  clientInstanceId: string
  /** Unique identifier for the current subscription set for this client instance. */
  subscriptionId: number
  /** Compression types that broker accepts for the PushTelemetryRequest. */
  acceptedCompressionTypes: number[]
  /** Configured push interval, which is the lowest configured interval in the current subscription set. */
  pushIntervalMs: number
  /** The maximum bytes of binary data the broker accepts in PushTelemetryRequest. */
  telemetryMaxBytes: number
  /** Flag to indicate monotonic/counter metrics are to be emitted as deltas or cumulative values */
  deltaTemporality: boolean
  /** Requested metrics prefix string match. Empty array: No metrics subscribed, Array[0] empty string: All metrics subscribed. */
  requestedMetrics: string[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeGetTelemetrySubscriptionsResponse(r: Reader, v: number): GetTelemetrySubscriptionsResponse {
  const flex = v >= 0
  const o: GetTelemetrySubscriptionsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    clientInstanceId: r.uuid(),
    subscriptionId: r.int32(),
    acceptedCompressionTypes: readArray(r, flex, false, (r) => r.int8()),
    pushIntervalMs: r.int32(),
    telemetryMaxBytes: r.int32(),
    deltaTemporality: r.bool(),
    requestedMetrics: readArray(r, flex, false, (r) => r.string(flex)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeGetTelemetrySubscriptionsResponse(w: Writer, v: number, m: Input<GetTelemetrySubscriptionsResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.uuid((m.clientInstanceId ?? ZERO_UUID))
  w.int32((m.subscriptionId ?? 0))
  writeArray(w, flex, false, m.acceptedCompressionTypes, (w, e) => w.int8(e))
  w.int32((m.pushIntervalMs ?? 0))
  w.int32((m.telemetryMaxBytes ?? 0))
  w.bool((m.deltaTemporality ?? false))
  writeArray(w, flex, false, m.requestedMetrics, (w, e) => w.string(e ?? '', flex))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
