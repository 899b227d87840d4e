// generated from DescribeGroupsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeGroupsRequestInfo = {
  name: 'DescribeGroupsRequest',
  apiKey: 15,
  type: 'request',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 5,
  latestVersionUnstable: false,
} as const

export interface DescribeGroupsRequest {
  /** The names of the groups to describe */
  groups: string[]
  /** Whether to include authorized operations. */
  includeAuthorizedOperations: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeGroupsRequest(r: Reader, v: number): DescribeGroupsRequest {
  const flex = v >= 5
  const o: DescribeGroupsRequest = {
    groups: readArray(r, flex, false, (r) => r.string(flex)),
    includeAuthorizedOperations: v >= 3 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeGroupsRequest(w: Writer, v: number, m: Input<DescribeGroupsRequest>): void {
  const flex = v >= 5
  writeArray(w, flex, false, m.groups, (w, e) => w.string(e ?? '', flex))
  if (v >= 3) { w.bool((m.includeAuthorizedOperations ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
