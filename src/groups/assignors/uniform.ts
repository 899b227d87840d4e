/**
 * The uniform assignor (KIP-848's default): spreads all partitions as evenly as possible over
 * the members subscribed to them and keeps each member's partitions where it can (sticky), so
 * a rebalance moves as few partitions as it must.
 */
import type { TopicIdPartitions } from '../records.js'
import type { Assignor } from './assignor.js'

export const uniformAssignor: Assignor = {
  name: 'uniform',
  assign(members, topics) {
    const out = new Map<string, TopicIdPartitions>(members.map((m) => [m.memberId, new Map()]))
    const load = new Map<string, number>(members.map((m) => [m.memberId, 0]))
    // Each member's fair share of what it can take (exact for equal subscriptions).
    let total = 0
    for (const [topicId, n] of topics) if (members.some((m) => m.subscribedTopicIds.has(topicId))) total += n
    const quota = members.length === 0 ? 0 : Math.floor(total / members.length)
    const previousOwner = new Map<string, string>()
    for (const m of members) for (const [topicId, ps] of m.current) for (const p of ps) previousOwner.set(`${topicId}:${p}`, m.memberId)
    const take = (memberId: string, topicId: string, p: number): void => {
      const a = out.get(memberId)!
      const list = a.get(topicId)
      if (list === undefined) a.set(topicId, [p])
      else list.push(p)
      load.set(memberId, load.get(memberId)! + 1)
    }
    const taken = new Set<string>()
    // 1. Keep previous partitions that are still valid, up to the quota.
    for (const m of members) {
      for (const [topicId, ps] of m.current) {
        const count = topics.get(topicId)
        if (count === undefined || !m.subscribedTopicIds.has(topicId)) continue
        for (const p of ps) {
          const key = `${topicId}:${p}`
          if (p >= count || taken.has(key) || load.get(m.memberId)! >= quota) continue
          taken.add(key)
          take(m.memberId, topicId, p)
        }
      }
    }
    // 2. Hand out the rest, each to the least loaded subscriber (ties: its previous owner, then member id).
    const sortedTopics = [...topics].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    for (const [topicId, count] of sortedTopics) {
      const subscribers = members.filter((m) => m.subscribedTopicIds.has(topicId))
      if (subscribers.length === 0) continue
      for (let p = 0; p < count; p++) {
        if (taken.has(`${topicId}:${p}`)) continue
        const owner = previousOwner.get(`${topicId}:${p}`)
        let best = subscribers[0]!
        for (const s of subscribers) {
          const d = load.get(s.memberId)! - load.get(best.memberId)!
          const tie = d === 0 && best.memberId !== owner && (s.memberId === owner || s.memberId < best.memberId)
          if (d < 0 || tie) best = s
        }
        take(best.memberId, topicId, p)
      }
    }
    for (const a of out.values()) for (const ps of a.values()) ps.sort((x, y) => x - y)
    return out
  },
}
