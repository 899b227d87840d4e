/** Talking to the console server: JSON calls with readable errors, a polling hook, SSE. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, 'Cannot reach the console server. Is it still running?')
  }
  const text = await res.text()
  let body: unknown
  try {
    body = text === '' ? {} : JSON.parse(text)
  } catch {
    throw new ApiError(res.status, `Unexpected answer from the console server (HTTP ${res.status})`)
  }
  if (!res.ok) {
    const e = (body as { error?: { message?: string; code?: string } }).error
    throw new ApiError(res.status, e?.message ?? `HTTP ${res.status}`, e?.code)
  }
  return body as T
}

export const enc = encodeURIComponent

export interface Loaded<T> {
  data: T | undefined
  error: ApiError | undefined
  loading: boolean
  reload: () => void
}

/** GETs `path` (again every `refreshMs` when given); keeps the last data while reloading. */
export function useApi<T>(path: string | null, refreshMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: path !== null })
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((t) => t + 1), [])
  const pathRef = useRef(path)
  useEffect(() => {
    if (pathRef.current !== path) {
      pathRef.current = path
      setState({ loading: path !== null })
    }
    if (path === null) return
    const ctl = new AbortController()
    setState((s) => ({ ...s, loading: true }))
    api<T>(path, { signal: ctl.signal }).then(
      (data) => setState({ data, loading: false }),
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setState((s) => ({ data: s.data, error: err as ApiError, loading: false }))
      },
    )
    return () => ctl.abort()
  }, [path, tick])
  useEffect(() => {
    if (refreshMs === undefined || path === null) return
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, refreshMs)
    return () => clearInterval(id)
  }, [path, refreshMs, reload])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}
