// generated from SnapshotFooterRecord.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const SnapshotFooterRecordInfo = {
  name: 'SnapshotFooterRecord',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface SnapshotFooterRecord {
  /** The version of the snapshot footer record */
  version: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeSnapshotFooterRecord(r: Reader, v: number): SnapshotFooterRecord {
  const flex = v >= 0
  const o: SnapshotFooterRecord = {
    version: r.int16(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeSnapshotFooterRecord(w: Writer, v: number, m: Input<SnapshotFooterRecord>): void {
  const flex = v >= 0
  w.int16((m.version ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
