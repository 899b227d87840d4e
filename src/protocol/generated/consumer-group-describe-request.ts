// generated from ConsumerGroupDescribeRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ConsumerGroupDescribeRequestInfo = {
  name: 'ConsumerGroupDescribeRequest',
  apiKey: 69,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupDescribeRequest {
  /** The ids of the groups to describe */
  groupIds: string[]
  /** Whether to include authorized operations. */
  includeAuthorizedOperations: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupDescribeRequest(r: Reader, v: number): ConsumerGroupDescribeRequest {
  const flex = v >= 0
  const o: ConsumerGroupDescribeRequest = {
    groupIds: readArray(r, flex, false, (r) => r.string(flex)),
    includeAuthorizedOperations: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeConsumerGroupDescribeRequest(w: Writer, v: number, m: Input<ConsumerGroupDescribeRequest>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.groupIds, (w, e) => w.string(e ?? '', flex))
  w.bool((m.includeAuthorizedOperations ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
