/**
 * A JSON value as a tree whose objects and arrays fold open and closed (<details>), for the
 * message view. Large containers start folded below the first levels.
 */
import type { ComponentChildren } from 'preact'

const OPEN_DEPTH = 2
const OPEN_MAX_ENTRIES = 50

function scalar(v: unknown): ComponentChildren {
  if (v === null) return <span class="j-null">null</span>
  if (typeof v === 'string') return <span class="j-str">{JSON.stringify(v)}</span>
  if (typeof v === 'number') return <span class="j-num">{String(v)}</span>
  if (typeof v === 'boolean') return <span class="j-bool">{String(v)}</span>
  return String(v)
}

function Entry(props: { name?: string; value: unknown; depth: number; last: boolean }) {
  const { name, value, depth, last } = props
  const label = name !== undefined ? <span class="j-key">{JSON.stringify(name)}: </span> : null
  const comma = last ? '' : ','
  if (value === null || typeof value !== 'object')
    return (
      <div class="j-line">
        {label}
        {scalar(value)}
        {comma}
      </div>
    )
  const array = Array.isArray(value)
  const entries: Array<[string | undefined, unknown]> = array
    ? (value as unknown[]).map((v) => [undefined, v])
    : Object.entries(value as Record<string, unknown>)
  const [open, close] = array ? ['[', ']'] : ['{', '}']
  if (entries.length === 0)
    return (
      <div class="j-line">
        {label}
        {open}
        {close}
        {comma}
      </div>
    )
  return (
    <details class="j-node" open={depth < OPEN_DEPTH && entries.length <= OPEN_MAX_ENTRIES}>
      <summary>
        {label}
        {open}
        <span class="j-fold muted">
          {' '}
          {entries.length} {array ? 'items' : 'keys'} {close}
          {comma}
        </span>
      </summary>
      <div class="j-children">
        {entries.map(([k, v], i) => (
          <Entry key={i} name={k} value={v} depth={depth + 1} last={i === entries.length - 1} />
        ))}
      </div>
      <div class="j-line">
        {close}
        {comma}
      </div>
    </details>
  )
}

/** The parsed value when `text` is JSON, else undefined. */
export function parseJson(text: string | undefined): { value: unknown } | undefined {
  if (text === undefined) return undefined
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

export function JsonTree(props: { value: unknown }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <div class="json-tree payload-full" tabIndex={0}>
      <Entry value={props.value} depth={0} last />
    </div>
  )
}
