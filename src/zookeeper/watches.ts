/**
 * The client's side of ZooKeeper watches. A watch is one-shot: the server sends one notification
 * per watch set, then forgets it. Watches live on the server the client is connected to, so
 * after a failover the client re-sends them (SetWatches, with the last zxid it saw); the server
 * fires at once those whose znode changed meanwhile. When the session expires or the client is
 * closed, every watcher fires once with that event instead, so nobody waits forever.
 *
 * Which watchers a notification fires follows ZooKeeper's ZKWatchManager: created and
 * data-changed fire data and exist watchers, deleted fires all three kinds, children-changed
 * fires child watchers.
 */
import type { Logger } from '../logger.js'
import { EventType } from './protocol.js'

export type WatchEventType = 'created' | 'deleted' | 'dataChanged' | 'childrenChanged' | 'sessionExpired' | 'closed'

export interface WatchEvent {
  type: WatchEventType
  /** the znode, inside the chroot */
  path: string
}

export type Watcher = (event: WatchEvent) => void

export type WatchKind = 'data' | 'exist' | 'child'

const TYPES: Record<number, WatchEventType> = {
  [EventType.NodeCreated]: 'created',
  [EventType.NodeDeleted]: 'deleted',
  [EventType.NodeDataChanged]: 'dataChanged',
  [EventType.NodeChildrenChanged]: 'childrenChanged',
}

export class WatchRegistry {
  readonly #kinds: Record<WatchKind, Map<string, Set<Watcher>>> = { data: new Map(), exist: new Map(), child: new Map() }
  readonly #logger: Logger

  constructor(logger: Logger) {
    this.#logger = logger
  }

  add(kind: WatchKind, path: string, watcher: Watcher): void {
    const map = this.#kinds[kind]
    let set = map.get(path)
    if (set === undefined) map.set(path, (set = new Set()))
    set.add(watcher)
  }

  get size(): number {
    let n = 0
    for (const map of Object.values(this.#kinds)) for (const set of map.values()) n += set.size
    return n
  }

  /** Paths with watches, per kind (what SetWatches re-registers). */
  paths(): Record<WatchKind, string[]> {
    return { data: [...this.#kinds.data.keys()], exist: [...this.#kinds.exist.keys()], child: [...this.#kinds.child.keys()] }
  }

  /** Fires the watchers a server notification triggers (each watcher once per event). */
  notify(rawType: number, path: string): void {
    const type = TYPES[rawType]
    if (type === undefined) return // EventType.None: a state change, which the client reports itself
    const kinds: WatchKind[] = type === 'childrenChanged' ? ['child'] : type === 'deleted' ? ['data', 'exist', 'child'] : ['data', 'exist']
    const fire = new Set<Watcher>()
    for (const kind of kinds) {
      const set = this.#kinds[kind].get(path)
      if (set === undefined) continue
      this.#kinds[kind].delete(path)
      for (const w of set) fire.add(w)
    }
    for (const w of fire) this.#call(w, { type, path })
  }

  /** Fires and forgets every watcher, for session expiry or close. */
  drain(type: 'sessionExpired' | 'closed'): void {
    // a watcher set on one path as, say, data and child watch still fires once
    const all = new Map<Watcher, Set<string>>()
    for (const map of Object.values(this.#kinds)) {
      for (const [path, set] of map) {
        for (const w of set) {
          let paths = all.get(w)
          if (paths === undefined) all.set(w, (paths = new Set()))
          paths.add(path)
        }
      }
      map.clear()
    }
    for (const [w, paths] of all) for (const path of paths) this.#call(w, { type, path })
  }

  #call(w: Watcher, event: WatchEvent): void {
    try {
      w(event)
    } catch (err) {
      this.#logger.error({ err, path: event.path, event: event.type }, 'ZooKeeper watcher threw')
    }
  }
}
