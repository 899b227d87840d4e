// generated from DescribeClientQuotasRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeClientQuotasRequestInfo = {
  name: 'DescribeClientQuotasRequest',
  apiKey: 48,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: 1,
  latestVersionUnstable: false,
} as const

export interface DescribeClientQuotasRequest {
  /** Filter components to apply to quota entities. */
  components: ComponentData[]
  /** Whether the match is strict, i.e. should exclude entities with unspecified entity types. */
  strict: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface ComponentData {
  /** The entity type that the filter component applies to. */
  entityType: string
  /** How to match the entity {0 = exact name, 1 = default name, 2 = any specified name}. */
  matchType: number
  /** The string to match against, or null if unused for the match type. */
  match: string | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeClientQuotasRequest(r: Reader, v: number): DescribeClientQuotasRequest {
  const flex = v >= 1
  const o: DescribeClientQuotasRequest = {
    components: readArray(r, flex, false, (r) => readComponentData(r, v)),
    strict: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeClientQuotasRequest(w: Writer, v: number, m: Input<DescribeClientQuotasRequest>): void {
  const flex = v >= 1
  writeArray(w, flex, false, m.components, (w, e) => writeComponentData(w, v, e))
  w.bool((m.strict ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultComponentData(): ComponentData {
  return {
    entityType: "",
    matchType: 0,
    match: "",
  }
}

function readComponentData(r: Reader, v: number): ComponentData {
  const flex = v >= 1
  const o: ComponentData = {
    entityType: r.string(flex),
    matchType: r.int8(),
    match: r.nullableString(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeComponentData(w: Writer, v: number, m: Input<ComponentData>): void {
  const flex = v >= 1
  w.string(m.entityType ?? '', flex)
  w.int8((m.matchType ?? 0))
  w.nullableString(m.match, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
