// generated from ControlledShutdownResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const ControlledShutdownResponseInfo = {
  name: 'ControlledShutdownResponse',
  apiKey: 7,
  type: 'response',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 3,
  latestVersionUnstable: false,
} as const

export interface ControlledShutdownResponse {
  /** The top-level error code. */
  errorCode: number
  /** The partitions that the broker still leads. */
  remainingPartitions: RemainingPartition[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface RemainingPartition {
  /** The name of the topic. */
  topicName: string
  /** The index of the partition. */
  partitionIndex: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeControlledShutdownResponse(r: Reader, v: number): ControlledShutdownResponse {
  const flex = v >= 3
  const o: ControlledShutdownResponse = {
    errorCode: r.int16(),
    remainingPartitions: readArray(r, flex, false, (r) => readRemainingPartition(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeControlledShutdownResponse(w: Writer, v: number, m: Input<ControlledShutdownResponse>): void {
  const flex = v >= 3
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.remainingPartitions, (w, e) => writeRemainingPartition(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultRemainingPartition(): RemainingPartition {
  return {
    topicName: "",
    partitionIndex: 0,
  }
}

function readRemainingPartition(r: Reader, v: number): RemainingPartition {
  const flex = v >= 3
  const o: RemainingPartition = {
    topicName: r.string(flex),
    partitionIndex: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeRemainingPartition(w: Writer, v: number, m: Input<RemainingPartition>): void {
  const flex = v >= 3
  w.string(m.topicName ?? '', flex)
  w.int32((m.partitionIndex ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
