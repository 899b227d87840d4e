/**
 * meta.properties of a ZooKeeper-mode broker's log dirs, in Kafka's format (version=0,
 * broker.id, cluster.id): it ties the data to one cluster and one broker id. A broker refuses to
 * start when the cluster in ZooKeeper or its configured id disagree with what its data says
 * (Kafka's InconsistentClusterIdException, InconsistentBrokerIdException), and a log dir that a
 * single-node broker wrote topics into is refused too: its topics are not in ZooKeeper.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SamsaError } from '../errors.js'
import { writeFileAtomic } from './metadata-store.js'

const META_PROPERTIES = 'meta.properties'

function readMetaProperties(dir: string): Record<string, string> | undefined {
  const path = join(dir, META_PROPERTIES)
  if (!existsSync(path)) return undefined
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.includes('=') && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]),
  )
}

/** The cluster id the log dirs were written for, if any (checked for agreement). */
export function storedClusterId(dirs: readonly string[]): string | undefined {
  let found: string | undefined
  for (const dir of dirs) {
    const id = readMetaProperties(dir)?.['cluster.id']
    if (id === undefined) continue
    if (found !== undefined && found !== id) throw new SamsaError('SAMSA_CLUSTER_ID_MISMATCH', `log dirs belong to different clusters (${found}, ${id})`)
    found = id
  }
  return found
}

function singleNodeTopics(dir: string): number {
  const path = join(dir, 'topics.json')
  if (!existsSync(path)) return 0
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { topics?: unknown[] }).topics?.length ?? 0
  } catch {
    return 0
  }
}

/**
 * Checks every log dir against the cluster (`clusterId`, from ZooKeeper's /cluster/id) and this
 * broker's id, then writes meta.properties where it is missing.
 */
export function checkAndWriteMetaProperties(dirs: readonly string[], brokerId: number, clusterId: string): void {
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true })
    const props = readMetaProperties(dir)
    const topics = singleNodeTopics(dir)
    if (topics > 0) {
      throw new SamsaError(
        'SAMSA_SINGLE_NODE_LOG_DIR',
        `log dir ${dir} holds ${topics} topic(s) of a broker that ran without ZooKeeper; ZooKeeper does not know them, so this broker would delete them. Start it without zookeeper.connect, or give it an empty log dir`,
      )
    }
    if (props !== undefined) {
      const stored = props['cluster.id']
      if (stored !== undefined && stored !== clusterId) {
        throw new SamsaError(
          'SAMSA_CLUSTER_ID_MISMATCH',
          `The Cluster ID ${clusterId} doesn't match stored clusterId ${stored} in meta.properties of ${dir}. The broker is trying to join the wrong cluster. Configured zookeeper.connect may be wrong.`,
        )
      }
      const id = props['broker.id'] ?? props['node.id']
      if (id !== undefined && Number(id) !== brokerId) {
        throw new SamsaError(
          'SAMSA_BROKER_ID_MISMATCH',
          `Configured broker.id ${brokerId} doesn't match stored broker.id ${id} in meta.properties of ${dir}. If you moved your data, make sure your configured broker.id matches.`,
        )
      }
      if (props['version'] === '0' && stored !== undefined) continue
    }
    writeFileAtomic(join(dir, META_PROPERTIES), `#\n#Written by Samsa (ZooKeeper mode)\ncluster.id=${clusterId}\nversion=0\nbroker.id=${brokerId}\n`)
  }
}
