/**
 * ZooKeeper's client wire protocol (jute records, zookeeper.jute in the ZooKeeper sources):
 * every frame is an int32 length and a record; ints and longs are big-endian, `buffer` and
 * `ustring` are an int32 length (-1 for null) and bytes, vectors an int32 count and elements.
 * Requests start with RequestHeader { xid, type }, replies with ReplyHeader { xid, zxid, err }.
 * Jute's primitives are Kafka's int32/int64/bool/bytes, so the project's Reader and Writer
 * carry them; only strings differ (an int32 length, not int16), handled here.
 */
import { ProtocolError } from '../errors.js'
import { Reader } from '../protocol/reader.js'
import { Writer } from '../protocol/writer.js'

/** ZooDefs.OpCode */
export const OpCode = {
  notification: 0,
  create: 1,
  delete: 2,
  exists: 3,
  getData: 4,
  setData: 5,
  getACL: 6,
  setACL: 7,
  getChildren: 8,
  sync: 9,
  ping: 11,
  getChildren2: 12,
  check: 13,
  multi: 14,
  create2: 15,
  auth: 100,
  setWatches: 101,
  closeSession: -11,
  error: -1,
} as const

/** Reserved xids: replies with these are not answers to numbered requests. */
export const Xid = { notification: -1, ping: -2, auth: -4, setWatches: -8 } as const

/** How a znode is created (CreateMode); sequential ones get a 10-digit counter appended. */
export type CreateMode = 'persistent' | 'ephemeral' | 'persistent_sequential' | 'ephemeral_sequential' | 'container'

const CREATE_FLAGS: Record<CreateMode, number> = {
  persistent: 0,
  ephemeral: 1,
  persistent_sequential: 2,
  ephemeral_sequential: 3,
  container: 4,
}

export interface Id {
  scheme: string
  id: string
}

export interface ACL {
  /** a bit set of Perms */
  perms: number
  id: Id
}

const Perms = { READ: 1, WRITE: 2, CREATE: 4, DELETE: 8, ADMIN: 16, ALL: 31 } as const

/** ZooDefs.Ids.OPEN_ACL_UNSAFE: anyone may do anything (Kafka's default without zookeeper.set.acl). */
export const OPEN_ACL_UNSAFE: readonly ACL[] = [{ perms: Perms.ALL, id: { scheme: 'world', id: 'anyone' } }]

/** A znode's metadata. zxids and the owner session are 64-bit, so bigint. */
export interface Stat {
  czxid: bigint
  mzxid: bigint
  /** creation time, ms since the epoch */
  ctime: number
  mtime: number
  /** data version: the expected version of setData, delete and check */
  version: number
  /** children version */
  cversion: number
  aversion: number
  /** the session that owns an ephemeral znode, 0n for persistent ones */
  ephemeralOwner: bigint
  dataLength: number
  numChildren: number
  pzxid: bigint
}

/** Watcher.Event.EventType */
export const EventType = { None: -1, NodeCreated: 1, NodeDeleted: 2, NodeDataChanged: 3, NodeChildrenChanged: 4 } as const

export interface RawWatcherEvent {
  type: number
  state: number
  path: string
}

// ---- primitives ---------------------------------------------------------------------------------

function writeString(w: Writer, s: string): void {
  w.bytes(Buffer.from(s, 'utf8'), false)
}

export function readString(r: Reader): string {
  const b = r.nullableBytes(false)
  return b === null ? '' : b.toString('utf8')
}

export function readStringVector(r: Reader): string[] {
  const n = r.arrayLength(false)
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(readString(r))
  return out
}

function writeStringVector(w: Writer, v: readonly string[]): void {
  w.int32(v.length)
  for (const s of v) writeString(w, s)
}

/** Data is copied out of the frame so a kept value does not pin the whole receive buffer. */
export function readData(r: Reader): Buffer {
  const b = r.nullableBytes(false)
  return b === null ? Buffer.alloc(0) : Buffer.from(b)
}

export function readStat(r: Reader): Stat {
  return {
    czxid: r.int64(),
    mzxid: r.int64(),
    ctime: Number(r.int64()),
    mtime: Number(r.int64()),
    version: r.int32(),
    cversion: r.int32(),
    aversion: r.int32(),
    ephemeralOwner: r.int64(),
    dataLength: r.int32(),
    numChildren: r.int32(),
    pzxid: r.int64(),
  }
}

function writeAcl(w: Writer, acl: readonly ACL[]): void {
  w.int32(acl.length)
  for (const a of acl) {
    w.int32(a.perms)
    writeString(w, a.id.scheme)
    writeString(w, a.id.id)
  }
}

// ---- session ------------------------------------------------------------------------------------

export interface ConnectRequest {
  lastZxidSeen: bigint
  timeoutMs: number
  sessionId: bigint
  passwd: Buffer
}

export interface ConnectResponse {
  protocolVersion: number
  /** the negotiated session timeout; 0 (or less) means the session to re-attach has expired */
  timeoutMs: number
  sessionId: bigint
  passwd: Buffer
  readOnly: boolean
}

/** A framed ConnectRequest (it has no RequestHeader), readOnly=false appended as Java's client does. */
export function encodeConnectRequest(req: ConnectRequest): Buffer {
  const w = new Writer(64)
  w.int32(0) // frame length, patched below
  w.int32(0) // protocolVersion
  w.int64(req.lastZxidSeen)
  w.int32(req.timeoutMs)
  w.int64(req.sessionId)
  w.bytes(req.passwd, false)
  w.bool(false)
  return patchLength(w.toBuffer())
}

