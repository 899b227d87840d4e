// generated from JoinGroupResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY, readArray, writeArray } from '../codec-support.js'

export const JoinGroupResponseInfo = {
  name: 'JoinGroupResponse',
  apiKey: 11,
  type: 'response',
  minVersion: 0,
  maxVersion: 9,
  flexibleFrom: 6,
  latestVersionUnstable: false,
} as const

export interface JoinGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The generation ID of the group. */
  generationId: number
  /** The group protocol name. */
  protocolType: string | null
  /** The group protocol selected by the coordinator. */
  protocolName: string | null
  /** The leader of the group. */
  leader: string
  /** True if the leader must skip running the assignment. */
  skipAssignment: boolean
  /** The member ID assigned by the group coordinator. */
  memberId: string
  members: JoinGroupResponseMember[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface JoinGroupResponseMember {
  /** The group member ID. */
  memberId: string
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null
  /** The group member metadata. */
  metadata: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeJoinGroupResponse(r: Reader, v: number): JoinGroupResponse {
  const flex = v >= 6
  const o: JoinGroupResponse = {
    throttleTimeMs: v >= 2 ? r.int32() : 0,
    errorCode: r.int16(),
    generationId: r.int32(),
    protocolType: v >= 7 ? r.nullableString(flex) : null,
    protocolName: r.nullableString(flex),
    leader: r.string(flex),
    skipAssignment: v >= 9 ? r.bool() : false,
    memberId: r.string(flex),
    members: readArray(r, flex, false, (r) => readJoinGroupResponseMember(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeJoinGroupResponse(w: Writer, v: number, m: Input<JoinGroupResponse>): void {
  const flex = v >= 6
  if (v >= 2) { w.int32((m.throttleTimeMs ?? 0)) }
  w.int16((m.errorCode ?? 0))
  w.int32((m.generationId ?? -1))
  if (v >= 7) { w.nullableString(m.protocolType, flex) }
  w.nullableString(m.protocolName, flex)
  w.string(m.leader ?? '', flex)
  if (v >= 9) { w.bool((m.skipAssignment ?? false)) }
  w.string(m.memberId ?? '', flex)
  writeArray(w, flex, false, m.members, (w, e) => writeJoinGroupResponseMember(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultJoinGroupResponseMember(): JoinGroupResponseMember {
  return {
    memberId: "",
    groupInstanceId: null,
    metadata: EMPTY,
  }
}

function readJoinGroupResponseMember(r: Reader, v: number): JoinGroupResponseMember {
  const flex = v >= 6
  const o: JoinGroupResponseMember = {
    memberId: r.string(flex),
    groupInstanceId: v >= 5 ? r.nullableString(flex) : null,
    metadata: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeJoinGroupResponseMember(w: Writer, v: number, m: Input<JoinGroupResponseMember>): void {
  const flex = v >= 6
  w.string(m.memberId ?? '', flex)
  if (v >= 5) { w.nullableString(m.groupInstanceId, flex) }
  w.records(m.metadata ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
