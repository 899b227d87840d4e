/** Small shared pieces: error and loading states, stat tiles, page headers. */
import type { ComponentChildren } from 'preact'
import type { ApiError } from '../api'

export function ErrorBox(props: { error: ApiError | Error | undefined | null; onRetry?: () => void }) {
  if (props.error === undefined || props.error === null) return null
  const status = (props.error as ApiError).status
  const title = status === 503 || status === 0 ? 'The cluster is not reachable' : status === 404 ? 'Not found' : 'Something went wrong'
  return (
    <div class="error" role="alert">
      <strong>{title}</strong>
      <p>{props.error.message}</p>
      {props.onRetry !== undefined && (
        <button type="button" onClick={props.onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}

export function Loading(props: { what?: string }) {
  return (
    <p class="muted" role="status">
      Loading{props.what === undefined ? '' : ` ${props.what}`}…
    </p>
  )
}

export function Stat(props: { label: string; value: ComponentChildren; hint?: string }) {
  return (
    <div class="stat">
      <div class="stat-label">{props.label}</div>
      <div class="stat-value">{props.value}</div>
      {props.hint !== undefined && <div class="stat-hint muted">{props.hint}</div>}
    </div>
  )
}

export function PageHeader(props: { title: ComponentChildren; crumbs?: { label: string; href: string }[]; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      {props.crumbs !== undefined && (
        <nav aria-label="Breadcrumb" class="crumbs">
          {props.crumbs.map((c) => (
            <span key={c.href}>
              <a href={c.href}>{c.label}</a> /{' '}
            </span>
          ))}
        </nav>
      )}
      <div class="page-title-row">
        <h1>{props.title}</h1>
        <div class="actions">{props.children}</div>
      </div>
    </header>
  )
}

export function Badge(props: { kind?: 'ok' | 'warn' | 'bad' | 'info'; children: ComponentChildren }) {
  return <span class={`badge ${props.kind ?? 'info'}`}>{props.children}</span>
}

export function stateKind(state: string): 'ok' | 'warn' | 'bad' | 'info' {
  if (state === 'Stable') return 'ok'
  if (state === 'Empty') return 'info'
  if (state === 'Dead') return 'bad'
  return 'warn'
}
