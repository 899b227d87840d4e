/**
 * The "consumer" group protocol's member metadata and assignments: the generated
 * ConsumerProtocolSubscription/Assignment codecs behind an int16 version prefix, and the range
 * assignor (Kafka's RangeAssignor: per topic, members sorted by id, each taking a contiguous run
 * of partitions, the first `partitions % members` one extra).
 */
import { Writer } from '../protocol/writer.js'
import { encodeConsumerProtocolSubscription, ConsumerProtocolSubscriptionInfo } from '../protocol/generated/consumer-protocol-subscription.js'
import { encodeConsumerProtocolAssignment, ConsumerProtocolAssignmentInfo } from '../protocol/generated/consumer-protocol-assignment.js'
import * as embedded from '../protocol/consumer-protocol.js'

export const CONSUMER_PROTOCOL_TYPE = 'consumer'
export const RANGE_ASSIGNOR = 'range'

export interface Subscription {
  topics: string[]
  userData: Buffer | null
  ownedPartitions: { topic: string; partitions: number[] }[]
  generationId: number
  rackId: string | null
}

/** topic -> partitions */
export type Assignment = Map<string, number[]>

export function encodeSubscription(s: Partial<Subscription> & { topics: string[] }, version: number = ConsumerProtocolSubscriptionInfo.maxVersion): Buffer {
  const w = new Writer(64)
  w.int16(version)
  encodeConsumerProtocolSubscription(w, version, s)
  return w.toBuffer()
}

/** Lenient, as Kafka's ConsumerProtocol: see src/protocol/consumer-protocol.ts. */
export function decodeSubscription(buf: Buffer): Subscription {
  const { version: _version, ...s } = embedded.decodeSubscription(buf)
  return s
}

export function encodeAssignment(a: Assignment, version: number = ConsumerProtocolAssignmentInfo.maxVersion): Buffer {
  const w = new Writer(64)
  w.int16(version)
  encodeConsumerProtocolAssignment(w, version, {
    assignedPartitions: [...a].map(([topic, partitions]) => ({ topic, partitions })),
    userData: null,
  })
  return w.toBuffer()
}

export function decodeAssignment(buf: Buffer): Assignment {
  const out: Assignment = new Map()
  if (buf.length < 2) return out
  for (const tp of embedded.decodeAssignment(buf).assignedPartitions) {
    out.set(tp.topic, [...(out.get(tp.topic) ?? []), ...tp.partitions])
  }
  return out
}

/**
 * Range assignment. `members` maps member id to the topics it subscribes to; `partitionCounts`
 * gives each topic's partition count (topics missing there are skipped).
 */
export function rangeAssign(members: ReadonlyMap<string, readonly string[]>, partitionCounts: ReadonlyMap<string, number>): Map<string, Assignment> {
  const out = new Map<string, Assignment>()
  for (const id of members.keys()) out.set(id, new Map())
  const byTopic = new Map<string, string[]>()
  for (const [id, topics] of members) {
    for (const t of new Set(topics)) {
      let list = byTopic.get(t)
      if (list === undefined) byTopic.set(t, (list = []))
      list.push(id)
    }
  }
  for (const [topic, ids] of [...byTopic].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const n = partitionCounts.get(topic)
    if (n === undefined || n <= 0) continue
    ids.sort()
    const each = Math.floor(n / ids.length)
    const extra = n % ids.length
    let next = 0
    ids.forEach((id, i) => {
      const count = each + (i < extra ? 1 : 0)
      if (count === 0) return
      const parts = Array.from({ length: count }, (_, k) => next + k)
      next += count
      out.get(id)!.set(topic, parts)
    })
  }
  return out
}
