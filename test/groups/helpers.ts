/** A coordinator on an in-memory log, with topics the test declares. */
import { GroupCoordinator } from '../../src/groups/group-coordinator.js'
import type { GroupConfig, GroupLog, TopicInfo, TopicView } from '../../src/groups/core.js'
import { decodeGroupRecord, encodeGroupRecord, type GroupRecord } from '../../src/groups/records.js'
import type { JoinRequest } from '../../src/groups/classic-group.js'
import type { GroupLogEntry } from '../../src/groups/txn-offsets.js'

export class MemoryLog implements GroupLog {
  readonly records: GroupLogEntry[] = []
  fail = false

  exists(): boolean {
    return true
  }
  partitionFor(): number {
    return 0
  }
  async create(): Promise<void> {}

  append(_groupId: string, records: GroupRecord[]): void {
    if (this.fail) throw new Error('disk full')
    // Through the byte format, so the schemas are exercised too.
    for (const r of records) {
      const e = encodeGroupRecord(r)
      this.records.push(decodeGroupRecord(e.key, e.value)!)
    }
  }

  appendTransactional(_groupId: string, records: GroupRecord[], producerId: bigint): void {
    if (this.fail) throw new Error('disk full')
    for (const r of records) {
      const e = encodeGroupRecord(r)
      this.records.push({ type: 'txn-record', producerId, record: decodeGroupRecord(e.key, e.value)! })
    }
  }

  /** A marker of `producerId`'s transaction, as WriteTxnMarkers writes it. */
  marker(producerId: bigint, commit: boolean): void {
    this.records.push({ type: 'txn-marker', producerId, commit })
  }
}

export class Topics implements TopicView {
  readonly #topics = new Map<string, TopicInfo>()

  add(name: string, partitions: number): TopicInfo {
    const t = { name, partitions, topicId: `00000000-0000-0000-0000-${String(this.#topics.size + 1).padStart(12, '0')}` }
    this.#topics.set(name, t)
    return t
  }

  byName(name: string): TopicInfo | undefined {
    return this.#topics.get(name)
  }
  byId(id: string): TopicInfo | undefined {
    return [...this.#topics.values()].find((t) => t.topicId === id)
  }
  all(): Iterable<TopicInfo> {
    return this.#topics.values()
  }
}

export const silent = { info() {}, warn() {}, debug() {} }

export function coordinator(
  config: Partial<GroupConfig> = {},
  log = new MemoryLog(),
  topics = new Topics(),
  now?: () => number,
): { c: GroupCoordinator; log: MemoryLog; topics: Topics } {
  const c = new GroupCoordinator({ config: { minSessionTimeoutMs: 10, ...config }, log, logger: silent, topics, now })
  // The coordinator's timers are unref'd (a broker's sockets keep it alive); a test needs a ref.
  const keepAlive = setInterval(() => {}, 60_000)
  const close = c.close.bind(c)
  c.close = () => {
    clearInterval(keepAlive)
    close()
  }
  return { c, log, topics }
}

export function joinReq(groupId: string, overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    groupId,
    memberId: '',
    groupInstanceId: null,
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 10_000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.from('meta') }],
    clientId: 'test-client',
    clientHost: '/127.0.0.1',
    requireKnownMemberId: true,
    supportsSkipAssignment: true,
    ...overrides,
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
