// DescribeLogDirs v0-4: partition sizes per log dir, and the dir's total and usable bytes (v4).
// Every replica this broker hosts is listed, followers too, each with its offset lag (Kafka's
// getLogEndOffsetLag: how far its log end is below the high watermark, 0 when not below).
import { statfsSync } from 'node:fs'
import { resolve } from 'node:path'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'

export const describeLogDirsHandler = defineHandler({
  key: ApiKey.DescribeLogDirs,
  minVersion: 0,
  maxVersion: 4,
  handle(ctx, req) {
    // DESCRIBE on the cluster (KafkaApis.handleDescribeLogDirsRequest); v3+ carry the error, older versions get no dirs.
    if (!authorizeCluster(ctx, AclOperation.DESCRIBE)) return { throttleTimeMs: 0, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, results: [] }
    const wanted = req.topics === null ? null : new Map(req.topics.map((t) => [t.topic, new Set(t.partitions)]))
    const topics = []
    for (const t of ctx.metadata.topics()) {
      const parts = wanted === null ? null : wanted.get(t.meta.name)
      if (wanted !== null && parts === undefined) continue
      const partitions = ctx.replicas
        .partitions(t.meta.name)
        .filter((p) => parts == null || parts.has(p.index))
        .map((p) => {
          const lag = p.highWatermark - p.log.logEndOffset
          return { partitionIndex: p.index, partitionSize: BigInt(p.log.size), offsetLag: lag > 0n ? lag : 0n, isFutureKey: false }
        })
      if (partitions.length > 0) topics.push({ name: t.meta.name, partitions })
    }
    const dir = ctx.config.values.logDirs[0]!
    let totalBytes = -1n
    let usableBytes = -1n
    try {
      const st = statfsSync(dir, { bigint: true })
      totalBytes = st.blocks * st.bsize
      usableBytes = st.bavail * st.bsize
    } catch {
      // statfs is informative only; -1 says unknown.
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      results: [{ errorCode: ErrorCode.NONE, logDir: resolve(dir), topics, totalBytes, usableBytes }],
    }
  },
})
