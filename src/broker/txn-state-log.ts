/**
 * The transaction coordinator's view of the broker, wired in by the composition root: its log
 * (`__transaction_state`: created on first use with transaction.state.log.* settings, appends
 * at the coordinator epoch, the replay that loads a partition when this broker becomes its
 * leader) and the way its markers reach partition leaders (WriteTxnMarkers through the broker
 * channel, to this broker too).
 */
import type { BrokerConfig } from '../config/broker-config.js'
import { encodeRecordBatch } from '../protocol/record-codec.js'
import { isControl, lastOffsetOf, readBatchHeader, LOG_OVERHEAD } from '../protocol/record-batch.js'
import { decodeRecords } from '../protocol/record-codec.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import { ApiKey } from '../protocol/generated/index.js'
import { KafkaError } from '../errors.js'
import type { MarkerChannel, MarkerRequest, MarkerResult, TxnLog } from '../transactions/core.js'
import type { TransactionCoordinator } from '../transactions/transaction-coordinator.js'
import {
  TRANSACTION_STATE_TOPIC,
  decodeTxnLogRecord,
  partitionForTransactionalId,
  type EncodedRecord,
  type TxnLogRecord,
} from '../transactions/transaction-log.js'
import type { AdminManager } from './admin-manager.js'
import type { BrokerChannel } from './broker-channel.js'
import type { PartitionCoordinator } from './control-plane.js'
import type { MetadataCache } from './metadata-cache.js'
import type { Partition } from './partition.js'
import type { ReplicaManager } from './replica-manager.js'

/** Kafka's request.timeout.ms default, which its transaction coordinator waits for acks=all writes. */
const TXN_LOG_APPEND_TIMEOUT_MS = 30_000

export class TransactionStateLog implements TxnLog {
  readonly #metadata: MetadataCache
  readonly #replicas: ReplicaManager
  readonly #admin: AdminManager
  readonly #config: BrokerConfig

  constructor(opts: { metadata: MetadataCache; replicas: ReplicaManager; admin: AdminManager; config: BrokerConfig }) {
    this.#metadata = opts.metadata
    this.#replicas = opts.replicas
    this.#admin = opts.admin
    this.#config = opts.config
  }

  get #numPartitions(): number {
    return Number(this.#config.get('transaction.state.log.num.partitions'))
  }

  exists(): boolean {
    return this.#metadata.topic(TRANSACTION_STATE_TOPIC) !== undefined
  }

  /** By the topic's partition count, or transaction.state.log.num.partitions before it is known here. */
  partitionFor(transactionalId: string): number {
    const topic = this.#metadata.topic(TRANSACTION_STATE_TOPIC)
    return partitionForTransactionalId(transactionalId, topic?.partitions.length ?? this.#numPartitions)
  }

  /** Kafka's TransactionStateManager.transactionTopicConfigs. */
  async create(): Promise<void> {
    const c = this.#config
    const replicationFactor = Number(c.get('transaction.state.log.replication.factor'))
    // A single broker makes it with one replica (createInternalTopic); min.isr is capped the
    // same way, or it could never write its transaction states.
    const live = Math.max(1, this.#metadata.liveBrokers().length)
    await this.#admin.createInternalTopic(TRANSACTION_STATE_TOPIC, {
      partitions: this.#numPartitions,
      replicationFactor,
      replicationFactorConfig: 'transaction.state.log.replication.factor',
      configs: {
        'cleanup.policy': 'compact',
        'compression.type': 'uncompressed',
        'min.insync.replicas': String(Math.min(Number(c.get('transaction.state.log.min.isr')), replicationFactor, live)),
        'segment.bytes': String(c.get('transaction.state.log.segment.bytes')),
        'unclean.leader.election.enable': 'false',
      },
    })
  }

