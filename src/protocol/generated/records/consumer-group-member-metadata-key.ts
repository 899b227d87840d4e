// generated from records/ConsumerGroupMemberMetadataKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupMemberMetadataKeyInfo = {
  name: 'ConsumerGroupMemberMetadataKey',
  apiKey: -1,
  type: 'data',
  minVersion: 5,
  maxVersion: 5,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupMemberMetadataKey {
  /** The group id. */
  groupId: string
  /** The member id. */
  memberId: string
}

export function decodeConsumerGroupMemberMetadataKey(r: Reader, v: number): ConsumerGroupMemberMetadataKey {
  const flex = false as boolean
  const o: ConsumerGroupMemberMetadataKey = {
    groupId: r.string(flex),
    memberId: r.string(flex),
  }
  return o
}

export function encodeConsumerGroupMemberMetadataKey(w: Writer, v: number, m: Input<ConsumerGroupMemberMetadataKey>): void {
  const flex = false as boolean
  w.string(m.groupId ?? '', flex)
  w.string(m.memberId ?? '', flex)
}
