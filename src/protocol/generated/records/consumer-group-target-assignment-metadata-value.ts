// generated from records/ConsumerGroupTargetAssignmentMetadataValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupTargetAssignmentMetadataValueInfo = {
  name: 'ConsumerGroupTargetAssignmentMetadataValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupTargetAssignmentMetadataValue {
  /** The assignment epoch. */
  assignmentEpoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupTargetAssignmentMetadataValue(r: Reader, v: number): ConsumerGroupTargetAssignmentMetadataValue {
  const flex = v >= 0
  const o: ConsumerGroupTargetAssignmentMetadataValue = {
    assignmentEpoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeConsumerGroupTargetAssignmentMetadataValue(w: Writer, v: number, m: Input<ConsumerGroupTargetAssignmentMetadataValue>): void {
  const flex = v >= 0
  w.int32((m.assignmentEpoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
