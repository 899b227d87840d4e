/**
 * What replication tests ask a cluster, through the protocol only: a partition's leader, epoch,
 * replicas and ISR as Metadata tells them; each replica's log as DescribeLogDirs tells it; and
 * every record a leader serves.
 */
import { Admin } from '../../src/client/admin.js'
import { ApiKey } from '../../src/protocol/generated/index.js'
import { RawConnection, TestClient } from './raw-client.js'
import { encodeBatch, type DecodedRecord } from './records.js'
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
    return p === undefined
      ? undefined
      : { errorCode: p.errorCode, leader: p.leaderId, leaderEpoch: p.leaderEpoch, replicas: p.replicaNodes, isr: p.isrNodes, offline: p.offlineReplicas }
  } finally {
    c.close()
  }
}

/** Waits until every serving (running, not paused) broker agrees on a live leader for the partition; returns the view. */
export async function waitForLeader(
  c: TestCluster,
  topic: string,
  partition: number,
  opts: { not?: number; timeoutMs?: number; ask?: readonly number[] } = {},
): Promise<PartitionView> {
  return eventually(
    `a leader for ${topic}-${partition}${opts.not === undefined ? '' : ` other than ${opts.not}`}`,
    async () => {
      // `ask` leaves out brokers the controller cannot reach (they keep their last picture).
      const asked = c.brokers.filter((b) => b.serving && (opts.ask === undefined || opts.ask.includes(b.id)))
      const views = await Promise.all(asked.map((b) => describePartition(b.bootstrap, topic, partition)))
      const v = views[0]
      if (v === undefined || v.leader < 0 || v.leader === opts.not) return false
      if (!c.broker(v.leader)?.serving) return false
      return views.every((x) => x?.leader === v.leader && x.leaderEpoch === v.leaderEpoch) ? v : false
    },
    opts.timeoutMs ?? 30_000,
  )
}

/** Each replica's log end lag and size, from DescribeLogDirs on `brokers`. */
export async function replicaLogs(
  c: TestCluster,
  topic: string,
  partition: number,
  brokers: readonly number[],
): Promise<Map<number, { size: bigint; offsetLag: bigint } | undefined>> {
  const out = new Map<number, { size: bigint; offsetLag: bigint } | undefined>()
  for (const id of brokers) {
    const conn = await RawConnection.connect(c.broker(id).bootstrap)
    try {
      const res = await conn.request(ApiKey.DescribeLogDirs, 4, { topics: [{ topic, partitions: [partition] }] })
      const p = res.results
        .flatMap((d: any) => d.topics)
        .find((t: any) => t.name === topic)
        ?.partitions.find((x: any) => x.partitionIndex === partition)
      out.set(id, p === undefined ? undefined : { size: p.partitionSize, offsetLag: p.offsetLag })
    } finally {
      conn.close()
    }
  }
  return out
}

/** Waits until the ISR holds `brokers` (as the leader reports it) and their logs are the same size. */
export async function waitInSync(c: TestCluster, topic: string, partition: number, brokers: readonly number[], timeoutMs = 30_000): Promise<void> {
  await eventually(
    `${topic}-${partition} in sync on ${brokers.join(',')}`,
    async () => {
      const v = await describePartition(c.bootstrap().split(',')[0]!, topic, partition)
      if (v === undefined || brokers.some((b) => !v.isr.includes(b))) return false
      const logs = await replicaLogs(c, topic, partition, brokers)
      const sizes = new Set([...logs.values()].map((l) => l?.size))
      return sizes.size === 1 && !sizes.has(undefined) && [...logs.values()].every((l) => l!.offsetLag === 0n)
    },
    timeoutMs,
  )
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

export async function createTopic(
  c: TestCluster,
  name: string,
  partitions: number,
  replicationFactor: number,
  configs: Record<string, string> = {},
): Promise<void> {
  const admin = await Admin.connect({ bootstrap: c.bootstrap() })
  try {
    await admin.createTopics([{ name, partitions, replicationFactor, configs }])
  } finally {
    await admin.close()
  }
  for (let p = 0; p < partitions; p++) await waitForLeader(c, name, p)
}

/** The active controller's id, as a broker's Metadata tells it. */
export async function controllerId(c: TestCluster): Promise<number> {
  const client = await TestClient.connect(c.bootstrap().split(',')[0]!)
  try {
    return (await client.metadata([])).controllerId as number
  } finally {
    client.close()
  }
}

/** Creates a topic with replicas placed by hand (`assignment[p]` lists partition p's replicas, the first its preferred leader). */
export async function createAssignedTopic(c: TestCluster, name: string, assignment: number[][], configs: Record<string, string> = {}): Promise<void> {
  const conn = await RawConnection.connect(c.broker(await controllerId(c)).bootstrap)
  try {
    const res = await conn.request(ApiKey.CreateTopics, 7, {
      topics: [
        {
          name,
          numPartitions: -1,
          replicationFactor: -1,
          assignments: assignment.map((brokerIds, partitionIndex) => ({ partitionIndex, brokerIds })),
          configs: Object.entries(configs).map(([k, value]) => ({ name: k, value })),
        },
      ],
      timeoutMs: 30_000,
      validateOnly: false,
    })
    if (res.topics[0].errorCode !== 0) throw new Error(`CreateTopics ${name}: ${res.topics[0].errorCode} ${res.topics[0].errorMessage ?? ''}`)
  } finally {
    conn.close()
  }
  for (let p = 0; p < assignment.length; p++) await waitForLeader(c, name, p)
}

/** One Produce of `values` (one batch) to a partition of the broker at `bootstrap`. */
export async function produceBatch(
  bootstrap: string,
  topic: string,
  partition: number,
  values: string[],
  opts: { acks?: number; timeoutMs?: number } = {},
): Promise<{ errorCode: number; baseOffset: bigint }> {
  const conn = await RawConnection.connect(bootstrap)
  try {
    const res = await conn.request(
      ApiKey.Produce,
      9,
      {
        transactionalId: null,
        acks: opts.acks ?? -1,
        timeoutMs: opts.timeoutMs ?? 30_000,
        topicData: [{ name: topic, partitionData: [{ index: partition, records: encodeBatch(values.map((v) => ({ key: null, value: Buffer.from(v) }))) }] }],
      },
      (opts.timeoutMs ?? 30_000) + 20_000,
    )
    return res.responses[0].partitionResponses[0]
  } finally {
    conn.close()
  }
}
