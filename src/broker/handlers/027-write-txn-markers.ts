// WriteTxnMarkers v0-1, the leader side (Kafka's handleWriteTxnMarkersRequest): a transaction
// coordinator (this broker's or another's) has each partition it leads write a commit or abort
// marker; as Kafka appends them (requiredAcks -1), refused while the ISR is below
// min.insync.replicas and answered once every in-sync replica has them (followers copy markers
// like any batch). Markers in __consumer_offsets also complete the transaction's pending offset
// commits.
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { KafkaError } from '../../errors.js'
import { OFFSETS_TOPIC } from '../../groups/offsets-topic.js'
import type { AwaitedAppend } from '../delayed-produce.js'

/** Kafka's request.timeout.ms default: how long a marker waits for the in-sync replicas. */
const MARKER_REPLICATION_TIMEOUT_MS = 30_000

export const writeTxnMarkersHandler = defineHandler({
  key: ApiKey.WriteTxnMarkers,
  minVersion: 0,
  maxVersion: 1,
  async handle(ctx, req) {
    // Only brokers write markers: CLUSTER_ACTION on the cluster.
    if (!authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)) {
      return {
        markers: req.markers.map((m) => ({
          producerId: m.producerId,
          topics: m.topics.map((t) => ({
            name: t.name,
            partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED })),
          })),
        })),
      }
    }
    const writes: Array<Promise<void>> = []
    const awaited: Array<{ out: { errorCode: number }; append: AwaitedAppend }> = []
    const markers = req.markers.map((m) => {
      const offsetsPartitions: number[] = []
      const topics = m.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((index) => {
          const out = { partitionIndex: index, errorCode: ErrorCode.NONE as number }
          const p = ctx.replicas.leaderPartition(t.name, index)
          if (typeof p === 'number') {
            out.errorCode = p
            return out
          }
          if (p.isr.length < p.log.config.minInsyncReplicas) {
            out.errorCode = ErrorCode.NOT_ENOUGH_REPLICAS
            return out
          }
          try {
            p.appendEndTxnMarker({
              producerId: m.producerId,
              producerEpoch: m.producerEpoch,
              coordinatorEpoch: m.coordinatorEpoch,
              commit: m.transactionResult,
            })
            awaited.push({ out, append: { partition: p, requiredOffset: p.log.logEndOffset } })
          } catch (err) {
            if (!(err instanceof KafkaError)) throw err
            out.errorCode = err.errorCode
            return out
          }
          writes.push(
            p.log.whenWritten().catch((err: unknown) => {
              ctx.log.error({ err, topic: t.name, partition: index }, 'writing a transaction marker failed')
              out.errorCode = ErrorCode.KAFKA_STORAGE_ERROR
            }),
          )
          if (t.name === OFFSETS_TOPIC) offsetsPartitions.push(index)
          return out
        }),
      }))
      return { producerId: m.producerId, topics, offsetsPartitions, commit: m.transactionResult }
    })
    await Promise.all(writes)
    const replicated = awaited.filter((a) => a.out.errorCode === ErrorCode.NONE)
    await ctx.replicas.awaitReplication(
      replicated.map((a) => a.append),
      MARKER_REPLICATION_TIMEOUT_MS,
    )
    for (const a of replicated) a.out.errorCode = a.append.errorCode!
    for (const m of markers) {
      const done = m.offsetsPartitions.filter((i) =>
        m.topics.some((t) => t.name === OFFSETS_TOPIC && t.partitions.some((p) => p.partitionIndex === i && p.errorCode === ErrorCode.NONE)),
      )
      if (done.length > 0) ctx.groups.onTransactionCompleted(m.producerId, done, m.commit)
    }
    return { markers: markers.map((m) => ({ producerId: m.producerId, topics: m.topics })) }
  },
})
