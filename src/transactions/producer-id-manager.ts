/**
 * Hands out producer ids: for InitProducerId of idempotent producers, and to the transaction
 * coordinator. Ids come from blocks reserved before use,
 * so neither a restart nor another broker ever hands out an id twice: a single broker reserves
 * them in its log dir, a broker in a cluster takes them from the cluster (ZooKeeper's
 * /latest_producer_id_block, Kafka's ZkProducerIdManager).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from '../metadata/metadata-store.js'
import { ErrorCode } from '../protocol/generated/error-codes.js'

const BLOCK_SIZE = 1000n
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

export class ProducerIdManager {
  readonly #path: string
  #next: bigint
  #blockEnd: bigint
  readonly #allocate: (() => Promise<ProducerIdBlock>) | undefined
  #allocating: Promise<void> | undefined

  /** `allocate` takes blocks from the cluster; without it blocks are reserved in `dir`. */
  constructor(dir: string, allocate?: () => Promise<ProducerIdBlock>) {
    this.#allocate = allocate
    this.#path = join(dir, 'producer-ids.json')
    let reserved = 0n
    if (existsSync(this.#path)) {
      // Before transactions (0.1.0) the file also kept transactional ids' epochs; the
      // transaction coordinator keeps those in __transaction_state now.
      const data = JSON.parse(readFileSync(this.#path, 'utf8')) as { blockEnd: string }
      reserved = BigInt(data.blockEnd)
    }
    this.#next = reserved
    this.#blockEnd = reserved
  }

  #save(): void {
    writeFileAtomic(this.#path, JSON.stringify({ blockEnd: String(this.#blockEnd) }))
  }

  /** The next unused producer id. */
  async nextId(): Promise<bigint> {
    while (this.#next >= this.#blockEnd) {
      if (this.#allocate === undefined) {
        this.#blockEnd = this.#next + BLOCK_SIZE
        this.#save()
        break
      }
      // One block request at a time; callers waiting meanwhile share its ids.
      this.#allocating ??= this.#allocate()
        .then((b) => {
          this.#next = b.first
          this.#blockEnd = b.last + 1n
        })
        .finally(() => {
          this.#allocating = undefined
        })
      await this.#allocating
    }
    return this.#next++
  }

  /**
   * InitProducerId without a transactional id. As in Kafka, an idempotent producer always gets a
   * fresh id at epoch 0, also when it sends its old id and epoch (v3+) after a fatal error.
   */
  async initIdempotent(): Promise<ProducerIdAndEpoch> {
    return { errorCode: ErrorCode.NONE, producerId: await this.nextId(), producerEpoch: 0 }
  }
}
