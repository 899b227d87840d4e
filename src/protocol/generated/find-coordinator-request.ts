// generated from FindCoordinatorRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const FindCoordinatorRequestInfo = {
  name: 'FindCoordinatorRequest',
  apiKey: 10,
  type: 'request',
  minVersion: 0,
  maxVersion: 6,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface FindCoordinatorRequest {
  /** The coordinator key. */
  key: string
  /** The coordinator key type. (Group, transaction, etc.) */
  keyType: number
  /** The coordinator keys. */
  coordinatorKeys: string[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeFindCoordinatorRequest(r: Reader, v: number): FindCoordinatorRequest {
  const flex = v >= 3
  const o: FindCoordinatorRequest = {
    key: v <= 3 ? r.string(flex) : "",
    keyType: v >= 1 ? r.int8() : 0,
    coordinatorKeys: v >= 4 ? readArray(r, flex, false, (r) => r.string(flex)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeFindCoordinatorRequest(w: Writer, v: number, m: Input<FindCoordinatorRequest>): void {
  const flex = v >= 3
  if (v <= 3) { w.string(m.key ?? '', flex) }
  if (v >= 1) { w.int8((m.keyType ?? 0)) }
  if (v >= 4) { writeArray(w, flex, false, m.coordinatorKeys, (w, e) => w.string(e ?? '', flex)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
