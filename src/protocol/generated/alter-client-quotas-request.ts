// generated from AlterClientQuotasRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const AlterClientQuotasRequestInfo = {
  name: 'AlterClientQuotasRequest',
  apiKey: 49,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface AlterClientQuotasRequest {
  /** The quota configuration entries to alter. */
  entries: EntryData[]
  /** Whether the alteration should be validated, but not performed. */
  validateOnly: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface EntryData {
  /** The quota entity to alter. */
  entity: EntityData[]
  /** An individual quota configuration entry to alter. */
  ops: OpData[]
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

export interface OpData {
  /** The quota configuration key. */
  key: string
  /** The value to set, otherwise ignored if the value is to be removed. */
  value: number
  /** Whether the quota configuration value should be removed, otherwise set. */
  remove: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeAlterClientQuotasRequest(r: Reader, v: number): AlterClientQuotasRequest {
  const flex = v >= 1
  const o: AlterClientQuotasRequest = {
    entries: readArray(r, flex, false, (r) => readEntryData(r, v)),
    validateOnly: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeAlterClientQuotasRequest(w: Writer, v: number, m: Input<AlterClientQuotasRequest>): void {
  const flex = v >= 1
  writeArray(w, flex, false, m.entries, (w, e) => writeEntryData(w, v, e))
  w.bool((m.validateOnly ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultEntryData(): EntryData {
  return {
    entity: [],
    ops: [],
  }
}

function readEntryData(r: Reader, v: number): EntryData {
  const flex = v >= 1
  const o: EntryData = {
    entity: readArray(r, flex, false, (r) => readEntityData(r, v)),
    ops: readArray(r, flex, false, (r) => readOpData(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeEntryData(w: Writer, v: number, m: Input<EntryData>): void {
  const flex = v >= 1
  writeArray(w, flex, false, m.entity, (w, e) => writeEntityData(w, v, e))
  writeArray(w, flex, false, m.ops, (w, e) => writeOpData(w, v, e))
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

export function defaultOpData(): OpData {
  return {
    key: "",
    value: 0,
    remove: false,
  }
}

function readOpData(r: Reader, v: number): OpData {
  const flex = v >= 1
  const o: OpData = {
    key: r.string(flex),
    value: r.float64(),
    remove: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeOpData(w: Writer, v: number, m: Input<OpData>): void {
  const flex = v >= 1
  w.string(m.key ?? '', flex)
  w.float64((m.value ?? 0))
  w.bool((m.remove ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
