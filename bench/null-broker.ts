/**
 * The benchmark's ceiling: a broker on Samsa's own server layer (framing, request decoding,
 * response encoding, in-order replies) that stores nothing. Produce acknowledges each batch with
 * offsets counting up per partition; Fetch serves a virtual log of `--prefill` records per
 * partition made of one pre-built batch sent again and again (only its baseOffset changes, so
 * nothing is copied); produced records are acknowledged and dropped. Whatever Samsa does beyond
 * this (validation, storage, indexes) is what separates it from the ceiling.
 *
 *   node dist/bench/null-broker.js [--partitions 8] [--prefill RECORDS] [--value-size 1024]
 *
 * Prints {"bootstrap": "127.0.0.1:PORT"} on stdout when ready; exits when stdin closes or on
 * SIGTERM.
 */
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import { SocketServer } from '../src/server/listener.js'
import { HandlerRegistry, NO_RESPONSE, defineHandler } from '../src/broker/handler.js'
import { apiVersionsHandler } from '../src/broker/handlers/018-api-versions.js'
import { ApiKey } from '../src/protocol/generated/index.js'
import { ErrorCode } from '../src/protocol/generated/error-codes.js'
import { EMPTY, type Input } from '../src/protocol/codec-support.js'
import { RECORD_COUNT_OFFSET, RECORDS_OFFSET } from '../src/protocol/record-batch.js'
import { encodeRecordBatch } from '../src/protocol/record-codec.js'
import { createLogger } from '../src/logger.js'
import type { BrokerParts } from '../src/broker/handler.js'
import type { MetadataResponseTopic } from '../src/protocol/generated/metadata-response.js'
import type { FetchResponse, FetchableTopicResponse, PartitionData } from '../src/protocol/generated/fetch-response.js'

const { values: args } = parseArgs({
  options: {
    partitions: { type: 'string', default: '8' },
    prefill: { type: 'string', default: '0' },
    'value-size': { type: 'string', default: '1024' },
    'batch-bytes': { type: 'string', default: '1000000' },
  },
})
const PARTITIONS = Number(args.partitions)
const VALUE_SIZE = Number(args['value-size'])
const RECORDS_PER_BATCH = Math.max(1, Math.floor(Number(args['batch-bytes']) / VALUE_SIZE))
// The virtual log is whole pre-built batches (at least --prefill records), so every fetch starts on a batch boundary.
const PREFILL = BigInt(Math.ceil(Number(args.prefill) / RECORDS_PER_BATCH) * RECORDS_PER_BATCH)
const NODE_ID = 1

const value = Buffer.alloc(VALUE_SIZE)
for (let i = 0; i < VALUE_SIZE; i++) value[i] = 97 + ((i * 7919) % 26)
const batch = encodeRecordBatch({ records: Array.from({ length: RECORDS_PER_BATCH }, () => ({ value })) })
/** Everything after the 8-byte baseOffset, shared by every response. */
const batchTail = batch.subarray(8)

interface NullTopic {
  name: string
  topicId: string
  /** Next offset to hand out per partition: the virtual prefill plus what was produced. */
  logEnd: bigint[]
}
const topics = new Map<string, NullTopic>()
const byId = new Map<string, NullTopic>()

function topic(name: string): NullTopic {
  let t = topics.get(name)
  if (t === undefined) {
    t = { name, topicId: randomUUID(), logEnd: Array.from({ length: PARTITIONS }, () => PREFILL) }
    topics.set(name, t)
    byId.set(t.topicId, t)
  }
  return t
}

let endpoint = { host: '127.0.0.1', port: 0 }

function describe(t: NullTopic): Input<MetadataResponseTopic> {
  return {
    errorCode: ErrorCode.NONE,
    name: t.name,
    topicId: t.topicId,
    partitions: t.logEnd.map((_, i) => ({
      errorCode: ErrorCode.NONE,
      partitionIndex: i,
      leaderId: NODE_ID,
      leaderEpoch: 0,
      replicaNodes: [NODE_ID],
      isrNodes: [NODE_ID],
      offlineReplicas: [],
    })),
  }
}

const metadataHandler = defineHandler({
  key: ApiKey.Metadata,
  minVersion: 0,
  maxVersion: 12,
  handle(_ctx, req) {
    const listed =
      req.topics === null || req.topics.length === 0
        ? [...topics.values()]
        : req.topics.map((rt) => (rt.name ? topic(rt.name) : byId.get(rt.topicId))).filter((t) => t !== undefined)
    return {
      brokers: [{ nodeId: NODE_ID, host: endpoint.host, port: endpoint.port, rack: null }],
      clusterId: 'null-broker',
      controllerId: NODE_ID,
      topics: listed.map(describe),
    }
  },
})

