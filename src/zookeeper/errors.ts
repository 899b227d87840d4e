/**
 * ZooKeeper failures as typed errors. `zkCode` is ZooKeeper's own name for the result code
 * (KeeperException.Code: NONODE, NODEEXISTS, BADVERSION, ...), `rc` its number on the wire, and
 * `code` the project-wide stable string (`SAMSA_ZK_NONODE`), so callers test
 * `isZooKeeperError(err, 'NONODE')` and never parse messages.
 *
 * Client-side conditions use ZooKeeper's codes where ZooKeeper has one (CONNECTIONLOSS: the
 * connection broke, the outcome of an in-flight request is unknown; SESSIONEXPIRED: the session
 * and its ephemeral znodes are gone; BADARGUMENTS: an invalid path). `CLOSED` (rc 0) is ours: the
 * caller closed the client, so retrying is pointless.
 */
import { SamsaError } from '../errors.js'

/** ZooKeeper's result codes (org.apache.zookeeper.KeeperException.Code). */
export const ZOOKEEPER_CODES = {
  OK: 0,
  SYSTEMERROR: -1,
  RUNTIMEINCONSISTENCY: -2,
  DATAINCONSISTENCY: -3,
  CONNECTIONLOSS: -4,
  MARSHALLINGERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATIONTIMEOUT: -7,
  BADARGUMENTS: -8,
  UNKNOWNSESSION: -12,
  NEWCONFIGNOQUORUM: -13,
  RECONFIGINPROGRESS: -14,
  APIERROR: -100,
  NONODE: -101,
  NOAUTH: -102,
  BADVERSION: -103,
  NOCHILDRENFOREPHEMERALS: -108,
  NODEEXISTS: -110,
  NOTEMPTY: -111,
  SESSIONEXPIRED: -112,
  INVALIDCALLBACK: -113,
  INVALIDACL: -114,
  AUTHFAILED: -115,
  SESSIONMOVED: -118,
  NOTREADONLY: -119,
  EPHEMERALONLOCALSESSION: -120,
  NOWATCHER: -121,
  REQUESTTIMEOUT: -122,
  RECONFIGDISABLED: -123,
  SESSIONCLOSEDREQUIRESASLAUTH: -124,
  QUOTAEXCEEDED: -125,
  THROTTLEDOP: -127,
} as const

export type ZooKeeperCode = Exclude<keyof typeof ZOOKEEPER_CODES, 'OK'> | 'CLOSED' | `UNKNOWN_${number}`

const NAMES = new Map<number, ZooKeeperCode>()
for (const [name, rc] of Object.entries(ZOOKEEPER_CODES)) if (rc !== 0) NAMES.set(rc, name as ZooKeeperCode)

/** ZooKeeper's name for a numeric result code. */
function zooKeeperCodeName(rc: number): ZooKeeperCode {
  return NAMES.get(rc) ?? `UNKNOWN_${rc}`
}

export class ZooKeeperError extends SamsaError {
  declare readonly code: `SAMSA_ZK_${ZooKeeperCode}`
  readonly zkCode: ZooKeeperCode
  /** The numeric code on the wire; 0 for CLOSED. */
  readonly rc: number
  /** The znode the request named (as the caller sees it, inside the chroot), when there is one. */
  readonly path: string | undefined

  constructor(zkCode: ZooKeeperCode, message: string, options?: { path?: string; cause?: unknown }) {
    super(`SAMSA_ZK_${zkCode}`, message, options)
    this.zkCode = zkCode
    this.rc = zkCode === 'CLOSED' ? 0 : ((ZOOKEEPER_CODES as Record<string, number>)[zkCode] ?? Number(zkCode.slice(8)))
    this.path = options?.path
  }

  /** An error for a result code from the server. */
  static fromCode(rc: number, op: string, path?: string): ZooKeeperError {
    const name = zooKeeperCodeName(rc)
    return new ZooKeeperError(name, `${op}${path === undefined ? '' : ` ${path}`}: ${name}`, { path })
  }
}

/**
 * A multi (transaction) that failed: nothing was applied. `zkCode` is the failing operation's,
 * `opIndex` its position, and `results` every operation's code (0 before the failing one,
 * RUNTIMEINCONSISTENCY after it, as ZooKeeper reports them).
 */
export class ZooKeeperMultiError extends ZooKeeperError {
  readonly opIndex: number
  readonly results: readonly number[]

  constructor(rc: number, opIndex: number, results: readonly number[], path: string | undefined) {
    const name = zooKeeperCodeName(rc)
    super(name, `multi failed at operation ${opIndex}${path === undefined ? '' : ` (${path})`}: ${name}`, { path })
    this.opIndex = opIndex
    this.results = results
  }
}

export function isZooKeeperError(err: unknown, zkCode?: ZooKeeperCode): err is ZooKeeperError {
  return err instanceof ZooKeeperError && (zkCode === undefined || err.zkCode === zkCode)
}
