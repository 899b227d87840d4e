/**
 * Kafka's ReplicaFetcherManager: the fetchers of this broker's follower partitions, one per
 * source broker (num.replica.fetchers of them when set higher, partitions spread by a hash of
 * topic and partition, as Kafka's getFetcherId), each batching every partition it follows there
 * into one Fetch. A partition that moves to another leader moves to that leader's fetcher; a
 * fetcher left without partitions stops and closes its connection.
 */
import type { Partition } from '../broker/partition.js'
import type { ReplicaFetcher as FetcherSeam } from '../broker/replica-manager.js'
import { ReplicaFetcher, type FetcherContext } from './replica-fetcher.js'

/** Kafka's getFetcherId: Utils.abs(31 * topic.hashCode + partition) % numFetchers. */
function fetcherIdFor(topic: string, partition: number, numFetchers: number): number {
  let h = 0
  for (let i = 0; i < topic.length; i++) h = (Math.imul(31, h) + topic.charCodeAt(i)) | 0
  return Math.abs((Math.imul(31, h) + partition) | 0) % Math.max(1, numFetchers)
}

export class ReplicaFetcherManager implements FetcherSeam {
  readonly #ctx: FetcherContext
  readonly #fetchers = new Map<string, ReplicaFetcher>()
  /** which fetcher each partition is with */
  readonly #assigned = new Map<Partition, ReplicaFetcher>()
  #closed = false

  constructor(ctx: FetcherContext) {
    this.#ctx = ctx
  }

  /** Fetchers running now (for tests and tools). */
  get fetchers(): readonly ReplicaFetcher[] {
    return [...this.#fetchers.values()]
  }

  addPartitions(partitions: readonly Partition[]): void {
    if (this.#closed) return
    const num = this.#ctx.config.values.numReplicaFetchers
    const byFetcher = new Map<ReplicaFetcher, Partition[]>()
    for (const p of partitions) {
      if (p.isLeader || p.leaderId < 0) {
        this.removePartitions([p])
        continue
      }
      const id = fetcherIdFor(p.topic, p.index, num)
      const key = `${p.leaderId}-${id}`
      let f = this.#fetchers.get(key)
      if (f === undefined) this.#fetchers.set(key, (f = new ReplicaFetcher(p.leaderId, id, this.#ctx)))
      const before = this.#assigned.get(p)
      if (before !== undefined && before !== f) before.remove([p])
      this.#assigned.set(p, f)
      let list = byFetcher.get(f)
      if (list === undefined) byFetcher.set(f, (list = []))
      list.push(p)
    }
    for (const [f, list] of byFetcher) f.add(list)
    this.#closeIdle()
  }

  removePartitions(partitions: readonly Partition[]): void {
    for (const p of partitions) {
      const f = this.#assigned.get(p)
      if (f === undefined) continue
      f.remove([p])
      this.#assigned.delete(p)
    }
    this.#closeIdle()
  }

  #closeIdle(): void {
    for (const [key, f] of this.#fetchers) {
      if (f.partitionCount > 0) continue
      this.#fetchers.delete(key)
      void f.close()
    }
  }

  close(): void {
    this.#closed = true
    for (const f of this.#fetchers.values()) void f.close()
    this.#fetchers.clear()
    this.#assigned.clear()
  }
}
