// generated from KRaftVersionRecord.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const KRaftVersionRecordInfo = {
  name: 'KRaftVersionRecord',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface KRaftVersionRecord {
  /** The version of the kraft version record */
  version: number
  /** The kraft protocol version */
  kRaftVersion: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeKRaftVersionRecord(r: Reader, v: number): KRaftVersionRecord {
  const flex = v >= 0
  const o: KRaftVersionRecord = {
    version: r.int16(),
    kRaftVersion: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeKRaftVersionRecord(w: Writer, v: number, m: Input<KRaftVersionRecord>): void {
  const flex = v >= 0
  w.int16((m.version ?? 0))
  w.int16((m.kRaftVersion ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
