/**
 * Where a follower truncates its log before it fetches under a new leader (KIP-101, KIP-279;
 * Kafka's AbstractFetcherThread.getOffsetTruncationState). The follower asked the leader where
 * the follower's latest epoch ends in the leader's log (OffsetForLeaderEpoch); the answer is the
 * largest epoch at or below it that the leader knows, and its end offset there.
 * - The leader knows no such epoch: truncate to the high watermark (what is certainly committed).
 * - The follower knows the epoch the leader answered with: truncate to the smaller of the two
 *   end offsets of that epoch; the logs agree below it.
 * - It does not (the leader answered with an older epoch the follower skipped): truncate to
 *   where the follower's largest epoch below it ends, and ask again with that epoch.
 * Never above the follower's own log end.
 */

export interface LeaderEpochEnd {
  /** -1 when the leader knows no epoch at or below the one asked for */
  epoch: number
  /** -1 likewise */
  endOffset: bigint
}

export interface FollowerLog {
  logEndOffset: bigint
  highWatermark: bigint
  /** The follower's largest epoch at or below `epoch` and where it ends; undefined when none. */
  endOffsetForEpoch(epoch: number): { epoch: number; endOffset: bigint } | undefined
}

export interface TruncationState {
  /** truncate the log to this offset (nothing when it is at or above the log end) */
  offset: bigint
  /** false: ask the leader again with the (new) latest epoch */
  completed: boolean
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)

export function offsetTruncationState(leader: LeaderEpochEnd, follower: FollowerLog): TruncationState {
  if (leader.endOffset < 0n) return { offset: min(follower.highWatermark, follower.logEndOffset), completed: true }
  if (leader.epoch < 0) return { offset: min(leader.endOffset, follower.logEndOffset), completed: true }
  const own = follower.endOffsetForEpoch(leader.epoch)
  if (own === undefined) return { offset: min(leader.endOffset, follower.logEndOffset), completed: true }
  if (own.epoch !== leader.epoch) return { offset: min(own.endOffset, follower.logEndOffset), completed: false }
  return { offset: min(min(own.endOffset, leader.endOffset), follower.logEndOffset), completed: true }
}
