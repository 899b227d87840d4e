// generated from SyncGroupRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY, readArray, writeArray } from '../codec-support.js'

export const SyncGroupRequestInfo = {
  name: 'SyncGroupRequest',
  apiKey: 14,
  type: 'request',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface SyncGroupRequest {
  /** The unique group identifier. */
  groupId: string
  /** The generation of the group. */
  generationId: number
  /** The member ID assigned by the group. */
  memberId: string
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null
  /** The group protocol type. */
  protocolType: string | null
  /** The group protocol name. */
  protocolName: string | null
  /** Each assignment. */
  assignments: SyncGroupRequestAssignment[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface SyncGroupRequestAssignment {
  /** The ID of the member to assign. */
  memberId: string
  /** The member assignment. */
  assignment: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeSyncGroupRequest(r: Reader, v: number): SyncGroupRequest {
  const flex = v >= 4
  const o: SyncGroupRequest = {
    groupId: r.string(flex),
    generationId: r.int32(),
    memberId: r.string(flex),
    groupInstanceId: v >= 3 ? r.nullableString(flex) : null,
    protocolType: v >= 5 ? r.nullableString(flex) : null,
    protocolName: v >= 5 ? r.nullableString(flex) : null,
    assignments: readArray(r, flex, false, (r) => readSyncGroupRequestAssignment(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeSyncGroupRequest(w: Writer, v: number, m: Input<SyncGroupRequest>): void {
  const flex = v >= 4
  w.string(m.groupId ?? '', flex)
  w.int32((m.generationId ?? 0))
  w.string(m.memberId ?? '', flex)
  if (v >= 3) { w.nullableString(m.groupInstanceId, flex) }
  if (v >= 5) { w.nullableString(m.protocolType, flex) }
  if (v >= 5) { w.nullableString(m.protocolName, flex) }
  writeArray(w, flex, false, m.assignments, (w, e) => writeSyncGroupRequestAssignment(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultSyncGroupRequestAssignment(): SyncGroupRequestAssignment {
  return {
    memberId: "",
    assignment: EMPTY,
  }
}

function readSyncGroupRequestAssignment(r: Reader, v: number): SyncGroupRequestAssignment {
  const flex = v >= 4
  const o: SyncGroupRequestAssignment = {
    memberId: r.string(flex),
    assignment: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeSyncGroupRequestAssignment(w: Writer, v: number, m: Input<SyncGroupRequestAssignment>): void {
  const flex = v >= 4
  w.string(m.memberId ?? '', flex)
  w.records(m.assignment ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
