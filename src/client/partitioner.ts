/**
 * Choosing a partition, as Kafka's Java producer does by default: a keyed record goes to
 * `toPositive(murmur2(key)) % numPartitions`, so the same key lands in the same partition as
 * with any Java-compatible client; records without a key stick to one partition per topic until
 * its batch is sent (KIP-480), or go round-robin when asked.
 */

/** Kafka's murmur2 (seed 0x9747b28c) over the key bytes, as a signed 32-bit int like Java's. */
export function murmur2(data: Uint8Array): number {
  const length = data.length
  const m = 0x5bd1e995
  let h = (0x9747b28c ^ length) | 0
  const whole = length >>> 2
  for (let i = 0; i < whole; i++) {
    const at = i * 4
    let k = data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)
    k = Math.imul(k, m)
    k ^= k >>> 24
    k = Math.imul(k, m)
    h = Math.imul(h, m) ^ k
  }
  const tail = length & ~3
  const rest = length & 3
  if (rest === 3) h ^= data[tail + 2]! << 16
  if (rest >= 2) h ^= data[tail + 1]! << 8
  if (rest >= 1) {
    h ^= data[tail]!
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}

/** Java's Utils.toPositive: clears the sign bit (not Math.abs). */
export const toPositive = (n: number): number => n & 0x7fffffff

/** The partition Kafka's default partitioner picks for a key. */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  return toPositive(murmur2(key)) % numPartitions
}

export type PartitionerName = 'default' | 'round-robin'

/** Per-topic state for records without a key. */
export class KeylessPartitioner {
  readonly #mode: PartitionerName
  readonly #sticky = new Map<string, number>()
  readonly #counters = new Map<string, number>()

  constructor(mode: PartitionerName = 'default') {
    this.#mode = mode
  }

  partition(topic: string, numPartitions: number): number {
    if (this.#mode === 'round-robin') {
      const n = this.#counters.get(topic) ?? Math.floor(Math.random() * numPartitions)
      this.#counters.set(topic, n + 1)
      return n % numPartitions
    }
    let p = this.#sticky.get(topic)
    if (p === undefined || p >= numPartitions) {
      p = Math.floor(Math.random() * numPartitions)
      this.#sticky.set(topic, p)
    }
    return p
  }

  /** A batch of `topic` went out: keyless records move on to another partition. */
  batchSent(topic: string, numPartitions: number): void {
    if (this.#mode !== 'default' || numPartitions <= 1) return
    const old = this.#sticky.get(topic)
    if (old === undefined) return
    const next = Math.floor(Math.random() * (numPartitions - 1))
    this.#sticky.set(topic, next >= old ? next + 1 : next)
  }
}
