/** One broker: its configs with sources, and its log dirs with the size of each topic. */
import { useState } from 'preact/hooks'
import { useApi } from '../api'
import { ErrorBox, Loading, PageHeader } from '../components/common'
import { bytes, num } from '../format'
import { ConfigTable, type ConfigEntry } from './topic-configs'
import { Pager, usePaged } from '../components/pager'

interface DirTopic {
  topic: string
  partitions: number
  sizeBytes: number
}
interface LogDirs {
  logDirs: { path: string; sizeBytes: number; usableBytes: number | null; totalBytes: number | null; topics: DirTopic[] }[]
}

/** The topics of one log dir, largest first, a page at a time. */
function LogDirTopics(props: { topics: DirTopic[] }) {
  const rows = [...props.topics].sort((a, b) => b.sizeBytes - a.sizeBytes || a.topic.localeCompare(b.topic))
  const paged = usePaged(rows)
  return (
    <>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col" class="num">
                Partitions
              </th>
              <th scope="col" class="num">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((t) => (
              <tr key={t.topic}>
                <td>
                  <a href={`#/topics/${encodeURIComponent(t.topic)}`}>{t.topic}</a>
                </td>
                <td class="num">{num(t.partitions)}</td>
                <td class="num">{bytes(t.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager paged={paged} label="Log dir topics" />
    </>
  )
}

export function BrokerPage(props: { id: string }) {
  const cfg = useApi<{ configs: ConfigEntry[] }>(`/api/brokers/${props.id}/configs`)
  const dirs = useApi<LogDirs>(`/api/brokers/${props.id}/log-dirs`, 15_000)
  const [filter, setFilter] = useState('')
  return (
    <section data-page="broker" data-ready={cfg.data !== undefined || cfg.error !== undefined ? '' : undefined}>
      <PageHeader title={`Broker ${props.id}`} crumbs={[{ label: 'Brokers', href: '#/brokers' }]} />
      <h2>Log dirs</h2>
      <ErrorBox error={dirs.error} onRetry={dirs.reload} />
      {dirs.data?.logDirs.map((d) => (
        <details key={d.path} open>
          <summary>
            <code>{d.path}</code>: {bytes(d.sizeBytes)} used, {bytes(d.usableBytes)} free of {bytes(d.totalBytes)}
          </summary>
          <LogDirTopics topics={d.topics} />
        </details>
      ))}
      <h2>Configs</h2>
      <div class="toolbar">
        <label class="field inline">
          <span>Filter</span>
          <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} placeholder="config name or value" />
        </label>
      </div>
      <ErrorBox error={cfg.error} onRetry={cfg.reload} />
      {cfg.data === undefined && cfg.error === undefined && <Loading what="configs" />}
      {cfg.data !== undefined && <ConfigTable configs={cfg.data.configs} filter={filter} />}
    </section>
  )
}