  async append(partition: number, coordinatorEpoch: number, record: EncodedRecord): Promise<void> {
    const p = this.#replicas.leaderPartition(TRANSACTION_STATE_TOPIC, partition)
    if (typeof p === 'number') throw new KafkaError(ErrorCode.NOT_COORDINATOR, `${TRANSACTION_STATE_TOPIC}-${partition} is not led by this broker`)
    if (p.leaderEpoch !== coordinatorEpoch)
      throw new KafkaError(ErrorCode.NOT_COORDINATOR, `${TRANSACTION_STATE_TOPIC}-${partition} moved to leader epoch ${p.leaderEpoch}`)
    // As a produce with acks=all (Kafka's appendTransactionToLog): refused when too few replicas
    // are in sync, and it counts once every in-sync replica has it.
    const minIsr = p.log.config.minInsyncReplicas
    if (p.isr.length < minIsr)
      throw new KafkaError(
        ErrorCode.NOT_ENOUGH_REPLICAS,
        `${TRANSACTION_STATE_TOPIC}-${partition} has ${p.isr.length} in-sync replicas, fewer than min.insync.replicas ${minIsr}`,
      )
    const now = BigInt(Date.now())
    p.log.append(encodeRecordBatch({ records: [record], now }), { now, leaderEpoch: p.leaderEpoch })
    await p.log.whenWritten()
    const err = await this.#replicas.awaitAppended(p, TXN_LOG_APPEND_TIMEOUT_MS)
    if (err !== ErrorCode.NONE) throw new KafkaError(err, `${TRANSACTION_STATE_TOPIC}-${partition}: the write was not replicated (${err})`)
  }
}

/** Every record of one partition of `__transaction_state`, in log order. */
function* readTransactionPartition(
  p: Partition,
  loadBufferBytes: number,
  onError: (err: unknown, partition: number, offset: bigint) => void,
): Generator<TxnLogRecord> {
  let offset = p.logStartOffset
  while (offset < p.log.logEndOffset) {
    const { records } = p.log.read(offset, loadBufferBytes, { minOneBatch: true })
    if (records.length === 0) break
    for (const buf of records) {
      for (let pos = 0; pos + LOG_OVERHEAD <= buf.length; ) {
        const h = readBatchHeader(buf, pos)
        offset = lastOffsetOf(h) + 1n
        if (!isControl(h.attributes)) {
          try {
            for (const r of decodeRecords(buf, pos)) {
              if (r.key === null) continue
              const rec = decodeTxnLogRecord(r.key, r.value)
              if (rec !== null) yield rec
            }
          } catch (err) {
            onError(err, p.index, h.baseOffset)
          }
        }
        pos += LOG_OVERHEAD + h.batchLength
      }
    }
  }
}

/** The transaction coordinator as the coordinator of `__transaction_state`: loads and drops partitions with leadership. */
export function transactionCoordinatorOf(
  txns: TransactionCoordinator,
  loadBufferBytes: number,
  onError: (err: unknown, partition: number, offset: bigint) => void,
): PartitionCoordinator {
  return {
    // transaction.state.log.load.buffer.size: how much of the partition is read at a time.
    onElection: (p) => txns.onElection(p.index, p.leaderEpoch, () => readTransactionPartition(p, loadBufferBytes, onError)),
    onResignation: (index) => txns.onResignation(index),
    onTopicDeleted: () => {},
  }
}

/** Markers go to each partition's leader as WriteTxnMarkers, through the broker channel. */
export class BrokerMarkerChannel implements MarkerChannel {
  readonly #metadata: MetadataCache
  readonly #channel: BrokerChannel

  constructor(metadata: MetadataCache, channel: BrokerChannel) {
    this.#metadata = metadata
    this.#channel = channel
  }

  leaderOf(topic: string, partition: number): number | undefined | null {
    const state = this.#metadata.partition(topic, partition)
    if (state === undefined) return this.#metadata.topic(topic) === undefined ? null : undefined
    return state.leader >= 0 ? state.leader : undefined
  }

  async writeTxnMarkers(brokerId: number, markers: MarkerRequest[]): Promise<MarkerResult[]> {
    const res = await this.#channel.send(brokerId, ApiKey.WriteTxnMarkers, {
      markers: markers.map((m) => ({
        producerId: m.producerId,
        producerEpoch: m.producerEpoch,
        transactionResult: m.commit,
        coordinatorEpoch: m.coordinatorEpoch,
        topics: m.topics.map((t) => ({ name: t.name, partitionIndexes: t.partitionIndexes })),
      })),
    })
    return (res.markers ?? []).map((m) => ({
      producerId: m.producerId ?? -1n,
      topics: (m.topics ?? []).map((t) => ({
        name: t.name ?? '',
        partitions: (t.partitions ?? []).map((p) => ({ partitionIndex: p.partitionIndex ?? -1, errorCode: p.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR })),
      })),
    }))
  }
}
