/**
 * The single-node metadata store: cluster id, topics with their ids, partition counts and config
 * overrides. It is the broker's own source of truth when no ZooKeeper is configured, kept in
 * `meta.properties` (Kafka's name and format) and `topics.json` in the first log dir, each
 * replaced atomically (write, fsync, rename) so a crash leaves the old or the new file.
 *
 * Every change is persisted first and applied after: a change whose file could not be written
 * (a full disk, EMFILE) rejects and leaves the store as it was, so what the broker answers,
 * what it shows and what it finds after a restart agree. Changes are written one at a time, in
 * the order they were asked for. Opening writes nothing unless meta.properties is missing or
 * out of date, so a broker starts on a full disk.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { SamsaError, StorageError } from '../errors.js'
import { nodeFs, replaceFile, type StorageFs } from '../storage/file-system.js'

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

/** Replaces a small file atomically, synchronously (the producer id blocks). */
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

function parseProperties(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n')
    .filter((l) => l.includes('=') && !l.startsWith('#'))
    .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]))
}

export class MetadataStore {
  readonly dir: string
  readonly clusterId: string
  readonly nodeId: number
  #topics = new Map<string, TopicMetadata>()
  readonly #fs: StorageFs
  #writes: Promise<unknown> = Promise.resolve()

  private constructor(fs: StorageFs, dir: string, clusterId: string, nodeId: number) {
    this.#fs = fs
    this.dir = dir
    this.clusterId = clusterId
    this.nodeId = nodeId
  }

  /** Opens (or initialises) the store in `dir`; a configured cluster id must match a stored one. */
  static async open(dir: string, opts: { nodeId: number, clusterId?: string, fs?: StorageFs }): Promise<MetadataStore> {
    const fs = opts.fs ?? nodeFs
    fs.mkdirSync(dir)
    const metaPath = join(dir, 'meta.properties')
    let clusterId = opts.clusterId
    let stored: Record<string, string> | undefined
    if (fs.statSync(metaPath) !== undefined) {
      stored = parseProperties(fs.readFileSync(metaPath).toString('utf8'))
      const storedId = stored['cluster.id']
      if (storedId !== undefined && clusterId !== undefined && storedId !== clusterId) {
        throw new SamsaError('SAMSA_CLUSTER_ID_MISMATCH', `log dir ${dir} belongs to cluster ${storedId}, not ${clusterId}`)
      }
      clusterId = storedId ?? clusterId
    }
    clusterId ??= newClusterId()
    if (stored?.['cluster.id'] !== clusterId || stored['node.id'] !== String(opts.nodeId) || stored['version'] !== '1') {
      await replaceFile(fs, metaPath, Buffer.from(`#Samsa broker metadata\nversion=1\ncluster.id=${clusterId}\nnode.id=${opts.nodeId}\n`))
    }
    const store = new MetadataStore(fs, dir, clusterId, opts.nodeId)
    const topicsPath = join(dir, 'topics.json')
    if (fs.statSync(topicsPath) !== undefined) {
      const file = JSON.parse(fs.readFileSync(topicsPath).toString('utf8')) as TopicsFile
      for (const t of file.topics) store.#topics.set(t.name, t)
    }
    return store
  }

  /**
   * Writes `next` (the topics after a change) to topics.json, after the changes asked for
   * before it; applies it in memory only once written. Rejects with a StorageError otherwise.
   */
  #persist(change: (current: ReadonlyMap<string, TopicMetadata>) => Map<string, TopicMetadata> | undefined, apply: (next: Map<string, TopicMetadata>) => void): Promise<void> {
    const run = async () => {
      const next = change(this.#topics)
      if (next === undefined) return
      const file: TopicsFile = { version: 1, topics: [...next.values()] }
      try {
        await replaceFile(this.#fs, join(this.dir, 'topics.json'), Buffer.from(JSON.stringify(file, null, 1)))
      } catch (err) {
        throw new StorageError('SAMSA_STORAGE_METADATA', `cannot write the topic metadata in ${this.dir}`, { cause: err })
      }
      apply(next)
    }
    const p = this.#writes.then(run, run)
    this.#writes = p.catch(() => {})
    return p
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

  /** Persists a new topic, then makes it known; resolves to its metadata. */
  async createTopic(t: Omit<TopicMetadata, 'topicId'> & { topicId?: string }): Promise<TopicMetadata> {
    const topic: TopicMetadata = { ...t, topicId: t.topicId ?? randomUUID() }
    await this.#persist(
      (current) => new Map(current).set(topic.name, topic),
      (next) => { this.#topics = next },
    )
    return topic
  }

  async deleteTopic(name: string): Promise<void> {
    await this.#persist(
      (current) => {
        if (!current.has(name)) return undefined
        const next = new Map(current)
        next.delete(name)
        return next
      },
      (next) => { this.#topics = next },
    )
  }

  /** Changes a topic in place once the change is on disk (the broker holds the same object). */
  #update(name: string, patch: Partial<TopicMetadata>): Promise<void> {
    return this.#persist(
      (current) => {
        const t = current.get(name)
        return t === undefined ? undefined : new Map(current).set(name, { ...t, ...patch })
      },
      () => { Object.assign(this.#topics.get(name)!, patch) },
    )
  }

  setPartitionCount(name: string, count: number): Promise<void> {
    return this.#update(name, { partitions: count })
  }

  setConfigs(name: string, configs: Record<string, string>): Promise<void> {
    return this.#update(name, { configs })
  }
}
