// OffsetForLeaderEpoch v0-4 (KIP-101, KIP-320): where a leader epoch ends in the leader's log,
// from its leader-epoch cache (Kafka's UnifiedLog.endOffsetForEpoch): the largest epoch at or
// below the one asked for and the offset the next one starts at (the log end for the latest).
// Followers ask it before fetching under a new leader and truncate there; consumers ask it to
// detect truncation. Answered by the leader only, whatever the replica id (Kafka's
// lastOffsetForLeaderEpoch); currentLeaderEpoch (v2+) is checked first, on a follower too
// (FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH; see ReplicaManager.hostedPartition). An epoch the
// log does not know gets (-1, -1), as Kafka answers.
import { AclOperation, authorize, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const offsetForLeaderEpochHandler = defineHandler({
  key: ApiKey.OffsetForLeaderEpoch,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    return {
      throttleTimeMs: 0,
      topics: req.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((rp) => {
          // A follower (replica id >= 0, v3+) needs CLUSTER_ACTION; a client DESCRIBE on the topic.
          const allowed =
            ctx.apiVersion >= 3 && req.replicaId >= 0
              ? authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)
              : authorize(ctx, AclOperation.DESCRIBE, 'topic', t.topic)
          if (!allowed) return { partition: rp.partition, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, leaderEpoch: -1, endOffset: -1n }
          const p = ctx.replicas.leaderPartition(t.topic, rp.partition, rp.currentLeaderEpoch)
          if (typeof p === 'number') return { partition: rp.partition, errorCode: p, leaderEpoch: -1, endOffset: -1n }
          const found = p.log.endOffsetForEpoch(rp.leaderEpoch)
          return { partition: rp.partition, errorCode: ErrorCode.NONE, leaderEpoch: found?.epoch ?? -1, endOffset: found?.endOffset ?? -1n }
        }),
      })),
    }
  },
})
