/**
 * The single-node metadata store: cluster id, topics with their ids, partition counts and config
 * overrides. It is the broker's own source of truth when no ZooKeeper is configured, kept in
 * `meta.properties` (Kafka's name and format) and `topics.json` in the first log dir, each
 * replaced atomically (write, fsync, rename) so a crash leaves the old or the new file.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { SamsaError } from '../errors.js'

export interface TopicMetadata {
  name: string
  topicId: string
  partitions: number
  replicationFactor: number
  /** Topic-level config overrides (DYNAMIC_TOPIC_CONFIG). */
  configs: Record<string, string>
  internal: boolean
}

interface TopicsFile {
  version: 1
  topics: TopicMetadata[]
}

export function writeFileAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp`
  const fd = openSync(tmp, 'w')
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding (22 characters). */
export function newClusterId(): string {
  return randomBytes(16).toString('base64url')
}

export class MetadataStore {
  readonly dir: string
  readonly clusterId: string
  readonly nodeId: number
  readonly #topics = new Map<string, TopicMetadata>()

  private constructor(dir: string, clusterId: string, nodeId: number) {
    this.dir = dir
    this.clusterId = clusterId
    this.nodeId = nodeId
  }

  /** Opens (or initialises) the store in `dir`; a configured cluster id must match a stored one. */
  static open(dir: string, opts: { nodeId: number, clusterId?: string }): MetadataStore {
    mkdirSync(dir, { recursive: true })
    const metaPath = join(dir, 'meta.properties')
    let clusterId = opts.clusterId
    if (existsSync(metaPath)) {
      const props = Object.fromEntries(readFileSync(metaPath, 'utf8').split('\n')
        .filter((l) => l.includes('=') && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]))
      const stored = props['cluster.id']
      if (stored !== undefined && clusterId !== undefined && stored !== clusterId) {
        throw new SamsaError('SAMSA_CLUSTER_ID_MISMATCH', `log dir ${dir} belongs to cluster ${stored}, not ${clusterId}`)
      }
      clusterId = stored ?? clusterId
    }
    clusterId ??= newClusterId()
    writeFileAtomic(metaPath, `#Samsa broker metadata\nversion=1\ncluster.id=${clusterId}\nnode.id=${opts.nodeId}\n`)
    const store = new MetadataStore(dir, clusterId, opts.nodeId)
    const topicsPath = join(dir, 'topics.json')
    if (existsSync(topicsPath)) {
      const file = JSON.parse(readFileSync(topicsPath, 'utf8')) as TopicsFile
      for (const t of file.topics) store.#topics.set(t.name, t)
    }
    return store
  }

  #save(): void {
    const file: TopicsFile = { version: 1, topics: [...this.#topics.values()] }
    writeFileAtomic(join(this.dir, 'topics.json'), JSON.stringify(file, null, 1))
  }

  topics(): IterableIterator<TopicMetadata> {
    return this.#topics.values()
  }

  topic(name: string): TopicMetadata | undefined {
    return this.#topics.get(name)
  }

  topicById(id: string): TopicMetadata | undefined {
    for (const t of this.#topics.values()) if (t.topicId === id) return t
    return undefined
  }

  createTopic(t: Omit<TopicMetadata, 'topicId'> & { topicId?: string }): TopicMetadata {
    const topic: TopicMetadata = { ...t, topicId: t.topicId ?? randomUUID() }
    this.#topics.set(topic.name, topic)
    this.#save()
    return topic
  }

  deleteTopic(name: string): void {
    this.#topics.delete(name)
    this.#save()
  }

  setPartitionCount(name: string, count: number): void {
    const t = this.#topics.get(name)
    if (t === undefined) return
    t.partitions = count
    this.#save()
  }

  setConfigs(name: string, configs: Record<string, string>): void {
    const t = this.#topics.get(name)
    if (t === undefined) return
    t.configs = configs
    this.#save()
  }
}
