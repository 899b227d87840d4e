// generated from AddRaftVoterRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const AddRaftVoterRequestInfo = {
  name: 'AddRaftVoterRequest',
  apiKey: 80,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface AddRaftVoterRequest {
  clusterId: string | null
  timeoutMs: number
  /** The replica id of the voter getting added to the topic partition */
  voterId: number
  /** The directory id of the voter getting added to the topic partition */
  voterDirectoryId: string
  /** The endpoints that can be used to communicate with the voter */
  listeners: Listener[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Listener {
  /** The name of the endpoint */
  name: string
  /** The hostname */
  host: string
  /** The port */
  port: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAddRaftVoterRequest(r: Reader, v: number): AddRaftVoterRequest {
  const flex = v >= 0
  const o: AddRaftVoterRequest = {
    clusterId: r.nullableString(flex),
    timeoutMs: r.int32(),
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
    listeners: readArray(r, flex, false, (r) => readListener(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAddRaftVoterRequest(w: Writer, v: number, m: Input<AddRaftVoterRequest>): void {
  const flex = v >= 0
  w.nullableString(m.clusterId, flex)
  w.int32((m.timeoutMs ?? 0))
  w.int32((m.voterId ?? 0))
  w.uuid((m.voterDirectoryId ?? ZERO_UUID))
  writeArray(w, flex, false, m.listeners, (w, e) => writeListener(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultListener(): Listener {
  return {
    name: "",
    host: "",
    port: 0,
  }
}

function readListener(r: Reader, v: number): Listener {
  const flex = v >= 0
  const o: Listener = {
    name: r.string(flex),
    host: r.string(flex),
    port: r.uint16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeListener(w: Writer, v: number, m: Input<Listener>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  w.string(m.host ?? '', flex)
  w.uint16((m.port ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
