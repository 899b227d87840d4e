/**
 * Connect strings and znode paths. `zookeeper.connect` is `host:port[,host:port...][/chroot]`
 * (Kafka's format): the chroot is prefixed to every path the client sends and removed from every
 * path it receives, so several clusters can share one ensemble.
 */
import { ZooKeeperError } from './errors.js'

export interface ServerAddress {
  host: string
  port: number
}

export interface ConnectString {
  servers: ServerAddress[]
  /** '' for none, else '/a/b' */
  chroot: string
}

export const DEFAULT_ZOOKEEPER_PORT = 2181

/** Parses `h1:2181,h2:2181/samsa`; IPv6 hosts in brackets (`[::1]:2181`); the port defaults to 2181. */
export function parseConnectString(s: string): ConnectString {
  const slash = s.indexOf('/')
  const hostPart = slash < 0 ? s : s.slice(0, slash)
  let chroot = slash < 0 ? '' : s.slice(slash)
  if (chroot === '/') chroot = ''
  if (chroot !== '') validatePath(chroot)
  const servers: ServerAddress[] = []
  for (const raw of hostPart.split(',')) {
    const item = raw.trim()
    if (item === '') continue
    let host: string
    let portText: string | undefined
    if (item.startsWith('[')) {
      const end = item.indexOf(']')
      if (end < 0) throw badConnect(s, `unclosed '[' in ${item}`)
      host = item.slice(1, end)
      const rest = item.slice(end + 1)
      if (rest !== '' && !rest.startsWith(':')) throw badConnect(s, `unexpected ${rest} after ${item.slice(0, end + 1)}`)
      portText = rest === '' ? undefined : rest.slice(1)
    } else {
      const colon = item.lastIndexOf(':')
      host = colon < 0 ? item : item.slice(0, colon)
      portText = colon < 0 ? undefined : item.slice(colon + 1)
    }
    const port = portText === undefined ? DEFAULT_ZOOKEEPER_PORT : Number(portText)
    if (host === '' || !Number.isInteger(port) || port < 1 || port > 65535) throw badConnect(s, `bad server ${item}`)
    servers.push({ host, port })
  }
  if (servers.length === 0) throw badConnect(s, 'no servers')
  return { servers, chroot }
}

function badConnect(s: string, why: string): ZooKeeperError {
  return new ZooKeeperError('BADARGUMENTS', `invalid ZooKeeper connect string "${s}": ${why}`)
}

/**
 * ZooKeeper's path rules (PathUtils.validatePath): absolute, no empty, "." or ".." segments, no
 * trailing slash (except that a sequential create may end in one), no NUL or control characters.
 */
export function validatePath(path: string, sequential = false): void {
  const fail = (why: string): never => {
    throw new ZooKeeperError('BADARGUMENTS', `invalid path "${path}": ${why}`, { path })
  }
  if (typeof path !== 'string' || path.length === 0) fail('empty')
  if (path[0] !== '/') fail('must start with /')
  if (path.length === 1) {
    if (sequential) fail('a sequential znode needs a name prefix or parent')
    return
  }
  if (path.endsWith('/') && !sequential) fail('must not end with /')
  const segments = path.slice(1, sequential && path.endsWith('/') ? -1 : undefined).split('/')
  for (const seg of segments) {
    if (seg === '') fail('empty segment')
    if (seg === '.' || seg === '..') fail('relative segment')
  }
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i)
    if (c === 0 || (c > 0 && c < 0x1f) || (c > 0x7f && c < 0x9f) || (c >= 0xd800 && c <= 0xf8ff) || (c >= 0xfff0 && c <= 0xffff)) {
      fail(`invalid character at ${i}`)
    }
  }
}

/** The server-side path of a client path. */
export function toServerPath(chroot: string, path: string): string {
  if (chroot === '') return path
  return path === '/' ? chroot : chroot + path
}

/** The client-side path of a server path (paths outside the chroot are returned unchanged). */
export function fromServerPath(chroot: string, path: string): string {
  if (chroot === '') return path
  if (path === chroot) return '/'
  return path.startsWith(chroot + '/') ? path.slice(chroot.length) : path
}

/** '/a/b/c' -> ['/a', '/a/b'] */
export function parentsOf(path: string): string[] {
  const out: string[] = []
  for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i))
  return out
}

/** The last segment of a path ('/brokers/ids/1' -> '1'). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
