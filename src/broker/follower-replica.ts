/**
 * A follower as its partition's leader sees it (Kafka's Replica on the leader): where its log
 * ends (the offset it last fetched from), and when it was last caught up with the leader. The
 * leader's high watermark is the smallest log end of the in-sync replicas; a follower not caught
 * up for replica.lag.time.max.ms leaves the ISR, one that reaches the high watermark joins it.
 */

/** Kafka's UnifiedLog.UnknownOffset: a follower that has not fetched under this leader yet. */
export const UNKNOWN_OFFSET = -1n

export class FollowerReplica {
  readonly brokerId: number
  logEndOffset = UNKNOWN_OFFSET
  logStartOffset = UNKNOWN_OFFSET
  /** When the follower last had everything the leader had (ms); 0: never under this leader. */
  lastCaughtUpTimeMs = 0
  lastFetchTimeMs = 0
  /** The leader's log end when the follower last fetched. */
  lastFetchLeaderLogEndOffset = UNKNOWN_OFFSET
  /** The follower's broker epoch as its last fetch gave it (Fetch v15+), -1 when unknown. */
  brokerEpoch = -1n

  constructor(brokerId: number) {
    this.brokerId = brokerId
  }

  /**
   * A new leader starts every follower afresh (Kafka's resetReplicaState): in-sync ones count as
   * caught up now, so they get replica.lag.time.max.ms to fetch before they may leave the ISR.
   */
  reset(nowMs: number, inSync: boolean): void {
    this.logEndOffset = UNKNOWN_OFFSET
    this.logStartOffset = UNKNOWN_OFFSET
    this.lastFetchLeaderLogEndOffset = UNKNOWN_OFFSET
    this.lastFetchTimeMs = 0
    this.lastCaughtUpTimeMs = inSync ? nowMs : 0
    this.brokerEpoch = -1n
  }

  /**
   * A fetch from `fetchOffset` (Kafka's updateFetchState): it is caught up now if it asked for
   * the leader's end, or as of its previous fetch if it now asks for at least what the leader
   * had then.
   */
  updateFetchState(fetchOffset: bigint, logStartOffset: bigint, nowMs: number, leaderEndOffset: bigint, brokerEpoch: bigint): void {
    if (fetchOffset >= leaderEndOffset) this.lastCaughtUpTimeMs = Math.max(this.lastCaughtUpTimeMs, nowMs)
    else if (this.lastFetchLeaderLogEndOffset >= 0n && fetchOffset >= this.lastFetchLeaderLogEndOffset)
      this.lastCaughtUpTimeMs = Math.max(this.lastCaughtUpTimeMs, this.lastFetchTimeMs)
    this.logEndOffset = fetchOffset
    this.logStartOffset = logStartOffset
    this.lastFetchLeaderLogEndOffset = leaderEndOffset
    this.lastFetchTimeMs = nowMs
    if (brokerEpoch >= 0n) this.brokerEpoch = brokerEpoch
  }

  /** Kafka's isCaughtUp: at the leader's end, or caught up within the last `maxLagMs`. */
  isCaughtUp(leaderEndOffset: bigint, nowMs: number, maxLagMs: number): boolean {
    return this.logEndOffset === leaderEndOffset || nowMs - this.lastCaughtUpTimeMs <= maxLagMs
  }
}
