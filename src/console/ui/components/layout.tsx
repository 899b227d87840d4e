/** The frame of every page: skip link, navigation, a banner when the cluster is unreachable. */
import type { ComponentChildren } from 'preact'
import { useApi } from '../api'

const NAV = [
  { href: '#/', label: 'Overview', section: '' },
  { href: '#/topics', label: 'Topics', section: 'topics' },
  { href: '#/groups', label: 'Consumer groups', section: 'groups' },
  { href: '#/transactions', label: 'Transactions', section: 'transactions' },
  { href: '#/brokers', label: 'Brokers', section: 'brokers' },
]

interface Health {
  bootstrap: string
  reachable: boolean
  error: string | null
}

export function Layout(props: { path: string; children: ComponentChildren }) {
  const health = useApi<Health>('/api/health', 10_000)
  const section = props.path.split('/')[1] ?? ''
  const down = health.error !== undefined || health.data?.reachable === false
  return (
    <div class="shell">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link: the href works without script, onClick moves focus as well */}
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="#/">
          Samsa <span>console</span>
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.href}>
                <a href={n.href} aria-current={n.section === section ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class={`conn ${down ? 'down' : 'up'}`} title={health.data?.bootstrap}>
          {health.data === undefined && health.error === undefined ? '…' : down ? 'cluster unreachable' : health.data?.bootstrap}
        </span>
      </header>
      {down && (
        <div class="banner" role="alert">
          Cannot reach the cluster{health.data !== undefined ? ` at ${health.data.bootstrap}` : ''}: {health.data?.error ?? health.error?.message}. Pages show
          what they can and retry.
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  )
}
