// generated from records/GroupMetadataKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const GroupMetadataKeyInfo = {
  name: 'GroupMetadataKey',
  apiKey: -1,
  type: 'data',
  minVersion: 2,
  maxVersion: 2,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface GroupMetadataKey {
  group: string
}

export function decodeGroupMetadataKey(r: Reader, v: number): GroupMetadataKey {
  const flex = false as boolean
  const o: GroupMetadataKey = {
    group: r.string(flex),
  }
  return o
}

export function encodeGroupMetadataKey(w: Writer, v: number, m: Input<GroupMetadataKey>): void {
  const flex = false as boolean
  w.string(m.group ?? '', flex)
}
