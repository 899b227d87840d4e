/** The header of a topic's pages, with links between its partitions, messages and configs. */
import type { ComponentChildren } from 'preact'
import { enc } from '../api'
import { PageHeader } from './common'

export function TopicHeader(props: { name: string; tab: 'partitions' | 'messages' | 'configs'; children?: ComponentChildren }) {
  const base = `#/topics/${enc(props.name)}`
  const tabs = [
    { id: 'partitions', label: 'Partitions', href: base },
    { id: 'messages', label: 'Messages', href: `${base}/messages` },
    { id: 'configs', label: 'Configs', href: `${base}/configs` },
  ]
  return (
    <>
      <PageHeader title={props.name} crumbs={[{ label: 'Topics', href: '#/topics' }]}>
        {props.children}
      </PageHeader>
      <nav class="tabs" aria-label="Topic">
        {tabs.map((t) => (
          <a key={t.id} href={t.href} aria-current={t.id === props.tab ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
    </>
  )
}
