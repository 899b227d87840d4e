// Fetch v4-17: read; if fewer than min.bytes are there, wait in the fetch purgatory (Kafka's
// DelayedFetch) until appends bring them or max.wait.ms passes. Per-partition and per-response
// byte limits with at least one batch (KIP-74), fetch sessions (KIP-227), topic ids from v13.
// Records go out as the file ranges storage read, never re-encoded. isolation_level
// read_committed stops at the last stable offset and lists the aborted transactions in range.
// A consumer needs READ on each topic (others answer TOPIC_AUTHORIZATION_FAILED and stay out of
// the session), a follower CLUSTER_ACTION; a consumer over its byte-rate quota gets an empty
// answer with throttle_time_ms and its connection is muted that long (KafkaApis.handleFetchRequest).
// A follower's fetch (replica id, or replica state from v15) reads up to what the leader has
// written and tells it where the follower's log ends (see fetch-read.ts). A consumer's fetch from
// v11 is answered by a follower too (up to its high watermark), as Kafka does; the current leader
// epoch is checked first on either (FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH).
import { AclOperation, authorize, authorizeCluster } from '../authorized-operations.js'
import { defineHandler, type RequestContext } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import type { FetchRequest } from '../../protocol/generated/fetch-request.js'
import type { FetchResponse, FetchableTopicResponse, PartitionData } from '../../protocol/generated/fetch-response.js'
import type { Input } from '../../protocol/codec-support.js'
import { ZERO_UUID } from '../../protocol/codec-support.js'
import type { SessionPartition } from '../fetch-session.js'
import { readPartition, type FetchingReplica } from '../fetch-read.js'
import { DelayedFetch } from '../delayed-fetch.js'
import { partitionKey } from '../replica-manager.js'
import type { FileRegion } from '../../storage/file-region.js'

type Out = Input<PartitionData> & { partitionIndex: number }

interface Wanted {
  key: string
  sp: SessionPartition
  currentLeaderEpoch: number
}

/** The partitions the request names, keyed as the session keys them. */
function requested(ctx: RequestContext, req: FetchRequest, byId: boolean): Wanted[] {
  const out: Wanted[] = []
  for (const t of req.topics) {
    const name = byId ? (ctx.metadata.topicById(t.topicId)?.meta.name ?? '') : t.topic
    const topicId = byId ? t.topicId : (ctx.metadata.topic(t.topic)?.meta.topicId ?? ZERO_UUID)
    for (const p of t.partitions) {
      out.push({
        key: `${byId ? t.topicId : t.topic}:${p.partition}`,
        sp: {
          topic: name,
          topicId,
          partition: p.partition,
          fetchOffset: p.fetchOffset,
          maxBytes: p.partitionMaxBytes,
          lastHighWatermark: -1n,
          lastLogStartOffset: -1n,
        },
        currentLeaderEpoch: p.currentLeaderEpoch,
      })
    }
  }
  return out
}

interface Collected {
  parts: Array<{ sp: SessionPartition; out: Out }>
  bytes: number
  /** bytes of throttled replicas (a follower's fetch) */
  throttledBytes: number
  failed: boolean
  release(): void
}

