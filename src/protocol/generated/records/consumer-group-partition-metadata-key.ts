// generated from records/ConsumerGroupPartitionMetadataKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupPartitionMetadataKeyInfo = {
  name: 'ConsumerGroupPartitionMetadataKey',
  apiKey: -1,
  type: 'data',
  minVersion: 4,
  maxVersion: 4,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupPartitionMetadataKey {
  /** The group id. */
  groupId: string
}

export function decodeConsumerGroupPartitionMetadataKey(r: Reader, v: number): ConsumerGroupPartitionMetadataKey {
  const flex = false as boolean
  const o: ConsumerGroupPartitionMetadataKey = {
    groupId: r.string(flex),
  }
  return o
}

export function encodeConsumerGroupPartitionMetadataKey(w: Writer, v: number, m: Input<ConsumerGroupPartitionMetadataKey>): void {
  const flex = false as boolean
  w.string(m.groupId ?? '', flex)
}
