/**
 * Rebuilds the coordinator's state by replaying `__consumer_offsets`: the last record for each
 * key wins and a tombstone removes it, as log compaction would leave it.
 */
import { ClassicGroup } from './classic-group.js'
import { ConsumerGroup, ConsumerMember } from './consumer-group.js'
import type { Group } from './core.js'
import type { OffsetStore } from './offset-store.js'
import { PendingTxnOffsets, type GroupLogEntry } from './txn-offsets.js'
import type { ConsumerMemberAssignmentValue, ConsumerMemberMetadataValue, GroupMetadataValue } from './records.js'

interface ConsumerGroupImage {
  epoch: number
  members: Map<string, { metadata?: ConsumerMemberMetadataValue; assignment?: ConsumerMemberAssignmentValue }>
}

export class GroupLoader {
  /** Transactional offset commits whose marker has not been read (yet). */
  readonly pendingTxnOffsets = new PendingTxnOffsets()
  readonly #classic = new Map<string, GroupMetadataValue>()
  readonly #consumer = new Map<string, ConsumerGroupImage>()
  readonly #offsets: OffsetStore

  constructor(offsets: OffsetStore) {
    this.#offsets = offsets
  }

  #image(groupId: string): ConsumerGroupImage {
    let g = this.#consumer.get(groupId)
    if (g === undefined) this.#consumer.set(groupId, (g = { epoch: 0, members: new Map() }))
    return g
  }

  apply(rec: GroupLogEntry): void {
    switch (rec.type) {
      case 'txn-record':
        if (rec.record.type === 'offset' && rec.record.value !== null) {
          const r = rec.record
          this.pendingTxnOffsets.add(rec.producerId, { groupId: r.groupId, topic: r.topic, partition: r.partition, value: r.value! })
        }
        break
      case 'txn-marker':
        for (const o of this.pendingTxnOffsets.take(rec.producerId, () => true)) {
          if (rec.commit) this.#offsets.set(o.groupId, o.topic, o.partition, o.value)
        }
        break
      case 'offset':
        if (rec.value === null) this.#offsets.delete(rec.groupId, rec.topic, rec.partition)
        else this.#offsets.set(rec.groupId, rec.topic, rec.partition, rec.value)
        break
      case 'group':
        if (rec.value === null) this.#classic.delete(rec.groupId)
        else this.#classic.set(rec.groupId, rec.value)
        break
      case 'consumer-group':
        if (rec.value === null) this.#consumer.delete(rec.groupId)
        else this.#image(rec.groupId).epoch = rec.value.epoch
        break
      case 'consumer-member':
      case 'consumer-assignment': {
        const image = this.#image(rec.groupId)
        const entry = image.members.get(rec.memberId) ?? {}
        if (rec.type === 'consumer-member') entry.metadata = rec.value ?? undefined
        else entry.assignment = rec.value ?? undefined
        if (entry.metadata === undefined && entry.assignment === undefined) image.members.delete(rec.memberId)
        else image.members.set(rec.memberId, entry)
        break
      }
    }
  }

  /** The groups as of the end of the log; groups with only offsets come back as empty classic groups. */
  groups(now: number): Map<string, Group> {
    const out = new Map<string, Group>()
    for (const [groupId, v] of this.#classic) out.set(groupId, ClassicGroup.fromRecord(groupId, v, now))
    for (const [groupId, image] of this.#consumer) {
      const g = new ConsumerGroup(groupId, now)
      g.groupEpoch = image.epoch
      for (const [memberId, entry] of image.members) {
        if (entry.metadata === undefined) continue
        const m = new ConsumerMember(memberId)
        m.applyMetadata(entry.metadata)
        g.addMember(m)
        if (entry.assignment !== undefined) g.updateAssignment(m, entry.assignment)
      }
      out.set(groupId, g)
    }
    for (const groupId of this.#offsets.groupIds()) {
      if (!out.has(groupId)) out.set(groupId, new ClassicGroup(groupId, now))
    }
    return out
  }
}
