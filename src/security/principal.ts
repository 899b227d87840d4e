/**
 * Kafka's KafkaPrincipal: a type and a name, written `User:alice`. Every authenticated
 * connection has one; a connection that did not authenticate (PLAINTEXT, SSL without a client
 * certificate) is `User:ANONYMOUS`, as in Kafka's DefaultKafkaPrincipalBuilder.
 */
export interface KafkaPrincipal {
  readonly type: string
  readonly name: string
}

export const USER_TYPE = 'User'
export const ANONYMOUS: KafkaPrincipal = Object.freeze({ type: USER_TYPE, name: 'ANONYMOUS' })

export function userPrincipal(name: string): KafkaPrincipal {
  return { type: USER_TYPE, name }
}

export function principalToString(p: KafkaPrincipal): string {
  return `${p.type}:${p.name}`
}

/** Parses `Type:name` (SecurityUtils.parseKafkaPrincipal); undefined when there is no colon or an empty type. */
export function parsePrincipal(s: string): KafkaPrincipal | undefined {
  const at = s.indexOf(':')
  if (at <= 0) return undefined
  return { type: s.slice(0, at), name: s.slice(at + 1) }
}

export function samePrincipal(a: KafkaPrincipal, b: KafkaPrincipal): boolean {
  return a.type === b.type && a.name === b.name
}
