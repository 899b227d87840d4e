// generated from records/TransactionLogKey.json by scripts/gen-protocol.ts - do not edit

/* eslint-disable */
import { type Reader } from '../../reader.js'
import { type Writer } from '../../writer.js'
import { type Input } from '../../codec-support.js'

export const TransactionLogKeyInfo = {
  name: 'TransactionLogKey',
  apiKey: -1,
  type: 'data',
  minVersion: 0,
  maxVersion: 0,
  flexibleFrom: -1,
  latestVersionUnstable: false,
} as const

export interface TransactionLogKey {
  transactionalId: string
}

export function decodeTransactionLogKey(r: Reader, v: number): TransactionLogKey {
  const flex = false as boolean
  const o: TransactionLogKey = {
    transactionalId: r.string(flex),
  }
  return o
}

export function encodeTransactionLogKey(w: Writer, v: number, m: Input<TransactionLogKey>): void {
  const flex = false as boolean
  w.string(m.transactionalId ?? '', flex)
}
