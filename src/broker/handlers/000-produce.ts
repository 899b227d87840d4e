// Produce v0-11 advertised; v0-2 (magic v0/v1 message sets) answered with UNSUPPORTED_VERSION as
// Kafka 4 does, while staying advertised because some librdkafka builds need v0 listed.
// acks=0 gets no response at all. Transactional batches that would open a transaction are first
// verified with the transaction coordinator (KIP-890, as Kafka 3.6+). Every response waits until the records are written (see
// LogWriter); acks=0 waits too, so a client that floods a connection is held back as the log
// writer is. The log writer reads the records from the request's bytes: they are retained until
// the writes are done. Authorization as KafkaApis.handleProduceRequest: WRITE on the
// transactional id, IDEMPOTENT_WRITE (or WRITE on some topic) for idempotent batches, WRITE on
// each topic. The request's record bytes count against the producer's byte-rate quota.
// acks=all (-1) is refused before the append when the ISR is below
// min.insync.replicas (NOT_ENOUGH_REPLICAS), and after it waits in the produce purgatory until the
// in-sync replicas have the records (Kafka's DelayedProduce): REQUEST_TIMED_OUT after the
// request's timeout, NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrank below it meanwhile.
import { AclOperation, authorize, authorizeCluster, authorizeByResourceType } from '../authorized-operations.js'
import { defineHandler, NO_RESPONSE, type RequestContext } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { ProduceRequest } from '../../protocol/generated/produce-request.js'
import type { PartitionProduceResponse, ProduceResponse, TopicProduceResponse } from '../../protocol/generated/produce-response.js'
import type { Input } from '../../protocol/codec-support.js'
import type { CachedTopic } from '../metadata-cache.js'
import type { AppendOutcome, Partition } from '../partition.js'
import { RECORD_BATCH_OVERHEAD, isTransactional, readBatchHeader } from '../../protocol/record-batch.js'
import { verifyPartitionsInTransaction } from '../txn-verification.js'
import type { AwaitedAppend } from '../delayed-produce.js'

function errorResponse(req: ProduceRequest, errorCode: number): Input<ProduceResponse> {
  return {
    responses: req.topicData.map((t) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((p) => ({ index: p.index, errorCode, baseOffset: -1n })),
    })),
  }
}

/** The producer of a transactional batch at the start of `records`, if it is one. */
function transactionalProducer(records: Buffer | null): { producerId: bigint; producerEpoch: number } | undefined {
  if (records === null || records.length < RECORD_BATCH_OVERHEAD) return undefined
  const h = readBatchHeader(records, 0)
  return isTransactional(h.attributes) && h.producerId >= 0n ? { producerId: h.producerId, producerEpoch: h.producerEpoch } : undefined
}

/**
 * KIP-890: the partitions where this request's transactional batches would open a transaction
 * are verified with the transaction coordinator first; the answer is the error for each
 * `topic:partition` that may not be written (Kafka 3.6+).
 */
