// generated from SyncGroupResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY } from '../codec-support.js'

export const SyncGroupResponseInfo = {
  name: 'SyncGroupResponse',
  apiKey: 14,
  type: 'response',
  minVersion: 0,
  maxVersion: 5,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface SyncGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The group protocol type. */
  protocolType: string | null
  /** The group protocol name. */
  protocolName: string | null
  /** The member assignment. */
  assignment: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeSyncGroupResponse(r: Reader, v: number): SyncGroupResponse {
  const flex = v >= 4
  const o: SyncGroupResponse = {
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    errorCode: r.int16(),
    protocolType: v >= 5 ? r.nullableString(flex) : null,
    protocolName: v >= 5 ? r.nullableString(flex) : null,
    assignment: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeSyncGroupResponse(w: Writer, v: number, m: Input<SyncGroupResponse>): void {
  const flex = v >= 4
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  w.int16((m.errorCode ?? 0))
  if (v >= 5) { w.nullableString(m.protocolType, flex) }
  if (v >= 5) { w.nullableString(m.protocolName, flex) }
  w.records(m.assignment ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
