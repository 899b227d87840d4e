// generated from DescribeTransactionsRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const DescribeTransactionsRequestInfo = {
  name: 'DescribeTransactionsRequest',
  apiKey: 65,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface DescribeTransactionsRequest {
  /** Array of transactionalIds to include in describe results. If empty, then no results will be returned. */
  transactionalIds: string[]
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeDescribeTransactionsRequest(r: Reader, v: number): DescribeTransactionsRequest {
  const flex = v >= 0
  const o: DescribeTransactionsRequest = {
    transactionalIds: readArray(r, flex, false, (r) => r.string(flex)),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeDescribeTransactionsRequest(w: Writer, v: number, m: Input<DescribeTransactionsRequest>): void {
  const flex = v >= 0
  writeArray(w, flex, false, m.transactionalIds, (w, e) => w.string(e ?? '', flex))
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
