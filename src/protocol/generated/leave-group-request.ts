// generated from LeaveGroupRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const LeaveGroupRequestInfo = {
  name: 'LeaveGroupRequest',
  apiKey: 13,
  type: 'request',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface LeaveGroupRequest {
  /** The ID of the group to leave. */
  groupId: string
  /** The member ID to remove from the group. */
  memberId: string
  /** List of leaving member identities. */
  members: MemberIdentity[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface MemberIdentity {
  /** The member ID to remove from the group. */
  memberId: string
  /** The group instance ID to remove from the group. */
  groupInstanceId: string | null
  /** The reason why the member left the group. */
  reason: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeLeaveGroupRequest(r: Reader, v: number): LeaveGroupRequest {
  const flex = v >= 4
  const o: LeaveGroupRequest = {
    groupId: r.string(flex),
    memberId: v <= 2 ? r.string(flex) : "",
    members: v >= 3 ? readArray(r, flex, false, (r) => readMemberIdentity(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeLeaveGroupRequest(w: Writer, v: number, m: Input<LeaveGroupRequest>): void {
  const flex = v >= 4
  w.string(m.groupId ?? '', flex)
  if (v <= 2) { w.string(m.memberId ?? '', flex) }
  if (v >= 3) { writeArray(w, flex, false, m.members, (w, e) => writeMemberIdentity(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMemberIdentity(): MemberIdentity {
  return {
    memberId: "",
    groupInstanceId: null,
    reason: null,
  }
}

function readMemberIdentity(r: Reader, v: number): MemberIdentity {
  const flex = v >= 4
  const o: MemberIdentity = {
    memberId: v >= 3 ? r.string(flex) : "",
    groupInstanceId: v >= 3 ? r.nullableString(flex) : null,
    reason: v >= 5 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMemberIdentity(w: Writer, v: number, m: Input<MemberIdentity>): void {
  const flex = v >= 4
  if (v >= 3) { w.string(m.memberId ?? '', flex) }
  if (v >= 3) { w.nullableString(m.groupInstanceId, flex) }
  if (v >= 5) { w.nullableString(m.reason, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
