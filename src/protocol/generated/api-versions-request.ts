// generated from ApiVersionsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const ApiVersionsRequestInfo = {
  name: 'ApiVersionsRequest',
  apiKey: 18,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface ApiVersionsRequest {
  /** The name of the client. */
  clientSoftwareName: string
  /** The version of the client. */
  clientSoftwareVersion: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeApiVersionsRequest(r: Reader, v: number): ApiVersionsRequest {
  const flex = v >= 3
  const o: ApiVersionsRequest = {
    clientSoftwareName: v >= 3 ? r.string(flex) : "",
    clientSoftwareVersion: v >= 3 ? r.string(flex) : "",
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeApiVersionsRequest(w: Writer, v: number, m: Input<ApiVersionsRequest>): void {
  const flex = v >= 3
  if (v >= 3) { w.string(m.clientSoftwareName ?? '', flex) }
  if (v >= 3) { w.string(m.clientSoftwareVersion ?? '', flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
