// generated from records/OffsetCommitKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const OffsetCommitKeyInfo = {
  name: 'OffsetCommitKey',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface OffsetCommitKey {
  group: string
  topic: string
  partition: number
}

export function decodeOffsetCommitKey(r: Reader, v: number): OffsetCommitKey {
  const flex = false as boolean
  const o: OffsetCommitKey = {
    group: r.string(flex),
    topic: r.string(flex),
    partition: r.int32(),
  }
  return o
}

export function encodeOffsetCommitKey(w: Writer, v: number, m: Input<OffsetCommitKey>): void {
  const flex = false as boolean
  w.string(m.group ?? '', flex)
  w.string(m.topic ?? '', flex)
  w.int32((m.partition ?? 0))
}
