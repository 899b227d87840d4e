// generated from DescribeDelegationTokenRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeDelegationTokenRequestInfo = {
  name: 'DescribeDelegationTokenRequest',
  apiKey: 41,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface DescribeDelegationTokenRequest {
  /** Each owner that we want to describe delegation tokens for, or null to describe all tokens. */
  owners: DescribeDelegationTokenOwner[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface DescribeDelegationTokenOwner {
  /** The owner principal type. */
  principalType: string
  /** The owner principal name. */
  principalName: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeDelegationTokenRequest(r: Reader, v: number): DescribeDelegationTokenRequest {
  const flex = v >= 2
  const o: DescribeDelegationTokenRequest = {
    owners: readArray(r, flex, true, (r) => readDescribeDelegationTokenOwner(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeDelegationTokenRequest(w: Writer, v: number, m: Input<DescribeDelegationTokenRequest>): void {
  const flex = v >= 2
  writeArray(w, flex, true, m.owners, (w, e) => writeDescribeDelegationTokenOwner(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultDescribeDelegationTokenOwner(): DescribeDelegationTokenOwner {
  return {
    principalType: "",
    principalName: "",
  }
}

function readDescribeDelegationTokenOwner(r: Reader, v: number): DescribeDelegationTokenOwner {
  const flex = v >= 2
  const o: DescribeDelegationTokenOwner = {
    principalType: r.string(flex),
    principalName: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeDescribeDelegationTokenOwner(w: Writer, v: number, m: Input<DescribeDelegationTokenOwner>): void {
  const flex = v >= 2
  w.string(m.principalType ?? '', flex)
  w.string(m.principalName ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
