// generated from records/ConsumerGroupMetadataValue.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupMetadataValueInfo = {
  name: 'ConsumerGroupMetadataValue',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupMetadataValue {
  /** The group epoch. */
  epoch: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeConsumerGroupMetadataValue(r: Reader, v: number): ConsumerGroupMetadataValue {
  const flex = v >= 0
  const o: ConsumerGroupMetadataValue = {
    epoch: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeConsumerGroupMetadataValue(w: Writer, v: number, m: Input<ConsumerGroupMetadataValue>): void {
  const flex = v >= 0
  w.int32((m.epoch ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
