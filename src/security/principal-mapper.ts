/**
 * `ssl.principal.mapping.rules` as Kafka's SslPrincipalMapper: a list of `RULE:pattern/replacement/`
 * (optionally followed by L or U for lower or upper case) and `DEFAULT`, tried in order on the
 * certificate subject's distinguished name (RFC 2253, as Java's X500Principal.getName() writes
 * it); the first rule whose pattern matches the whole name gives the principal name. DEFAULT
 * keeps the name as it is. When no rule applies the client cannot authenticate.
 */
import { SamsaError } from '../errors.js'

type Rule = { kind: 'default' } | { kind: 'rule'; pattern: RegExp; replacement: string; toCase: '' | 'L' | 'U' }

class PrincipalMappingError extends SamsaError {
  constructor(message: string) {
    super('SAMSA_PRINCIPAL_MAPPING', message)
  }
}

function parseMappingRules(text: string): Rule[] {
  const rules: Rule[] = []
  let i = 0
  const s = text.trim()
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i]!)) i++
    if (i >= s.length) break
    if (s.startsWith('DEFAULT', i)) {
      rules.push({ kind: 'default' })
      i += 'DEFAULT'.length
      continue
    }
    if (!s.startsWith('RULE:', i)) throw new PrincipalMappingError(`Invalid rule: ${s.slice(i)}`)
    i += 'RULE:'.length
    const readPart = (): string => {
      let out = ''
      while (i < s.length && s[i] !== '/') {
        if (s[i] === '\\' && i + 1 < s.length) {
          out += s[i]! + s[i + 1]!
          i += 2
          continue
        }
        out += s[i++]!
      }
      if (s[i] !== '/') throw new PrincipalMappingError(`Invalid rule: missing '/' in ${text}`)
      i++
      return out
    }
    const pattern = readPart()
    // A '/' inside the replacement is written as "\/" (Kafka's rule syntax).
    const replacement = readPart().replace(/\\\//g, '/')
    let toCase: '' | 'L' | 'U' = ''
    if (s[i] === 'L' || s[i] === 'U') toCase = s[i++] as 'L' | 'U'
    while (i < s.length && s[i] !== ',') {
      if (!/\s/.test(s[i]!)) throw new PrincipalMappingError(`Invalid rule: unexpected "${s[i]}" after a rule in ${text}`)
      i++
    }
    let re: RegExp
    try {
      re = new RegExp(`^(?:${pattern})$`)
    } catch (err) {
      throw new PrincipalMappingError(`Invalid rule pattern ${pattern}: ${(err as Error).message}`)
    }
    rules.push({ kind: 'rule', pattern: re, replacement, toCase })
  }
  return rules
}

export class SslPrincipalMapper {
  readonly #rules: Rule[]
  readonly #text: string

  constructor(rulesText: string) {
    this.#text = rulesText
    this.#rules = parseMappingRules(rulesText)
    if (this.#rules.length === 0) this.#rules.push({ kind: 'default' })
  }

  /** The principal name for a distinguished name; throws when no rule applies. */
  name(dn: string): string {
    for (const r of this.#rules) {
      if (r.kind === 'default') return dn
      if (!r.pattern.test(dn)) continue
      const out = dn.replace(r.pattern, r.replacement)
      return r.toCase === 'L' ? out.toLowerCase() : r.toCase === 'U' ? out.toUpperCase() : out
    }
    throw new PrincipalMappingError(`No rules apply to ${dn}, rules ${this.#text}`)
  }
}

/**
 * A certificate subject as node writes it (one `KEY=value` per line, in certificate order) turned
 * into RFC 2253 order (last RDN first, comma-separated), as Java's X500Principal.getName() does.
 * Node escapes values per RFC 2253 already.
 */
export function rfc2253(subject: string): string {
  return subject
    .split('\n')
    .filter((l) => l !== '')
    .reverse()
    .join(',')
}
