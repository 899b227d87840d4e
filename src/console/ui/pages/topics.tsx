/** Topics: a searchable, sortable list; create a topic. */
import { useMemo, useState } from 'preact/hooks'
import { api, enc, useApi } from '../api'
import { Badge, ErrorBox, Loading, PageHeader } from '../components/common'
import { Dialog } from '../components/dialog'
import { bytes, num } from '../format'
import { Pager, usePaged } from '../components/pager'
import { navigate } from '../router'

interface TopicRow {
  name: string
  internal: boolean
  partitions: number
  replicationFactor: number
  underReplicated: number
  offline: number
  records: number
  sizeBytes: number | null
}
type SortKey = 'name' | 'partitions' | 'records' | 'sizeBytes'

export function TopicsPage() {
  const [internal, setInternal] = useState(false)
  const [filter, setFilter] = useState('')
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false })
  const [creating, setCreating] = useState(false)
  const list = useApi<{ topics: TopicRow[]; sizesError: string | null }>(`/api/topics${internal ? '?internal=1' : ''}`, 15_000)
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase()
    const out = (list.data?.topics ?? []).filter((t) => f === '' || t.name.toLowerCase().includes(f))
    out.sort((a, b) => {
      const x = a[sort.key] ?? -1
      const y = b[sort.key] ?? -1
      const c = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number)
      return sort.desc ? -c : c
    })
    return out
  }, [list.data, filter, sort])
  const paged = usePaged(rows, `${filter}|${sort.key}|${sort.desc}|${internal}`)
  const th = (key: SortKey, label: string, numeric = false) => (
    <th scope="col" class={numeric ? 'num' : ''} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : numeric })}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  )
  return (
    <section data-page="topics" data-ready={list.data !== undefined ? '' : undefined}>
      <PageHeader title="Topics">
        <button type="button" class="primary" onClick={() => setCreating(true)}>
          Create topic
        </button>
      </PageHeader>
      <div class="toolbar">
        <label class="field inline">
          <span>Search</span>
          <input type="search" value={filter} placeholder="topic name" onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.currentTarget.checked)} /> Show internal topics
        </label>
        <span class="muted">{list.data !== undefined ? `${rows.length} of ${list.data.topics.length}` : ''}</span>
      </div>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.data === undefined && list.error === undefined && <Loading what="topics" />}
      {list.data !== undefined && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Topics</caption>
            <thead>
              <tr>
                {th('name', 'Name')}
                {th('partitions', 'Partitions', true)}
                <th scope="col" class="num">
                  Replication
                </th>
                {th('records', 'Records', true)}
                {th('sizeBytes', 'Size', true)}
              </tr>
            </thead>
            <tbody>
              {paged.shown.map((t) => (
                <tr key={t.name}>
                  <td>
                    <a href={`#/topics/${enc(t.name)}`}>{t.name}</a>
                    {t.internal && (
                      <>
                        {' '}
                        <Badge>internal</Badge>
                      </>
                    )}
                    {t.underReplicated > 0 && (
                      <>
                        {' '}
                        <Badge kind="warn">{t.underReplicated} under-replicated</Badge>
                      </>
                    )}
                    {t.offline > 0 && (
                      <>
                        {' '}
                        <Badge kind="bad">{t.offline} offline</Badge>
                      </>
                    )}
                  </td>
                  <td class="num">{num(t.partitions)}</td>
                  <td class="num">{t.replicationFactor}</td>
                  <td class="num">{num(t.records)}</td>
                  <td class="num">{bytes(t.sizeBytes)}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={5} class="muted">
                    {filter === '' ? 'No topics yet.' : 'No topic matches.'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager paged={paged} label="Topics" />
      <CreateTopicDialog open={creating} onClose={() => setCreating(false)} onCreated={(name) => navigate(`/topics/${enc(name)}`)} />
    </section>
  )
}

function CreateTopicDialog(props: { open: boolean; onClose: () => void; onCreated: (name: string) => void }) {
  const [name, setName] = useState('')
  const [partitions, setPartitions] = useState('1')
  const [rf, setRf] = useState('1')
  const [configs, setConfigs] = useState<{ k: string; v: string }[]>([{ k: '', v: '' }])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <Dialog open={props.open} title="Create topic" onClose={props.onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(null)
          try {
            await api('/api/topics', {
              method: 'POST',
              body: {
                name,
                partitions: Number(partitions),
                replicationFactor: Number(rf),
                configs: Object.fromEntries(configs.filter((c) => c.k.trim() !== '').map((c) => [c.k.trim(), c.v])),
              },
            })
            props.onClose()
            props.onCreated(name)
          } catch (err) {
            setError((err as Error).message)
          } finally {
            setBusy(false)
          }
        }}
      >
        <label class="field">
          <span>Name</span>
          <input name="name" required value={name} pattern="[a-zA-Z0-9._\-]+" maxLength={249} onInput={(e) => setName(e.currentTarget.value)} autoFocus />
        </label>
        <div class="row">
          <label class="field">
            <span>Partitions</span>
            <input name="partitions" type="number" min={1} required value={partitions} onInput={(e) => setPartitions(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>Replication factor</span>
            <input name="replicationFactor" type="number" min={1} required value={rf} onInput={(e) => setRf(e.currentTarget.value)} />
          </label>
        </div>
        <fieldset>
          <legend>Configs (optional)</legend>
          {configs.map((c, i) => (
            <div class="row" key={i}>
              <label class="field">
                <span>Name</span>
                <input
                  value={c.k}
                  placeholder="retention.ms"
                  onInput={(e) => setConfigs(configs.map((x, j) => (j === i ? { ...x, k: e.currentTarget.value } : x)))}
                />
              </label>
              <label class="field">
                <span>Value</span>
                <input value={c.v} onInput={(e) => setConfigs(configs.map((x, j) => (j === i ? { ...x, v: e.currentTarget.value } : x)))} />
              </label>
            </div>
          ))}
          <button type="button" onClick={() => setConfigs([...configs, { k: '', v: '' }])}>
            Add config
          </button>
        </fieldset>
        {error !== null && (
          <p class="error-text" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
