// generated from BrokerHeartbeatRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const BrokerHeartbeatRequestInfo = {
  name: 'BrokerHeartbeatRequest',
  apiKey: 63,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface BrokerHeartbeatRequest {
  /** The broker ID. */
  brokerId: number
  /** The broker epoch. */
  brokerEpoch: bigint
  /** The highest metadata offset which the broker has reached. */
  currentMetadataOffset: bigint
  /** True if the broker wants to be fenced, false otherwise. */
  wantFence: boolean
  /** True if the broker wants to be shut down, false otherwise. */
  wantShutDown: boolean
  /** Log directories that failed and went offline. */
  offlineLogDirs: string[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeBrokerHeartbeatRequest(r: Reader, v: number): BrokerHeartbeatRequest {
  const flex = v >= 0
  const o: BrokerHeartbeatRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    currentMetadataOffset: r.int64(),
    wantFence: r.bool(),
    wantShutDown: r.bool(),
    offlineLogDirs: [],
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 1)) return false
          o.offlineLogDirs = readArray(r, true, false, (r) => r.uuid())
          return true
        default:
          return false
      }
    })
  }
  return o
}

export function encodeBrokerHeartbeatRequest(w: Writer, v: number, m: Input<BrokerHeartbeatRequest>): void {
  const flex = v >= 0
  w.int32((m.brokerId ?? 0))
  w.int64((m.brokerEpoch ?? -1n))
  w.int64((m.currentMetadataOffset ?? 0n))
  w.bool((m.wantFence ?? false))
  w.bool((m.wantShutDown ?? false))
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 1) && m.offlineLogDirs != null && m.offlineLogDirs.length > 0) (t ??= []).push([0, (w) => { writeArray(w, true, false, m.offlineLogDirs!, (w, e) => w.uuid(e)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}
