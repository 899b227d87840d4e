// Fetch v4-17: long polling on max.wait.ms/min.bytes woken by appends (no busy wait), per-partition
// and per-response byte limits with at least one batch (KIP-74), fetch sessions (KIP-227), topic
// ids from v13. Records go out as the file ranges storage read, never re-encoded.
import { defineHandler, NO_RESPONSE } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { FetchRequest } from '../../protocol/generated/fetch-request.js'
import type { FetchResponse, FetchableTopicResponse, PartitionData } from '../../protocol/generated/fetch-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { ZERO_UUID } from '../../protocol/codec-support.js'
import type { Broker } from '../broker.js'
import type { SessionPartition } from '../fetch-session.js'
import { readPartition } from '../fetch-read.js'

type Out = Input<PartitionData> & { partitionIndex: number }

interface Wanted {
  key: string
  sp: SessionPartition
  currentLeaderEpoch: number
}

/** The partitions the request names, keyed as the session keys them. */
function requested(broker: Broker, req: FetchRequest, byId: boolean): Wanted[] {
  const out: Wanted[] = []
  for (const t of req.topics) {
    const name = byId ? broker.topicById(t.topicId)?.meta.name ?? '' : t.topic
    const topicId = byId ? t.topicId : broker.topics.get(t.topic)?.meta.topicId ?? ZERO_UUID
    for (const p of t.partitions) {
      out.push({
        key: `${byId ? t.topicId : t.topic}:${p.partition}`,
        sp: { topic: name, topicId, partition: p.partition, fetchOffset: p.fetchOffset, maxBytes: p.partitionMaxBytes, lastHighWatermark: -1n, lastLogStartOffset: -1n },
        currentLeaderEpoch: p.currentLeaderEpoch,
      })
    }
  }
  return out
}

function group(parts: Array<{ sp: SessionPartition, out: Out }>): Array<Input<FetchableTopicResponse>> {
  const topics: Array<Input<FetchableTopicResponse> & { partitions: Out[] }> = []
  for (const { sp, out } of parts) {
    const last = topics[topics.length - 1]
    if (last !== undefined && last.topic === sp.topic && last.topicId === sp.topicId) last.partitions.push(out)
    else topics.push({ topic: sp.topic, topicId: sp.topicId, partitions: [out] })
  }
  return topics
}

export const fetchHandler = defineHandler({
  key: ApiKey.Fetch,
  minVersion: 4,
  maxVersion: 17,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode, responses: [] }),
  handle(ctx, req) {
    const broker = ctx.broker
    const v = ctx.apiVersion
    const byId = v >= 13
    const lookup = v >= 7 ? broker.fetchSessions.lookup(req.sessionId, req.sessionEpoch) : { kind: 'sessionless' as const }
    if (lookup.kind === 'error') return { errorCode: lookup.errorCode, sessionId: 0, responses: [] }

    const fromRequest = requested(broker, req, byId)
    const leaderEpochs = new Map(fromRequest.map((w) => [w.key, w.currentLeaderEpoch]))
    let wanted: SessionPartition[]
    const session = lookup.kind === 'sessionless' ? undefined : lookup.session
    if (session !== undefined) {
      if (lookup.kind === 'incremental') {
        for (const f of req.forgottenTopicsData) {
          for (const p of f.partitions) session.partitions.delete(`${byId ? f.topicId : f.topic}:${p}`)
        }
      }
      for (const w of fromRequest) {
        const known = session.partitions.get(w.key)
        if (known !== undefined) {
          known.fetchOffset = w.sp.fetchOffset
          known.maxBytes = w.sp.maxBytes
        } else {
          session.partitions.set(w.key, w.sp)
        }
      }
      wanted = [...session.partitions.values()]
    } else {
      wanted = fromRequest.map((w) => w.sp)
    }
    const full = lookup.kind !== 'incremental'
    const responseMaxBytes = v >= 3 ? req.maxBytes : 0x7fffffff

    const collect = (): { parts: Array<{ sp: SessionPartition, out: Out }>, bytes: number, failed: boolean } => {
      let remaining = responseMaxBytes
      let bytes = 0
      let failed = false
      const parts: Array<{ sp: SessionPartition, out: Out }> = []
      for (const sp of wanted) {
        const key = `${byId ? sp.topicId : sp.topic}:${sp.partition}`
        const out = readPartition(broker, sp, {
          byId,
          currentLeaderEpoch: leaderEpochs.get(key) ?? -1,
          maxBytes: Math.min(sp.maxBytes, Math.max(remaining, 0)),
          minOneBatch: bytes === 0,
        })
        const n = out.bytes
        bytes += n
        remaining -= n
        if (out.data.errorCode !== ErrorCode.NONE) failed = true
        const changed = n > 0 || out.data.errorCode !== ErrorCode.NONE ||
          out.data.highWatermark !== sp.lastHighWatermark || out.data.logStartOffset !== sp.lastLogStartOffset
        if (full || changed) parts.push({ sp, out: out.data })
      }
      return { parts, bytes, failed }
    }

    const respond = (r: ReturnType<typeof collect>): Input<FetchResponse> => {
      for (const { sp, out } of r.parts) {
        sp.lastHighWatermark = out.highWatermark as bigint
        sp.lastLogStartOffset = out.logStartOffset as bigint
      }
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: session?.id ?? 0, responses: group(r.parts) }
    }

    const first = collect()
    if (req.maxWaitMs <= 0 || first.bytes >= req.minBytes || first.failed || wanted.length === 0) return respond(first)

    // Park the request until an append to one of its partitions or max.wait.ms, whichever first.
    return new Promise((resolve) => {
      const cancels: Array<() => void> = []
      let done = false
      const wake = (): void => {
        if (done) return
        const r = collect()
        if (r.bytes < req.minBytes && !r.failed && Date.now() < deadline) {
          for (const p of parked()) cancels.push(p.onNextAppend(wake))
          return
        }
        done = true
        clearTimeout(timer)
        for (const c of cancels) c()
        broker.parkedFetches.delete(end)
        resolve(respond(r))
      }
      // Broker shutdown ends a parked fetch at once (its connection is closing anyway).
      const end = (): void => {
        if (done) return
        done = true
        clearTimeout(timer)
        for (const c of cancels) c()
        resolve(NO_RESPONSE)
      }
      const parked = () => wanted.flatMap((sp) => {
        const p = broker.partition(sp.topic, sp.partition)
        return p === undefined ? [] : [p]
      })
      const deadline = Date.now() + req.maxWaitMs
      const timer = setTimeout(() => {
        if (done) return
        done = true
        for (const c of cancels) c()
        broker.parkedFetches.delete(end)
        resolve(respond(collect()))
      }, req.maxWaitMs)
      broker.parkedFetches.add(end)
      for (const p of parked()) cancels.push(p.onNextAppend(wake))
    })
  },
})

