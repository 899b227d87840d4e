/** Consumer groups: state, members, topics and total lag. */
import { useState } from 'preact/hooks'
import { enc, useApi } from '../api'
import { Badge, ErrorBox, Loading, PageHeader, stateKind } from '../components/common'
import { num } from '../format'
import { Pager, usePaged } from '../components/pager'

interface GroupRow {
  groupId: string
  state: string
  protocolType: string
  members: number | null
  topics: string[]
  lag: number | null
  error: string | null
}

export function GroupsPage() {
  const list = useApi<{ groups: GroupRow[] }>('/api/groups', 5_000)
  const [filter, setFilter] = useState('')
  const f = filter.trim().toLowerCase()
  const rows = (list.data?.groups ?? []).filter((g) => f === '' || g.groupId.toLowerCase().includes(f) || g.topics.some((t) => t.toLowerCase().includes(f)))
  const paged = usePaged(rows, f)
  return (
    <section data-page="groups" data-ready={list.data !== undefined || list.error !== undefined ? '' : undefined}>
      <PageHeader title="Consumer groups" />
      <div class="toolbar">
        <label class="field inline">
          <span>Search</span>
          <input type="search" value={filter} placeholder="group or topic" onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
      </div>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.data === undefined && list.error === undefined && <Loading what="groups" />}
      {list.data !== undefined && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Consumer groups</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">State</th>
                <th scope="col" class="num">
                  Members
                </th>
                <th scope="col">Topics</th>
                <th scope="col" class="num">
                  Total lag
                </th>
              </tr>
            </thead>
            <tbody>
              {paged.shown.map((g) => (
                <tr key={g.groupId}>
                  <td>
                    <a href={`#/groups/${enc(g.groupId)}`}>{g.groupId}</a>
                  </td>
                  <td>
                    <Badge kind={stateKind(g.state)}>{g.state}</Badge>
                  </td>
                  <td class="num">{num(g.members)}</td>
                  <td>
                    {g.topics.map((t, i) => (
                      <span key={t}>
                        {i > 0 && ', '}
                        <a href={`#/topics/${enc(t)}`}>{t}</a>
                      </span>
                    ))}
                  </td>
                  <td class="num">{g.error !== null ? <span title={g.error}>–</span> : num(g.lag)}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={5} class="muted">
                    {f === '' ? 'No consumer groups.' : 'No group matches.'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager paged={paged} label="Groups" />
    </section>
  )
}
