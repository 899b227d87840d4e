// generated from EnvelopeRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY } from '../codec-support.js'

export const EnvelopeRequestInfo = {
  name: 'EnvelopeRequest',
  apiKey: 58,
  type: 'request',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: 0,
  latestVersionUnstable: false,
} as const

export interface EnvelopeRequest {
  /** The embedded request header and data. */
  requestData: Buffer
  /** Value of the initial client principal when the request is redirected by a broker. */
  requestPrincipal: Buffer | null
  /** The original client's address in bytes. */
  clientHostAddress: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeEnvelopeRequest(r: Reader, v: number): EnvelopeRequest {
  const flex = v >= 0
  const o: EnvelopeRequest = {
    requestData: r.bytes(flex),
    requestPrincipal: r.nullableBytes(flex),
    clientHostAddress: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeEnvelopeRequest(w: Writer, v: number, m: Input<EnvelopeRequest>): void {
  const flex = v >= 0
  w.records(m.requestData ?? EMPTY, flex)
  w.records(m.requestPrincipal, flex)
  w.records(m.clientHostAddress ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
