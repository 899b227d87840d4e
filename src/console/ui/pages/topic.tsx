/** A topic: partitions with leaders, replicas, ISR and offsets; the groups that consume it. */
import { useState } from 'preact/hooks'
import { api, enc, useApi } from '../api'
import { Badge, ErrorBox, Loading, stateKind } from '../components/common'
import { ConfirmDialog, Dialog } from '../components/dialog'
import { TopicHeader } from '../components/topic-tabs'
import { bytes, num } from '../format'
import { navigate } from '../router'
import { CopyButton } from '../components/copy'
import { Pager, usePaged } from '../components/pager'

interface TopicDetail {
  name: string
  topicId: string
  internal: boolean
  partitions: {
    partition: number
    leader: number
    replicas: number[]
    isr: number[]
    offline: number[]
    startOffset: number
    endOffset: number
    records: number
    sizeBytes: number | null
  }[]
  groups: { groupId: string; state: string; members: number; lag: number }[] | null
  groupsError: string | null
}

export function TopicPage(props: { name: string }) {
  const t = useApi<TopicDetail>(`/api/topics/${enc(props.name)}`, 10_000)
  const [deleting, setDeleting] = useState(false)
  const [purging, setPurging] = useState(false)
  const [adding, setAdding] = useState(false)
  const d = t.data
  const paged = usePaged(d?.partitions ?? [])
  // Nothing to act on while the cluster is down (the last data may be stale) or the topic is gone.
  const why = t.error === undefined ? undefined : t.error.status === 404 ? 'The topic does not exist (any more).' : 'The cluster cannot be reached now.'
  return (
    <section data-page="topic" data-ready={d !== undefined || t.error !== undefined ? '' : undefined}>
      <TopicHeader name={props.name} tab="partitions">
        <button type="button" onClick={() => setAdding(true)} disabled={d === undefined || why !== undefined} title={why}>
          Add partitions
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => setPurging(true)}
          disabled={d === undefined || why !== undefined}
          title={why ?? 'Delete every record and keep the topic'}
        >
          Purge records
        </button>
        <button type="button" class="danger" onClick={() => setDeleting(true)} disabled={d === undefined || why !== undefined} title={why}>
          Delete topic
        </button>
      </TopicHeader>
      <ErrorBox error={t.error} onRetry={t.reload} />
      {d === undefined && t.error === undefined && <Loading what="the topic" />}
      {d !== undefined && (
        <>
          <p class="muted">
            Topic id <code>{d.topicId}</code>
            <CopyButton text={d.topicId} label="topic id" />
            {d.internal && (
              <>
                {' '}
                · <Badge>internal</Badge>
              </>
            )}{' '}
            · {d.partitions.length} partitions · {num(d.partitions.reduce((s, p) => s + p.records, 0))} records
          </p>
          <h2>Partitions</h2>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Partitions of {d.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Partition</th>
                  <th scope="col">Leader</th>
                  <th scope="col">Replicas</th>
                  <th scope="col">In-sync replicas</th>
                  <th scope="col" class="num">
                    Start offset
                  </th>
                  <th scope="col" class="num">
                    End offset
                  </th>
                  <th scope="col" class="num">
                    Records
                  </th>
                  <th scope="col" class="num">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {paged.shown.map((p) => (
                  <tr key={p.partition}>
                    <td>
                      <a href={`#/topics/${enc(d.name)}/messages?partition=${p.partition}`}>{p.partition}</a>
                    </td>
                    <td>{p.leader < 0 ? <Badge kind="bad">none</Badge> : p.leader}</td>
                    <td>
                      {p.replicas.join(', ')}
                      {p.offline.length > 0 && (
                        <>
                          {' '}
                          <span title="replicas on brokers that are down">
                            <Badge kind="bad">{p.offline.join(', ')} offline</Badge>
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {p.isr.join(', ')}
                      {p.isr.length < p.replicas.length && (
                        <>
                          {' '}
                          <Badge kind="warn">under-replicated</Badge>
                        </>
                      )}
                    </td>
                    <td class="num">{num(p.startOffset)}</td>
                    <td class="num">{num(p.endOffset)}</td>
                    <td class="num">{num(p.records)}</td>
                    <td class="num">{bytes(p.sizeBytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager paged={paged} label="Partitions" />
          <h2>Consumer groups</h2>
          {d.groups === null && <p class="muted">Not available: {d.groupsError}</p>}
          {d.groups !== null && d.groups.length === 0 && <p class="muted">No group has consumed this topic.</p>}
          {d.groups !== null && d.groups.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="sr-only">Groups consuming {d.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col">State</th>
                    <th scope="col" class="num">
                      Members
                    </th>
                    <th scope="col" class="num">
                      Lag on this topic
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.groups.map((g) => (
                    <tr key={g.groupId}>
                      <td>
                        <a href={`#/groups/${enc(g.groupId)}`}>{g.groupId}</a>
                      </td>
                      <td>
                        <Badge kind={stateKind(g.state)}>{g.state}</Badge>
                      </td>
                      <td class="num">{g.members}</td>
                      <td class="num">{num(g.lag)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <AddPartitionsDialog open={adding} topic={props.name} current={d?.partitions.length ?? 1} onClose={() => setAdding(false)} onDone={t.reload} />
      <ConfirmDialog
        open={purging}
        title={`Purge ${props.name}?`}
        message={
          <p>
            Every record of every partition is deleted (DeleteRecords up to the end); the topic, its configs and its offsets stay, and new records continue from
            the current offsets. This cannot be undone.
          </p>
        }
        confirmLabel="Purge records"
        typeToConfirm={props.name}
        onClose={() => setPurging(false)}
        onConfirm={async () => {
          await api(`/api/topics/${enc(props.name)}/purge`, { method: 'POST', body: {} })
          t.reload()
        }}
      />
      <ConfirmDialog
        open={deleting}
        title={`Delete topic ${props.name}?`}
        message={<p>All its records are deleted. This cannot be undone.</p>}
        confirmLabel="Delete topic"
        typeToConfirm={props.name}
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api(`/api/topics/${enc(props.name)}`, { method: 'DELETE' })
          navigate('/topics')
        }}
      />
    </section>
  )
}

function AddPartitionsDialog(props: { open: boolean; topic: string; current: number; onClose: () => void; onDone: () => void }) {
  const [count, setCount] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <Dialog open={props.open} title={`Add partitions to ${props.topic}`} onClose={props.onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setError(null)
          try {
            await api(`/api/topics/${enc(props.topic)}/partitions`, { method: 'POST', body: { count: Number(count) } })
            props.onClose()
            props.onDone()
          } catch (err) {
            setError((err as Error).message)
          }
        }}
      >
        <p class="muted">The topic has {props.current} partitions. Partitions can be added, never removed; keys may map to other partitions afterwards.</p>
        <label class="field">
          <span>New total number of partitions</span>
          <input name="count" type="number" min={props.current + 1} required value={count} onInput={(e) => setCount(e.currentTarget.value)} autoFocus />
        </label>
        {error !== null && (
          <p class="error-text" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="primary">
            Add partitions
          </button>
        </div>
      </form>
    </Dialog>
  )
}
