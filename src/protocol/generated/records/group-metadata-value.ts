// generated from records/GroupMetadataValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input, EMPTY, readArray, writeArray } from '../../codec-support.js'

export const GroupMetadataValueInfo = {
  name: 'GroupMetadataValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface GroupMetadataValue {
  protocolType: string
  generation: number
  protocol: string | null
  leader: string | null
  currentStateTimestamp: bigint
  members: MemberMetadata[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface MemberMetadata {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
  rebalanceTimeout: number
  sessionTimeout: number
  subscription: Buffer
  assignment: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeGroupMetadataValue(r: Reader, v: number): GroupMetadataValue {
  const flex = v >= 4
  const o: GroupMetadataValue = {
    protocolType: r.string(flex),
    generation: r.int32(),
    protocol: r.nullableString(flex),
    leader: r.nullableString(flex),
    currentStateTimestamp: v >= 2 ? r.int64() : -1n,
    members: readArray(r, flex, false, (r) => readMemberMetadata(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeGroupMetadataValue(w: Writer, v: number, m: Input<GroupMetadataValue>): void {
  const flex = v >= 4
  w.string(m.protocolType ?? '', flex)
  w.int32((m.generation ?? 0))
  w.nullableString(m.protocol, flex)
  w.nullableString(m.leader, flex)
  if (v >= 2) { w.int64((m.currentStateTimestamp ?? -1n)) }
  writeArray(w, flex, false, m.members, (w, e) => writeMemberMetadata(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMemberMetadata(): MemberMetadata {
  return {
    memberId: "",
    groupInstanceId: null,
    clientId: "",
    clientHost: "",
    rebalanceTimeout: -1,
    sessionTimeout: 0,
    subscription: EMPTY,
    assignment: EMPTY,
  }
}

function readMemberMetadata(r: Reader, v: number): MemberMetadata {
  const flex = v >= 4
  const o: MemberMetadata = {
    memberId: r.string(flex),
    groupInstanceId: v >= 3 ? r.nullableString(flex) : null,
    clientId: r.string(flex),
    clientHost: r.string(flex),
    rebalanceTimeout: v >= 1 ? r.int32() : -1,
    sessionTimeout: r.int32(),
    subscription: r.bytes(flex),
    assignment: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMemberMetadata(w: Writer, v: number, m: Input<MemberMetadata>): void {
  const flex = v >= 4
  w.string(m.memberId ?? '', flex)
  if (v >= 3) { w.nullableString(m.groupInstanceId, flex) }
  w.string(m.clientId ?? '', flex)
  w.string(m.clientHost ?? '', flex)
  if (v >= 1) { w.int32((m.rebalanceTimeout ?? -1)) }
  w.int32((m.sessionTimeout ?? 0))
  w.records(m.subscription ?? EMPTY, flex)
  w.records(m.assignment ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
