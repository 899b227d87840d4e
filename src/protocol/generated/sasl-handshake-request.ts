// generated from SaslHandshakeRequest.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../reader.js'
import { type Writer } from '../writer.js'
import { type Input } from '../codec-support.js'

export const SaslHandshakeRequestInfo = {
  name: 'SaslHandshakeRequest',
  apiKey: 17,
  type: 'request',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface SaslHandshakeRequest {
  /** The SASL mechanism chosen by the client. */
  mechanism: string
}

export function decodeSaslHandshakeRequest(r: Reader, v: number): SaslHandshakeRequest {
  const flex = false as boolean
  const o: SaslHandshakeRequest = {
    mechanism: r.string(flex),
  }
  return o
}

export function encodeSaslHandshakeRequest(w: Writer, v: number, m: Input<SaslHandshakeRequest>): void {
  const flex = false as boolean
  w.string(m.mechanism ?? '', flex)
}
