// generated from CreateTopicsResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, ZERO_UUID, readArray, writeArray } from '../codec-support.js'

export const CreateTopicsResponseInfo = {
  name: 'CreateTopicsResponse',
  apiKey: 19,
  type: 'response',
  minVersion: 0,
  maxVersion: 7,
  flexibleFrom: 5,
  latestVersionUnstable: false,
} as const

export interface CreateTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** Results for each topic we tried to create. */
  topics: CreatableTopicResult[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatableTopicResult {
  /** The topic name. */
  name: string
  /** The unique topic ID */
  topicId: string
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** Optional topic config error returned if configs are not returned in the response. */
  topicConfigErrorCode: number
  /** Number of partitions of the topic. */
  numPartitions: number
  /** Replication factor of the topic. */
  replicationFactor: number
  /** Configuration of the topic. */
  configs: CreatableTopicConfigs[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatableTopicConfigs {
  /** The configuration name. */
  name: string
  /** The configuration value. */
  value: string | null
  /** True if the configuration is read-only. */
  readOnly: boolean
  /** The configuration source. */
  configSource: number
  /** True if this configuration is sensitive. */
  isSensitive: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreateTopicsResponse(r: Reader, v: number): CreateTopicsResponse {
  const flex = v >= 5
  const o: CreateTopicsResponse = {
    throttleTimeMs: v >= 2 ? r.int32() : 0,
    topics: readArray(r, flex, false, (r) => readCreatableTopicResult(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreateTopicsResponse(w: Writer, v: number, m: Input<CreateTopicsResponse>): void {
  const flex = v >= 5
  if (v >= 2) { w.int32((m.throttleTimeMs ?? 0)) }
  writeArray(w, flex, false, m.topics, (w, e) => writeCreatableTopicResult(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatableTopicResult(): CreatableTopicResult {
  return {
    name: "",
    topicId: ZERO_UUID,
    errorCode: 0,
    errorMessage: "",
    topicConfigErrorCode: 0,
    numPartitions: -1,
    replicationFactor: -1,
    configs: [],
  }
}

function readCreatableTopicResult(r: Reader, v: number): CreatableTopicResult {
  const flex = v >= 5
  const o: CreatableTopicResult = {
    name: r.string(flex),
    topicId: v >= 7 ? r.uuid() : ZERO_UUID,
    errorCode: r.int16(),
    errorMessage: v >= 1 ? r.nullableString(flex) : "",
    topicConfigErrorCode: 0,
    numPartitions: v >= 5 ? r.int32() : -1,
    replicationFactor: v >= 5 ? r.int16() : -1,
    configs: v >= 5 ? readArray(r, flex, true, (r) => readCreatableTopicConfigs(r, v)) : [],
  }
  if (flex) {
    o.unknownTaggedFields = r.taggedFields((tag, r) => {
      switch (tag) {
        case 0:
          if (!(v >= 5)) return false
          o.topicConfigErrorCode = r.int16()
          return true
        default:
          return false
      }
    })
  }
  return o
}

function writeCreatableTopicResult(w: Writer, v: number, m: Input<CreatableTopicResult>): void {
  const flex = v >= 5
  w.string(m.name ?? '', flex)
  if (v >= 7) { w.uuid((m.topicId ?? ZERO_UUID)) }
  w.int16((m.errorCode ?? 0))
  if (v >= 1) { w.nullableString(m.errorMessage, flex) }
  if (v >= 5) { w.int32((m.numPartitions ?? -1)) }
  if (v >= 5) { w.int16((m.replicationFactor ?? -1)) }
  if (v >= 5) { writeArray(w, flex, true, m.configs, (w, e) => writeCreatableTopicConfigs(w, v, e)) }
  if (flex) {
    let t: Array<[number, (w: Writer) => void]> | undefined
    if ((v >= 5) && m.topicConfigErrorCode !== undefined && m.topicConfigErrorCode !== 0) (t ??= []).push([0, (w) => { w.int16((m.topicConfigErrorCode! ?? 0)) }])
    w.taggedFields(t, m.unknownTaggedFields)
  }
}

export function defaultCreatableTopicConfigs(): CreatableTopicConfigs {
  return {
    name: "",
    value: "",
    readOnly: false,
    configSource: -1,
    isSensitive: false,
  }
}

function readCreatableTopicConfigs(r: Reader, v: number): CreatableTopicConfigs {
  const flex = v >= 5
  const o: CreatableTopicConfigs = {
    name: v >= 5 ? r.string(flex) : "",
    value: v >= 5 ? r.nullableString(flex) : "",
    readOnly: v >= 5 ? r.bool() : false,
    configSource: v >= 5 ? r.int8() : -1,
    isSensitive: v >= 5 ? r.bool() : false,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatableTopicConfigs(w: Writer, v: number, m: Input<CreatableTopicConfigs>): void {
  const flex = v >= 5
  if (v >= 5) { w.string(m.name ?? '', flex) }
  if (v >= 5) { w.nullableString(m.value, flex) }
  if (v >= 5) { w.bool((m.readOnly ?? false)) }
  if (v >= 5) { w.int8((m.configSource ?? -1)) }
  if (v >= 5) { w.bool((m.isSensitive ?? false)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
