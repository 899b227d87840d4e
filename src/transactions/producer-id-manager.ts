/**
 * Hands out producer ids and epochs for InitProducerId. Ids come from blocks reserved on disk
 * before use (Kafka's AllocateProducerIds idea), so a restart never hands out an id twice.
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

interface TransactionalProducer {
  producerId: bigint
  producerEpoch: number
}

export class ProducerIdManager {
  readonly #path: string
  #next: bigint
  #blockEnd: bigint
  readonly #transactional = new Map<string, TransactionalProducer>()

  constructor(dir: string) {
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

  #nextId(): bigint {
    if (this.#next >= this.#blockEnd) {
      this.#blockEnd = this.#next + BLOCK_SIZE
      this.#save()
    }
    return this.#next++
  }

  /**
   * InitProducerId without a transactional id. As in Kafka, an idempotent producer always gets a
   * fresh id at epoch 0, also when it sends its old id and epoch (v3+) after a fatal error.
   */
  initIdempotent(): ProducerIdAndEpoch {
    return { errorCode: ErrorCode.NONE, producerId: this.#nextId(), producerEpoch: 0 }
  }

  /** InitProducerId with a transactional id: same id, next epoch, which fences older instances. */
  initTransactional(transactionalId: string): ProducerIdAndEpoch {
    const known = this.#transactional.get(transactionalId)
    let state: TransactionalProducer
    if (known === undefined || known.producerEpoch >= MAX_EPOCH) {
      state = { producerId: this.#nextId(), producerEpoch: 0 }
    } else {
      state = { producerId: known.producerId, producerEpoch: known.producerEpoch + 1 }
    }
    this.#transactional.set(transactionalId, state)
    this.#save()
    return { errorCode: ErrorCode.NONE, ...state }
  }
}
