// FindCoordinator v0-6; batched keys from v4 (KIP-699). A group's coordinator is the leader of
// its __consumer_offsets partition (Kafka's GroupCoordinator.partitionFor); the first group lookup
// creates that topic, as Kafka does, and COORDINATOR_NOT_AVAILABLE answers until the partition
// has a leader. A transactional id's coordinator is the leader of its __transaction_state
// partition, the topic created by the first lookup in the same way.
import { AclOperation, authorize } from '../authorized-operations.js'
import { defineHandler, type RequestContext } from '../handler.js'
import { ErrorCode } from '../../protocol/generated/error-codes.js'
import { ApiKey } from '../../protocol/generated/index.js'
import { OFFSETS_TOPIC } from '../../groups/offsets-topic.js'
import { TRANSACTION_STATE_TOPIC } from '../../transactions/transaction-log.js'

const GROUP = 0
const TRANSACTION = 1

interface Found {
  nodeId: number
  host: string
  port: number
  errorCode: number
  errorMessage: string | null
}

const notAvailable = (errorCode: number, errorMessage: string | null = null): Found => ({ nodeId: -1, host: '', port: -1, errorCode, errorMessage })

async function findGroupCoordinator(ctx: RequestContext, groupId: string): Promise<Found> {
  const ready = await ctx.groups.whenReady()
  if (ready !== ErrorCode.NONE) return notAvailable(ready)
  const state = ctx.metadata.partition(OFFSETS_TOPIC, ctx.groups.partitionFor(groupId))
  const leader = state === undefined ? undefined : ctx.metadata.brokerEndpoint(state.leader, ctx.connection.listenerName)
  if (leader === undefined) return notAvailable(ErrorCode.COORDINATOR_NOT_AVAILABLE)
  return { nodeId: leader.nodeId, host: leader.host, port: leader.port, errorCode: ErrorCode.NONE, errorMessage: null }
}

async function findTransactionCoordinator(ctx: RequestContext, transactionalId: string): Promise<Found> {
  const ready = await ctx.transactions.whenReady()
  if (ready !== ErrorCode.NONE) return notAvailable(ready)
  const state = ctx.metadata.partition(TRANSACTION_STATE_TOPIC, ctx.transactions.partitionFor(transactionalId))
  const leader = state === undefined ? undefined : ctx.metadata.brokerEndpoint(state.leader, ctx.connection.listenerName)
  if (leader === undefined) return notAvailable(ErrorCode.COORDINATOR_NOT_AVAILABLE)
  return { nodeId: leader.nodeId, host: leader.host, port: leader.port, errorCode: ErrorCode.NONE, errorMessage: null }
}

export const findCoordinatorHandler = defineHandler({
  key: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 6,
  async handle(ctx, req) {
    const v = ctx.apiVersion
    const keyType = v >= 1 ? req.keyType : GROUP
    const find = async (key: string): Promise<Found> => {
      if (keyType === GROUP && !authorize(ctx, AclOperation.DESCRIBE, 'group', key)) return notAvailable(ErrorCode.GROUP_AUTHORIZATION_FAILED)
      if (keyType === TRANSACTION && !authorize(ctx, AclOperation.DESCRIBE, 'transactional-id', key))
        return notAvailable(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
      if (keyType === GROUP) return findGroupCoordinator(ctx, key)
      if (keyType === TRANSACTION) return findTransactionCoordinator(ctx, key)
      return notAvailable(ErrorCode.INVALID_REQUEST, `Unsupported key type ${keyType}`)
    }
    if (v < 4) return { throttleTimeMs: 0, ...(await find(req.key)) }
    const coordinators = []
    for (const key of req.coordinatorKeys) coordinators.push({ key, ...(await find(key)) })
    return { throttleTimeMs: 0, coordinators }
  },
})
