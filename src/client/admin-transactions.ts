/**
 * Transactions as Kafka's Admin and kafka-transactions.sh see them (KIP-664): every
 * coordinator's transactional ids (ListTransactions), one id's state (DescribeTransactions), the
 * producers of partitions with their open transactions (DescribeProducers), a partition's last
 * stable offset (ListOffsets read_committed), transactions left open on partitions longer than
 * their coordinator allows ("hanging"), and the abort of such a transaction (WriteTxnMarkers at
 * the partition's leader, as `kafka-transactions.sh abort` sends it).
 */
import { tpKey, type Cluster } from './cluster.js'
import { check } from './errors.js'
import { listOffsets } from './offsets.js'

export interface TransactionListing {
  transactionalId: string
  producerId: bigint
  state: string
  coordinator: number
}

export interface TransactionDescription {
  transactionalId: string
  state: string
  producerId: bigint
  producerEpoch: number
  timeoutMs: number
  /** -1 when no transaction is open. */
  startTimeMs: bigint
  partitions: Array<{ topic: string; partition: number }>
}

export interface ProducerState {
  topic: string
  partition: number
  producerId: bigint
  producerEpoch: number
  lastSequence: number
  lastTimestamp: bigint
  coordinatorEpoch: number
  /** First offset of the producer's open transaction, -1 when none. */
  currentTxnStartOffset: bigint
}

export interface PartitionStability {
  topic: string
  partition: number
  /** High watermark (read_uncommitted end) and last stable offset (read_committed end). */
  highWatermark: bigint
  lastStableOffset: bigint
}

/** Every transactional id of every coordinator, filtered like ListTransactions v1. */
export async function listTransactions(
  cluster: Cluster,
  opts: { states?: string[]; producerIds?: bigint[]; durationMs?: bigint } = {},
): Promise<TransactionListing[]> {
  if (cluster.brokers.size === 0) await cluster.refreshMetadata([])
  const out: TransactionListing[] = []
  for (const id of [...cluster.brokers.keys()].sort((a, b) => a - b)) {
    const conn = await cluster.connection(id)
    const res = await cluster.retry(() =>
      conn.request('ListTransactions', { stateFilters: opts.states ?? [], producerIdFilters: opts.producerIds ?? [], durationFilter: opts.durationMs ?? -1n }),
    )
    check(res.errorCode, { api: 'ListTransactions', broker: String(id) })
    for (const t of res.transactionStates)
      out.push({ transactionalId: t.transactionalId, producerId: t.producerId, state: t.transactionState, coordinator: id })
  }
  return out.sort((a, b) => a.transactionalId.localeCompare(b.transactionalId))
}

export async function describeTransaction(cluster: Cluster, transactionalId: string): Promise<TransactionDescription> {
  return cluster.retry(async () => {
    const conn = await cluster.coordinator(transactionalId, 1)
    const res = await conn.request('DescribeTransactions', { transactionalIds: [transactionalId] })
    const t = res.transactionStates[0]!
    check(t.errorCode, { resource: `transactional id ${transactionalId}`, api: 'DescribeTransactions' })
    return {
      transactionalId,
      state: t.transactionState,
      producerId: t.producerId,
      producerEpoch: t.producerEpoch,
      timeoutMs: t.transactionTimeoutMs,
      startTimeMs: t.transactionStartTimeMs,
      partitions: t.topics
        .flatMap((x) => x.partitions.map((partition) => ({ topic: x.topic, partition })))
        .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
    }
  })
}

/** The producers each partition's leader knows, with their open transactions. */
export async function describeProducers(cluster: Cluster, partitions: ReadonlyArray<{ topic: string; partition: number }>): Promise<ProducerState[]> {
  return cluster.retry(async () => {
    const out: ProducerState[] = []
    for (const [leader, items] of await cluster.byLeader(partitions)) {
      const conn = await cluster.connection(leader)
      const topics = new Map<string, number[]>()
      for (const it of items) {
        let list = topics.get(it.topic)
        if (list === undefined) topics.set(it.topic, (list = []))
        list.push(it.partition)
      }
      const res = await conn.request('DescribeProducers', { topics: [...topics].map(([name, partitionIndexes]) => ({ name, partitionIndexes })) })
      for (const t of res.topics) {
        for (const p of t.partitions) {
          check(p.errorCode, { topic: t.name, partition: p.partitionIndex, api: 'DescribeProducers' }, p.errorMessage)
          for (const s of p.activeProducers) out.push({ topic: t.name, partition: p.partitionIndex, ...s })
        }
      }
    }
    return out
  })
}

