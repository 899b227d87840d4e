/**
 * Committed offsets of every group this coordinator owns, by group, topic and partition. Pure
 * in-memory state: the coordinator writes the records to `__consumer_offsets` before it calls
 * `set`, and the loader fills it back on start.
 */
import type { OffsetValue } from './records.js'

export type TopicOffsets = Map<number, OffsetValue>

export class OffsetStore {
  readonly #groups = new Map<string, Map<string, TopicOffsets>>()

  get(groupId: string, topic: string, partition: number): OffsetValue | undefined {
    return this.#groups.get(groupId)?.get(topic)?.get(partition)
  }

  set(groupId: string, topic: string, partition: number, value: OffsetValue): void {
    let topics = this.#groups.get(groupId)
    if (topics === undefined) this.#groups.set(groupId, (topics = new Map()))
    let partitions = topics.get(topic)
    if (partitions === undefined) topics.set(topic, (partitions = new Map()))
    partitions.set(partition, value)
  }

  delete(groupId: string, topic: string, partition: number): boolean {
    const topics = this.#groups.get(groupId)
    const partitions = topics?.get(topic)
    if (partitions === undefined || !partitions.delete(partition)) return false
    if (partitions.size === 0) topics!.delete(topic)
    if (topics!.size === 0) this.#groups.delete(groupId)
    return true
  }

  /** The group's offsets by topic (live view; do not mutate). */
  topics(groupId: string): ReadonlyMap<string, TopicOffsets> {
    return this.#groups.get(groupId) ?? new Map()
  }

  hasOffsets(groupId: string): boolean {
    return this.#groups.has(groupId)
  }

  /** Every (topic, partition) with a committed offset in the group. */
  *entries(groupId: string): Generator<[string, number, OffsetValue]> {
    const topics = this.#groups.get(groupId)
    if (topics === undefined) return
    for (const [topic, partitions] of topics) for (const [p, v] of partitions) yield [topic, p, v]
  }

  deleteGroup(groupId: string): void {
    this.#groups.delete(groupId)
  }

  groupIds(): IterableIterator<string> {
    return this.#groups.keys()
  }
}