const produceHandler = defineHandler({
  key: ApiKey.Produce,
  minVersion: 3,
  maxVersion: 11,
  handle(_ctx, req) {
    const responses = req.topicData.map((td) => {
      const t = topic(td.name)
      return {
        name: td.name,
        partitionResponses: td.partitionData.map((pd) => {
          const records = pd.records
          if (pd.index < 0 || pd.index >= PARTITIONS || records === null || records.length < RECORDS_OFFSET) {
            return { index: pd.index, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, baseOffset: -1n }
          }
          const baseOffset = t.logEnd[pd.index]!
          t.logEnd[pd.index] = baseOffset + BigInt(records.readInt32BE(RECORD_COUNT_OFFSET))
          return { index: pd.index, errorCode: ErrorCode.NONE, baseOffset, logAppendTimeMs: -1n, logStartOffset: 0n }
        }),
      }
    })
    return req.acks === 0 ? NO_RESPONSE : { responses }
  },
})

const listOffsetsHandler = defineHandler({
  key: ApiKey.ListOffsets,
  minVersion: 1,
  maxVersion: 10,
  handle(_ctx, req) {
    return {
      topics: req.topics.map((lt) => {
        const t = topic(lt.name)
        return {
          name: lt.name,
          partitions: lt.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode: ErrorCode.NONE,
            timestamp: -1n,
            offset: p.timestamp === -1n ? (t.logEnd[p.partitionIndex] ?? 0n) : 0n,
            leaderEpoch: 0,
          })),
        }
      }),
    }
  },
})

/** Whole virtual batches from `offset`, as [baseOffset, shared tail] chunk pairs. */
function virtualRecords(offset: bigint, maxBytes: number): { chunks: Buffer[]; bytes: number } {
  const chunks: Buffer[] = []
  let bytes = 0
  while (offset < PREFILL && (bytes === 0 || bytes + batch.length <= maxBytes)) {
    const head = Buffer.allocUnsafe(8)
    head.writeBigInt64BE(offset, 0)
    chunks.push(head, batchTail)
    bytes += batch.length
    offset += BigInt(RECORDS_PER_BATCH)
  }
  return { chunks, bytes }
}

const fetchHandler = defineHandler({
  key: ApiKey.Fetch,
  minVersion: 4,
  maxVersion: 17,
  handle(ctx, req) {
    const idBased = ctx.apiVersion >= 13
    let remaining = req.maxBytes
    let total = 0
    const responses: Array<Input<FetchableTopicResponse>> = req.topics.map((ft) => {
      const t = idBased ? byId.get(ft.topicId) : topic(ft.topic)
      return {
        topic: ft.topic,
        topicId: ft.topicId,
        partitions: ft.partitions.map((fp): Input<PartitionData> => {
          const logEnd = t?.logEnd[fp.partition]
          if (t === undefined || logEnd === undefined) {
            return {
              partitionIndex: fp.partition,
              errorCode: idBased ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
              highWatermark: -1n,
              records: EMPTY,
            }
          }
          const r = virtualRecords(fp.fetchOffset, Math.min(fp.partitionMaxBytes, remaining))
          remaining -= r.bytes
          total += r.bytes
          return {
            partitionIndex: fp.partition,
            errorCode: ErrorCode.NONE,
            highWatermark: logEnd,
            lastStableOffset: logEnd,
            logStartOffset: 0n,
            preferredReadReplica: -1,
            records: r.chunks.length === 0 ? EMPTY : r.chunks,
          }
        }),
      }
    })
    const response: Input<FetchResponse> = { errorCode: ErrorCode.NONE, sessionId: 0, responses }
    if (total > 0 || req.maxWaitMs <= 0) return response
    // Nothing to serve: hold the request for max.wait.ms like a real broker with no new data.
    return new Promise((resolve) => setTimeout(() => resolve(response), req.maxWaitMs))
  },
})

const registry = new HandlerRegistry().register(apiVersionsHandler, metadataHandler, produceHandler, fetchHandler, listOffsetsHandler)
// The handlers above never look at the broker parts; the server layer only asks for the quotas.
const parts = { security: { quotas: { enabled: false } } } as unknown as BrokerParts
const server = new SocketServer({ parts, registry, log: createLogger({ level: 'silent' }), maxRequestBytes: 104857600 })
const [bound] = await server.listen([{ name: 'PLAINTEXT', host: '127.0.0.1', port: 0 }])
endpoint = { host: '127.0.0.1', port: bound!.boundPort }
process.stdout.write(JSON.stringify({ bootstrap: `127.0.0.1:${endpoint.port}`, recordsPerBatch: RECORDS_PER_BATCH, prefill: Number(PREFILL) }) + '\n')

const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.stdin.on('end', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
