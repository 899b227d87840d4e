/**
 * What every console API handler shares: the bootstrap address and one Admin (with its
 * Cluster) for short admin requests, a Producer on the same connections, and fresh Clusters for
 * long reads (search, live tail), whose long-polling fetches must not queue ahead of admin
 * requests on a shared connection (Kafka answers a connection's requests in order).
 */
import { Admin, Cluster, Producer, type ClusterOptions } from '../../client/index.js'
import type { Logger } from '../../logger.js'

export interface ConsoleContextOptions {
  bootstrap: string
  clientId?: string
  logger: Logger
  /** TLS and SASL of the console's own connections (a secured cluster). */
  security?: Pick<ClusterOptions, 'tls' | 'sasl'>
}

export class ConsoleContext {
  readonly bootstrap: string
  readonly log: Logger
  readonly admin: Admin
  readonly #clusterOptions: ClusterOptions
  #producer: Producer | undefined
  readonly #extra = new Set<Cluster>()

  constructor(opts: ConsoleContextOptions) {
    this.bootstrap = opts.bootstrap
    this.log = opts.logger
    this.#clusterOptions = {
      bootstrap: opts.bootstrap,
      clientId: opts.clientId ?? 'samsa-console',
      connectTimeoutMs: 3_000,
      requestTimeoutMs: 15_000,
      retries: 2,
      ...opts.security,
    }
    // Not connected yet: the first request connects, so the console starts even when the cluster is down.
    this.admin = new Admin(new Cluster(this.#clusterOptions), true)
  }

  get cluster(): Cluster {
    return this.admin.cluster
  }

  get producer(): Producer {
    // A topic name in a URL is not a request to create it.
    this.#producer ??= new Producer(this.cluster, { acks: -1, lingerMs: 0, allowAutoTopicCreation: false })
    return this.#producer
  }

  /** A Cluster with its own connections; close it with `release`. */
  openCluster(): Cluster {
    const c = new Cluster(this.#clusterOptions)
    this.#extra.add(c)
    return c
  }

  async release(c: Cluster): Promise<void> {
    this.#extra.delete(c)
    await c.close()
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#extra].map((c) => c.close()))
    this.#extra.clear()
    await this.admin.close()
  }
}
