/**
 * Kafka's AlterPartitionManager (KIP-497): the leaders' ISR changes go to the active controller
 * as AlterPartition requests, one request in flight at a time carrying every change queued
 * meanwhile (a later change of a partition replaces a queued one). A request that fails as a
 * whole (no controller known, a broken connection, NOT_CONTROLLER, a stale broker epoch) is sent
 * again after a backoff, to whichever broker is the controller then; each partition's answer
 * (the state written, or its error) goes to whoever proposed it.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '../logger.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'
import type { AlterPartitionRequest } from '../protocol/generated/alter-partition-request.js'
import type { AlterPartitionResponse } from '../protocol/generated/alter-partition-response.js'
import type { Input } from '../protocol/codec-support.js'
import type { Connection } from '../client/connection.js'
import type { IsrChannel, IsrDecision, IsrProposal } from '../broker/replica-manager.js'

/** One AlterPartition as the controller serves it (in-process or over the wire). */
export interface AlterPartitionCall {
  brokerId: number
  brokerEpoch: bigint
  partitions: ReadonlyArray<{ topic: string; topicId: string; partition: number; leaderEpoch: number; newIsr: number[]; partitionEpoch: number }>
}

export interface AlterPartitionAnswer {
  errorCode: number
  partitions: Array<{ topic: string; partition: number } & IsrDecision>
}

export interface AlterPartitionManagerOptions {
  brokerId: number
  brokerEpoch: () => bigint
  /** Sends one request to the active controller; rejects when it cannot be reached. */
  send(call: AlterPartitionCall): Promise<AlterPartitionAnswer>
  log: Logger
  /** backoff after a failed request (ms) */
  retryBackoffMs?: number
}

interface Queued {
  proposal: IsrProposal
  resolve(d: IsrDecision): void
  reject(err: Error): void
}