function group(parts: Array<{ sp: SessionPartition; out: Out }>): Array<Input<FetchableTopicResponse>> {
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
    const v = ctx.apiVersion
    const byId = v >= 13
    const lookup = v >= 7 ? ctx.fetchSessions.lookup(req.sessionId, req.sessionEpoch) : { kind: 'sessionless' as const }
    if (lookup.kind === 'error') return { errorCode: lookup.errorCode, sessionId: 0, responses: [] }

    const replicaId = v >= 15 ? (req.replicaState?.replicaId ?? -1) : req.replicaId
    const follower = replicaId >= 0
    // Kafka's fetchOnlyLeader: a consumer's fetch from v11 (with KIP-392's client metadata) may
    // read a follower, whether or not replica.selector.class is set.
    const fetchOnlyLeader = follower || v < 11
    const denied: Array<{ sp: SessionPartition; out: Out }> = []
    const allowedFollower = !follower || authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)
    const fromRequest = requested(ctx, req, byId).filter((w) => {
      if (allowedFollower && (follower || w.sp.topic === '' || authorize(ctx, AclOperation.READ, 'topic', w.sp.topic))) return true
      denied.push({
        sp: w.sp,
        out: {
          partitionIndex: w.sp.partition,
          errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
          highWatermark: -1n,
          lastStableOffset: -1n,
          logStartOffset: -1n,
          abortedTransactions: null,
          records: null,
        },
      })
      return false
    })
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
    const replica: FetchingReplica | undefined =
      replicaId < 0
        ? undefined
        : {
            id: replicaId,
            brokerEpoch: v >= 15 ? (req.replicaState?.replicaEpoch ?? -1n) : -1n,
            logStartOffsets: new Map(
              req.topics.flatMap((t) => t.partitions.map((p) => [`${byId ? t.topicId : t.topic}:${p.partition}`, p.logStartOffset] as const)),
            ),
          }
    // Kafka's KafkaApis: the request's max_bytes (none before v3), capped by the broker's fetch.max.bytes.
    const responseMaxBytes = Math.min(v >= 3 ? req.maxBytes : 0x7fffffff, ctx.config.values.fetchMaxBytes)

    const collect = (): Collected => {
      let remaining = responseMaxBytes
      let bytes = 0
      let throttledBytes = 0
      let failed = false
      const parts: Array<{ sp: SessionPartition; out: Out }> = []
      const regions: FileRegion[] = []
      for (const sp of wanted) {
        const key = `${byId ? sp.topicId : sp.topic}:${sp.partition}`
        const out = readPartition(ctx, sp, {
          byId,
          replica,
          key,
          isolationLevel: req.isolationLevel,
          currentLeaderEpoch: leaderEpochs.get(key) ?? -1,
          fetchOnlyLeader,
          maxBytes: Math.min(sp.maxBytes, Math.max(remaining, 0)),
          minOneBatch: bytes === 0,
        })
        const n = out.bytes
        regions.push(...out.regions)
        bytes += n
        throttledBytes += out.throttledBytes ?? 0
        remaining -= n
        if (out.data.errorCode !== ErrorCode.NONE) failed = true
        const changed =
          n > 0 || out.data.errorCode !== ErrorCode.NONE || out.data.highWatermark !== sp.lastHighWatermark || out.data.logStartOffset !== sp.lastLogStartOffset
        if (full || changed) parts.push({ sp, out: out.data })
      }
      return {
        parts,
        bytes,
        throttledBytes,
        failed,
        release: () => {
          for (const r of regions) r.release()
        },
      }
    }

    const respond = (r: Collected): Input<FetchResponse> => {
      // What is sent to followers of throttled replicas counts toward the leader's replication rate.
      if (follower) ctx.replicas.leaderQuota.record(r.throttledBytes)
      for (const { sp, out } of r.parts) {
        sp.lastHighWatermark = out.highWatermark as bigint
        sp.lastLogStartOffset = out.logStartOffset as bigint
      }
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NONE,
        sessionId: session?.id ?? 0,
        responses: group(denied.length === 0 ? r.parts : [...r.parts, ...denied]),
      }
    }
    const quotas = ctx.security.quotas
    const throttled = (r: Collected): Input<FetchResponse> | undefined => {
      if (follower || !quotas.enabled) return undefined
      const user = ctx.connection.principal.name
      const clientId = ctx.clientId ?? ''
      const ms = quotas.recordAndGetThrottleTimeMs('fetch', user, clientId, r.bytes)
      if (ms <= 0) return undefined
      // The bytes are not sent, so they do not count; the client waits out the throttle time.
      quotas.unrecord('fetch', user, clientId, r.bytes)
      r.release()
      ctx.connection.throttle(ms)
      return { throttleTimeMs: ms, errorCode: ErrorCode.NONE, sessionId: session?.id ?? 0, responses: [] }
    }

    const first = collect()
    if (req.maxWaitMs <= 0 || first.bytes >= req.minBytes || first.failed || wanted.length === 0) return throttled(first) ?? respond(first)
    first.release()
    return new Promise((resolve) => {
      const op = new DelayedFetch(req.maxWaitMs, req.minBytes, collect, (r) => resolve(throttled(r) ?? respond(r)))
      ctx.replicas.fetchPurgatory.tryCompleteElseWatch(
        op,
        wanted.map((sp) => partitionKey(sp.topic, sp.partition)),
      )
    })
  },
})
