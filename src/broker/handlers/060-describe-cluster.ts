// DescribeCluster v0-1: the live brokers and the controller, as the controller last announced them.
import { defineHandler } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { requestedOperations } from '../authorized-operations.js'

/** EndpointType 1 = brokers; 2 = controllers (KIP-919). */
const BROKER_ENDPOINTS = 1

export const describeClusterHandler = defineHandler({
  key: ApiKey.DescribeCluster,
  minVersion: 0,
  maxVersion: 1,
  handle(ctx, req) {
    const m = ctx.metadata
    if (ctx.apiVersion >= 1 && req.endpointType !== BROKER_ENDPOINTS) {
      return {
        errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE,
        errorMessage: 'Only broker endpoints are served',
        clusterId: m.clusterId,
        endpointType: req.endpointType,
      }
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      endpointType: BROKER_ENDPOINTS,
      clusterId: m.clusterId,
      controllerId: m.controllerId,
      brokers: m.aliveBrokers(ctx.connection.listenerName).map(({ nodeId, ...b }) => ({ brokerId: nodeId, ...b })),
      clusterAuthorizedOperations: requestedOperations(ctx, req.includeClusterAuthorizedOperations, 'cluster', 'kafka-cluster'),
    }
  },
})
