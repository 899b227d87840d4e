// generated from DeleteTopicsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const DeleteTopicsRequestInfo = {
  name: 'DeleteTopicsRequest',
  apiKey: 20,
  type: 'request',
  minVersion: 0,
  maxVersion: 6,
  flexibleFrom: 4,
  latestVersionUnstable: false,
} as const

export interface DeleteTopicsRequest {
  /** The name or topic ID of the topic */
  topics: DeleteTopicState[]
  /** The names of the topics to delete */
  topicNames: string[]
  /** The length of time in milliseconds to wait for the deletions to complete. */
  timeoutMs: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DeleteTopicState {
  /** The topic name */
  name: string | null
  /** The unique topic ID */
  topicId: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDeleteTopicsRequest(r: Reader, v: number): DeleteTopicsRequest {
  const flex = v >= 4
  const o: DeleteTopicsRequest = {
    topics: v >= 6 ? readArray(r, flex, false, (r) => readDeleteTopicState(r, v)) : [],
    topicNames: v <= 5 ? readArray(r, flex, false, (r) => r.string(flex)) : [],
    timeoutMs: r.int32(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDeleteTopicsRequest(w: Writer, v: number, m: Input<DeleteTopicsRequest>): void {
  const flex = v >= 4
  if (v >= 6) { writeArray(w, flex, false, m.topics, (w, e) => writeDeleteTopicState(w, v, e)) }
  if (v <= 5) { writeArray(w, flex, false, m.topicNames, (w, e) => w.string(e ?? '', flex)) }
  w.int32((m.timeoutMs ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDeleteTopicState(): DeleteTopicState {
  return {
    name: null,
    topicId: ZERO_UUID,
  }
}

function readDeleteTopicState(r: Reader, v: number): DeleteTopicState {
  const flex = v >= 4
  const o: DeleteTopicState = {
    name: v >= 6 ? r.nullableString(flex) : null,
    topicId: v >= 6 ? r.uuid() : ZERO_UUID,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDeleteTopicState(w: Writer, v: number, m: Input<DeleteTopicState>): void {
  const flex = v >= 4
  if (v >= 6) { w.nullableString(m.name, flex) }
  if (v >= 6) { w.uuid((m.topicId ?? ZERO_UUID)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
