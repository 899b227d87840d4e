/**
 * Controller election and epoch fencing, as Kafka's ZooKeeper-mode controller did it
 * (KafkaZkClient.registerControllerAndIncrementControllerEpoch, KafkaController.elect).
 *
 * - Whoever creates the ephemeral /controller is the controller. It is created in one multi with
 *   the increment of /controller_epoch, conditional on the epoch znode's version, so two brokers
 *   can never both win the same epoch.
 * - Every controller write is a multi that starts with a check of /controller_epoch's version
 *   (fencedMulti). Once another broker has become controller (and so incremented the epoch),
 *   a deposed controller's writes fail with ControllerMovedError instead of overwriting the new
 *   controller's decisions. Brokers reject requests that carry an older controller epoch.
 * - A controller stops acting ('resigned') as soon as its ZooKeeper connection is lost, which the
 *   client's watchdog reports within 2/3 of the session timeout even when the server hangs, so
 *   before the session can expire and another broker can take over. If the session survives
 *   (re-attached to another server) and /controller is still ours, it resumes under a new epoch,
 *   bumped conditionally, so nothing it wrote before the interruption can be confused with
 *   after. After an expiry it contends again in the new session.
 */
import { EventEmitter } from 'node:events'
import { SamsaError } from '../../errors.js'
import type { Logger } from '../../logger.js'
import type { Op, OpResult, ZooKeeperClient } from '../../zookeeper/client.js'
import { isZooKeeperError, ZooKeeperMultiError } from '../../zookeeper/errors.js'
import type { WatchEvent } from '../../zookeeper/watches.js'
import { ControllerEpochZNode, ControllerZNode, ZkPaths } from './znodes.js'

/** Kafka's InitialControllerEpoch: the value /controller_epoch is created with. */
const INITIAL_CONTROLLER_EPOCH = 0

/** This broker is not (or no longer) the controller; the write was not applied. */
export class ControllerMovedError extends SamsaError {
  constructor(message: string) {
    super('SAMSA_CONTROLLER_MOVED', message)
  }
}

export interface ControllerEpoch {
  epoch: number
  /** /controller_epoch's version when this controller took over: the fence of its writes */
  epochZkVersion: number
}

/** /controller_epoch's value and version, created with the initial epoch when missing. */
export async function readControllerEpoch(zk: ZooKeeperClient): Promise<ControllerEpoch> {
  for (;;) {
    try {
      const { data, stat } = await zk.getData(ZkPaths.controllerEpoch)
      return { epoch: ControllerEpochZNode.decode(data), epochZkVersion: stat.version }
    } catch (err) {
      if (!isZooKeeperError(err, 'NONODE')) throw err
    }
    try {
      await zk.create(ZkPaths.controllerEpoch, ControllerEpochZNode.encode(INITIAL_CONTROLLER_EPOCH))
      return { epoch: INITIAL_CONTROLLER_EPOCH, epochZkVersion: 0 }
    } catch (err) {
      if (!isZooKeeperError(err, 'NODEEXISTS')) throw err
    }
  }
}

/**
 * One election attempt: creates /controller and increments the epoch atomically. Returns the new
 * epoch when this broker won, null when another broker is controller (or won meanwhile).
 */
export async function tryElectController(zk: ZooKeeperClient, brokerId: number): Promise<ControllerEpoch | null> {
  const current = await readControllerEpoch(zk)
  const epoch = current.epoch + 1
  try {
    const results = await zk.multi([
      { type: 'create', path: ZkPaths.controller, data: ControllerZNode.encode(brokerId), mode: 'ephemeral' },
      { type: 'setData', path: ZkPaths.controllerEpoch, data: ControllerEpochZNode.encode(epoch), version: current.epochZkVersion },
    ])
    const set = results[1]
    if (set?.type !== 'setData') throw new SamsaError('SAMSA_ZNODE_DATA', 'unexpected multi result electing the controller')
    return { epoch, epochZkVersion: set.stat.version }
  } catch (err) {
    const lost = err instanceof ZooKeeperMultiError && (err.zkCode === 'NODEEXISTS' || err.zkCode === 'BADVERSION')
    if (!lost && !isZooKeeperError(err, 'CONNECTIONLOSS')) throw err
    if (!lost) await zk.waitUntilConnected()
    // Lost, or the reply was lost with the connection: did our multi go through after all?
    return checkControllerAndEpoch(zk, brokerId, epoch)
  }
}

