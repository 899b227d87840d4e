/**
 * Incremental fetch sessions (KIP-227). A consumer that keeps fetching the same partitions sends
 * only what changed; the broker answers only partitions with news (records, a changed high
 * watermark or log start offset, an error). Sessions live in a bounded LRU cache, as Kafka's
 * `max.incremental.fetch.session.cache.slots`.
 */
import { randomInt } from 'node:crypto'
import { ErrorCode } from '../protocol/generated/error-codes.js'

export interface SessionPartition {
  topic: string
  topicId: string
  partition: number
  fetchOffset: bigint
  maxBytes: number
  /** What the last response told the client, to decide whether this partition has news. */
  lastHighWatermark: bigint
  lastLogStartOffset: bigint
}

class FetchSession {
  readonly id: number
  epoch: number
  /** Keyed by `topic:partition` (or `topicId:partition` for v13+), in insertion order. */
  readonly partitions = new Map<string, SessionPartition>()
  lastUsed = Date.now()

  constructor(id: number) {
    this.id = id
    this.epoch = 1
  }
}

/** Epoch 0 asks for a new session; -1 (FINAL_EPOCH) closes one or fetches without one. */
const INITIAL_EPOCH = 0
const FINAL_EPOCH = -1

export type SessionLookup =
  | { kind: 'sessionless' }
  | { kind: 'new'; session: FetchSession }
  | { kind: 'incremental'; session: FetchSession }
  | { kind: 'error'; errorCode: number }

export class FetchSessionCache {
  readonly #sessions = new Map<number, FetchSession>()
  readonly #maxSlots: number

  constructor(maxSlots = 1000) {
    this.#maxSlots = maxSlots
  }

  get size(): number {
    return this.#sessions.size
  }

  /** Resolves a request's (sessionId, epoch) pair to what the fetch should do. */
  lookup(sessionId: number, epoch: number): SessionLookup {
    if (sessionId === 0) {
      if (epoch === FINAL_EPOCH) return { kind: 'sessionless' }
      if (epoch === INITIAL_EPOCH) return this.#create()
      return { kind: 'error', errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND }
    }
    const session = this.#sessions.get(sessionId)
    if (epoch === FINAL_EPOCH) {
      this.#sessions.delete(sessionId)
      return { kind: 'sessionless' }
    }
    if (epoch === INITIAL_EPOCH) {
      this.#sessions.delete(sessionId)
      return this.#create()
    }
    if (session === undefined) return { kind: 'error', errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND }
    if (session.epoch !== epoch) return { kind: 'error', errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH }
    // Re-insert to keep the map in least-recently-used order.
    this.#sessions.delete(sessionId)
    this.#sessions.set(sessionId, session)
    session.lastUsed = Date.now()
    session.epoch = epoch === 0x7fffffff ? 1 : epoch + 1
    return { kind: 'incremental', session }
  }

  #create(): SessionLookup {
    if (this.#maxSlots <= 0) return { kind: 'sessionless' }
    if (this.#sessions.size >= this.#maxSlots) {
      const oldest = this.#sessions.keys().next().value
      if (oldest !== undefined) this.#sessions.delete(oldest)
    }
    let id: number
    do id = randomInt(1, 2 ** 31 - 1)
    while (this.#sessions.has(id))
    const session = new FetchSession(id)
    this.#sessions.set(id, session)
    return { kind: 'new', session }
  }

  remove(id: number): void {
    this.#sessions.delete(id)
  }
}
