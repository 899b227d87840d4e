/** The server-side assignors of KIP-848 consumer groups. */
import type { TopicIdPartitions } from '../records.js'

export interface AssignmentMember {
  memberId: string
  /** Ids of the topics the member subscribes to that exist. */
  subscribedTopicIds: ReadonlySet<string>
  /** The member's previous target assignment, for stickiness. */
  current: TopicIdPartitions
}

export interface Assignor {
  readonly name: string
  /**
   * Computes a target assignment: every partition of a subscribed topic goes to exactly one
   * member subscribed to that topic. `topics` maps topic id to partition count.
   */
  assign(members: readonly AssignmentMember[], topics: ReadonlyMap<string, number>): Map<string, TopicIdPartitions>
}
