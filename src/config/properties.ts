// A reader for Java `.properties` files, following java.util.Properties#load: natural lines end
// at \n, \r or \r\n; a line ending in an odd number of backslashes continues on the next line
// (whose leading whitespace is dropped); lines whose first non-blank character is # or ! are
// comments; the key ends at the first unescaped '=', ':' or whitespace; escapes \t \n \r \f
// \uXXXX, and a backslash before any other character stands for that character.
//
// One deliberate difference: Java reads an InputStream as ISO-8859-1, we read files as UTF-8
// (a leading byte-order mark is ignored), which is what people mean when they type non-ASCII.
import { readFileSync } from 'node:fs'
import { ConfigError } from './config-def.js'

/** One key/value pair and the (1-based) line its logical line starts on. */
export interface PropertyLine {
  key: string
  value: string
  line: number
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f'

/** Splits text into logical lines, joining continuations and dropping comments and blanks. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const natural = text.split(/\r\n|\r|\n/)
  const out: Array<{ text: string; line: number }> = []
  let current: string | null = null
  let startLine = 0
  for (let i = 0; i < natural.length; i++) {
    let s = natural[i]!
    let p = 0
    while (isBlank(s[p])) p++
    s = s.slice(p)
    if (current === null) {
      if (s === '' || s[0] === '#' || s[0] === '!') continue
      startLine = i + 1
    }
    let slashes = 0
    for (let j = s.length - 1; j >= 0 && s[j] === '\\'; j--) slashes++
    const continues = slashes % 2 === 1
    const part = continues ? s.slice(0, -1) : s
    current = current === null ? part : current + part
    if (!continues) {
      out.push({ text: current, line: startLine })
      current = null
    }
  }
  // A continuation on the last line of the file just ends the logical line.
  if (current !== null) out.push({ text: current, line: startLine })
  return out
}

function unescapeValue(s: string, line: number, where: string): string {
  if (!s.includes('\\')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c !== '\\') {
      out += c
      continue
    }
    const next = s[++i]
    if (next === undefined) break // a lone trailing backslash (only at end of file)
    switch (next) {
      case 't':
        out += '\t'
        break
      case 'n':
        out += '\n'
        break
      case 'r':
        out += '\r'
        break
      case 'f':
        out += '\f'
        break
      case 'u': {
        const hex = s.slice(i + 1, i + 5)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new ConfigError(`${where}line ${line}: malformed \\uXXXX escape "\\u${hex}"`)
        }
        out += String.fromCharCode(parseInt(hex, 16))
        i += 4
        break
      }
      default:
        out += next
    }
  }
  return out
}

/**
 * Parses properties text into key/value pairs in file order (duplicates kept; later ones win
 * when turned into a map). `source` only names the file in error messages.
 */
export function parsePropertyLines(text: string, source?: string): PropertyLine[] {
  const where = source === undefined ? '' : `${source}: `
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const result: PropertyLine[] = []
  for (const { text: s, line } of logicalLines(text)) {
    let k = 0
    let escaped = false
    for (; k < s.length; k++) {
      const c = s[k]!
      if (escaped) {
        escaped = false
        continue
      }
      if (c === '\\') escaped = true
      else if (c === '=' || c === ':' || isBlank(c)) break
    }
    const rawKey = s.slice(0, k)
    let v = k
    while (isBlank(s[v])) v++
    if (s[v] === '=' || s[v] === ':') {
      v++
      while (isBlank(s[v])) v++
    }
    result.push({
      key: unescapeValue(rawKey, line, where),
      value: unescapeValue(s.slice(v), line, where),
      line,
    })
  }
  return result
}

/** Parses properties text into a map (the last occurrence of a key wins, as in Java). */
export function parseProperties(text: string, source?: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const { key, value } of parsePropertyLines(text, source)) map.set(key, value)
  return map
}

/** Reads and parses a properties file; a missing or unreadable file is a ConfigError. */
export function readPropertiesFile(path: string): Map<string, string> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(err)
    throw new ConfigError(`cannot read properties file ${path}: ${reason}`, { cause: err })
  }
  return parseProperties(text, path)
}
