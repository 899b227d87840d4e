/**
 * The controller's requests on the wire: LeaderAndIsr (v0-7), UpdateMetadata (v0-8) and
 * StopReplica (v0-4) bodies for any version from the events of control.ts, and back. The
 * controller's channel encodes with these; the broker's handlers decode with them, so both
 * ends agree on what each version carries (topic ids from LeaderAndIsr v5 and UpdateMetadata
 * v7, per-partition deletion from StopReplica v3, broker epochs from v2/v5/v1).
 */
import { ZERO_UUID } from '../protocol/codec-support.js'
import type { LeaderAndIsrRequest } from '../protocol/generated/leader-and-isr-request.js'
import type { LeaderAndIsrResponse } from '../protocol/generated/leader-and-isr-response.js'
import type { UpdateMetadataRequest } from '../protocol/generated/update-metadata-request.js'
import type { StopReplicaRequest } from '../protocol/generated/stop-replica-request.js'
import type { StopReplicaResponse } from '../protocol/generated/stop-replica-response.js'
import type { Input } from '../protocol/codec-support.js'
import type { ControlResult, LeaderAndIsrEvent, LiveBroker, PartitionResult, StopReplicaEvent, UpdateMetadataEvent } from './control.js'

/** LeaderAndIsr's type field (v5+, KIP-516): a full set of the broker's partitions, or a change. */
const LAI_INCREMENTAL = 0
const LAI_FULL = 1

/** Kafka's SecurityProtocol ids, as UpdateMetadata carries them. */
const SECURITY_PROTOCOL_IDS: Record<string, number> = { PLAINTEXT: 0, SSL: 1, SASL_PLAINTEXT: 2, SASL_SSL: 3 }
const SECURITY_PROTOCOL_NAMES = Object.fromEntries(Object.entries(SECURITY_PROTOCOL_IDS).map(([k, v]) => [v, k]))

function groupByTopic<T extends { topic: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const i of items) {
    let list = out.get(i.topic)
    if (list === undefined) out.set(i.topic, (list = []))
    list.push(i)
  }
  return out
}

// ---- LeaderAndIsr ----------------------------------------------------------------------------

export function encodeLeaderAndIsr(e: LeaderAndIsrEvent, version: number, liveLeaders: readonly LiveBroker[], listener: string): Input<LeaderAndIsrRequest> {
  const state = (p: LeaderAndIsrEvent['partitions'][number]) => ({
    topicName: p.topic,
    partitionIndex: p.partition,
    controllerEpoch: e.controllerEpoch,
    leader: p.leader,
    leaderEpoch: p.leaderEpoch,
    isr: p.isr,
    partitionEpoch: p.partitionEpoch,
    replicas: p.replicas,
    addingReplicas: p.addingReplicas,
    removingReplicas: p.removingReplicas,
    isNew: p.isNew,
    leaderRecoveryState: p.leaderRecoveryState,
  })
  const leaders = new Set(e.partitions.map((p) => p.leader))
  return {
    controllerId: e.controllerId,
    controllerEpoch: e.controllerEpoch,
    brokerEpoch: e.brokerEpoch,
    type: e.full ? LAI_FULL : LAI_INCREMENTAL,
    ungroupedPartitionStates: version < 2 ? e.partitions.map(state) : [],
    topicStates:
      version < 2 ? [] : [...groupByTopic(e.partitions)].map(([topic, ps]) => ({ topicName: topic, topicId: ps[0]!.topicId, partitionStates: ps.map(state) })),
    liveLeaders: liveLeaders
      .filter((b) => leaders.has(b.id))
      .map((b) => {
        const ep = b.endpoints.find((x) => x.listener === listener) ?? b.endpoints[0]
        return { brokerId: b.id, hostName: ep?.host ?? '', port: ep?.port ?? -1 }
      }),
  }
}