async function checkControllerAndEpoch(zk: ZooKeeperClient, brokerId: number, epoch: number): Promise<ControllerEpoch | null> {
  let controller
  try {
    controller = await zk.getData(ZkPaths.controller)
  } catch (err) {
    if (isZooKeeperError(err, 'NONODE')) return null
    throw err
  }
  if (controller.stat.ephemeralOwner !== zk.sessionId || ControllerZNode.decode(controller.data).brokerId !== brokerId) return null
  const current = await readControllerEpoch(zk)
  // our /controller exists; the epoch is ours if nobody has moved it past the one we wrote
  return current.epoch === epoch ? current : null
}

/**
 * Runs `ops` only if /controller_epoch is still at `epochZkVersion` (no other controller since),
 * atomically. Returns the results of `ops`; throws ControllerMovedError when fenced, or
 * ZooKeeperMultiError (opIndex relative to `ops`) when one of `ops` failed.
 */
export async function fencedMulti(zk: ZooKeeperClient, epochZkVersion: number, ops: readonly Op[]): Promise<OpResult[]> {
  try {
    const results = await zk.multi([{ type: 'check', path: ZkPaths.controllerEpoch, version: epochZkVersion }, ...ops])
    return results.slice(1)
  } catch (err) {
    if (!(err instanceof ZooKeeperMultiError)) throw err
    if (err.opIndex === 0) {
      throw new ControllerMovedError(`controller epoch moved on: ${ZkPaths.controllerEpoch} is no longer at version ${epochZkVersion} (${err.zkCode})`)
    }
    throw new ZooKeeperMultiError(err.rc, err.opIndex - 1, err.results.slice(1), err.path)
  }
}

export interface ControllerElectionEvents {
  /** this broker is now the active controller, under this epoch */
  elected: [epoch: ControllerEpoch]
  /** this broker must stop acting as controller at once */
  resigned: [info: { reason: string }]
  /** the active controller as last seen, any broker (null: none) */
  controllerChange: [brokerId: number | null]
}

/** Keeps one broker in the controller election for as long as it runs. */
export class ControllerElection extends EventEmitter<ControllerElectionEvents> {
  readonly brokerId: number
  readonly #zk: ZooKeeperClient
  readonly #logger: Logger | undefined
  #active: ControllerEpoch | null = null
  #controllerId: number | null = null
  #closed = false
  #running = false
  #again = false
  #retryTimer: NodeJS.Timeout | null = null
  readonly #listeners: Array<[string, (...args: never[]) => void]>

