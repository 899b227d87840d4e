// generated from records/ConsumerGroupTargetAssignmentMemberKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const ConsumerGroupTargetAssignmentMemberKeyInfo = {
  name: 'ConsumerGroupTargetAssignmentMemberKey',
  apiKey: -1,
  type: 'data',
  minVersion: 7,
  maxVersion: 7,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface ConsumerGroupTargetAssignmentMemberKey {
  /** The group id. */
  groupId: string
  /** The member id. */
  memberId: string
}

export function decodeConsumerGroupTargetAssignmentMemberKey(r: Reader, v: number): ConsumerGroupTargetAssignmentMemberKey {
  const flex = false as boolean
  const o: ConsumerGroupTargetAssignmentMemberKey = {
    groupId: r.string(flex),
    memberId: r.string(flex),
  }
  return o
}

export function encodeConsumerGroupTargetAssignmentMemberKey(w: Writer, v: number, m: Input<ConsumerGroupTargetAssignmentMemberKey>): void {
  const flex = false as boolean
  w.string(m.groupId ?? '', flex)
  w.string(m.memberId ?? '', flex)
}
