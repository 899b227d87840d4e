// generated from UpdateRaftVoterResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const UpdateRaftVoterResponseInfo = {
  name: 'UpdateRaftVoterResponse',
  apiKey: 82,
  type: 'response',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface UpdateRaftVoterResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or 0 if there was no error */
  errorCode: number
  currentLeader: CurrentLeader | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CurrentLeader {
  /** The replica id of the current leader or -1 if the leader is unknown */
  leaderId: number
  /** The latest known leader epoch */
  leaderEpoch: number
  /** The node's hostname */
  host: string
  /** The node's port */
  port: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeUpdateRaftVoterResponse(r: Reader, v: number): UpdateRaftVoterResponse {
  const flex = v >= 0
  const o: UpdateRaftVoterResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    currentLeader: null,
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          o.currentLeader = readCurrentLeader(r, v)
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeUpdateRaftVoterResponse(w: Writer, v: number, m: Input<UpdateRaftVoterResponse>): void {
  const flex = v >= 0
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if (m.currentLeader != null) (t ??= []).push([0, (w) => { writeCurrentLeader(w, v, m.currentLeader! ?? {}) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultCurrentLeader(): CurrentLeader {
  return {
    leaderId: -1,
    leaderEpoch: -1,
    host: "",
    port: 0,
  }
}

function readCurrentLeader(r: Reader, v: number): CurrentLeader {
  const flex = v >= 0
  const o: CurrentLeader = {
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    host: r.string(flex),
    port: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCurrentLeader(w: Writer, v: number, m: Input<CurrentLeader>): void {
  const flex = v >= 0
  w.int32((m.leaderId ?? -1))
  w.int32((m.leaderEpoch ?? -1))
  w.string(m.host ?? '', flex)
  w.int32((m.port ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
