// generated from ListClientMetricsResourcesRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const ListClientMetricsResourcesRequestInfo = {
  name: 'ListClientMetricsResourcesRequest',
  apiKey: 74,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ListClientMetricsResourcesRequest {
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListClientMetricsResourcesRequest(r: Reader, v: number): ListClientMetricsResourcesRequest {
  const flex = v >= 0
  const o: ListClientMetricsResourcesRequest = {
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListClientMetricsResourcesRequest(w: Writer, v: number, m: Input<ListClientMetricsResourcesRequest>): void {
  const flex = v >= 0
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
