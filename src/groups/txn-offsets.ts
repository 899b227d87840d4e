/**
 * Offsets committed inside transactions (TxnOffsetCommit) that wait for their transaction's
 * marker (Kafka's pendingTransactionalOffsetCommits in GroupMetadata): written to
 * `__consumer_offsets` in a transactional batch of the producer, invisible to OffsetFetch until
 * the commit marker is written to that partition; an abort marker drops them. OffsetFetch with
 * require_stable answers UNSTABLE_OFFSET_COMMIT for a partition that has some.
 */
import type { GroupRecord, OffsetValue } from './records.js'

/** What a read of `__consumer_offsets` yields: group records, and the transactional parts. */
export type GroupLogEntry =
  | GroupRecord
  /** a record of a transactional batch (a TxnOffsetCommit) of `producerId` */
  | { type: 'txn-record'; producerId: bigint; record: GroupRecord }
  /** a commit or abort marker of `producerId` */
  | { type: 'txn-marker'; producerId: bigint; commit: boolean }

export interface PendingOffset {
  groupId: string
  topic: string
  partition: number
  value: OffsetValue
}

const key = (topic: string, partition: number): string => `${topic}:${partition}`

export class PendingTxnOffsets {
  /** producerId -> groupId -> topic:partition -> offset */
  readonly #byProducer = new Map<bigint, Map<string, Map<string, PendingOffset>>>()

  add(producerId: bigint, o: PendingOffset): void {
    let groups = this.#byProducer.get(producerId)
    if (groups === undefined) this.#byProducer.set(producerId, (groups = new Map()))
    let offsets = groups.get(o.groupId)
    if (offsets === undefined) groups.set(o.groupId, (offsets = new Map()))
    offsets.set(key(o.topic, o.partition), o)
  }

  /** Whether a transaction has an offset of the group's partition in flight. */
  has(groupId: string, topic: string, partition: number): boolean {
    for (const groups of this.#byProducer.values()) if (groups.get(groupId)?.has(key(topic, partition)) === true) return true
    return false
  }

  hasGroup(groupId: string): boolean {
    for (const groups of this.#byProducer.values()) if (groups.has(groupId)) return true
    return false
  }

  /** Removes and returns `producerId`'s offsets of the groups `mine` selects. */
  take(producerId: bigint, mine: (groupId: string) => boolean): PendingOffset[] {
    const groups = this.#byProducer.get(producerId)
    if (groups === undefined) return []
    const out: PendingOffset[] = []
    for (const [groupId, offsets] of groups) {
      if (!mine(groupId)) continue
      out.push(...offsets.values())
      groups.delete(groupId)
    }
    if (groups.size === 0) this.#byProducer.delete(producerId)
    return out
  }

  /** Forgets every pending offset of the groups `drop` selects (unloaded or deleted). */
  dropGroups(drop: (groupId: string) => boolean): void {
    for (const [pid, groups] of this.#byProducer) {
      for (const groupId of [...groups.keys()]) if (drop(groupId)) groups.delete(groupId)
      if (groups.size === 0) this.#byProducer.delete(pid)
    }
  }

  /** Takes over what a loader found pending at the end of the log. */
  merge(other: PendingTxnOffsets): void {
    for (const [pid, groups] of other.#byProducer) for (const offsets of groups.values()) for (const o of offsets.values()) this.add(pid, o)
  }
}
