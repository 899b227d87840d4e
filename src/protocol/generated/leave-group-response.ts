// generated from LeaveGroupResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const LeaveGroupResponseInfo = {
  name: 'LeaveGroupResponse',
  apiKey: 13,
  type: 'response',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface LeaveGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** List of leaving member responses. */
  members: MemberResponse[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface MemberResponse {
  /** The member ID to remove from the group. */
  memberId: string
  /** The group instance ID to remove from the group. */
  groupInstanceId: string | null
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeLeaveGroupResponse(r: Reader, v: number): LeaveGroupResponse {
  const flex = v >= 4
  const o: LeaveGroupResponse = {
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    errorCode: r.int16(),
    members: v >= 3 ? readArray(r, flex, false, (r) => readMemberResponse(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeLeaveGroupResponse(w: Writer, v: number, m: Input<LeaveGroupResponse>): void {
  const flex = v >= 4
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  w.int16((m.errorCode ?? 0))
  if (v >= 3) { writeArray(w, flex, false, m.members, (w, e) => writeMemberResponse(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMemberResponse(): MemberResponse {
  return {
    memberId: "",
    groupInstanceId: "",
    errorCode: 0,
  }
}

function readMemberResponse(r: Reader, v: number): MemberResponse {
  const flex = v >= 4
  const o: MemberResponse = {
    memberId: v >= 3 ? r.string(flex) : "",
    groupInstanceId: v >= 3 ? r.nullableString(flex) : "",
    errorCode: v >= 3 ? r.int16() : 0,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMemberResponse(w: Writer, v: number, m: Input<MemberResponse>): void {
  const flex = v >= 4
  if (v >= 3) { w.string(m.memberId ?? '', flex) }
  if (v >= 3) { w.nullableString(m.groupInstanceId, flex) }
  if (v >= 3) { w.int16((m.errorCode ?? 0)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