/** High watermark and last stable offset of each partition. */
export async function partitionStability(cluster: Cluster, partitions: ReadonlyArray<{ topic: string; partition: number }>): Promise<PartitionStability[]> {
  const queries = partitions.map((p) => ({ ...p, spec: 'latest' as const }))
  const [uncommitted, committed] = await Promise.all([listOffsets(cluster, queries, 0), listOffsets(cluster, queries, 1)])
  return partitions.map((p) => ({
    topic: p.topic,
    partition: p.partition,
    highWatermark: uncommitted.get(tpKey(p.topic, p.partition))?.offset ?? -1n,
    lastStableOffset: committed.get(tpKey(p.topic, p.partition))?.offset ?? -1n,
  }))
}

export interface HangingTransaction extends ProducerState {
  /** How long the transaction has been open, by the producer's last write. */
  openMs: number
  /** The coordinator's view of the producer's transactional id, when it still has one. */
  transactionalId: string | null
}

/**
 * Kafka's `kafka-transactions.sh find-hanging`: transactions open on a partition for longer than
 * `maxTimeoutMs` (the brokers' transaction.max.timeout.ms) whose producer no coordinator has in
 * an open transaction - no coordinator will end them, so they hold the LSO back for good.
 */
export async function findHangingTransactions(
  cluster: Cluster,
  partitions: ReadonlyArray<{ topic: string; partition: number }>,
  maxTimeoutMs: number,
  now = Date.now(),
): Promise<HangingTransaction[]> {
  const producers = await describeProducers(cluster, partitions)
  const open = producers.filter((p) => p.currentTxnStartOffset >= 0n && now - Number(p.lastTimestamp) > maxTimeoutMs)
  if (open.length === 0) return []
  const listed = await listTransactions(cluster, { producerIds: [...new Set(open.map((p) => p.producerId))] })
  const byProducer = new Map(listed.map((t) => [t.producerId, t]))
  const out: HangingTransaction[] = []
  for (const p of open) {
    const t = byProducer.get(p.producerId)
    // A coordinator with the transaction still open will time it out and abort it itself.
    if (t !== undefined && (t.state === 'Ongoing' || t.state === 'PrepareAbort' || t.state === 'PrepareCommit')) continue
    out.push({ ...p, openMs: now - Number(p.lastTimestamp), transactionalId: t?.transactionalId ?? null })
  }
  return out
}

/**
 * Aborts the transaction open on `topic`-`partition` at `startOffset` (Kafka's
 * `kafka-transactions.sh abort --topic --partition --start-offset`): the producer and its epoch
 * come from DescribeProducers, and an abort marker goes to the partition's leader.
 */
export async function abortTransaction(cluster: Cluster, topic: string, partition: number, startOffset: bigint): Promise<ProducerState> {
  const producers = await describeProducers(cluster, [{ topic, partition }])
  const p = producers.find((x) => x.currentTxnStartOffset === startOffset)
  if (p === undefined) {
    throw new Error(
      `no transaction is open on ${topic}-${partition} at offset ${startOffset}${
        producers.some((x) => x.currentTxnStartOffset >= 0n)
          ? ` (open ones start at ${producers
              .filter((x) => x.currentTxnStartOffset >= 0n)
              .map((x) => x.currentTxnStartOffset)
              .join(', ')})`
          : ''
      }`,
    )
  }
  await cluster.retry(async () => {
    const conn = await cluster.connection(await cluster.leaderFor(topic, partition))
    const res = await conn.request('WriteTxnMarkers', {
      markers: [
        {
          producerId: p.producerId,
          producerEpoch: p.producerEpoch,
          transactionResult: false,
          topics: [{ name: topic, partitionIndexes: [partition] }],
          coordinatorEpoch: p.coordinatorEpoch,
        },
      ],
    })
    for (const m of res.markers)
      for (const t of m.topics) for (const r of t.partitions) check(r.errorCode, { topic: t.name, partition: r.partitionIndex, api: 'WriteTxnMarkers' })
  })
  return p
}
