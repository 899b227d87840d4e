// generated from DeleteShareGroupStateRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const DeleteShareGroupStateRequestInfo = {
  name: 'DeleteShareGroupStateRequest',
  apiKey: 86,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: true,
} as const

export interface DeleteShareGroupStateRequest {
  /** The group identifier. */
  groupId: string
  /** The data for the topics. */
  topics: DeleteStateData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteStateData {
  /** The topic identifier. */
  topicId: string
  /** The data for the partitions. */
  partitions: PartitionData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface PartitionData {
  /** The partition index. */
  partition: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteShareGroupStateRequest(r: Reader, v: number): DeleteShareGroupStateRequest {
  const flex = v >= 0
  const o: DeleteShareGroupStateRequest = {
    groupId: r.string(flex),
    topics: readArray(r, flex, false, (r) => readDeleteStateData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteShareGroupStateRequest(w: Writer, v: number, m: Input<DeleteShareGroupStateRequest>): void {
  const flex = v >= 0
  w.string(m.groupId ?? '', flex)
  writeArray(w, flex, false, m.topics, (w, e) => writeDeleteStateData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteStateData(): DeleteStateData {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  }
}

function readDeleteStateData(r: Reader, v: number): DeleteStateData {
  const flex = v >= 0
  const o: DeleteStateData = {
    topicId: r.uuid(),
    partitions: readArray(r, flex, false, (r) => readPartitionData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteStateData(w: Writer, v: number, m: Input<DeleteStateData>): void {
  const flex = v >= 0
  w.uuid((m.topicId ?? ZERO_UUID))
  writeArray(w, flex, false, m.partitions, (w, e) => writePartitionData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultPartitionData(): PartitionData {
  return {
    partition: 0,
  }
}

function readPartitionData(r: Reader, v: number): PartitionData {
  const flex = v >= 0
  const o: PartitionData = {
    partition: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writePartitionData(w: Writer, v: number, m: Input<PartitionData>): void {
  const flex = v >= 0
  w.int32((m.partition ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
