/**
 * The range assignor: for each topic, its subscribers sorted by member id get contiguous ranges
 * of partitions, the first `partitions % members` one partition more. Co-partitioned topics
 * land on the same member, which is what range is for.
 */
import type { TopicIdPartitions } from '../records.js'
import type { AssignmentMember, Assignor } from './assignor.js'

export const rangeAssignor: Assignor = {
  name: 'range',
  assign(members, topics) {
    const out = new Map<string, TopicIdPartitions>(members.map((m) => [m.memberId, new Map()]))
    for (const [topicId, count] of topics) {
      const subscribers = members
        .filter((m) => m.subscribedTopicIds.has(topicId))
        .map((m) => m.memberId)
        .sort()
      if (subscribers.length === 0) continue
      const base = Math.floor(count / subscribers.length)
      const extra = count % subscribers.length
      let next = 0
      subscribers.forEach((memberId, i) => {
        const n = base + (i < extra ? 1 : 0)
        if (n === 0) return
        out.get(memberId)!.set(
          topicId,
          Array.from({ length: n }, (_, k) => next + k),
        )
        next += n
      })
    }
    return out
  },
}

export type { AssignmentMember }
