/**
 * Kafka's replica assignment (AdminUtils.assignReplicasToBrokers, ZooKeeper mode): partitions go
 * round robin over the brokers from a random start, each partition's followers at a shift that
 * grows every round so that replicas spread evenly; with racks, the broker list alternates racks
 * and a partition's replicas take every rack before any rack twice. When only some brokers have
 * a rack, racks are ignored (Kafka's RackAwareMode.Safe, what its auto-creation uses).
 */

export interface BrokerRack {
  id: number
  rack: string | null
}

export interface AssignmentOptions {
  /** the first broker's index and the first follower shift; random when absent (Kafka's fixedStartIndex) */
  fixedStartIndex?: number
  /** the first partition's id, for partitions added to a topic (Kafka's startPartitionId) */
  startPartitionId?: number
  random?: (n: number) => number
}

/** Thrown for an impossible request; `reason` is Kafka's message. */
export class AssignmentError extends Error {
  readonly kind: 'partitions' | 'replication-factor'

  constructor(kind: 'partitions' | 'replication-factor', message: string) {
    super(message)
    this.kind = kind
  }
}

const randomInt = (n: number): number => Math.floor(Math.random() * n)

/** Replicas of each of `partitions` partitions, in partition order (the first replica is the preferred leader). */
export function assignReplicasToBrokers(
  brokers: readonly BrokerRack[],
  partitions: number,
  replicationFactor: number,
  opts: AssignmentOptions = {},
): number[][] {
  if (partitions <= 0) throw new AssignmentError('partitions', 'Number of partitions must be larger than 0.')
  if (replicationFactor <= 0) throw new AssignmentError('replication-factor', 'Replication factor must be larger than 0.')
  if (replicationFactor > brokers.length) {
    throw new AssignmentError('replication-factor', `Replication factor: ${replicationFactor} larger than available brokers: ${brokers.length}.`)
  }
  const sorted = [...brokers].sort((a, b) => a.id - b.id)
  if (sorted.every((b) => b.rack !== null)) return rackAware(sorted, partitions, replicationFactor, opts)
  return rackUnaware(
    sorted.map((b) => b.id),
    partitions,
    replicationFactor,
    opts,
  )
}

function replicaIndex(firstReplicaIndex: number, secondReplicaShift: number, replica: number, nBrokers: number): number {
  const shift = 1 + ((secondReplicaShift + replica) % (nBrokers - 1))
  return (firstReplicaIndex + shift) % nBrokers
}

function rackUnaware(brokers: number[], partitions: number, rf: number, opts: AssignmentOptions): number[][] {
  const random = opts.random ?? randomInt
  const n = brokers.length
  const startIndex = opts.fixedStartIndex !== undefined && opts.fixedStartIndex >= 0 ? opts.fixedStartIndex : random(n)
  let nextReplicaShift = opts.fixedStartIndex !== undefined && opts.fixedStartIndex >= 0 ? opts.fixedStartIndex : random(n)
  let partitionId = Math.max(0, opts.startPartitionId ?? 0)
  const out: number[][] = []
  for (let i = 0; i < partitions; i++) {
    if (partitionId > 0 && partitionId % n === 0) nextReplicaShift++
    const first = (partitionId + startIndex) % n
    const replicas = [brokers[first]!]
    for (let j = 0; j < rf - 1; j++) replicas.push(brokers[replicaIndex(first, nextReplicaShift, j, n)]!)
    out.push(replicas)
    partitionId++
  }
  return out
}

/** Brokers ordered so that racks alternate (Kafka's getRackAlternatedBrokerList). */
export function rackAlternatedBrokers(brokers: readonly BrokerRack[]): number[] {
  const byRack = new Map<string, number[]>()
  for (const b of brokers) {
    const list = byRack.get(b.rack!) ?? []
    list.push(b.id)
    byRack.set(b.rack!, list)
  }
  const racks = [...byRack.keys()].sort()
  const iters = racks.map((r) =>
    byRack
      .get(r)!
      .sort((a, b) => a - b)
      [Symbol.iterator](),
  )
  const out: number[] = []
  for (let i = 0; out.length < brokers.length; i = (i + 1) % racks.length) {
    const next = iters[i]!.next()
    if (!next.done) out.push(next.value)
  }
  return out
}

function rackAware(brokers: readonly BrokerRack[], partitions: number, rf: number, opts: AssignmentOptions): number[][] {
  const random = opts.random ?? randomInt
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack!]))
  const numRacks = new Set(rackOf.values()).size
  const arranged = rackAlternatedBrokers(brokers)
  const n = arranged.length
  const startIndex = opts.fixedStartIndex !== undefined && opts.fixedStartIndex >= 0 ? opts.fixedStartIndex : random(n)
  let nextReplicaShift = opts.fixedStartIndex !== undefined && opts.fixedStartIndex >= 0 ? opts.fixedStartIndex : random(n)
  let partitionId = Math.max(0, opts.startPartitionId ?? 0)
  const out: number[][] = []
  for (let i = 0; i < partitions; i++) {
    if (partitionId > 0 && partitionId % n === 0) nextReplicaShift++
    const first = (partitionId + startIndex) % n
    const leader = arranged[first]!
    const replicas = [leader]
    const racksWithReplicas = new Set([rackOf.get(leader)!])
    const brokersWithReplicas = new Set([leader])
    let k = 0
    for (let j = 0; j < rf - 1; j++) {
      for (;;) {
        const broker = arranged[replicaIndex(first, nextReplicaShift * numRacks, k, n)]!
        const rack = rackOf.get(broker)!
        k++
        // Skip a broker whose rack already has a replica while another rack has none, and a
        // broker that has one while another broker has none.
        if ((!racksWithReplicas.has(rack) || racksWithReplicas.size === numRacks) && (!brokersWithReplicas.has(broker) || brokersWithReplicas.size === n)) {
          replicas.push(broker)
          racksWithReplicas.add(rack)
          brokersWithReplicas.add(broker)
          break
        }
      }
    }
    out.push(replicas)
    partitionId++
  }
  return out
}