export function decodeLeaderAndIsr(req: LeaderAndIsrRequest, version: number): LeaderAndIsrEvent {
  const states =
    version < 2
      ? req.ungroupedPartitionStates.map((p) => ({ p, topicId: ZERO_UUID }))
      : req.topicStates.flatMap((t) => t.partitionStates.map((p) => ({ p: { ...p, topicName: t.topicName }, topicId: version >= 5 ? t.topicId : ZERO_UUID })))
  return {
    controllerId: req.controllerId,
    controllerEpoch: req.controllerEpoch,
    brokerEpoch: version >= 2 ? req.brokerEpoch : -1n,
    full: version >= 5 && req.type === LAI_FULL,
    partitions: states.map(({ p, topicId }) => ({
      topic: p.topicName,
      topicId,
      partition: p.partitionIndex,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      isr: p.isr,
      partitionEpoch: p.partitionEpoch,
      replicas: p.replicas,
      addingReplicas: p.addingReplicas,
      removingReplicas: p.removingReplicas,
      isNew: p.isNew,
      leaderRecoveryState: p.leaderRecoveryState,
    })),
  }
}

export function encodeLeaderAndIsrResponse(r: ControlResult, version: number, topicIds: ReadonlyMap<string, string>): Input<LeaderAndIsrResponse> {
  if (version < 5) {
    return { errorCode: r.errorCode, partitionErrors: r.partitions.map((p) => ({ topicName: p.topic, partitionIndex: p.partition, errorCode: p.errorCode })) }
  }
  return {
    errorCode: r.errorCode,
    topics: [...groupByTopic(r.partitions)].map(([topic, ps]) => ({
      topicId: topicIds.get(topic) ?? ZERO_UUID,
      partitionErrors: ps.map((p) => ({ partitionIndex: p.partition, errorCode: p.errorCode })),
    })),
  }
}

export function decodeLeaderAndIsrResponse(r: LeaderAndIsrResponse, version: number, topicNames: ReadonlyMap<string, string>): ControlResult {
  const partitions: PartitionResult[] =
    version < 5
      ? r.partitionErrors.map((p) => ({ topic: p.topicName, partition: p.partitionIndex, errorCode: p.errorCode }))
      : r.topics.flatMap((t) =>
          t.partitionErrors.map((p) => ({ topic: topicNames.get(t.topicId) ?? t.topicId, partition: p.partitionIndex, errorCode: p.errorCode })),
        )
  return { errorCode: r.errorCode, partitions }
}

// ---- UpdateMetadata --------------------------------------------------------------------------

export function encodeUpdateMetadata(e: UpdateMetadataEvent, version: number): Input<UpdateMetadataRequest> {
  const state = (p: UpdateMetadataEvent['partitions'][number]) => ({
    topicName: p.topic,
    partitionIndex: p.partition,
    controllerEpoch: e.controllerEpoch,
    leader: p.leader,
    leaderEpoch: p.leaderEpoch,
    isr: p.isr,
    zkVersion: p.partitionEpoch,
    replicas: p.replicas,
    offlineReplicas: p.offlineReplicas,
  })
  return {
    controllerId: e.controllerId,
    controllerEpoch: e.controllerEpoch,
    brokerEpoch: e.brokerEpoch,
    type: 0,
    ungroupedPartitionStates: version < 5 ? e.partitions.map(state) : [],
    topicStates:
      version < 5 ? [] : [...groupByTopic(e.partitions)].map(([topic, ps]) => ({ topicName: topic, topicId: ps[0]!.topicId, partitionStates: ps.map(state) })),
    liveBrokers: e.brokers.map((b) => {
      const plaintext = b.endpoints.find((x) => x.securityProtocol === 'PLAINTEXT')
      return {
        id: b.id,
        v0Host: plaintext?.host ?? '',
        v0Port: plaintext?.port ?? -1,
        endpoints: b.endpoints.map((x) => ({
          port: x.port,
          host: x.host,
          listener: x.listener,
          securityProtocol: SECURITY_PROTOCOL_IDS[x.securityProtocol] ?? 0,
        })),
        rack: b.rack,
      }
    }),
  }
}

