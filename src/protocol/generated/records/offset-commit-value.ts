// generated from records/OffsetCommitValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const OffsetCommitValueInfo = {
  name: 'OffsetCommitValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 4,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface OffsetCommitValue {
  offset: bigint
  leaderEpoch: number
  metadata: string
  commitTimestamp: bigint
  expireTimestamp: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeOffsetCommitValue(r: Reader, v: number): OffsetCommitValue {
  const flex = v >= 4
  const o: OffsetCommitValue = {
    offset: r.int64(),
    leaderEpoch: v >= 3 ? r.int32() : -1,
    metadata: r.string(flex),
    commitTimestamp: r.int64(),
    expireTimestamp: v >= 1 && v <= 1 ? r.int64() : -1n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeOffsetCommitValue(w: Writer, v: number, m: Input<OffsetCommitValue>): void {
  const flex = v >= 4
  w.int64((m.offset ?? 0n))
  if (v >= 3) { w.int32((m.leaderEpoch ?? -1)) }
  w.string(m.metadata ?? '', flex)
  w.int64((m.commitTimestamp ?? 0n))
  if (v >= 1 && v <= 1) { w.int64((m.expireTimestamp ?? -1n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
