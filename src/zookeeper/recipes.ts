/**
 * Small patterns on top of the client: retrying through a failover, and watches that re-arm
 * themselves (a ZooKeeper watch fires once; whoever needs to follow a znode must read it again
 * with a new watch after every event, and again after a new session, because an expired
 * session's watches are gone).
 */
import type { Logger } from '../logger.js'
import { ZooKeeperClient, type ZooKeeperClientOptions } from './client.js'
import { isZooKeeperError } from './errors.js'
import type { Stat } from './protocol.js'
import type { WatchEvent } from './watches.js'

/**
 * Runs `fn`, and again after the client reconnects when it fails with CONNECTIONLOSS (as Kafka's
 * retryRequestUntilConnected). Only for operations that are safe to repeat, or that check for
 * their own earlier success. Gives up with CONNECTIONLOSS when no connection comes back within
 * the client's connection timeout; other errors pass through.
 */
export async function retryOnConnectionLoss<T>(zk: ZooKeeperClient, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await fn()
    } catch (err) {
      if (!isZooKeeperError(err, 'CONNECTIONLOSS')) throw err
      await zk.waitUntilConnected()
    }
  }
}

/**
 * Creates the chroot of a connect string (`h:2181/samsa`) when it is missing, as a Kafka broker
 * does at startup: a chrooted client cannot create its own root's parents.
 */
export async function ensureChroot(options: ZooKeeperClientOptions): Promise<void> {
  const slash = options.connect.indexOf('/')
  if (slash < 0 || options.connect.length === slash + 1) return
  const zk = await ZooKeeperClient.connect({ ...options, connect: options.connect.slice(0, slash) })
  try {
    await retryOnConnectionLoss(zk, () => zk.createWithParents(options.connect.slice(slash), undefined, { ignoreExisting: true }))
  } finally {
    await zk.close()
  }
}

export interface WatchHandle {
  close(): void
}

interface FollowOptions {
  logger?: Logger
}

/**
 * Follows a znode's data: `onChange` gets the current data (null while the znode does not exist)
 * at once and after every change, deletion or creation, and after a new session. Calls never
 * overlap; changes that happen during a call are delivered after it (coalesced: ZooKeeper only
 * promises the latest state, not every intermediate one).
 */
export function watchData(
  zk: ZooKeeperClient,
  path: string,
  onChange: (value: { data: Buffer; stat: Stat } | null) => void | Promise<void>,
  options: FollowOptions = {},
): WatchHandle {
  return follow(
    zk,
    path,
    options,
    async (watch) => {
      for (;;) {
        try {
          return await zk.getData(path, { watch })
        } catch (err) {
          if (!isZooKeeperError(err, 'NONODE')) throw err
        }
        // absent: watch for its creation; if it appeared in between, read it again
        if ((await zk.exists(path, { watch })) === null) return null
      }
    },
    onChange,
  )
}

/** Follows a znode's children (sorted); null while the znode does not exist. As watchData. */
export function watchChildren(
  zk: ZooKeeperClient,
  path: string,
  onChange: (children: string[] | null) => void | Promise<void>,
  options: FollowOptions = {},
): WatchHandle {
  return follow(
    zk,
    path,
    options,
    async (watch) => {
      for (;;) {
        try {
          return (await zk.getChildren(path, { watch })).children.sort()
        } catch (err) {
          if (!isZooKeeperError(err, 'NONODE')) throw err
        }
        if ((await zk.exists(path, { watch })) === null) return null
      }
    },
    onChange,
  )
}

function follow<T>(
  zk: ZooKeeperClient,
  path: string,
  options: FollowOptions,
  read: (watch: (e: WatchEvent) => void) => Promise<T>,
  onChange: (value: T) => void | Promise<void>,
): WatchHandle {
  let closed = false
  let running = false
  let again = false
  let waitingForConnection = false

  const watch = (event: WatchEvent): void => {
    // expiry and close drain every watch; a new session re-arms through onSession
    if (event.type !== 'sessionExpired' && event.type !== 'closed') schedule()
  }
  const onSession = (): void => schedule()
  const onConnected = (): void => {
    waitingForConnection = false
    schedule()
  }

  const schedule = (): void => {
    if (closed) return
    if (running) {
      again = true
      return
    }
    running = true
    void run()
  }

  const run = async (): Promise<void> => {
    do {
      again = false
      let value: T
      try {
        value = await read(watch)
      } catch (err) {
        if (isZooKeeperError(err, 'CLOSED')) break
        if (isZooKeeperError(err, 'CONNECTIONLOSS') && !waitingForConnection) {
          waitingForConnection = true
          zk.once('connected', onConnected)
        } else if (!isZooKeeperError(err, 'SESSIONEXPIRED') && !isZooKeeperError(err, 'CONNECTIONLOSS')) {
          options.logger?.warn({ err, path }, 'reading a watched znode failed')
        }
        break
      }
      if (closed) break
      try {
        await onChange(value)
      } catch (err) {
        options.logger?.error({ err, path }, 'znode watch handler threw')
      }
    } while (again && !closed)
    running = false
  }

  zk.on('session', onSession)
  schedule()
  return {
    close() {
      closed = true
      zk.off('session', onSession)
      zk.off('connected', onConnected)
    },
  }
}
