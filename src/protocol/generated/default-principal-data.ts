// generated from DefaultPrincipalData.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const DefaultPrincipalDataInfo = {
  name: 'DefaultPrincipalData',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DefaultPrincipalData {
  /** The principal type */
  type: string
  /** The principal name */
  name: string
  /** Whether the principal was authenticated by a delegation token on the forwarding broker. */
  tokenAuthenticated: boolean
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDefaultPrincipalData(r: Reader, v: number): DefaultPrincipalData {
  const flex = v >= 0
  const o: DefaultPrincipalData = {
    type: r.string(flex),
    name: r.string(flex),
    tokenAuthenticated: r.bool(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDefaultPrincipalData(w: Writer, v: number, m: Input<DefaultPrincipalData>): void {
  const flex = v >= 0
  w.string(m.type ?? '', flex)
  w.string(m.name ?? '', flex)
  w.bool((m.tokenAuthenticated ?? false))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
