// generated from ListClientMetricsResourcesResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListClientMetricsResourcesResponseInfo = {
  name: 'ListClientMetricsResourcesResponse',
  apiKey: 74,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ListClientMetricsResourcesResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Each client metrics resource in the response. */
  clientMetricsResources: ClientMetricsResource[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ClientMetricsResource {
  /** The resource name. */
  name: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListClientMetricsResourcesResponse(r: Reader, v: number): ListClientMetricsResourcesResponse {
  const flex = v >= 0
  const o: ListClientMetricsResourcesResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    clientMetricsResources: readArray(r, flex, false, (r) => readClientMetricsResource(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListClientMetricsResourcesResponse(w: Writer, v: number, m: Input<ListClientMetricsResourcesResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.clientMetricsResources, (w, e) => writeClientMetricsResource(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultClientMetricsResource(): ClientMetricsResource {
  return {
    name: "",
  }
}

function readClientMetricsResource(r: Reader, v: number): ClientMetricsResource {
  const flex = v >= 0
  const o: ClientMetricsResource = {
    name: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeClientMetricsResource(w: Writer, v: number, m: Input<ClientMetricsResource>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
