/**
 * The pieces of the import-rule test: finding the module specifiers a TypeScript file imports
 * (without a parser: comments and string contents are blanked first, then only string literals
 * that follow `from`, `import` or `import(` count), the layer of a file, the layer table of
 * ARCHITECTURE.md, and the circles of a graph.
 */

/** Every module specifier the source imports or re-exports, static or dynamic, in order. */
export function importsOf(source: string): string[] {
  const { code, strings } = blank(source)
  const out: string[] = []
  for (const s of strings) {
    const before = code.slice(0, s.start).trimEnd()
    if (/\bfrom$/.test(before) || /(^|[^.\w$])import$/.test(before) || /(^|[^.\w$])import\s*\($/.test(before)) out.push(s.value)
  }
  return out
}

/**
 * Blanks comments and the insides of string and template literals (keeping the offsets), and
 * lists the plain string literals with their positions. Template `${...}` parts stay code.
 */
function blank(src: string): { code: string; strings: Array<{ start: number; value: string }> } {
  const out = src.split('')
  const strings: Array<{ start: number; value: string }> = []
  const templates: number[] = [] // brace depth at which each open template's ${ began
  let depth = 0
  let i = 0
  const wipe = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' '
  }
  const template = (start: number): void => {
    // Scans template text from `start` to its end or to a `${`.
    let k = start
    while (k < src.length && src[k] !== '`') {
      if (src[k] === '\\') k += 2
      else if (src[k] === '$' && src[k + 1] === '{') {
        wipe(start, k)
        templates.push(depth)
        depth++
        i = k + 2
        return
      } else k++
    }
    wipe(start, k)
    i = k + 1
  }
  while (i < src.length) {
    const c = src[i]!
    const n = src[i + 1]
    if (c === '/' && n === '/') {
      const end = src.indexOf('\n', i)
      const stop = end < 0 ? src.length : end
      wipe(i, stop)
      i = stop
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2)
      const stop = end < 0 ? src.length : end + 2
      wipe(i, stop)
      i = stop
    } else if (c === '"' || c === "'") {
      let k = i + 1
      while (k < src.length && src[k] !== c && src[k] !== '\n') k += src[k] === '\\' ? 2 : 1
      strings.push({ start: i, value: src.slice(i + 1, k) })
      wipe(i + 1, k)
      i = k + 1
    } else if (c === '`') {
      template(i + 1)
    } else if (c === '{') {
      depth++
      i++
    } else if (c === '}') {
      depth--
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop()
        template(i + 1)
      } else i++
    } else i++
  }
  return { code: out.join(''), strings }
}

/** A file's layer: its top folder under src/, or its name without extension for files at the top. */
export function layerOf(path: string): string {
  const slash = path.indexOf('/')
  return slash < 0 ? path.replace(/\.(tsx?|js)$/, '') : path.slice(0, slash)
}

/** layer -> what it may import (layers, or single files like `broker/handler.ts`). */
export type LayerTable = Map<string, Set<string>>

/** The table between `<!-- layers:begin -->` and `<!-- layers:end -->`: | `layer` | `a`, `b` | */
export function parseLayerTable(markdown: string): LayerTable {
  const begin = markdown.indexOf('<!-- layers:begin -->')
  const end = markdown.indexOf('<!-- layers:end -->')
  if (begin < 0 || end < begin) throw new Error('ARCHITECTURE.md has no layers table between its markers')
  const table: LayerTable = new Map()
  for (const line of markdown.slice(begin, end).split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
    if (cells.length !== 2 || !cells[0]!.startsWith('`')) continue
    const names = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
    const [layer] = names(cells[0]!)
    if (layer === undefined || table.has(layer)) throw new Error(`layer table: bad or repeated row "${line}"`)
    table.set(layer, new Set(names(cells[1]!)))
  }
  return table
}

/** Every elementary circle found by a depth-first search, each once, as a closed path. */
export function findCycles(graph: Map<string, readonly string[]>): string[][] {
  const cycles: string[][] = []
  const seen = new Set<string>()
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (node: string): void => {
    state.set(node, 'open')
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next)
      if (s === 'open') {
        const cycle = stack.slice(stack.indexOf(next))
        const key = [...cycle].sort().join('\0')
        if (!seen.has(key)) {
          seen.add(key)
          cycles.push([...cycle, next])
        }
      } else if (s === undefined) visit(next)
    }
    stack.pop()
    state.set(node, 'done')
  }
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node)
  return cycles
}
