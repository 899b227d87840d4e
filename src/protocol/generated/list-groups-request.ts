// generated from ListGroupsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListGroupsRequestInfo = {
  name: 'ListGroupsRequest',
  apiKey: 16,
  type: 'request',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface ListGroupsRequest {
  /** The states of the groups we want to list. If empty, all groups are returned with their state. */
  statesFilter: string[]
  /** The types of the groups we want to list. If empty, all groups are returned with their type. */
  typesFilter: string[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListGroupsRequest(r: Reader, v: number): ListGroupsRequest {
  const flex = v >= 3
  const o: ListGroupsRequest = {
    statesFilter: v >= 4 ? readArray(r, flex, false, (r) => r.string(flex)) : [],
    typesFilter: v >= 5 ? readArray(r, flex, false, (r) => r.string(flex)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListGroupsRequest(w: Writer, v: number, m: Input<ListGroupsRequest>): void {
  const flex = v >= 3
  if (v >= 4) { writeArray(w, flex, false, m.statesFilter, (w, e) => w.string(e ?? '', flex)) }
  if (v >= 5) { writeArray(w, flex, false, m.typesFilter, (w, e) => w.string(e ?? '', flex)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
