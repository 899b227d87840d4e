// generated from HeartbeatRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const HeartbeatRequestInfo = {
  name: 'HeartbeatRequest',
  apiKey: 12,
  type: 'request',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface HeartbeatRequest {
  /** The group id. */
  groupId: string
  /** The generation of the group. */
  generationId: number
  /** The member ID. */
  memberId: string
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeHeartbeatRequest(r: Reader, v: number): HeartbeatRequest {
  const flex = v >= 4
  const o: HeartbeatRequest = {
    groupId: r.string(flex),
    generationId: r.int32(),
    memberId: r.string(flex),
    groupInstanceId: v >= 3 ? r.nullableString(flex) : null,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeHeartbeatRequest(w: Writer, v: number, m: Input<HeartbeatRequest>): void {
  const flex = v >= 4
  w.string(m.groupId ?? '', flex)
  w.int32((m.generationId ?? 0))
  w.string(m.memberId ?? '', flex)
  if (v >= 3) { w.nullableString(m.groupInstanceId, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
