/**
 * Cluster-wide znodes a broker sets up or reads when it starts: the persistent top-level paths,
 * the cluster id, and generated broker ids (KafkaZkClient.createTopLevelPaths,
 * createOrGetClusterId, generateBrokerSequenceId).
 */
import { randomBytes } from 'node:crypto'
import type { ZooKeeperClient } from '../../zookeeper/client.js'
import { isZooKeeperError } from '../../zookeeper/errors.js'
import { retryOnConnectionLoss } from '../../zookeeper/recipes.js'
import { ClusterIdZNode, PERSISTENT_ZK_PATHS, ZkPaths } from './znodes.js'

/** Creates Kafka's persistent top-level znodes that are missing. */
export async function createTopLevelPaths(zk: ZooKeeperClient): Promise<void> {
  for (const path of PERSISTENT_ZK_PATHS) {
    await retryOnConnectionLoss(zk, () => zk.createWithParents(path, undefined, { ignoreExisting: true }))
  }
}

/** The cluster id in /cluster/id, null when none was written yet. */
export async function getClusterId(zk: ZooKeeperClient): Promise<string | null> {
  try {
    return ClusterIdZNode.decode((await zk.getData(ZkPaths.clusterId)).data)
  } catch (err) {
    if (isZooKeeperError(err, 'NONODE')) return null
    throw err
  }
}

/** Kafka's Uuid.randomUuid().toString(): 16 random bytes, URL-safe base64 without padding. */
function randomClusterId(): string {
  return randomBytes(16).toString('base64url')
}

/**
 * Writes `proposed` as the cluster id unless one exists; returns the cluster's id either way.
 * Every broker proposes one; the first to create /cluster/id decides.
 */
export function createOrGetClusterId(zk: ZooKeeperClient, proposed: string = randomClusterId()): Promise<string> {
  return retryOnConnectionLoss(zk, async () => {
    for (;;) {
      const existing = await getClusterId(zk)
      if (existing !== null) return existing
      try {
        await zk.createWithParents(ZkPaths.clusterId, ClusterIdZNode.encode(proposed))
        return proposed
      } catch (err) {
        if (!isZooKeeperError(err, 'NODEEXISTS')) throw err
      }
    }
  })
}

/**
 * A cluster-unique number for a generated broker id (Kafka adds reserved.broker.max.id to it):
 * the version of /brokers/seqid after an unconditional write, so every call gets a new one.
 */
export async function generateBrokerSequenceId(zk: ZooKeeperClient): Promise<number> {
  for (;;) {
    try {
      return (await zk.setData(ZkPaths.brokerSeqId, Buffer.alloc(0), -1)).version
    } catch (err) {
      if (!isZooKeeperError(err, 'NONODE')) throw err
    }
    await zk.createWithParents(ZkPaths.brokerSeqId, undefined, { ignoreExisting: true })
  }
}
