// generated from records/ConsumerGroupCurrentMemberAssignmentKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupCurrentMemberAssignmentKeyInfo = {
  name: 'ConsumerGroupCurrentMemberAssignmentKey',
  apiKey: -1,
  type: 'data',
  minVersion: 8,
  maxVersion: 8,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupCurrentMemberAssignmentKey {
  /** The group id. */
  groupId: string
  /** The member id. */
  memberId: string
}

export function decodeConsumerGroupCurrentMemberAssignmentKey(r: Reader, v: number): ConsumerGroupCurrentMemberAssignmentKey {
  const flex = false as boolean
  const o: ConsumerGroupCurrentMemberAssignmentKey = {
    groupId: r.string(flex),
    memberId: r.string(flex),
  }
  return o
}

export function encodeConsumerGroupCurrentMemberAssignmentKey(w: Writer, v: number, m: Input<ConsumerGroupCurrentMemberAssignmentKey>): void {
  const flex = false as boolean
  w.string(m.groupId ?? '', flex)
  w.string(m.memberId ?? '', flex)
}
