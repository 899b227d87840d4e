// generated from RemoveRaftVoterRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID } from '../codec-support.js'

export const RemoveRaftVoterRequestInfo = {
  name: 'RemoveRaftVoterRequest',
  apiKey: 81,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface RemoveRaftVoterRequest {
  clusterId: string | null
  /** The replica id of the voter getting removed from the topic partition */
  voterId: number
  /** The directory id of the voter getting removed from the topic partition */
  voterDirectoryId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeRemoveRaftVoterRequest(r: Reader, v: number): RemoveRaftVoterRequest {
  const flex = v >= 0
  const o: RemoveRaftVoterRequest = {
    clusterId: r.nullableString(flex),
    voterId: r.int32(),
    voterDirectoryId: r.uuid(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeRemoveRaftVoterRequest(w: Writer, v: number, m: Input<RemoveRaftVoterRequest>): void {
  const flex = v >= 0
  w.nullableString(m.clusterId, flex)
  w.int32((m.voterId ?? 0))
  w.uuid((m.voterDirectoryId ?? ZERO_UUID))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
