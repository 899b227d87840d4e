/**
 * What replication tests ask a cluster, through the protocol only: a partition's leader, epoch,
 * replicas and ISR as Metadata tells them; each replica's log as DescribeLogDirs tells it; and
 * every record a leader serves.
 */
import { Admin } from '../../src/client/admin.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { RawConnection, TestClient } from './raw-client.js'
import type { DecodedRecord } from './records.js'
import { eventually, type TestCluster } from './cluster.js'

export interface PartitionView {
  errorCode: number
  leader: number
  leaderEpoch: number
  replicas: number[]
  isr: number[]
  offline: number[]
}

/** The partition as `bootstrap` (one broker) describes it in Metadata v12. */
export async function describePartition(bootstrap: string, topic: string, partition: number): Promise<PartitionView | undefined> {
  const c = await TestClient.connect(bootstrap)
  try {
    const md = await c.metadata([topic])
    const p = md.topics[0]?.partitions.find((x: any) => x.partitionIndex === partition)
    return p === undefined ? undefined : { errorCode: p.errorCode, leader: p.leaderId, leaderEpoch: p.leaderEpoch, replicas: p.replicaNodes, isr: p.isrNodes, offline: p.offlineReplicas }
  } finally {
    c.close()
  }
}

/** Waits until every running broker agrees on a live leader for the partition; returns the view. */
export async function waitForLeader(c: TestCluster, topic: string, partition: number, opts: { not?: number, timeoutMs?: number } = {}): Promise<PartitionView> {
  return eventually(`a leader for ${topic}-${partition}${opts.not === undefined ? '' : ` other than ${opts.not}`}`, async () => {
    const views = await Promise.all(c.brokers.filter((b) => b.running).map((b) => describePartition(b.bootstrap, topic, partition)))
    const v = views[0]
    if (v === undefined || v.leader < 0 || v.leader === opts.not) return false
    if (!c.broker(v.leader)?.running) return false
    return views.every((x) => x?.leader === v.leader && x.leaderEpoch === v.leaderEpoch) ? v : false
  }, opts.timeoutMs ?? 30_000)
}

/** Each replica's log end lag and size, from DescribeLogDirs on `brokers`. */
export async function replicaLogs(c: TestCluster, topic: string, partition: number, brokers: readonly number[]): Promise<Map<number, { size: bigint, offsetLag: bigint } | undefined>> {
  const out = new Map<number, { size: bigint, offsetLag: bigint } | undefined>()
  for (const id of brokers) {
    const conn = await RawConnection.connect(c.broker(id).bootstrap)
    try {
      const res = await conn.request(ApiKey.DescribeLogDirs, 4, { topics: [{ topic, partitions: [partition] }] })
      const p = res.results.flatMap((d: any) => d.topics).find((t: any) => t.name === topic)?.partitions.find((x: any) => x.partitionIndex === partition)
      out.set(id, p === undefined ? undefined : { size: p.partitionSize, offsetLag: p.offsetLag })
    } finally {
      conn.close()
    }
  }
  return out
}

/** Waits until the ISR holds `brokers` (as the leader reports it) and their logs are the same size. */
export async function waitInSync(c: TestCluster, topic: string, partition: number, brokers: readonly number[], timeoutMs = 30_000): Promise<void> {
  await eventually(`${topic}-${partition} in sync on ${brokers.join(',')}`, async () => {
    const v = await describePartition(c.bootstrap().split(',')[0]!, topic, partition)
    if (v === undefined || brokers.some((b) => !v.isr.includes(b))) return false
    const logs = await replicaLogs(c, topic, partition, brokers)
    const sizes = new Set([...logs.values()].map((l) => l?.size))
    return sizes.size === 1 && !sizes.has(undefined) && [...logs.values()].every((l) => l!.offsetLag === 0n)
  }, timeoutMs)
}

/** Every record the leader of the partition serves (below its high watermark). */
export async function readPartition(c: TestCluster, topic: string, partition: number): Promise<DecodedRecord[]> {
  const v = await waitForLeader(c, topic, partition)
  const client = await TestClient.connect(c.broker(v.leader).bootstrap)
  try {
    return (await client.fetchAll(topic, partition)).records
  } finally {
    client.close()
  }
}

export async function createTopic(c: TestCluster, name: string, partitions: number, replicationFactor: number, configs: Record<string, string> = {}): Promise<void> {
  const admin = await Admin.connect({ bootstrap: c.bootstrap() })
  try {
    await admin.createTopics([{ name, partitions, replicationFactor, configs }])
  } finally {
    await admin.close()
  }
  for (let p = 0; p < partitions; p++) await waitForLeader(c, name, p)
}
