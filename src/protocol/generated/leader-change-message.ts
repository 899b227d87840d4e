// generated from LeaderChangeMessage.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const LeaderChangeMessageInfo = {
  name: 'LeaderChangeMessage',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface LeaderChangeMessage {
  /** The version of the leader change message */
  version: number
  /** The ID of the newly elected leader */
  leaderId: number
  /** The set of voters in the quorum for this epoch */
  voters: Voter[]
  /** The voters who voted for the leader at the time of election */
  grantingVoters: Voter[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface Voter {
  voterId: number
  /** The directory id of the voter */
  voterDirectoryId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeLeaderChangeMessage(r: Reader, v: number): LeaderChangeMessage {
  const flex = v >= 0
  const o: LeaderChangeMessage = {
    version: r.int16(),
    leaderId: r.int32(),
    voters: readArray(r, flex, false, (r) => readVoter(r, v)),
    grantingVoters: readArray(r, flex, false, (r) => readVoter(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeLeaderChangeMessage(w: Writer, v: number, m: Input<LeaderChangeMessage>): void {
  const flex = v >= 0
  w.int16((m.version ?? 0))
  w.int32((m.leaderId ?? 0))
  writeArray(w, flex, false, m.voters, (w, e) => writeVoter(w, v, e))
  writeArray(w, flex, false, m.grantingVoters, (w, e) => writeVoter(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultVoter(): Voter {
  return {
    voterId: 0,
    voterDirectoryId: ZERO_UUID,
  }
}

function readVoter(r: Reader, v: number): Voter {
  const flex = v >= 0
  const o: Voter = {
    voterId: r.int32(),
    voterDirectoryId: v >= 1 ? r.uuid() : ZERO_UUID,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeVoter(w: Writer, v: number, m: Input<Voter>): void {
  const flex = v >= 0
  w.int32((m.voterId ?? 0))
  if (v >= 1) { w.uuid((m.voterDirectoryId ?? ZERO_UUID)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
