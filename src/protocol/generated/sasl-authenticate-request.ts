// generated from SaslAuthenticateRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY } from '../codec-support.js'

export const SaslAuthenticateRequestInfo = {
  name: 'SaslAuthenticateRequest',
  apiKey: 36,
  type: 'request',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface SaslAuthenticateRequest {
  /** The SASL authentication bytes from the client, as defined by the SASL mechanism. */
  authBytes: Buffer
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeSaslAuthenticateRequest(r: Reader, v: number): SaslAuthenticateRequest {
  const flex = v >= 2
  const o: SaslAuthenticateRequest = {
    authBytes: r.bytes(flex),
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeSaslAuthenticateRequest(w: Writer, v: number, m: Input<SaslAuthenticateRequest>): void {
  const flex = v >= 2
  w.records(m.authBytes ?? EMPTY, flex)
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