export function decodeUpdateMetadata(req: UpdateMetadataRequest, version: number): UpdateMetadataEvent {
  const states =
    version < 5
      ? req.ungroupedPartitionStates.map((p) => ({ p, topicId: ZERO_UUID }))
      : req.topicStates.flatMap((t) => t.partitionStates.map((p) => ({ p: { ...p, topicName: t.topicName }, topicId: version >= 7 ? t.topicId : ZERO_UUID })))
  return {
    controllerId: req.controllerId,
    controllerEpoch: req.controllerEpoch,
    brokerEpoch: version >= 5 ? req.brokerEpoch : -1n,
    brokers: req.liveBrokers.map((b) => ({
      id: b.id,
      rack: version >= 2 ? b.rack : null,
      endpoints:
        version === 0
          ? [{ listener: 'PLAINTEXT', host: b.v0Host, port: b.v0Port, securityProtocol: 'PLAINTEXT' }]
          : b.endpoints.map((x) => {
              const protocol = SECURITY_PROTOCOL_NAMES[x.securityProtocol] ?? 'PLAINTEXT'
              return { listener: version >= 3 ? x.listener : protocol, host: x.host, port: x.port, securityProtocol: protocol }
            }),
    })),
    partitions: states.map(({ p, topicId }) => ({
      topic: p.topicName,
      topicId,
      partition: p.partitionIndex,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      isr: p.isr,
      partitionEpoch: p.zkVersion,
      replicas: p.replicas,
      addingReplicas: [],
      removingReplicas: [],
      leaderRecoveryState: 0,
      offlineReplicas: version >= 4 ? p.offlineReplicas : [],
    })),
  }
}

// ---- StopReplica -----------------------------------------------------------------------------

/**
 * Before v3 one request carries one delete flag: callers send deleting and non-deleting
 * partitions in separate requests (the channel splits them).
 */
export function encodeStopReplica(e: StopReplicaEvent, version: number): Input<StopReplicaRequest> {
  const byTopic = [...groupByTopic(e.partitions)]
  return {
    controllerId: e.controllerId,
    controllerEpoch: e.controllerEpoch,
    brokerEpoch: e.brokerEpoch,
    deletePartitions: e.partitions.some((p) => p.delete),
    ungroupedPartitions: version === 0 ? e.partitions.map((p) => ({ topicName: p.topic, partitionIndex: p.partition })) : [],
    topics: version >= 1 && version <= 2 ? byTopic.map(([name, ps]) => ({ name, partitionIndexes: ps.map((p) => p.partition) })) : [],
    topicStates:
      version >= 3
        ? byTopic.map(([topicName, ps]) => ({
            topicName,
            partitionStates: ps.map((p) => ({ partitionIndex: p.partition, leaderEpoch: p.leaderEpoch, deletePartition: p.delete })),
          }))
        : [],
  }
}

export function decodeStopReplica(req: StopReplicaRequest, version: number): StopReplicaEvent {
  const partitions =
    version === 0
      ? req.ungroupedPartitions.map((p) => ({ topic: p.topicName, partition: p.partitionIndex, leaderEpoch: -1, delete: req.deletePartitions }))
      : version <= 2
        ? req.topics.flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition, leaderEpoch: -1, delete: req.deletePartitions })))
        : req.topicStates.flatMap((t) =>
            t.partitionStates.map((p) => ({ topic: t.topicName, partition: p.partitionIndex, leaderEpoch: p.leaderEpoch, delete: p.deletePartition })),
          )
  return { controllerId: req.controllerId, controllerEpoch: req.controllerEpoch, brokerEpoch: version >= 1 ? req.brokerEpoch : -1n, partitions }
}

export function encodeStopReplicaResponse(r: ControlResult): Input<StopReplicaResponse> {
  return { errorCode: r.errorCode, partitionErrors: r.partitions.map((p) => ({ topicName: p.topic, partitionIndex: p.partition, errorCode: p.errorCode })) }
}

export function decodeStopReplicaResponse(r: StopReplicaResponse): ControlResult {
  return { errorCode: r.errorCode, partitions: r.partitionErrors.map((p) => ({ topic: p.topicName, partition: p.partitionIndex, errorCode: p.errorCode })) }
}
