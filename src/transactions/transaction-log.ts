/**
 * Records of `__transaction_state` (Kafka's TransactionLog): key = the transactional id
 * (TransactionLogKey v0), value = its state after a transition (TransactionLogValue), or null
 * once the id expired. Written as Kafka 3.x writes them for clients of transaction version 1:
 * value v0, partitions grouped by topic; the partitions of a completed transaction are not
 * written.
 */
import { readVersioned, recordVersion, writeVersioned } from '../protocol/versioned-record.js'
import { TransactionLogKeyInfo, decodeTransactionLogKey, encodeTransactionLogKey } from '../protocol/generated/records/transaction-log-key.js'
import { TransactionLogValueInfo, decodeTransactionLogValue, encodeTransactionLogValue } from '../protocol/generated/records/transaction-log-value.js'
import { TxnState, parseTpKey, tpKey, type TopicPartitionKey, type TxnTransit } from './transaction-metadata.js'

export const TRANSACTION_STATE_TOPIC = '__transaction_state'

const KEY_VERSION = 0
const VALUE_VERSION = 0

export interface TxnLogRecord {
  transactionalId: string
  /** null: the id expired (a tombstone). */
  value: TxnTransit | null
}

export interface EncodedRecord {
  key: Buffer
  value: Buffer | null
}

export function encodeTxnLogRecord(r: TxnLogRecord): EncodedRecord {
  const key = writeVersioned(encodeTransactionLogKey, KEY_VERSION, { transactionalId: r.transactionalId })
  const t = r.value
  if (t === null) return { key, value: null }
  const complete = t.state === TxnState.CompleteCommit || t.state === TxnState.CompleteAbort || t.state === TxnState.Empty || t.state === TxnState.Dead
  const byTopic = new Map<string, number[]>()
  if (!complete) {
    for (const k of t.partitions) {
      const { topic, partition } = parseTpKey(k)
      let list = byTopic.get(topic)
      if (list === undefined) byTopic.set(topic, (list = []))
      list.push(partition)
    }
  }
  const value = writeVersioned(encodeTransactionLogValue, VALUE_VERSION, {
    producerId: t.producerId,
    producerEpoch: t.producerEpoch,
    transactionTimeoutMs: t.txnTimeoutMs,
    transactionStatus: t.state,
    transactionPartitions: [...byTopic].map(([topic, partitionIds]) => ({ topic, partitionIds })),
    transactionLastUpdateTimestampMs: BigInt(t.txnLastUpdateTimestamp),
    transactionStartTimestampMs: BigInt(t.txnStartTimestamp),
  })
  return { key, value }
}

/** Decodes one record of `__transaction_state`; null for a key version this broker does not know. */
export function decodeTxnLogRecord(key: Buffer, value: Buffer | null): TxnLogRecord | null {
  if (recordVersion(key) > TransactionLogKeyInfo.maxVersion) return null
  const { transactionalId } = readVersioned(key, decodeTransactionLogKey, TransactionLogKeyInfo)
  if (value === null) return { transactionalId, value: null }
  const v = readVersioned(value, decodeTransactionLogValue, TransactionLogValueInfo)
  const partitions = new Set<TopicPartitionKey>()
  for (const t of v.transactionPartitions ?? []) for (const p of t.partitionIds) partitions.add(tpKey(t.topic, p))
  return {
    transactionalId,
    value: {
      producerId: v.producerId,
      // v1 (transaction version 2) records the previous id; v0 does not.
      lastProducerId: v.previousProducerId,
      producerEpoch: v.producerEpoch,
      lastProducerEpoch: -1,
      txnTimeoutMs: v.transactionTimeoutMs,
      state: v.transactionStatus as TxnState,
      partitions,
      txnStartTimestamp: Number(v.transactionStartTimestampMs),
      txnLastUpdateTimestamp: Number(v.transactionLastUpdateTimestampMs),
    },
  }
}

/** Kafka's TransactionStateManager.partitionFor: abs(String.hashCode) % partitions. */
export function partitionForTransactionalId(transactionalId: string, partitions: number): number {
  let h = 0
  for (let i = 0; i < transactionalId.length; i++) h = (Math.imul(h, 31) + transactionalId.charCodeAt(i)) | 0
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions
}
