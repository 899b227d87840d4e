// generated from DeleteGroupsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DeleteGroupsRequestInfo = {
  name: 'DeleteGroupsRequest',
  apiKey: 42,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DeleteGroupsRequest {
  /** The group names to delete. */
  groupsNames: string[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteGroupsRequest(r: Reader, v: number): DeleteGroupsRequest {
  const flex = v >= 2
  const o: DeleteGroupsRequest = {
    groupsNames: readArray(r, flex, false, (r) => r.string(flex)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteGroupsRequest(w: Writer, v: number, m: Input<DeleteGroupsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.groupsNames, (w, e) => w.string(e ?? '', flex))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
