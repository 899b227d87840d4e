/**
 * Long lists a page at a time (topics, groups, partitions, log dirs): a few hundred rows would
 * make pages thousands of pixels tall and slow to draw. The rows are already loaded; only the
 * page on screen is rendered.
 */
import { useState } from 'preact/hooks'
import { num } from '../format'

const PAGE_SIZES = [25, 50, 100, 200] as const

export interface Paged<T> {
  shown: T[]
  page: number
  pages: number
  total: number
  from: number
  size: number
  setPage: (p: number) => void
  setSize: (n: number) => void
}

/** The rows of the current page; back to the first page when `resetKey` (a filter, a sort) changes. */
export function usePaged<T>(rows: readonly T[], resetKey: unknown = null, initialSize = 50): Paged<T> {
  // The page belongs to a resetKey: another filter or sort (or page size) starts at page 1 in the same render.
  const [state, setState] = useState({ page: 0, size: initialSize, key: resetKey })
  const page = state.key === resetKey ? state.page : 0
  const size = state.size
  const pages = Math.max(1, Math.ceil(rows.length / size))
  const p = Math.min(page, pages - 1)
  return {
    shown: rows.slice(p * size, p * size + size),
    page: p,
    pages,
    total: rows.length,
    from: p * size,
    size,
    setPage: (n) => setState({ page: n, size, key: resetKey }),
    setSize: (n) => setState({ page: 0, size: n, key: resetKey }),
  }
}

export function Pager<T>(props: { paged: Paged<T>; label: string }) {
  const { page, pages, total, from, size, shown, setPage, setSize } = props.paged
  if (total <= PAGE_SIZES[0]) return null
  return (
    <nav class="pager" aria-label={`${props.label} pages`}>
      <span class="muted" role="status">
        {num(from + 1)}–{num(from + shown.length)} of {num(total)}
      </span>
      <button type="button" disabled={page === 0} onClick={() => setPage(0)}>
        First
      </button>
      <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page + 1} of {pages}
      </span>
      <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
        Next
      </button>
      <button type="button" disabled={page >= pages - 1} onClick={() => setPage(pages - 1)}>
        Last
      </button>
      <label class="field inline">
        <span>Per page</span>
        <select value={String(size)} onChange={(e) => setSize(Number(e.currentTarget.value))}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  )
}