const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`

/** Errors after which the request is sent again as a whole. */
const RETRIABLE_REQUEST_ERRORS = new Set<number>([
  ErrorCode.NOT_CONTROLLER,
  ErrorCode.STALE_BROKER_EPOCH,
  ErrorCode.REQUEST_TIMED_OUT,
  ErrorCode.UNKNOWN_SERVER_ERROR,
])

export class AlterPartitionManager implements IsrChannel {
  readonly #o: AlterPartitionManagerOptions
  readonly #queue = new Map<string, Queued>()
  #running = false
  #closed = false

  constructor(opts: AlterPartitionManagerOptions) {
    this.#o = opts
  }

  submit(proposal: IsrProposal): Promise<IsrDecision> {
    if (this.#closed) return Promise.reject(new Error('the AlterPartition manager is closed'))
    return new Promise((resolve, reject) => {
      const k = key(proposal.topic, proposal.partition)
      // A newer proposal for the partition replaces one not sent yet.
      this.#queue.get(k)?.resolve({ errorCode: ErrorCode.OPERATION_NOT_ATTEMPTED, leaderEpoch: -1, isr: [], partitionEpoch: -1 })
      this.#queue.set(k, { proposal, resolve, reject })
      if (!this.#running) void this.#run()
    })
  }

  async #run(): Promise<void> {
    this.#running = true
    let failures = 0
    while (!this.#closed && this.#queue.size > 0) {
      const batch = [...this.#queue.values()]
      this.#queue.clear()
      try {
        const answer = await this.#o.send({
          brokerId: this.#o.brokerId,
          brokerEpoch: this.#o.brokerEpoch(),
          partitions: batch.map((q) => ({ ...q.proposal })),
        })
        if (RETRIABLE_REQUEST_ERRORS.has(answer.errorCode)) throw new Error(`AlterPartition failed with error ${answer.errorCode}`)
        failures = 0
        for (const q of batch) {
          const p = q.proposal
          const d = answer.partitions.find((x) => x.topic === p.topic && x.partition === p.partition)
          if (answer.errorCode !== ErrorCode.NONE) q.resolve({ errorCode: answer.errorCode, leaderEpoch: -1, isr: [], partitionEpoch: -1 })
          else q.resolve(d ?? { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, leaderEpoch: -1, isr: [], partitionEpoch: -1 })
        }
      } catch (err) {
        // Sent again, unless a newer proposal for the partition came meanwhile.
        for (const q of batch) {
          const k = key(q.proposal.topic, q.proposal.partition)
          if (this.#queue.has(k)) q.resolve({ errorCode: ErrorCode.OPERATION_NOT_ATTEMPTED, leaderEpoch: -1, isr: [], partitionEpoch: -1 })
          else this.#queue.set(k, q)
        }
        const fields = { err: (err as Error).message, partitions: batch.length }
        if (failures++ === 0) this.#o.log.warn(fields, 'AlterPartition to the controller failed; retrying')
        else this.#o.log.debug(fields, 'AlterPartition failed again')
        await sleep(Math.min((this.#o.retryBackoffMs ?? 100) * 2 ** Math.min(failures, 4), 2000))
      }
    }
    this.#running = false
  }

  close(): void {
    this.#closed = true
    const err = new Error('the AlterPartition manager is closed')
    for (const q of this.#queue.values()) q.reject(err)
    this.#queue.clear()
  }
}

/** AlterPartition over the wire, at the version the controller negotiates (topic ids from v2, broker epochs per member in v3). */
export async function alterPartitionOverWire(conn: Connection, call: AlterPartitionCall): Promise<AlterPartitionAnswer> {
  const byTopic = new Map<string, AlterPartitionCall['partitions'][number][]>()
  for (const p of call.partitions) {
    let list = byTopic.get(p.topic)
    if (list === undefined) byTopic.set(p.topic, (list = []))
    list.push(p)
  }
  const body: Input<AlterPartitionRequest> = {
    brokerId: call.brokerId,
    brokerEpoch: call.brokerEpoch,
    topics: [...byTopic].map(([topic, ps]) => ({
      topicName: topic,
      topicId: ps[0]!.topicId,
      partitions: ps.map((p) => ({
        partitionIndex: p.partition,
        leaderEpoch: p.leaderEpoch,
        newIsr: p.newIsr,
        newIsrWithEpochs: p.newIsr.map((brokerId) => ({ brokerId, brokerEpoch: -1n })),
        leaderRecoveryState: 0,
        partitionEpoch: p.partitionEpoch,
      })),
    })),
  }
  const res: AlterPartitionResponse = await conn.request('AlterPartition', body)
  const names = new Map(call.partitions.map((p) => [p.topicId, p.topic]))
  return {
    errorCode: res.errorCode,
    partitions: res.topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.topicName !== '' ? t.topicName : (names.get(t.topicId) ?? ''),
        partition: p.partitionIndex,
        errorCode: p.errorCode,
        leaderEpoch: p.leaderEpoch,
        isr: p.isr,
        partitionEpoch: p.partitionEpoch,
      })),
    ),
  }
}

/**
 * A connection to the active controller, kept while it stays the controller; dropped after a
 * failure so the next call finds the controller again.
 */
export class ControllerLink {
  readonly #connect: (brokerId: number) => Promise<Connection>
  readonly #controllerId: () => number
  #conn: { id: number; conn: Promise<Connection> } | undefined

  constructor(connect: (brokerId: number) => Promise<Connection>, controllerId: () => number) {
    this.#connect = connect
    this.#controllerId = controllerId
  }

  /** Runs `fn` on a connection to the controller; a failure drops the connection. */
  async use<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    const id = this.#controllerId()
    if (id < 0) throw new Error('no controller is known')
    if (this.#conn?.id !== id) {
      this.drop()
      this.#conn = { id, conn: this.#connect(id) }
    }
    const held = this.#conn
    try {
      return await fn(await held.conn)
    } catch (err) {
      if (this.#conn === held) this.drop()
      throw err
    }
  }

  drop(): void {
    const c = this.#conn
    this.#conn = undefined
    c?.conn.then(
      (conn) => conn.destroy(),
      () => {},
    )
  }
}
