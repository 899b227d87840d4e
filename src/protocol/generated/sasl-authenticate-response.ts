// generated from SaslAuthenticateResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader, type TaggedField } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, EMPTY } from '../codec-support.js'

export const SaslAuthenticateResponseInfo = {
  name: 'SaslAuthenticateResponse',
  apiKey: 36,
  type: 'response',
  minVersion: 0,
  maxVersion: 2,
  flexibleFrom: 2,
  latestVersionUnstable: false,
} as const

export interface SaslAuthenticateResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The error message, or null if there was no error. */
  errorMessage: string | null
  /** The SASL authentication bytes from the server, as defined by the SASL mechanism. */
  authBytes: Buffer
  /** Number of milliseconds after which only re-authentication over the existing connection to create a new session can occur. */
  sessionLifetimeMs: bigint
  /** Tagged fields this version does not know, kept for round trips. */
  unknownTaggedFields?: TaggedField[]
}

export function decodeSaslAuthenticateResponse(r: Reader, v: number): SaslAuthenticateResponse {
  const flex = v >= 2
  const o: SaslAuthenticateResponse = {
    errorCode: r.int16(),
    errorMessage: r.nullableString(flex),
    authBytes: r.bytes(flex),
    sessionLifetimeMs: v >= 1 ? r.int64() : 0n,
  }
  if (flex) o.unknownTaggedFields = r.taggedFields()
  return o
}

export function encodeSaslAuthenticateResponse(w: Writer, v: number, m: Input<SaslAuthenticateResponse>): void {
  const flex = v >= 2
  w.int16((m.errorCode ?? 0))
  w.nullableString(m.errorMessage, flex)
  w.records(m.authBytes ?? EMPTY, flex)
  if (v >= 1) { w.int64((m.sessionLifetimeMs ?? 0n)) }
  if (flex) { if (m.unknownTaggedFields === undefined) w.noTaggedFields(); else w.taggedFields(undefined, m.unknownTaggedFields) }
}
