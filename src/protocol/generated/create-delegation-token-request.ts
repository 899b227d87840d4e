// generated from CreateDelegationTokenRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const CreateDelegationTokenRequestInfo = {
  name: 'CreateDelegationTokenRequest',
  apiKey: 38,
  type: 'request',
  minVersion: 0,
  maxVersion: 3,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface CreateDelegationTokenRequest {
  /** The principal type of the owner of the token. If it's null it defaults to the token request principal. */
  ownerPrincipalType: string | null
  /** The principal name of the owner of the token. If it's null it defaults to the token request principal. */
  ownerPrincipalName: string | null
  /** A list of those who are allowed to renew this token before it expires. */
  renewers: CreatableRenewers[]
  /** The maximum lifetime of the token in milliseconds, or -1 to use the server side default. */
  maxLifetimeMs: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface CreatableRenewers {
  /** The type of the Kafka principal. */
  principalType: string
  /** The name of the Kafka principal. */
  principalName: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeCreateDelegationTokenRequest(r: Reader, v: number): CreateDelegationTokenRequest {
  const flex = v >= 2
  const o: CreateDelegationTokenRequest = {
    ownerPrincipalType: v >= 3 ? r.nullableString(flex) : "",
    ownerPrincipalName: v >= 3 ? r.nullableString(flex) : "",
    renewers: readArray(r, flex, false, (r) => readCreatableRenewers(r, v)),
    maxLifetimeMs: r.int64(),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeCreateDelegationTokenRequest(w: Writer, v: number, m: Input<CreateDelegationTokenRequest>): void {
  const flex = v >= 2
  if (v >= 3) { w.nullableString(m.ownerPrincipalType, flex) }
  if (v >= 3) { w.nullableString(m.ownerPrincipalName, flex) }
  writeArray(w, flex, false, m.renewers, (w, e) => writeCreatableRenewers(w, v, e))
  w.int64((m.maxLifetimeMs ?? 0n))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultCreatableRenewers(): CreatableRenewers {
  return {
    principalType: "",
    principalName: "",
  }
}

function readCreatableRenewers(r: Reader, v: number): CreatableRenewers {
  const flex = v >= 2
  const o: CreatableRenewers = {
    principalType: r.string(flex),
    principalName: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeCreatableRenewers(w: Writer, v: number, m: Input<CreatableRenewers>): void {
  const flex = v >= 2
  w.string(m.principalType ?? '', flex)
  w.string(m.principalName ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
