// generated from records/ConsumerGroupTargetAssignmentMetadataKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupTargetAssignmentMetadataKeyInfo = {
  name: 'ConsumerGroupTargetAssignmentMetadataKey',
  apiKey: -1,
  type: 'data',
  minVersion: 6,
  maxVersion: 6,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupTargetAssignmentMetadataKey {
  /** The group id. */
  groupId: string
}

export function decodeConsumerGroupTargetAssignmentMetadataKey(r: Reader, v: number): ConsumerGroupTargetAssignmentMetadataKey {
  const flex = false as boolean
  const o: ConsumerGroupTargetAssignmentMetadataKey = {
    groupId: r.string(flex),
  }
  return o
}

export function encodeConsumerGroupTargetAssignmentMetadataKey(w: Writer, v: number, m: Input<ConsumerGroupTargetAssignmentMetadataKey>): void {
  const flex = false as boolean
  w.string(m.groupId ?? '', flex)
}
