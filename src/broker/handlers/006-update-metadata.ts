// UpdateMetadata v0-8 (ZooKeeper mode, from the controller): the live brokers and the states of
// the partitions that changed; partitions marked LeaderDuringDelete leave the MetadataCache.
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { AclOperation, authorizeCluster } from '../authorized-operations.js'
import { defineHandler } from '../handler.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { decodeUpdateMetadata } from '../../controller/wire.js'

export const updateMetadataHandler = defineHandler({
  key: ApiKey.UpdateMetadata,
  minVersion: 0,
  maxVersion: 8,
  errorResponse: (_ctx, _req, errorCode) => ({ errorCode }),
  async handle(ctx, req) {
    // Only brokers (the controller) send this: CLUSTER_ACTION on the cluster, as KafkaApis checks.
    if (!authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)) return { errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED }
    const r = await ctx.controlPlane.updateMetadata(decodeUpdateMetadata(req, ctx.apiVersion))
    return { errorCode: r.errorCode }
  },
})
