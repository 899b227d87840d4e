// generated from ListGroupsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ListGroupsResponseInfo = {
  name: 'ListGroupsResponse',
  apiKey: 16,
  type: 'response',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface ListGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Each group in the response. */
  groups: ListedGroup[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ListedGroup {
  /** The group ID. */
  groupId: string
  /** The group protocol type. */
  protocolType: string
  /** The group state name. */
  groupState: string
  /** The group type name. */
  groupType: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeListGroupsResponse(r: Reader, v: number): ListGroupsResponse {
  const flex = v >= 3
  const o: ListGroupsResponse = {
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    errorCode: r.int16(),
    groups: readArray(r, flex, false, (r) => readListedGroup(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeListGroupsResponse(w: Writer, v: number, m: Input<ListGroupsResponse>): void {
  const flex = v >= 3
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.groups, (w, e) => writeListedGroup(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListedGroup(): ListedGroup {
  return {
    groupId: "",
    protocolType: "",
    groupState: "",
    groupType: "",
  }
}

function readListedGroup(r: Reader, v: number): ListedGroup {
  const flex = v >= 3
  const o: ListedGroup = {
    groupId: r.string(flex),
    protocolType: r.string(flex),
    groupState: v >= 4 ? r.string(flex) : "",
    groupType: v >= 5 ? r.string(flex) : "",
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListedGroup(w: Writer, v: number, m: Input<ListedGroup>): void {
  const flex = v >= 3
  w.string(m.groupId ?? '', flex)
  w.string(m.protocolType ?? '', flex)
  if (v >= 4) { w.string(m.groupState ?? '', flex) }
  if (v >= 5) { w.string(m.groupType ?? '', flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
