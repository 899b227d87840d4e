// generated from SnapshotHeaderRecord.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const SnapshotHeaderRecordInfo = {
  name: 'SnapshotHeaderRecord',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface SnapshotHeaderRecord {
  /** The version of the snapshot header record */
  version: number
  /** The append time of the last record from the log contained in this snapshot */
  lastContainedLogTimestamp: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeSnapshotHeaderRecord(r: Reader, v: number): SnapshotHeaderRecord {
  const flex = v >= 0
  const o: SnapshotHeaderRecord = {
    version: r.int16(),
    lastContainedLogTimestamp: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeSnapshotHeaderRecord(w: Writer, v: number, m: Input<SnapshotHeaderRecord>): void {
  const flex = v >= 0
  w.int16((m.version ?? 0))
  w.int64((m.lastContainedLogTimestamp ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
