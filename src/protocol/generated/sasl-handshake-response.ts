// generated from SaslHandshakeResponse.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input, readArray, writeArray } from '../codec-support.js'

export const SaslHandshakeResponseInfo = {
  name: 'SaslHandshakeResponse',
  apiKey: 17,
  type: 'response',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface SaslHandshakeResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number
  /** The mechanisms enabled in the server. */
  mechanisms: string[]
}

export function decodeSaslHandshakeResponse(r: Reader, v: number): SaslHandshakeResponse {
  const flex = false as boolean
  const o: SaslHandshakeResponse = {
    errorCode: r.int16(),
    mechanisms: readArray(r, flex, false, (r) => r.string(flex)),
  }
  return o
}

export function encodeSaslHandshakeResponse(w: Writer, v: number, m: Input<SaslHandshakeResponse>): void {
  const flex = false as boolean
  w.int16((m.errorCode ?? 0))
  writeArray(w, flex, false, m.mechanisms, (w, e) => w.string(e ?? '', flex))
}
