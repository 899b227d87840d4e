// generated from DescribeClientQuotasResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeClientQuotasResponseInfo = {
  name: 'DescribeClientQuotasResponse',
  apiKey: 48,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface DescribeClientQuotasResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The error code, or `0` if the quota description succeeded. */
  errorCode: number
  /** The error message, or `null` if the quota description succeeded. */
  errorMessage: string | null
  /** A result entry. */
  entries: EntryData[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface EntryData {
  /** The quota entity description. */
  entity: EntityData[]
  /** The quota values for the entity. */
  values: ValueData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface EntityData {
  /** The entity type. */
  entityType: string
  /** The entity name, or null if the default. */
  entityName: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ValueData {
  /** The quota configuration key. */
  key: string
  /** The quota configuration value. */
  value: number
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeClientQuotasResponse(r: Reader, v: number): DescribeClientQuotasResponse {
  const flex = v >= 1
  const o: DescribeClientQuotasResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    entries: readArray(r, flex, true, (r) => readEntryData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeClientQuotasResponse(w: Writer, v: number, m: Input<DescribeClientQuotasResponse>): void {
  const flex = v >= 1
  w.int32((m.throttleTimeMs ?? 0))
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, true, m.entries, (w, e) => writeEntryData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultEntryData(): EntryData {
  return {
    entity: [],
    values: [],
  }
}

function readEntryData(r: Reader, v: number): EntryData {
  const flex = v >= 1
  const o: EntryData = {
    entity: readArray(r, flex, false, (r) => readEntityData(r, v)),
    values: readArray(r, flex, false, (r) => readValueData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeEntryData(w: Writer, v: number, m: Input<EntryData>): void {
  const flex = v >= 1
  writeArray(w, flex, false, m.entity, (w, e) => writeEntityData(w, v, e))
  writeArray(w, flex, false, m.values, (w, e) => writeValueData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultEntityData(): EntityData {
  return {
    entityType: "",
    entityName: "",
  }
}

function readEntityData(r: Reader, v: number): EntityData {
  const flex = v >= 1
  const o: EntityData = {
    entityType: r.string(flex),
    entityName: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeEntityData(w: Writer, v: number, m: Input<EntityData>): void {
  const flex = v >= 1
  w.string(m.entityType ?? '', flex)
  w.nullableString(m.entityName, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultValueData(): ValueData {
  return {
    key: "",
    value: 0,
  }
}

function readValueData(r: Reader, v: number): ValueData {
  const flex = v >= 1
  const o: ValueData = {
    key: r.string(flex),
    value: r.float64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeValueData(w: Writer, v: number, m: Input<ValueData>): void {
  const flex = v >= 1
  w.string(m.key ?? '', flex)
  w.float64((m.value ?? 0))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