export function decodeConnectResponse(frame: Buffer): ConnectResponse {
  const r = new Reader(frame)
  const protocolVersion = r.int32()
  const timeoutMs = r.int32()
  const sessionId = r.int64()
  const passwd = readData(r)
  const readOnly = r.remaining > 0 ? r.bool() : false
  return { protocolVersion, timeoutMs, sessionId, passwd, readOnly }
}

// ---- requests -----------------------------------------------------------------------------------

function patchLength(frame: Buffer): Buffer {
  frame.writeInt32BE(frame.length - 4, 0)
  return frame
}

/** A framed request: length, RequestHeader, then whatever `body` writes. */
export function encodeRequest(xid: number, type: number, body?: (w: Writer) => void): Buffer {
  const w = new Writer(128)
  w.int32(0)
  w.int32(xid)
  w.int32(type)
  body?.(w)
  return patchLength(w.toBuffer())
}

export const body = {
  path: (path: string) => (w: Writer) => writeString(w, path),
  pathWatch: (path: string, watch: boolean) => (w: Writer) => {
    writeString(w, path)
    w.bool(watch)
  },
  create: (path: string, data: Buffer, acl: readonly ACL[], mode: CreateMode) => (w: Writer) => {
    writeString(w, path)
    w.bytes(data, false)
    writeAcl(w, acl)
    w.int32(CREATE_FLAGS[mode])
  },
  delete: (path: string, version: number) => (w: Writer) => {
    writeString(w, path)
    w.int32(version)
  },
  setData: (path: string, data: Buffer, version: number) => (w: Writer) => {
    writeString(w, path)
    w.bytes(data, false)
    w.int32(version)
  },
  setWatches: (relativeZxid: bigint, data: readonly string[], exist: readonly string[], child: readonly string[]) => (w: Writer) => {
    w.int64(relativeZxid)
    writeStringVector(w, data)
    writeStringVector(w, exist)
    writeStringVector(w, child)
  },
}

/** One operation of a multi, with its path already resolved against the chroot. */
export type WireOp =
  | { type: 'create'; path: string; data: Buffer; acl: readonly ACL[]; mode: CreateMode }
  | { type: 'delete'; path: string; version: number }
  | { type: 'setData'; path: string; data: Buffer; version: number }
  | { type: 'check'; path: string; version: number }

/**
 * MultiRequest: each op is a MultiHeader { type, done=false, err=-1 } and the op's own request
 * record, closed by { type=-1, done=true, err=-1 }. The expected version is written as given:
 * 0 means "version 0", only -1 means "any" (node-zookeeper-client sent 0 as -1).
 */
export function multiBody(ops: readonly WireOp[]): (w: Writer) => void {
  return (w) => {
    for (const op of ops) {
      switch (op.type) {
        case 'create':
          multiHeader(w, OpCode.create)
          body.create(op.path, op.data, op.acl, op.mode)(w)
          break
        case 'delete':
          multiHeader(w, OpCode.delete)
          body.delete(op.path, op.version)(w)
          break
        case 'setData':
          multiHeader(w, OpCode.setData)
          body.setData(op.path, op.data, op.version)(w)
          break
        case 'check':
          multiHeader(w, OpCode.check)
          body.delete(op.path, op.version)(w) // CheckVersionRequest has DeleteRequest's layout
          break
      }
    }
    w.int32(-1)
    w.bool(true)
    w.int32(-1)
  }
}

function multiHeader(w: Writer, type: number): void {
  w.int32(type)
  w.bool(false)
  w.int32(-1)
}

/** One result of a multi as it comes off the wire (paths still include the chroot). */
export type WireOpResult =
  | { type: 'create'; path: string }
  | { type: 'delete' }
  | { type: 'setData'; stat: Stat }
  | { type: 'check' }
  | { type: 'error'; err: number }

export function decodeMultiResponse(r: Reader): WireOpResult[] {
  const results: WireOpResult[] = []
  for (;;) {
    const type = r.int32()
    const done = r.bool()
    r.int32() // err, repeated in the ErrorResponse body
    if (done) return results
    switch (type) {
      case OpCode.create:
        results.push({ type: 'create', path: readString(r) })
        break
      case OpCode.create2:
        results.push({ type: 'create', path: readString(r) })
        readStat(r)
        break
      case OpCode.delete:
        results.push({ type: 'delete' })
        break
      case OpCode.setData:
        results.push({ type: 'setData', stat: readStat(r) })
        break
      case OpCode.check:
        results.push({ type: 'check' })
        break
      case OpCode.error:
        results.push({ type: 'error', err: r.int32() })
        break
      default:
        throw new ProtocolError(`unexpected operation type ${type} in a multi response`)
    }
  }
}

export interface ReplyHeader {
  xid: number
  zxid: bigint
  err: number
}

export function decodeReplyHeader(r: Reader): ReplyHeader {
  return { xid: r.int32(), zxid: r.int64(), err: r.int32() }
}

export function decodeWatcherEvent(r: Reader): RawWatcherEvent {
  return { type: r.int32(), state: r.int32(), path: readString(r) }
}
