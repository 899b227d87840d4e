// generated from DescribeClusterRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const DescribeClusterRequestInfo = {
  name: 'DescribeClusterRequest',
  apiKey: 60,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeClusterRequest {
  /** Whether to include cluster authorized operations. */
  includeClusterAuthorizedOperations: boolean
  /** The endpoint type to describe. 1=brokers, 2=controllers. */
  endpointType: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeClusterRequest(r: Reader, v: number): DescribeClusterRequest {
  const flex = v >= 0
  const o: DescribeClusterRequest = {
    includeClusterAuthorizedOperations: r.bool(),
    endpointType: v >= 1 ? r.int8() : 1,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeClusterRequest(w: Writer, v: number, m: Input<DescribeClusterRequest>): void {
  const flex = v >= 0
  w.bool((m.includeClusterAuthorizedOperations ?? false))
  if (v >= 1) { w.int8((m.endpointType ?? 1)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
