/**
 * multi (ZooKeeper's transaction): operations applied all or none. Each operation's expected
 * version goes on the wire exactly as given: -1 means any version, 0 means version 0 (the
 * pure-JS node-zookeeper-client sent 0 as -1, so a guard on a new znode always passed).
 */
import { ZooKeeperMultiError } from './errors.js'
import { validatePath } from './paths.js'
import { OPEN_ACL_UNSAFE, type ACL, type CreateMode, type Stat, type WireOp, type WireOpResult } from './protocol.js'

export type Data = Buffer | string

const EMPTY = Buffer.alloc(0)

export function toBuffer(d: Data | undefined): Buffer {
  return d === undefined ? EMPTY : typeof d === 'string' ? Buffer.from(d, 'utf8') : d
}

/** One operation of a multi. `version` -1 (the default for delete and setData) means any. */
export type Op =
  | { type: 'create'; path: string; data?: Data; mode?: CreateMode; acl?: readonly ACL[] }
  | { type: 'delete'; path: string; version?: number }
  | { type: 'setData'; path: string; data: Data; version?: number }
  | { type: 'check'; path: string; version: number }

export type OpResult = { type: 'create'; path: string } | { type: 'delete' } | { type: 'setData'; stat: Stat } | { type: 'check' }

/** Validates client paths and maps them to server paths. */
export function toWireOps(ops: readonly Op[], toServer: (path: string) => string): WireOp[] {
  return ops.map((op): WireOp => {
    switch (op.type) {
      case 'create': {
        const mode = op.mode ?? 'persistent'
        validatePath(op.path, mode.endsWith('sequential'))
        return { type: 'create', path: toServer(op.path), data: toBuffer(op.data), acl: op.acl ?? OPEN_ACL_UNSAFE, mode }
      }
      case 'delete':
        validatePath(op.path)
        return { type: 'delete', path: toServer(op.path), version: op.version ?? -1 }
      case 'setData':
        validatePath(op.path)
        return { type: 'setData', path: toServer(op.path), data: toBuffer(op.data), version: op.version ?? -1 }
      case 'check':
        validatePath(op.path)
        return { type: 'check', path: toServer(op.path), version: op.version }
    }
  })
}

/**
 * The results of a multi that went through, or ZooKeeperMultiError naming the first failing
 * operation (ZooKeeper reports 0 before it and RUNTIMEINCONSISTENCY after it).
 */
export function fromWireResults(results: readonly WireOpResult[], ops: readonly Op[], fromServer: (path: string) => string): OpResult[] {
  const failed = results.findIndex((x) => x.type === 'error' && x.err !== 0)
  if (failed >= 0) {
    const codes = results.map((x) => (x.type === 'error' ? x.err : 0))
    throw new ZooKeeperMultiError(codes[failed]!, failed, codes, ops[failed]?.path)
  }
  return results.map((x): OpResult => {
    switch (x.type) {
      case 'create':
        return { type: 'create', path: fromServer(x.path) }
      case 'error': // an error result with code 0 does not occur in a multi that went through
        return { type: 'check' }
      default:
        return x
    }
  })
}

/** Builds a multi: `zk.transaction().check('/a', 3).setData('/b', data, 0).commit()`. */
export class Transaction {
  readonly #run: (ops: readonly Op[]) => Promise<OpResult[]>
  readonly #ops: Op[] = []

  constructor(run: (ops: readonly Op[]) => Promise<OpResult[]>) {
    this.#run = run
  }

  check(path: string, version: number): this {
    this.#ops.push({ type: 'check', path, version })
    return this
  }

  create(path: string, data?: Data, mode: CreateMode = 'persistent'): this {
    this.#ops.push({ type: 'create', path, data, mode })
    return this
  }

  delete(path: string, version = -1): this {
    this.#ops.push({ type: 'delete', path, version })
    return this
  }

  setData(path: string, data: Data, version = -1): this {
    this.#ops.push({ type: 'setData', path, data, version })
    return this
  }

  get ops(): readonly Op[] {
    return this.#ops
  }

  commit(): Promise<OpResult[]> {
    return this.#run(this.#ops)
  }
}
