// generated from DescribeGroupsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY, readArray, writeArray } from '../codec-support.js'

export const DescribeGroupsResponseInfo = {
  name: 'DescribeGroupsResponse',
  apiKey: 15,
  type: 'response',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 5,
  latestVersionUnstable: false,
} as const

export interface DescribeGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Each described group. */
  groups: DescribedGroup[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribedGroup {
  /** The describe error, or 0 if there was no error. */
  errorCode: number
  /** The group ID string. */
  groupId: string
  /** The group state string, or the empty string. */
  groupState: string
  /** The group protocol type, or the empty string. */
  protocolType: string
  /** The group protocol data, or the empty string. */
  protocolData: string
  /** The group members. */
  members: DescribedGroupMember[]
  /** 32-bit bitfield to represent authorized operations for this group. */
  authorizedOperations: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribedGroupMember {
  /** The member ID assigned by the group coordinator. */
  memberId: string
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null
  /** The client ID used in the member's latest join group request. */
  clientId: string
  /** The client host. */
  clientHost: string
  /** The metadata corresponding to the current group protocol in use. */
  memberMetadata: Buffer
  /** The current assignment provided by the group leader. */
  memberAssignment: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeGroupsResponse(r: Reader, v: number): DescribeGroupsResponse {
  const flex = v >= 5
  const o: DescribeGroupsResponse = {
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    groups: readArray(r, flex, false, (r) => readDescribedGroup(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeGroupsResponse(w: Writer, v: number, m: Input<DescribeGroupsResponse>): void {
  const flex = v >= 5
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  writeArray(w, flex, false, m.groups, (w, e) => writeDescribedGroup(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribedGroup(): DescribedGroup {
  return {
    errorCode: 0,
    groupId: "",
    groupState: "",
    protocolType: "",
    protocolData: "",
    members: [],
    authorizedOperations: -2147483648,
  }
}

function readDescribedGroup(r: Reader, v: number): DescribedGroup {
  const flex = v >= 5
  const o: DescribedGroup = {
    errorCode: r.int16(),
    groupId: r.string(flex),
    groupState: r.string(flex),
    protocolType: r.string(flex),
    protocolData: r.string(flex),
    members: readArray(r, flex, false, (r) => readDescribedGroupMember(r, v)),
    authorizedOperations: v >= 3 ? r.int32() : -2147483648,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribedGroup(w: Writer, v: number, m: Input<DescribedGroup>): void {
  const flex = v >= 5
  w.int16((m.errorCode ?? 0))
  w.string(m.groupId ?? '', flex)
  w.string(m.groupState ?? '', flex)
  w.string(m.protocolType ?? '', flex)
  w.string(m.protocolData ?? '', flex)
  writeArray(w, flex, false, m.members, (w, e) => writeDescribedGroupMember(w, v, e))
  if (v >= 3) { w.int32((m.authorizedOperations ?? -2147483648)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribedGroupMember(): DescribedGroupMember {
  return {
    memberId: "",
    groupInstanceId: null,
    clientId: "",
    clientHost: "",
    memberMetadata: EMPTY,
    memberAssignment: EMPTY,
  }
}

function readDescribedGroupMember(r: Reader, v: number): DescribedGroupMember {
  const flex = v >= 5
  const o: DescribedGroupMember = {
    memberId: r.string(flex),
    groupInstanceId: v >= 4 ? r.nullableString(flex) : null,
    clientId: r.string(flex),
    clientHost: r.string(flex),
    memberMetadata: r.bytes(flex),
    memberAssignment: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribedGroupMember(w: Writer, v: number, m: Input<DescribedGroupMember>): void {
  const flex = v >= 5
  w.string(m.memberId ?? '', flex)
  if (v >= 4) { w.nullableString(m.groupInstanceId, flex) }
  w.string(m.clientId ?? '', flex)
  w.string(m.clientHost ?? '', flex)
  w.records(m.memberMetadata ?? EMPTY, flex)
  w.records(m.memberAssignment ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
