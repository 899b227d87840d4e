/**
 * KIP-890's server-side defence (Kafka's AddPartitionsToTxnManager): before a partition leader
 * writes the first transactional batch of a producer's transaction (or a TxnOffsetCommit), it
 * asks the transaction coordinator whether the partition was added to that transaction
 * (AddPartitionsToTxn v4+ with verifyOnly, through the broker channel, to this broker too). A
 * batch of a transaction that was not told about the partition - a late retry of an aborted
 * one, a "hanging" write - is refused instead of opening a transaction nobody will end.
 */
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { ApiKey } from '../protocol/generated/index.js'
import { TRANSACTION_STATE_TOPIC } from '../transactions/transaction-log.js'
import type { BrokerParts } from './handler.js'

export interface VerifyRequest {
  transactionalId: string
  producerId: bigint
  producerEpoch: number
  /** topic -> partitions */
  partitions: ReadonlyMap<string, readonly number[]>
  /**
   * The client understands TRANSACTION_ABORTABLE (Produce v11+, TxnOffsetCommit v4+); older
   * clients get INVALID_TXN_STATE instead, as Kafka answers them.
   */
  abortableSupported: boolean
}

/** Per `topic:partition`, NONE when the write may go ahead, else the error the client gets. */
export async function verifyPartitionsInTransaction(
  parts: Pick<BrokerParts, 'config' | 'metadata' | 'transactions' | 'brokerChannel' | 'log'>,
  req: VerifyRequest,
): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const all = (errorCode: number) => {
    for (const [topic, ps] of req.partitions) for (const p of ps) out.set(`${topic}:${p}`, errorCode)
    return out
  }
  if (parts.config.get('transaction.partition.verification.enable') === false) return all(ErrorCode.NONE)
  const state = parts.metadata.partition(TRANSACTION_STATE_TOPIC, parts.transactions.partitionFor(req.transactionalId))
  // No __transaction_state (or no leader for it): the transaction cannot have been started.
  if (state === undefined || state.leader < 0) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE)
  let res
  try {
    res = await parts.brokerChannel.send(state.leader, ApiKey.AddPartitionsToTxn, {
      transactions: [
        {
          transactionalId: req.transactionalId,
          producerId: req.producerId,
          producerEpoch: req.producerEpoch,
          verifyOnly: true,
          topics: [...req.partitions].map(([name, partitions]) => ({ name, partitions: [...partitions] })),
        },
      ],
      v3AndBelowTransactionalId: '',
      v3AndBelowProducerId: 0n,
      v3AndBelowProducerEpoch: 0,
      v3AndBelowTopics: [],
    })
  } catch (err) {
    parts.log.warn({ err, coordinator: state.leader }, 'cannot verify a transaction with its coordinator')
    return all(ErrorCode.NETWORK_EXCEPTION)
  }
  if ((res.errorCode ?? ErrorCode.NONE) !== ErrorCode.NONE) {
    return all(res.errorCode === ErrorCode.CLUSTER_AUTHORIZATION_FAILED ? ErrorCode.INVALID_TXN_STATE : res.errorCode!)
  }
  all(ErrorCode.NONE)
  for (const t of res.resultsByTransaction ?? []) {
    for (const topic of t.topicResults ?? []) {
      for (const p of topic.resultsByPartition ?? []) {
        let code = p.partitionErrorCode ?? ErrorCode.NONE
        // Producers expect INVALID_PRODUCER_EPOCH here (Kafka's mapping).
        if (code === ErrorCode.PRODUCER_FENCED) code = ErrorCode.INVALID_PRODUCER_EPOCH
        else if (code === ErrorCode.TRANSACTION_ABORTABLE && !req.abortableSupported) code = ErrorCode.INVALID_TXN_STATE
        out.set(`${topic.name}:${p.partitionIndex}`, code)
      }
    }
  }
  return out
}

/** Kafka answers older request versions INVALID_PRODUCER_EPOCH where newer ones get PRODUCER_FENCED. */
export function fencedFor(errorCode: number, fencedSupported: boolean): number {
  return errorCode === ErrorCode.PRODUCER_FENCED && !fencedSupported ? ErrorCode.INVALID_PRODUCER_EPOCH : errorCode
}
