// generated from FindCoordinatorResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const FindCoordinatorResponseInfo = {
  name: 'FindCoordinatorResponse',
  apiKey: 10,
  type: 'response',
  minVersion: 0,
  maxVersion: 6,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface FindCoordinatorResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** The node id. */
  nodeId: number
  /** The host name. */
  host: string
  /** The port. */
  port: number
  /** Each coordinator result in the response */
  coordinators: Coordinator[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Coordinator {
  /** The coordinator key. */
  key: string
  /** The node id. */
  nodeId: number
  /** The host name. */
  host: string
  /** The port. */
  port: number
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeFindCoordinatorResponse(r: Reader, v: number): FindCoordinatorResponse {
  const flex = v >= 3
  const o: FindCoordinatorResponse = {
    throttleTimeMs: v >= 1 ? r.int32() : 0,
    errorCode: v <= 3 ? r.int16() : 0,
    errorMessage: v >= 1 && v <= 3 ? r.nullableString(flex) : "",
    nodeId: v <= 3 ? r.int32() : 0,
    host: v <= 3 ? r.string(flex) : "",
    port: v <= 3 ? r.int32() : 0,
    coordinators: v >= 4 ? readArray(r, flex, false, (r) => readCoordinator(r, v)) : [],
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeFindCoordinatorResponse(w: Writer, v: number, m: Input<FindCoordinatorResponse>): void {
  const flex = v >= 3
  if (v >= 1) { w.int32((m.throttleTimeMs ?? 0)) }
  if (v <= 3) { w.int16((m.errorCode ?? 0)) }
  if (v >= 1 && v <= 3) { w.nullableString(m.errorMessage, flex) }
  if (v <= 3) { w.int32((m.nodeId ?? 0)) }
  if (v <= 3) { w.string(m.host ?? '', flex) }
  if (v <= 3) { w.int32((m.port ?? 0)) }
  if (v >= 4) { writeArray(w, flex, false, m.coordinators, (w, e) => writeCoordinator(w, v, e)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCoordinator(): Coordinator {
  return {
    key: "",
    nodeId: 0,
    host: "",
    port: 0,
    errorCode: 0,
    errorMessage: "",
  }
}

function readCoordinator(r: Reader, v: number): Coordinator {
  const flex = v >= 3
  const o: Coordinator = {
    key: v >= 4 ? r.string(flex) : "",
    nodeId: v >= 4 ? r.int32() : 0,
    host: v >= 4 ? r.string(flex) : "",
    port: v >= 4 ? r.int32() : 0,
    errorCode: v >= 4 ? r.int16() : 0,
    errorMessage: v >= 4 ? r.nullableString(flex) : "",
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCoordinator(w: Writer, v: number, m: Input<Coordinator>): void {
  const flex = v >= 3
  if (v >= 4) { w.string(m.key ?? '', flex) }
  if (v >= 4) { w.int32((m.nodeId ?? 0)) }
  if (v >= 4) { w.string(m.host ?? '', flex) }
  if (v >= 4) { w.int32((m.port ?? 0)) }
  if (v >= 4) { w.int16((m.errorCode ?? 0)) }
  if (v >= 4) { w.nullableString(m.errorMessage, flex) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
