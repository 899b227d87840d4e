// generated from AlterClientQuotasResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterClientQuotasResponseInfo = {
  name: 'AlterClientQuotasResponse',
  apiKey: 49,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface AlterClientQuotasResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number
  /** The quota configuration entries to alter. */
  entries: EntryData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface EntryData {
  /** The error code, or `0` if the quota alteration succeeded. */
  errorCode: number
  /** The error message, or `null` if the quota alteration succeeded. */
  errorMessage: string | null
  /** The quota entity to alter. */
  entity: EntityData[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface EntityData {
  /** The entity type. */
  entityType: string
  /** The name of the entity, or null if the default. */
  entityName: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterClientQuotasResponse(r: Reader, v: number): AlterClientQuotasResponse {
  const flex = v >= 1
  const o: AlterClientQuotasResponse = {
    throttleTimeMs: r.int32(),
    entries: readArray(r, flex, false, (r) => readEntryData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterClientQuotasResponse(w: Writer, v: number, m: Input<AlterClientQuotasResponse>): void {
  const flex = v >= 1
  w.int32((m.throttleTimeMs ?? 0))
  writeArray(w, flex, false, m.entries, (w, e) => writeEntryData(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultEntryData(): EntryData {
  return {
    errorCode: 0,
    errorMessage: "",
    entity: [],
  }
}

function readEntryData(r: Reader, v: number): EntryData {
  const flex = v >= 1
  const o: EntryData = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    entity: readArray(r, flex, false, (r) => readEntityData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeEntryData(w: Writer, v: number, m: Input<EntryData>): void {
  const flex = v >= 1
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  writeArray(w, flex, false, m.entity, (w, e) => writeEntityData(w, v, e))
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
