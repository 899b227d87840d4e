/**
 * Kafka's ControllerBrokerRequestBatch: what one controller event tells each broker, collected
 * and then sent as one LeaderAndIsr, one UpdateMetadata and StopReplica requests per broker, in
 * that order, on the broker's channel queue.
 */
import type { Logger } from '../logger.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { Connection } from '../client/connection.js'
import type { LeaderAndIsrEvent, PartitionLeadership, StopReplicaEvent } from './control.js'
import type { ControllerContext, TopicPartition } from './controller-context.js'
import type { ControllerChannelManager } from './channel.js'
import { decodeLeaderAndIsrResponse, decodeStopReplicaResponse, encodeLeaderAndIsr, encodeStopReplica, encodeUpdateMetadata } from './wire.js'

type StopItem = StopReplicaEvent['partitions'][number]

export interface RequestBatchOptions {
  ctx: ControllerContext
  channel: ControllerChannelManager
  controllerId: number
  controllerEpoch: number
  listener: string
  log: Logger
  /** a broker answered a StopReplica that deleted partitions of `topic` */
  onStopped(topic: string, brokerId: number, errorCode: number): void
}

const key = (tp: TopicPartition): string => `${tp.topic}\u0000${tp.partition}`

export class ControllerRequestBatch {
  readonly #o: RequestBatchOptions
  readonly #lai = new Map<number, Map<string, PartitionLeadership & { isNew: boolean }>>()
  readonly #full = new Set<number>()
  readonly #um = new Map<number, Map<string, PartitionLeadership & { offlineReplicas: readonly number[] }>>()
  readonly #stop = new Map<number, StopItem[]>()

  constructor(opts: RequestBatchOptions) {
    this.#o = opts
  }

  #laiFor(brokerId: number): Map<string, PartitionLeadership & { isNew: boolean }> {
    let m = this.#lai.get(brokerId)
    if (m === undefined) this.#lai.set(brokerId, (m = new Map()))
    return m
  }

  /** LeaderAndIsr for `parts` to each of their live replicas (but `except`). */
  leaderAndIsr(parts: readonly TopicPartition[], opts: { isNew?: boolean; except?: number } = {}): void {
    const ctx = this.#o.ctx
    for (const tp of parts) {
      const l = ctx.leadership(tp.topic, tp.partition)
      for (const r of l.replicas) {
        if (r === opts.except || !ctx.isLive(r)) continue
        this.#laiFor(r).set(key(tp), { ...l, isNew: opts.isNew ?? false })
      }
    }
  }

  /** A full LeaderAndIsr to `brokerId`: every partition it is a replica of, whatever its leader. */
  fullLeaderAndIsr(brokerId: number): void {
    const ctx = this.#o.ctx
    this.#full.add(brokerId)
    const m = this.#laiFor(brokerId)
    for (const tp of ctx.partitionsOn(brokerId)) {
      if (!m.has(key(tp))) m.set(key(tp), { ...ctx.leadership(tp.topic, tp.partition), isNew: false })
    }
  }

  /** UpdateMetadata to `brokers` with the live brokers and `parts` (marked deleted with `deleting`). */
  updateMetadata(brokers: readonly number[], parts: readonly TopicPartition[], opts: { deleting?: boolean } = {}): void {
    const ctx = this.#o.ctx
    for (const b of brokers) {
      let m = this.#um.get(b)
      if (m === undefined) this.#um.set(b, (m = new Map()))
      for (const tp of parts) m.set(key(tp), ctx.leadership(tp.topic, tp.partition, opts.deleting === true))
    }
  }

  stopReplica(brokerId: number, item: StopItem): void {
    let list = this.#stop.get(brokerId)
    if (list === undefined) this.#stop.set(brokerId, (list = []))
    list.push(item)
  }

  /** Queues every collected request on the brokers' channels. */
  send(): void {
    const o = this.#o
    const ctx = o.ctx
    const brokers = ctx.liveBrokers()
    const identity = (brokerId: number) => ({
      controllerId: o.controllerId,
      controllerEpoch: o.controllerEpoch,
      brokerEpoch: ctx.brokers.get(brokerId)?.epoch ?? -1n,
    })
    const ids = new Set([...this.#lai.keys(), ...this.#um.keys(), ...this.#stop.keys()])
    for (const id of ids) {
      const lai = this.#lai.get(id)
      if (lai !== undefined && (lai.size > 0 || this.#full.has(id))) {
        const event: LeaderAndIsrEvent = { ...identity(id), full: this.#full.has(id), partitions: [...lai.values()] }
        const names = new Map(event.partitions.map((p) => [p.topicId, p.topic]))
        o.channel.send(id, {
          name: 'LeaderAndIsr',
          async send(conn: Connection) {
            let version = 0
            const res = await conn.request('LeaderAndIsr', (v) => {
              version = v
              return encodeLeaderAndIsr(event, v, brokers, o.listener)
            })
            const r = decodeLeaderAndIsrResponse(res, version, names)
            if (r.errorCode !== ErrorCode.NONE) o.log.warn({ broker: id, errorCode: r.errorCode }, 'LeaderAndIsr refused')
            const failed = r.partitions.filter((p) => p.errorCode !== ErrorCode.NONE)
            if (failed.length > 0) o.log.warn({ broker: id, failed: failed.slice(0, 10), count: failed.length }, 'LeaderAndIsr failed for some partitions')
          },
        })
      }
      const um = this.#um.get(id)
      if (um !== undefined) {
        const event = { ...identity(id), brokers, partitions: [...um.values()] }
        o.channel.send(id, {
          name: 'UpdateMetadata',
          async send(conn: Connection) {
            const res = await conn.request('UpdateMetadata', (v) => encodeUpdateMetadata(event, v))
            if (res.errorCode !== ErrorCode.NONE) o.log.warn({ broker: id, errorCode: res.errorCode }, 'UpdateMetadata refused')
          },
        })
      }
      const stops = this.#stop.get(id)
      if (stops !== undefined && stops.length > 0) {
        // Versions before 3 carry one delete flag per request: deleting and stopping go apart.
        for (const group of [stops.filter((s) => s.delete), stops.filter((s) => !s.delete)]) {
          if (group.length === 0) continue
          const event: StopReplicaEvent = { ...identity(id), partitions: group }
          o.channel.send(id, {
            name: 'StopReplica',
            async send(conn: Connection) {
              const res = await conn.request('StopReplica', (v) => encodeStopReplica(event, v))
              const r = decodeStopReplicaResponse(res)
              for (const topic of new Set(group.filter((s) => s.delete).map((s) => s.topic))) {
                const failed = r.partitions.find((p) => p.topic === topic && p.errorCode !== ErrorCode.NONE)
                o.onStopped(topic, id, r.errorCode !== ErrorCode.NONE ? r.errorCode : (failed?.errorCode ?? ErrorCode.NONE))
              }
            },
          })
        }
      }
    }
  }
}
