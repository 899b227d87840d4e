// generated from PushTelemetryRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY, ZERO_UUID } from '../codec-support.js'

export const PushTelemetryRequestInfo = {
  name: 'PushTelemetryRequest',
  apiKey: 72,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface PushTelemetryRequest {
  /** Unique id for this client instance. */
  clientInstanceId: string
  /** Unique identifier for the current subscription. */
  subscriptionId: number
  /** Client is terminating the connection. */
  terminating: boolean
  /** Compression codec used to compress the metrics. */
  compressionType: number
  /** Metrics encoded in OpenTelemetry MetricsData v1 protobuf format. */
  metrics: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodePushTelemetryRequest(r: Reader, v: number): PushTelemetryRequest {
  const flex = v >= 0
  const o: PushTelemetryRequest = {
    clientInstanceId: r.uuid(),
    subscriptionId: r.int32(),
    terminating: r.bool(),
    compressionType: r.int8(),
    metrics: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodePushTelemetryRequest(w: Writer, v: number, m: Input<PushTelemetryRequest>): void {
  const flex = v >= 0
  w.uuid((m.clientInstanceId ?? ZERO_UUID))
  w.int32((m.subscriptionId ?? 0))
  w.bool((m.terminating ?? false))
  w.int8((m.compressionType ?? 0))
  w.records(m.metrics ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
