// generated from MetadataRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const MetadataRequestInfo = {
  name: 'MetadataRequest',
  apiKey: 3,
  type: 'request',
  minVersion: 0,
  maxVersion: 12,
  flexibleFrom: 9,
  latestVersionUnstable: false,
} as const

export interface MetadataRequest {
  /** The topics to fetch metadata for. */
  topics: MetadataRequestTopic[] | null
  /** If this is true, the broker may auto-create topics that we requested which do not already exist, if it is configured to do so. */
  allowAutoTopicCreation: boolean
  /** Whether to include cluster authorized operations. */
  includeClusterAuthorizedOperations: boolean
  /** Whether to include topic authorized operations. */
  includeTopicAuthorizedOperations: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface MetadataRequestTopic {
  /** The topic id. */
  topicId: string
  /** The topic name. */
  name: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeMetadataRequest(r: Reader, v: number): MetadataRequest {
  const flex = v >= 9
  const o: MetadataRequest = {
    topics: readArray(r, flex, true, (r) => readMetadataRequestTopic(r, v)),
    allowAutoTopicCreation: v >= 4 ? r.bool() : true,
    includeClusterAuthorizedOperations: v >= 8 && v <= 10 ? r.bool() : false,
    includeTopicAuthorizedOperations: v >= 8 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeMetadataRequest(w: Writer, v: number, m: Input<MetadataRequest>): void {
  const flex = v >= 9
  writeArray(w, flex, true, m.topics, (w, e) => writeMetadataRequestTopic(w, v, e))
  if (v >= 4) { w.bool((m.allowAutoTopicCreation ?? true)) }
  if (v >= 8 && v <= 10) { w.bool((m.includeClusterAuthorizedOperations ?? false)) }
  if (v >= 8) { w.bool((m.includeTopicAuthorizedOperations ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultMetadataRequestTopic(): MetadataRequestTopic {
  return {
    topicId: ZERO_UUID,
    name: "",
  }
}

function readMetadataRequestTopic(r: Reader, v: number): MetadataRequestTopic {
  const flex = v >= 9
  const o: MetadataRequestTopic = {
    topicId: v >= 10 ? r.uuid() : ZERO_UUID,
    name: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeMetadataRequestTopic(w: Writer, v: number, m: Input<MetadataRequestTopic>): void {
  const flex = v >= 9
  if (v >= 10) { w.uuid((m.topicId ?? ZERO_UUID)) }
  w.nullableString(m.name, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
