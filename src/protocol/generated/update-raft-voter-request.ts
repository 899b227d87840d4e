// generated from UpdateRaftVoterRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const UpdateRaftVoterRequestInfo = {
  name: 'UpdateRaftVoterRequest',
  apiKey: 82,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface UpdateRaftVoterRequest {
  clusterId: string | null
  /** The current leader epoch of the partition, -1 for unknown leader epoch */
  currentLeaderEpoch: number
  /** The replica id of the voter getting updated in the topic partition */
  voterId: number
  /** The directory id of the voter getting updated in the topic partition */
  voterDirectoryId: string
  /** The endpoint that can be used to communicate with the leader */
  listeners: Listener[]
  /** The range of versions of the protocol that the replica supports */
  kRaftVersionFeature: KRaftVersionFeature
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

export interface KRaftVersionFeature {
  /** The minimum supported KRaft protocol version */
  minSupportedVersion: number
  /** The maximum supported KRaft protocol version */
  maxSupportedVersion: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeUpdateRaftVoterRequest(r: Reader, v: number): UpdateRaftVoterRequest {
  const flex = v >= 0
  const o: UpdateRaftVoterRequest = {
    clusterId: r.nullableString(flex),
    currentLeaderEpoch: r.int32(),
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
    listeners: readArray(r, flex, false, (r) => readListener(r, v)),
    kRaftVersionFeature: readKRaftVersionFeature(r, v),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeUpdateRaftVoterRequest(w: Writer, v: number, m: Input<UpdateRaftVoterRequest>): void {
  const flex = v >= 0
  w.nullableString(m.clusterId, flex)
  w.int32((m.currentLeaderEpoch ?? 0))
  w.int32((m.voterId ?? 0))
  w.uuid((m.voterDirectoryId ?? ZERO_UUID))
  writeArray(w, flex, false, m.listeners, (w, e) => writeListener(w, v, e))
  writeKRaftVersionFeature(w, v, m.kRaftVersionFeature ?? {})
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

export function defaultKRaftVersionFeature(): KRaftVersionFeature {
  return {
    minSupportedVersion: 0,
    maxSupportedVersion: 0,
  }
}

function readKRaftVersionFeature(r: Reader, v: number): KRaftVersionFeature {
  const flex = v >= 0
  const o: KRaftVersionFeature = {
    minSupportedVersion: r.int16(),
    maxSupportedVersion: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeKRaftVersionFeature(w: Writer, v: number, m: Input<KRaftVersionFeature>): void {
  const flex = v >= 0
  w.int16((m.minSupportedVersion ?? 0))
  w.int16((m.maxSupportedVersion ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
