// generated from ShareGroupDescribeRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ShareGroupDescribeRequestInfo = {
  name: 'ShareGroupDescribeRequest',
  apiKey: 77,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: true,
} as const

export interface ShareGroupDescribeRequest {
  /** The ids of the groups to describe */
  groupIds: string[]
  /** Whether to include authorized operations. */
  includeAuthorizedOperations: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeShareGroupDescribeRequest(r: Reader, v: number): ShareGroupDescribeRequest {
  const flex = v >= 0
  const o: ShareGroupDescribeRequest = {
    groupIds: readArray(r, flex, false, (r) => r.string(flex)),
    includeAuthorizedOperations: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeShareGroupDescribeRequest(w: Writer, v: number, m: Input<ShareGroupDescribeRequest>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.groupIds, (w, e) => w.string(e ?? '', flex))
  w.bool((m.includeAuthorizedOperations ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
