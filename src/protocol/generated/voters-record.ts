// generated from VotersRecord.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const VotersRecordInfo = {
  name: 'VotersRecord',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface VotersRecord {
  /** The version of the voters record */
  version: number
  voters: Voter[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Voter {
  /** The replica id of the voter in the topic partition */
  voterId: number
  /** The directory id of the voter in the topic partition */
  voterDirectoryId: string
  /** The endpoint that can be used to communicate with the voter */
  endpoints: Endpoint[]
  /** The range of versions of the protocol that the replica supports */
  kRaftVersionFeature: KRaftVersionFeature
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Endpoint {
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

export function decodeVotersRecord(r: Reader, v: number): VotersRecord {
  const flex = v >= 0
  const o: VotersRecord = {
    version: r.int16(),
    voters: readArray(r, flex, false, (r) => readVoter(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeVotersRecord(w: Writer, v: number, m: Input<VotersRecord>): void {
  const flex = v >= 0
  w.int16((m.version ?? 0))
  writeArray(w, flex, false, m.voters, (w, e) => writeVoter(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultVoter(): Voter {
  return {
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
    endpoints: [],
    kRaftVersionFeature: defaultKRaftVersionFeature(),
  }
}

function readVoter(r: Reader, v: number): Voter {
  const flex = v >= 0
  const o: Voter = {
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
    endpoints: readArray(r, flex, false, (r) => readEndpoint(r, v)),
    kRaftVersionFeature: readKRaftVersionFeature(r, v),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeVoter(w: Writer, v: number, m: Input<Voter>): void {
  const flex = v >= 0
  w.int32((m.voterId ?? 0))
  w.uuid((m.voterDirectoryId ?? ZERO_UUID))
  writeArray(w, flex, false, m.endpoints, (w, e) => writeEndpoint(w, v, e))
  writeKRaftVersionFeature(w, v, m.kRaftVersionFeature ?? {})
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultEndpoint(): Endpoint {
  return {
    name: "",
    host: "",
    port: 0,
  }
}

function readEndpoint(r: Reader, v: number): Endpoint {
  const flex = v >= 0
  const o: Endpoint = {
    name: r.string(flex),
    host: r.string(flex),
    port: r.uint16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeEndpoint(w: Writer, v: number, m: Input<Endpoint>): void {
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