async function verifyTransactional(ctx: RequestContext, req: ProduceRequest): Promise<Map<string, number>> {
  const refused = new Map<string, number>()
  const wanted = new Map<string, number[]>()
  const guards: Array<{ key: string; partition: Partition; producerId: bigint; guard: object }> = []
  let producer: { producerId: bigint; producerEpoch: number } | undefined
  for (const t of req.topicData) {
    for (const pd of t.partitionData) {
      const txn = transactionalProducer(pd.records)
      if (txn === undefined) continue
      const key = `${t.name}:${pd.index}`
      if (req.transactionalId === null || req.transactionalId === '') {
        refused.set(key, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
        continue
      }
      const partition = ctx.replicas.leaderPartition(t.name, pd.index)
      if (typeof partition === 'number' || !partition.needsTransactionVerification(txn.producerId, txn.producerEpoch)) continue
      producer = txn
      let list = wanted.get(t.name)
      if (list === undefined) wanted.set(t.name, (list = []))
      list.push(pd.index)
      guards.push({ key, partition, producerId: txn.producerId, guard: partition.beginTransactionVerification(txn.producerId) })
    }
  }
  if (producer === undefined || req.transactionalId === null) return refused
  const abortableSupported = ctx.apiVersion >= 11
  const errors = await verifyPartitionsInTransaction(ctx, {
    transactionalId: req.transactionalId,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
    partitions: wanted,
    abortableSupported,
  })
  for (const g of guards) {
    const error = errors.get(g.key) ?? ErrorCode.NONE
    if (error !== ErrorCode.NONE) refused.set(g.key, error)
    // A marker got there while the coordinator was asked: the transaction it verified is over.
    else if (!g.partition.isTransactionVerified(g.producerId, g.guard))
      refused.set(g.key, abortableSupported ? ErrorCode.TRANSACTION_ABORTABLE : ErrorCode.INVALID_TXN_STATE)
  }
  return refused
}

/**
 * Appends every partition's records; `writes` collects the appends still on their way to the
 * file, `awaited` where each appended partition's records end (what acks=all waits for).
 */
async function append(
  ctx: RequestContext,
  req: ProduceRequest,
  writes: Write[],
  awaited: Map<Input<PartitionProduceResponse>, AwaitedAppend>,
): Promise<Array<Input<TopicProduceResponse>>> {
  const responses: Array<Input<TopicProduceResponse>> = []
  const maxInflatedBytes = ctx.config.values.fetchMaxBytes
  const topics = new Map<string, CachedTopic | number>()
  for (const t of req.topicData) {
    if (!authorize(ctx, AclOperation.WRITE, 'topic', t.name)) {
      topics.set(t.name, ErrorCode.TOPIC_AUTHORIZATION_FAILED)
      continue
    }
    let state: CachedTopic | number | undefined = ctx.metadata.topic(t.name)
    if (state === undefined) {
      const mayCreate = authorizeCluster(ctx, AclOperation.CREATE) || authorize(ctx, AclOperation.CREATE, 'topic', t.name)
      state = mayCreate ? await ctx.admin.autoCreateTopic(t.name) : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    }
    topics.set(t.name, state)
  }
  const refused = await verifyTransactional(ctx, {
    ...req,
    topicData: req.topicData.filter((t) => topics.get(t.name) !== ErrorCode.TOPIC_AUTHORIZATION_FAILED),
  })
  for (const t of req.topicData) {
    const state = topics.get(t.name)
    const known = typeof state !== 'number'
    responses.push({
      name: t.name,
      partitionResponses: t.partitionData.map((pd) => {
        const partition = known
          ? ctx.replicas.leaderPartition(t.name, pd.index)
          : state === ErrorCode.LEADER_NOT_AVAILABLE || state === ErrorCode.TOPIC_AUTHORIZATION_FAILED
            ? state
            : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
        if (typeof partition === 'number') return { index: pd.index, errorCode: partition, baseOffset: -1n }
        const verification = refused.get(`${t.name}:${pd.index}`)
        if (verification !== undefined) return { index: pd.index, errorCode: verification, baseOffset: -1n }
        const response: Input<PartitionProduceResponse> = { index: pd.index, errorCode: ErrorCode.NONE, baseOffset: -1n }
        const settle = (r: AppendOutcome): Promise<void> | undefined => {
          if (r.lastOffset !== undefined) awaited.set(response, { partition, requiredOffset: r.lastOffset + 1n })
          Object.assign(response, {
            errorCode: r.errorCode,
            baseOffset: r.baseOffset,
            logAppendTimeMs: r.logAppendTime,
            logStartOffset: partition.logStartOffset,
            recordErrors: r.recordErrors,
            errorMessage: r.errorMessage,
          })
          if (r.inflateLimit === true) {
            const c = ctx.connection
            ctx.log.warn(
              { clientId: ctx.clientId, client: `${c.remoteAddress}:${c.remotePort}`, topic: t.name, partition: pd.index, limit: maxInflatedBytes },
              'refused a compressed batch whose records inflate past fetch.max.bytes',
            )
          }
          return r.written
        }
        // Validating a large compressed batch finishes later (Partition.appendRecordsToLeader);
        // the request's bytes stay retained until `written` settles.
        const r = partition.appendRecordsToLeader(pd.records, { now: Date.now(), maxInflatedBytes, requiredAcks: req.acks })
        const written = r instanceof Promise ? r.then(settle) : settle(r)
        if (written !== undefined) writes.push({ topic: t.name, written, response })
        return response
      }),
    })
  }
  return responses
}

/** Byte offset of a record batch's producerId (v2 batch header). */
const PRODUCER_ID_OFFSET = 43

/** Whether any batch carries a producer id (an idempotent producer). */
function hasIdempotentRecords(req: ProduceRequest): boolean {
  for (const t of req.topicData) {
    for (const p of t.partitionData) {
      const r = p.records
      if (r !== null && r.length >= PRODUCER_ID_OFFSET + 8 && r.readBigInt64BE(PRODUCER_ID_OFFSET) >= 0n) return true
    }
  }
  return false
}

/** Records the request's bytes against the producer's quota; the connection is muted while throttled. */
function recordProduceQuota(ctx: RequestContext, req: ProduceRequest): number {
  const quotas = ctx.security.quotas
  if (!quotas.enabled) return 0
  let bytes = 0
  for (const t of req.topicData) for (const p of t.partitionData) bytes += p.records?.length ?? 0
  const ms = quotas.recordAndGetThrottleTimeMs('produce', ctx.connection.principal.name, ctx.clientId ?? '', bytes)
  ctx.connection.throttle(ms)
  return ms
}

interface Write {
  topic: string
  written: Promise<void>
  response: Input<PartitionProduceResponse>
}

export const produceHandler = defineHandler({
  key: ApiKey.Produce,
  minVersion: 0,
  maxVersion: 11,
  minServedVersion: 3,
  errorResponse: (_ctx, req, code) => errorResponse(req, code),
  async handle(ctx, req) {
    if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) return errorResponse(req, ErrorCode.INVALID_REQUIRED_ACKS)
    if (req.transactionalId !== null && !authorize(ctx, AclOperation.WRITE, 'transactional-id', req.transactionalId)) {
      return errorResponse(req, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
    }
    if (
      req.transactionalId === null &&
      hasIdempotentRecords(req) &&
      !authorizeCluster(ctx, AclOperation.IDEMPOTENT_WRITE) &&
      !authorizeByResourceType(ctx, AclOperation.WRITE, 'topic')
    ) {
      return errorResponse(req, ErrorCode.CLUSTER_AUTHORIZATION_FAILED)
    }
    const writes: Write[] = []
    const awaited = new Map<Input<PartitionProduceResponse>, AwaitedAppend>()
    // The log writer reads the records from the request's bytes until they are in the file, also
    // when a later partition fails.
    const releaseRequest = ctx.retainRequestBytes()
    let responses
    try {
      responses = await append(ctx, req, writes, awaited)
    } finally {
      void Promise.allSettled(writes.map((w) => w.written)).then(releaseRequest)
    }
    for (const w of writes) {
      try {
        await w.written
      } catch (err) {
        ctx.log.error({ err, topic: w.topic, partition: w.response.index }, 'log write failed')
        Object.assign(w.response, { errorCode: ErrorCode.KAFKA_STORAGE_ERROR, baseOffset: -1n, errorMessage: 'the log could not be written' })
      }
    }
    const throttleTimeMs = recordProduceQuota(ctx, req)
    if (req.acks === 0) return NO_RESPONSE
    if (req.acks === -1) {
      const waiting = [...awaited].filter(([response]) => response.errorCode === ErrorCode.NONE)
      await ctx.replicas.awaitReplication(
        waiting.map(([, a]) => a),
        req.timeoutMs,
      )
      for (const [response, a] of waiting) response.errorCode = a.errorCode!
    }
    return { responses, throttleTimeMs }
  },
})
