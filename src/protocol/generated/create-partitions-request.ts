// generated from CreatePartitionsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const CreatePartitionsRequestInfo = {
  name: 'CreatePartitionsRequest',
  apiKey: 37,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface CreatePartitionsRequest {
  /** Each topic that we want to create new partitions inside. */
  topics: CreatePartitionsTopic[]
  /** The time in ms to wait for the partitions to be created. */
  timeoutMs: number
  /** If true, then validate the request, but don't actually increase the number of partitions. */
  validateOnly: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatePartitionsTopic {
  /** The topic name. */
  name: string
  /** The new partition count. */
  count: number
  /** The new partition assignments. */
  assignments: CreatePartitionsAssignment[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatePartitionsAssignment {
  /** The assigned broker IDs. */
  brokerIds: number[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreatePartitionsRequest(r: Reader, v: number): CreatePartitionsRequest {
  const flex = v >= 2
  const o: CreatePartitionsRequest = {
    topics: readArray(r, flex, false, (r) => readCreatePartitionsTopic(r, v)),
    timeoutMs: r.int32(),
    validateOnly: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreatePartitionsRequest(w: Writer, v: number, m: Input<CreatePartitionsRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.topics, (w, e) => writeCreatePartitionsTopic(w, v, e))
  w.int32((m.timeoutMs ?? 0))
  w.bool((m.validateOnly ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatePartitionsTopic(): CreatePartitionsTopic {
  return {
    name: "",
    count: 0,
    assignments: [],
  }
}

function readCreatePartitionsTopic(r: Reader, v: number): CreatePartitionsTopic {
  const flex = v >= 2
  const o: CreatePartitionsTopic = {
    name: r.string(flex),
    count: r.int32(),
    assignments: readArray(r, flex, true, (r) => readCreatePartitionsAssignment(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatePartitionsTopic(w: Writer, v: number, m: Input<CreatePartitionsTopic>): void {
  const flex = v >= 2
  w.string(m.name ?? '', flex)
  w.int32((m.count ?? 0))
  writeArray(w, flex, true, m.assignments, (w, e) => writeCreatePartitionsAssignment(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatePartitionsAssignment(): CreatePartitionsAssignment {
  return {
    brokerIds: [],
  }
}

function readCreatePartitionsAssignment(r: Reader, v: number): CreatePartitionsAssignment {
  const flex = v >= 2
  const o: CreatePartitionsAssignment = {
    brokerIds: readArray(r, flex, false, (r) => r.int32()),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatePartitionsAssignment(w: Writer, v: number, m: Input<CreatePartitionsAssignment>): void {
  const flex = v >= 2
  writeArray(w, flex, false, m.brokerIds, (w, e) => w.int32(e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
