// generated from DescribeUserScramCredentialsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeUserScramCredentialsRequestInfo = {
  name: 'DescribeUserScramCredentialsRequest',
  apiKey: 50,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeUserScramCredentialsRequest {
  /** The users to describe, or null/empty to describe all users. */
  users: UserName[] | null
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export interface UserName {
  /** The user name. */
  name: string
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeUserScramCredentialsRequest(r: Reader, v: number): DescribeUserScramCredentialsRequest {
  const flex = v >= 0
  const o: DescribeUserScramCredentialsRequest = {
    users: readArray(r, flex, true, (r) => readUserName(r, v)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeUserScramCredentialsRequest(w: Writer, v: number, m: Input<DescribeUserScramCredentialsRequest>): void {
  const flex = v >= 0
  writeArray(w, flex, true, m.users, (w, e) => writeUserName(w, v, e))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}

export function defaultUserName(): UserName {
  return {
    name: "",
  }
}

function readUserName(r: Reader, v: number): UserName {
  const flex = v >= 0
  const o: UserName = {
    name: r.string(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

function writeUserName(w: Writer, v: number, m: Input<UserName>): void {
  const flex = v >= 0
  w.string(m.name ?? '', flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
