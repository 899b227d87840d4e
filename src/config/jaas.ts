/**
 * Kafka's JAAS configuration strings, as `sasl.jaas.config` holds them:
 *   org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
 * One or more login modules, each `<class> <flag> [key=value]... ;` with values quoted or bare
 * (JaasConfig's StreamTokenizer rules: double or single quotes, backslash escapes inside quotes).
 */
import { SamsaError } from '../errors.js'

export interface JaasModule {
  loginModule: string
  flag: string
  options: Map<string, string>
}

export class JaasError extends SamsaError {
  constructor(message: string) {
    super('SAMSA_JAAS', message)
  }
}

const FLAGS = new Set(['required', 'requisite', 'sufficient', 'optional'])

export function parseJaasConfig(text: string): JaasModule[] {
  const tokens = tokenize(text)
  const modules: JaasModule[] = []
  let i = 0
  while (i < tokens.length) {
    const loginModule = tokens[i++]!
    if (loginModule.quoted || loginModule.text === ';' || loginModule.text === '=') throw new JaasError('expected a login module class name')
    const flag = tokens[i++]
    if (flag === undefined || !FLAGS.has(flag.text.toLowerCase())) {
      throw new JaasError(`login module ${loginModule.text}: expected a control flag (required, requisite, sufficient, optional)`)
    }
    const options = new Map<string, string>()
    for (;;) {
      const t = tokens[i++]
      if (t === undefined) throw new JaasError(`login module ${loginModule.text}: missing ';' at the end`)
      if (!t.quoted && t.text === ';') break
      const eq = tokens[i++]
      const value = tokens[i++]
      if (eq === undefined || eq.quoted || eq.text !== '=' || value === undefined) {
        throw new JaasError(`login module ${loginModule.text}: expected key=value after ${t.text}`)
      }
      options.set(t.text, value.text)
    }
    modules.push({ loginModule: loginModule.text, flag: flag.text.toLowerCase(), options })
  }
  if (modules.length === 0) throw new JaasError('no login module')
  return modules
}

interface Token {
  text: string
  quoted: boolean
}

function tokenize(s: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < s.length) {
    const c = s[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === ';' || c === '=') {
      out.push({ text: c, quoted: false })
      i++
      continue
    }
    if (c === '"' || c === "'") {
      let text = ''
      i++
      for (;;) {
        if (i >= s.length) throw new JaasError('unterminated quoted value')
        const d = s[i++]!
        if (d === c) break
        if (d === '\\' && i < s.length) {
          text += s[i++]!
          continue
        }
        text += d
      }
      out.push({ text, quoted: true })
      continue
    }
    let text = ''
    while (i < s.length && !/[\s;="']/.test(s[i]!)) text += s[i++]!
    out.push({ text, quoted: false })
  }
  return out
}

export const PLAIN_LOGIN_MODULE = 'org.apache.kafka.common.security.plain.PlainLoginModule'
export const SCRAM_LOGIN_MODULE = 'org.apache.kafka.common.security.scram.ScramLoginModule'
export const OAUTHBEARER_LOGIN_MODULE = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'
