// Kafka's listener syntax: `listeners` and `advertised.listeners` are NAME://host:port lists whose
// names map to a security protocol through `listener.security.protocol.map`.
import { ConfigError } from './config-def.js'

export interface Listener {
  name: string
  host: string
  port: number
  securityProtocol: string
}

const LISTENER = /^([A-Za-z0-9_]+):\/\/(\[[^\]]*\]|[^:/[\]]*):(\d+)$/
const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::'])

export const splitList = (s: string | null): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')

function parseListeners(name: string, items: readonly string[], protocols: ReadonlyMap<string, string>): Listener[] {
  const out: Listener[] = []
  for (const item of items) {
    const m = LISTENER.exec(item)
    if (m === null) {
      throw new ConfigError(`Invalid value "${item}" in ${name}: expected NAME://host:port, for example PLAINTEXT://:9092`, { property: name })
    }
    const listenerName = m[1]!.toUpperCase()
    const port = Number(m[3])
    if (port > 65535) throw new ConfigError(`Invalid port ${port} in ${name} entry "${item}"`, { property: name })
    if (out.some((l) => l.name === listenerName)) {
      throw new ConfigError(`${name} names listener ${listenerName} more than once`, { property: name })
    }
    const securityProtocol = protocols.get(listenerName)
    if (securityProtocol === undefined) {
      throw new ConfigError(`No security protocol defined for listener ${listenerName} in ${name}; add it to listener.security.protocol.map`, {
        property: name,
      })
    }
    let host = m[2]!
    if (host.startsWith('[')) host = host.slice(1, -1)
    out.push({ name: listenerName, host, port, securityProtocol })
  }
  return out
}

function parseProtocolMap(s: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const pair of splitList(s)) {
    const [listenerName, protocol, extra] = pair.split(':').map((p) => p.trim())
    if (!listenerName || !protocol || extra !== undefined) {
      throw new ConfigError(`Invalid entry "${pair}" in listener.security.protocol.map: expected NAME:PROTOCOL`, {
        property: 'listener.security.protocol.map',
      })
    }
    map.set(listenerName.toUpperCase(), protocol.toUpperCase())
  }
  return map
}

/**
 * The listeners and what to advertise. Unset advertised listeners are the listeners with an
 * empty or wildcard host advertised as `localhost` (Kafka advertises the canonical host name),
 * so a broker started with no configuration is reachable by clients on the same machine; a
 * listener on port 0 is advertised with port 0, meaning "the port it actually bound".
 */
export function resolveListeners(
  listenersValue: string,
  advertisedValue: string | null,
  protocolMap: string,
): { listeners: Listener[]; advertisedListeners: Listener[] } {
  const protocols = parseProtocolMap(protocolMap)
  const listeners = parseListeners('listeners', splitList(listenersValue), protocols)
  if (listeners.length === 0) throw new ConfigError('listeners must name at least one listener', { property: 'listeners' })
  const advertisedRaw = splitList(advertisedValue)
  if (advertisedRaw.length === 0) {
    return { listeners, advertisedListeners: listeners.map((l) => ({ ...l, host: WILDCARD_HOSTS.has(l.host) ? 'localhost' : l.host })) }
  }
  const advertisedListeners = parseListeners('advertised.listeners', advertisedRaw, protocols)
  for (const l of advertisedListeners) {
    if (WILDCARD_HOSTS.has(l.host)) {
      throw new ConfigError(`advertised.listeners cannot use the non-routable address "${l.host}" (listener ${l.name}); name a host clients can reach`, {
        property: 'advertised.listeners',
      })
    }
    if (!listeners.some((x) => x.name === l.name)) {
      throw new ConfigError(`advertised.listeners names listener ${l.name}, which is not in listeners (${listeners.map((x) => x.name).join(', ')})`, {
        property: 'advertised.listeners',
      })
    }
  }
  return { listeners, advertisedListeners }
}

/**
 * Whether a name is a listener's own setting, as Kafka knows them by prefix:
 * `listener.name.<listener>.<broker config>` (ssl.keystore.location for one listener) and a SASL
 * mechanism's `listener.name.<listener>.<mechanism>.sasl.jaas.config` (and its callback classes).
 * `isBrokerConfig` says whether the rest is a broker config.
 */
export function isListenerPrefixedConfig(name: string, isBrokerConfig: (rest: string) => boolean): boolean {
  const m = /^listener\.name\.[a-z0-9_]+\.(.+)$/.exec(name)
  if (m === null) return false
  const rest = m[1]!
  return isBrokerConfig(rest) || /^[a-z0-9-]+\.sasl\.(?:jaas\.config|server\.callback\.handler\.class|login\.callback\.handler\.class|login\.class)$/.test(rest)
}
