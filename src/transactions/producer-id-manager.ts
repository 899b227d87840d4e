/**
 * Hands out producer ids and epochs for InitProducerId. Ids come from blocks reserved before use,
 * so neither a restart nor another broker ever hands out an id twice: a single broker reserves
 * them in its log dir, a broker in a cluster takes them from the cluster (ZooKeeper's
 * /latest_producer_id_block, Kafka's ZkProducerIdManager).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../metadata/metadata-store.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'

const BLOCK_SIZE = 1000n
/** Epochs are int16; at the top a producer gets a fresh id instead (KIP-360). */
const MAX_EPOCH = 32766

export interface ProducerIdAndEpoch {
  errorCode: number
  producerId: bigint
  producerEpoch: number
}

/** A block of ids reserved for this broker; `last` inclusive. */
export interface ProducerIdBlock {
  first: bigint
  last: bigint
}

interface TransactionalProducer {
  producerId: bigint
  producerEpoch: number
}

export class ProducerIdManager {
  readonly #path: string
  #next: bigint
  #blockEnd: bigint
  readonly #transactional = new Map<string, TransactionalProducer>()
  readonly #allocate: (() => Promise<ProducerIdBlock>) | undefined
  #allocating: Promise<void> | undefined

  /** `allocate` takes blocks from the cluster; without it blocks are reserved in `dir`. */
  constructor(dir: string, allocate?: () => Promise<ProducerIdBlock>) {
    this.#allocate = allocate
    this.#path = join(dir, 'producer-ids.json')
    let reserved = 0n
    if (existsSync(this.#path)) {
      const data = JSON.parse(readFileSync(this.#path, 'utf8')) as { blockEnd: string, transactional?: Record<string, { producerId: string, producerEpoch: number }> }
      reserved = BigInt(data.blockEnd)
      for (const [id, t] of Object.entries(data.transactional ?? {})) {
        this.#transactional.set(id, { producerId: BigInt(t.producerId), producerEpoch: t.producerEpoch })
      }
    }
    this.#next = reserved
    this.#blockEnd = reserved
  }

  #save(): void {
    const transactional: Record<string, { producerId: string, producerEpoch: number }> = {}
    for (const [id, t] of this.#transactional) transactional[id] = { producerId: String(t.producerId), producerEpoch: t.producerEpoch }
    writeFileAtomic(this.#path, JSON.stringify({ blockEnd: String(this.#blockEnd), transactional }))
  }

  async #nextId(): Promise<bigint> {
    while (this.#next >= this.#blockEnd) {
      if (this.#allocate === undefined) {
        this.#blockEnd = this.#next + BLOCK_SIZE
        this.#save()
        break
      }
      // One block request at a time; callers waiting meanwhile share its ids.
      this.#allocating ??= this.#allocate().then((b) => {
        this.#next = b.first
        this.#blockEnd = b.last + 1n
      }).finally(() => { this.#allocating = undefined })
      await this.#allocating
    }
    return this.#next++
  }

  /**
   * InitProducerId without a transactional id. As in Kafka, an idempotent producer always gets a
   * fresh id at epoch 0, also when it sends its old id and epoch (v3+) after a fatal error.
   */
  async initIdempotent(): Promise<ProducerIdAndEpoch> {
    return { errorCode: ErrorCode.NONE, producerId: await this.#nextId(), producerEpoch: 0 }
  }

  /** InitProducerId with a transactional id: same id, next epoch, which fences older instances. */
  async initTransactional(transactionalId: string): Promise<ProducerIdAndEpoch> {
    const known = this.#transactional.get(transactionalId)
    let state: TransactionalProducer
    if (known === undefined || known.producerEpoch >= MAX_EPOCH) {
      state = { producerId: await this.#nextId(), producerEpoch: 0 }
    } else {
      state = { producerId: known.producerId, producerEpoch: known.producerEpoch + 1 }
    }
    this.#transactional.set(transactionalId, state)
    this.#save()
    return { errorCode: ErrorCode.NONE, ...state }
  }
}
