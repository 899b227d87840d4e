/**
 * The single-node metadata store: cluster id, topics with their ids, partition counts and config
 * overrides. It is the broker's own source of truth when no ZooKeeper is configured, kept in
 * `meta.properties` (Kafka's name and format) and `topics.json` in the first log dir, each
 * replaced atomically (write, fsync, rename) so a crash leaves the old or the new file.
 *
 * Every change is persisted first and applied after: a change whose file could not be written
 * (a full disk, EMFILE) rejects and leaves the store as it was, so what the broker answers,
 * what it shows and what it finds after a restart agree. Changes are applied in the order they
 * were asked for; those asked for while a write is under way go out together in the next one
 * (a group commit: 50 topics created at once cost one write and one fsync, not 50). Opening
 * writes nothing unless meta.properties is missing or out of date, so a broker starts on a full
 * disk.
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
function newClusterId(): string {
  return randomBytes(16).toString('base64url')
}

function parseProperties(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('=') && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]),
  )
}

/** A change of the topics, as data: applied to the file first and to memory after. */
type Change = { kind: 'create'; topic: TopicMetadata } | { kind: 'delete'; name: string } | { kind: 'update'; name: string; patch: Partial<TopicMetadata> }

interface Queued {
  change: Change
  resolve: () => void
  reject: (err: unknown) => void
}

export class MetadataStore {
  readonly dir: string
  readonly clusterId: string
  readonly nodeId: number
  readonly #topics = new Map<string, TopicMetadata>()
  readonly #fs: StorageFs
  #queue: Queued[] = []
  #writing = false

  private constructor(fs: StorageFs, dir: string, clusterId: string, nodeId: number) {
    this.#fs = fs
    this.dir = dir
    this.clusterId = clusterId
    this.nodeId = nodeId
  }

  /** Opens (or initialises) the store in `dir`; a configured cluster id must match a stored one. */
  static async open(dir: string, opts: { nodeId: number; clusterId?: string; fs?: StorageFs }): Promise<MetadataStore> {
    const fs = opts.fs ?? nodeFs
    fs.mkdirSync(dir)
    const metaPath = join(dir, 'meta.properties')
    let clusterId = opts.clusterId
    let stored: Record<string, string> | undefined
    if (fs.statSync(metaPath) !== undefined) {
      stored = parseProperties(fs.readFileSync(metaPath).toString('utf8'))
      if (stored['version'] === '0') {
        // Kafka's ZooKeeper-mode format: this broker's topics are in ZooKeeper, not here.
        throw new SamsaError(
          'SAMSA_ZOOKEEPER_LOG_DIR',
          `log dir ${dir} belongs to a broker of a ZooKeeper cluster (${stored['cluster.id'] ?? 'unknown'}); start it with zookeeper.connect`,
        )
      }
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

  /** Persists `change` (with whatever else is queued), then applies it; rejects with a StorageError. */
  #persist(change: Change): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ change, resolve, reject })
      if (this.#writing) return
      this.#writing = true
      // Changes asked for in the same turn of the event loop share the first write too.
      queueMicrotask(() => void this.#drain())
    })
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue
      this.#queue = []
      // The topics as the file will hold them: the current ones with the batch's changes, in order.
      const next = new Map<string, TopicMetadata>(this.#topics)
      for (const { change: c } of batch) {
        if (c.kind === 'create') next.set(c.topic.name, c.topic)
        else if (c.kind === 'delete') next.delete(c.name)
        else {
          const t = next.get(c.name)
          if (t !== undefined) next.set(c.name, { ...t, ...c.patch })
        }
      }
      const file: TopicsFile = { version: 1, topics: [...next.values()] }
      try {
        await replaceFile(this.#fs, join(this.dir, 'topics.json'), Buffer.from(JSON.stringify(file, null, 1)))
      } catch (err) {
        const failure = new StorageError('SAMSA_STORAGE_METADATA', `cannot write the topic metadata in ${this.dir}`, { cause: err })
        for (const q of batch) q.reject(failure)
        continue
      }
      // Written: now memory. Updates change the objects in place (the broker holds them).
      for (const { change: c } of batch) {
        if (c.kind === 'create') this.#topics.set(c.topic.name, c.topic)
        else if (c.kind === 'delete') this.#topics.delete(c.name)
        else {
          const t = this.#topics.get(c.name)
          if (t !== undefined) Object.assign(t, c.patch)
        }
      }
      for (const q of batch) q.resolve()
    }
    this.#writing = false
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
    await this.#persist({ kind: 'create', topic })
    return topic
  }

  async deleteTopic(name: string): Promise<void> {
    if (!this.#topics.has(name)) return
    await this.#persist({ kind: 'delete', name })
  }

  setPartitionCount(name: string, count: number): Promise<void> {
    return this.#persist({ kind: 'update', name, patch: { partitions: count } })
  }

  setConfigs(name: string, configs: Record<string, string>): Promise<void> {
    return this.#persist({ kind: 'update', name, patch: { configs } })
  }
}
