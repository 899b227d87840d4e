/**
 * Dynamic configs of a broker without ZooKeeper: the broker's own (`<id>`), the cluster default
 * (`<default>`) and each consumer group's (KIP-848), kept in `configs.json` beside topics.json in
 * the first log dir. What ZooKeeper mode keeps under /config/brokers and /config/groups, a single
 * node keeps here, so a change made through AlterConfigs survives a restart.
 *
 * As in the metadata store, a change is persisted first (write, fsync, rename) and applied after:
 * a change whose file cannot be written rejects with a StorageError and changes nothing. Writes
 * go one at a time, in the order asked; opening writes nothing, so a broker starts on a full disk.
 */
import { join } from 'node:path'
import { StorageError } from '../errors.js'
import { nodeFs, replaceFile, type StorageFs } from '../storage/file-system.js'

/** The kinds of entity stored, named as ZooKeeper's /config/<type>. */
export type StoredConfigType = 'brokers' | 'groups'

type Entities = Record<string, Record<string, string>>

interface ConfigsFile {
  version: 1
  brokers: Entities
  groups: Entities
}

const CONFIGS_FILE = 'configs.json'

export class ConfigStore {
  readonly #fs: StorageFs
  readonly #path: string
  #file: ConfigsFile
  #tail: Promise<unknown> = Promise.resolve()

  private constructor(fs: StorageFs, path: string, file: ConfigsFile) {
    this.#fs = fs
    this.#path = path
    this.#file = file
  }

  static open(dir: string, opts: { fs?: StorageFs } = {}): ConfigStore {
    const fs = opts.fs ?? nodeFs
    const path = join(dir, CONFIGS_FILE)
    let file: ConfigsFile = { version: 1, brokers: {}, groups: {} }
    if (fs.statSync(path) !== undefined) {
      const read = JSON.parse(fs.readFileSync(path).toString('utf8')) as Partial<ConfigsFile>
      file = { version: 1, brokers: read.brokers ?? {}, groups: read.groups ?? {} }
    }
    return new ConfigStore(fs, path, file)
  }

  /** An entity's configs; empty when it has none. */
  get(type: StoredConfigType, name: string): Record<string, string> {
    return { ...(this.#file[type][name] ?? {}) }
  }

  /** The names of the entities of `type` that have configs. */
  names(type: StoredConfigType): string[] {
    return Object.keys(this.#file[type])
  }

  /** Replaces an entity's configs (none: the entity is removed); persisted before it is applied. */
  set(type: StoredConfigType, name: string, configs: Readonly<Record<string, string>>): Promise<void> {
    const run = async (): Promise<void> => {
      const entities: Entities = { ...this.#file[type] }
      if (Object.keys(configs).length === 0) delete entities[name]
      else entities[name] = { ...configs }
      const next: ConfigsFile = { ...this.#file, [type]: entities }
      try {
        await replaceFile(this.#fs, this.#path, Buffer.from(JSON.stringify(next, null, 1)))
      } catch (err) {
        throw new StorageError('SAMSA_STORAGE_METADATA', `cannot write the dynamic configs in ${this.#path}`, { cause: err })
      }
      this.#file = next
    }
    const done = this.#tail.then(run, run)
    this.#tail = done.catch(() => {})
    return done
  }
}