  constructor(zk: ZooKeeperClient, brokerId: number, options: { logger?: Logger } = {}) {
    super()
    this.#zk = zk
    this.brokerId = brokerId
    this.#logger = options.logger
    this.#listeners = [
      ['disconnected', ({ reason }: { reason: string }) => this.#resign(`ZooKeeper connection lost: ${reason}`)],
      ['expired', () => this.#resign('ZooKeeper session expired')],
      ['closed', () => this.#resign('ZooKeeper client closed')],
      ['connected', () => this.#schedule()],
    ]
  }

  /** Joins the election; resolves after the first attempt (won or not). */
  async start(): Promise<void> {
    for (const [event, fn] of this.#listeners) this.#zk.on(event as 'closed', fn as () => void)
    this.#schedule()
    await this.#settled()
  }

  get isActive(): boolean {
    return this.#active !== null
  }

  /** The epoch this broker acts under, null when it is not the controller. */
  get epoch(): ControllerEpoch | null {
    return this.#active
  }

  /** The active controller's broker id as last seen, null when none. */
  get controllerId(): number | null {
    return this.#controllerId
  }

  /**
   * A controller write fenced by this controller's epoch. Throws ControllerMovedError (without
   * writing) when this broker is not the active controller, and when ZooKeeper refuses the
   * write because another controller took over (this broker then resigns).
   */
  async fencedMulti(ops: readonly Op[]): Promise<OpResult[]> {
    const active = this.#active
    if (active === null) throw new ControllerMovedError(`broker ${this.brokerId} is not the active controller`)
    try {
      return await fencedMulti(this.#zk, active.epochZkVersion, ops)
    } catch (err) {
      if (err instanceof ControllerMovedError && this.#active === active) {
        this.#resign('fenced: another controller took over')
        this.#schedule()
      }
      throw err
    }
  }

  /** Leaves the election; as the controller, resigns and deletes /controller so another broker takes over now. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer)
    for (const [event, fn] of this.#listeners) this.#zk.off(event as 'closed', fn as () => void)
    const wasActive = this.#active !== null
    this.#resign('leaving the election')
    if (!wasActive || this.#zk.state !== 'connected') return
    try {
      const stat = await this.#zk.exists(ZkPaths.controller)
      if (stat !== null && stat.ephemeralOwner === this.#zk.sessionId) await this.#zk.delete(ZkPaths.controller, stat.version)
    } catch (err) {
      this.#logger?.debug({ err }, 'could not delete /controller on close')
    }
  }

  #resign(reason: string): void {
    if (this.#active === null) return
    this.#active = null
    this.#logger?.warn({ brokerId: this.brokerId, reason }, 'resigning as controller')
    this.emit('resigned', { reason })
  }

  readonly #onControllerEvent = (event: WatchEvent): void => {
    if (event.type === 'sessionExpired' || event.type === 'closed') return
    if (event.type === 'deleted') this.#resign(`${ZkPaths.controller} was deleted`)
    this.#schedule()
  }

  #schedule(): void {
    if (this.#closed) return
    if (this.#running) {
      this.#again = true
      return
    }
    this.#running = true
    void this.#run()
  }

  #waiters: Array<() => void> = []

  #settled(): Promise<void> {
    if (!this.#running) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  async #run(): Promise<void> {
    do {
      this.#again = false
      if (this.#zk.state !== 'connected') break // 'connected' schedules the next attempt
      try {
        await this.#elect()
      } catch (err) {
        if (isZooKeeperError(err, 'CONNECTIONLOSS') || isZooKeeperError(err, 'SESSIONEXPIRED') || isZooKeeperError(err, 'CLOSED')) break
        this.#logger?.error({ err }, 'controller election failed; retrying in 1 s')
        this.#retryTimer ??= setTimeout(() => {
          this.#retryTimer = null
          this.#schedule()
        }, 1000)
        break
      }
    } while (this.#again && !this.#closed)
    this.#running = false
    const waiters = this.#waiters
    this.#waiters = []
    for (const w of waiters) w()
  }

  async #elect(): Promise<void> {
    for (;;) {
      const stat = await this.#zk.exists(ZkPaths.controller, { watch: this.#onControllerEvent })
      if (stat !== null) {
        let controller
        try {
          controller = await this.#zk.getData(ZkPaths.controller)
        } catch (err) {
          if (isZooKeeperError(err, 'NONODE')) continue
          throw err
        }
        const id = ControllerZNode.decode(controller.data).brokerId
        if (controller.stat.ephemeralOwner === this.#zk.sessionId) {
          if (this.#active === null) await this.#resume()
        } else {
          this.#resign(`broker ${id} is the controller`)
        }
        this.#setControllerId(id)
        return
      }
      const won = await tryElectController(this.#zk, this.brokerId)
      if (won === null) continue // someone else won: read who, and watch
      if (this.#closed) return
      this.#activate(won)
      return
    }
  }

  /** /controller is still ours after a reconnect: act again under a new epoch. */
  async #resume(): Promise<void> {
    const current = await readControllerEpoch(this.#zk)
    let stat
    try {
      stat = await this.#zk.setData(ZkPaths.controllerEpoch, ControllerEpochZNode.encode(current.epoch + 1), current.epochZkVersion)
    } catch (err) {
      if (isZooKeeperError(err, 'BADVERSION')) {
        this.#again = true // the epoch moved between the read and the write: look again
        return
      }
      throw err
    }
    if (!this.#closed) this.#activate({ epoch: current.epoch + 1, epochZkVersion: stat.version })
  }

  #activate(epoch: ControllerEpoch): void {
    this.#active = epoch
    this.#logger?.info({ brokerId: this.brokerId, epoch: epoch.epoch }, 'elected controller')
    this.#setControllerId(this.brokerId)
    this.emit('elected', epoch)
  }

  #setControllerId(id: number | null): void {
    if (this.#controllerId === id) return
    this.#controllerId = id
    this.emit('controllerChange', id)
  }
}
