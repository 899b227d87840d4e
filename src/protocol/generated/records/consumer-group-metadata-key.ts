// generated from records/ConsumerGroupMetadataKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupMetadataKeyInfo = {
  name: 'ConsumerGroupMetadataKey',
  apiKey: -1,
  type: 'data',
  minVersion: 3,
  maxVersion: 3,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupMetadataKey {
  /** The group id. */
  groupId: string
}

export function decodeConsumerGroupMetadataKey(r: Reader, v: number): ConsumerGroupMetadataKey {
  const flex = false as boolean
  const o: ConsumerGroupMetadataKey = {
    groupId: r.string(flex),
  }
  return o
}

export function encodeConsumerGroupMetadataKey(w: Writer, v: number, m: Input<ConsumerGroupMetadataKey>): void {
  const flex = false as boolean
  w.string(m.groupId ?? '', flex)
}
