/**
 * Hash routing (`#/topics/orders/messages`): links are plain anchors, the back button works,
 * and the server needs no fallback route. Pages match their path against patterns.
 */
import { useEffect, useState } from 'preact/hooks'

export interface Route {
  path: string
  query: URLSearchParams
}

function current(): Route {
  const hash = location.hash.replace(/^#/, '') || '/'
  const q = hash.indexOf('?')
  return { path: q < 0 ? hash : hash.slice(0, q), query: new URLSearchParams(q < 0 ? '' : hash.slice(q + 1)) }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current)
  useEffect(() => {
    const on = (): void => setRoute(current())
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return route
}

/** Params of `pattern` (`/topics/:name`) in `path`, or undefined when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/').filter(Boolean)
  const s = path.split('/').filter(Boolean)
  if (p.length !== s.length) return undefined
  const out: Record<string, string> = {}
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) out[p[i]!.slice(1)] = decodeURIComponent(s[i]!)
    else if (p[i] !== s[i]) return undefined
  }
  return out
}

export const href = (path: string): string => `#${path}`

export function navigate(path: string): void {
  location.hash = path
}

/** Replaces the query part of the current route without adding a history entry. */
export function setQuery(q: URLSearchParams): void {
  const { path } = current()
  const s = q.toString()
  history.replaceState(null, '', `#${path}${s === '' ? '' : `?${s}`}`)
}
