/**
 * One consumer group: members and assignments, per-partition committed offset, end offset and
 * lag, lag over time while the page is open, offset reset (empty groups only) and deletion.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { api, enc, useApi } from '../api'
import { LineChart } from '../components/chart'
import { Badge, ErrorBox, Loading, PageHeader, Stat, stateKind } from '../components/common'
import { ConfirmDialog, Dialog } from '../components/dialog'
import { num, timeZoneLabel } from '../format'
import { navigate } from '../router'
import { CopyButton } from '../components/copy'
import { Pager, usePaged } from '../components/pager'

interface GroupDetail {
  groupId: string
  state: string
  protocolType: string
  protocol: string
  members: { memberId: string; clientId: string; clientHost: string; topics: string[]; assignment: { topic: string; partitions: number[] }[] }[]
  topics: string[]
  partitions: {
    topic: string
    partition: number
    committed: number | null
    end: number | null
    lag: number | null
    memberId: string | null
    clientId: string | null
  }[]
  totalLag: number
  sampledAt: number
}

const COLORS = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)', 'var(--c5)']
const KEEP = 300

export function GroupPage(props: { id: string }) {
  const g = useApi<GroupDetail>(`/api/groups/${enc(props.id)}`, 2_000)
  const history = useRef<{ t: number; total: number; byTopic: Record<string, number> }[]>([])
  const [, redraw] = useState(0)
  const [resetting, setResetting] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const d = g.data
  useEffect(() => {
    if (d === undefined) return
    const byTopic: Record<string, number> = {}
    for (const p of d.partitions) byTopic[p.topic] = (byTopic[p.topic] ?? 0) + (p.lag ?? 0)
    const h = history.current
    if (h[h.length - 1]?.t !== d.sampledAt) {
      h.push({ t: d.sampledAt, total: d.totalLag, byTopic })
      if (h.length > KEEP) h.splice(0, h.length - KEEP)
      redraw((n) => n + 1)
    }
  }, [d])
  const empty = d !== undefined && (d.state === 'Empty' || d.state === 'Dead')
  const topics = d?.topics ?? []
  const paged = usePaged(d?.partitions ?? [])
  return (
    <section data-page="group" data-ready={d !== undefined || g.error !== undefined ? '' : undefined}>
      <PageHeader title={props.id} crumbs={[{ label: 'Consumer groups', href: '#/groups' }]}>
        <button
          type="button"
          onClick={() => setResetting(true)}
          disabled={!empty}
          title={empty ? undefined : 'Stop the group\u2019s consumers first: Kafka resets offsets only for an empty group'}
        >
          Reset offsets
        </button>
        <button type="button" class="danger" onClick={() => setDeleting(true)} disabled={!empty}>
          Delete group
        </button>
      </PageHeader>
      <ErrorBox error={g.error} onRetry={g.reload} />
      {d === undefined && g.error === undefined && <Loading what="the group" />}
      {d !== undefined && (
        <>
          {!empty && <p class="muted">Offsets can be reset and the group deleted only while it has no members: stop its consumers first.</p>}
          <div class="stats">
            <Stat label="State" value={<Badge kind={stateKind(d.state)}>{d.state}</Badge>} />
            <Stat label="Members" value={num(d.members.length)} />
            <Stat label="Total lag" value={<span data-total-lag={d.totalLag}>{num(d.totalLag)}</span>} />
            <Stat label="Assignor" value={d.protocol === '' ? 'none' : d.protocol} hint={protocolHint(d)} />
          </div>
          <LineChart
            title="Lag over time (while this page is open)"
            unit="records"
            series={[
              { name: 'total', color: COLORS[0]!, points: history.current.map((h) => ({ t: h.t, v: h.total })) },
              ...(topics.length > 1
                ? topics
                    .slice(0, 4)
                    .map((t, i) => ({ name: t, color: COLORS[i + 1]!, points: history.current.map((h) => ({ t: h.t, v: h.byTopic[t] ?? null })) }))
                : []),
            ]}
          />
          <h2>Partitions</h2>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Offsets and lag per partition</caption>
              <thead>
                <tr>
                  <th scope="col">Topic</th>
                  <th scope="col" class="num">
                    Partition
                  </th>
                  <th scope="col" class="num">
                    Committed
                  </th>
                  <th scope="col" class="num">
                    End offset
                  </th>
                  <th scope="col" class="num">
                    Lag
                  </th>
                  <th scope="col">Member</th>
                </tr>
              </thead>
              <tbody>
                {paged.shown.map((p) => (
                  <tr key={`${p.topic}:${p.partition}`} data-partition={`${p.topic}:${p.partition}`}>
                    <td>
                      <a href={`#/topics/${enc(p.topic)}`}>{p.topic}</a>
                    </td>
                    <td class="num">{p.partition}</td>
                    <td class="num">{p.committed === null ? <span class="muted">none</span> : num(p.committed)}</td>
                    <td class="num">{num(p.end)}</td>
                    <td class="num">{num(p.lag)}</td>
                    <td>{p.clientId ?? <span class="muted">unassigned</span>}</td>
                  </tr>
                ))}
                {d.partitions.length === 0 && (
                  <tr>
                    <td colSpan={6} class="muted">
                      No committed offsets.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <Pager paged={paged} label="Partitions" />
          <h2>Members</h2>
          {d.members.length === 0 ? (
            <p class="muted">No members.</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption class="sr-only">Members</caption>
                <thead>
                  <tr>
                    <th scope="col">Client id</th>
                    <th scope="col">Host</th>
                    <th scope="col">Member id</th>
                    <th scope="col">Assignment</th>
                  </tr>
                </thead>
                <tbody>
                  {d.members.map((m) => (
                    <tr key={m.memberId}>
                      <td>{m.clientId}</td>
                      <td>{m.clientHost}</td>
                      <td>
                        <code class="small">{m.memberId}</code>
                        <CopyButton text={m.memberId} label="member id" />
                      </td>
                      <td>{m.assignment.map((a) => `${a.topic} [${a.partitions.join(', ')}]`).join('; ') || <span class="muted">none</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <ResetDialog open={resetting} group={props.id} topics={topics} partitions={d?.partitions ?? []} onClose={() => setResetting(false)} onDone={g.reload} />
      <ConfirmDialog
        open={deleting}
        title={`Delete group ${props.id}?`}
        message={<p>Its committed offsets are deleted; its consumers will start again from their reset policy.</p>}
        confirmLabel="Delete group"
        typeToConfirm={props.id}
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api(`/api/groups/${enc(props.id)}`, { method: 'DELETE' })
          navigate('/groups')
        }}
      />
    </section>
  )
}

/** What the protocol and assignor of a group mean, for people who meet "consumer/-". */
function protocolHint(d: GroupDetail): string {
  if (d.protocolType === '') return 'no protocol: offsets committed without joining (a standalone consumer or a tool)'
  const kind = d.protocolType === 'consumer' ? 'consumer protocol' : `protocol type ${d.protocolType}`
  return d.protocol === ''
    ? `${kind}; members agree on an assignor when they join, and an empty group has none`
    : `${kind}; the members chose this partition assignor`
}

interface ResetResult {
  offsets: { topic: string; partition: number; before: number | null; after: number }[]
}

function ResetDialog(props: {
  open: boolean
  group: string
  topics: string[]
  partitions: GroupDetail['partitions']
  onClose: () => void
  onDone: () => void
}) {
  const [topic, setTopic] = useState('')
  const [partition, setPartition] = useState('')
  const [strategy, setStrategy] = useState<'earliest' | 'latest' | 'timestamp' | 'offset' | 'shift'>('earliest')
  const [value, setValue] = useState('')
  const [preview, setPreview] = useState<ResetResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Each opening starts from scratch: the last reset's choices are not a default for the next.
  useEffect(() => {
    if (!props.open) return
    setTopic('')
    setPartition('')
    setStrategy('earliest')
    setValue('')
    setPreview(null)
    setError(null)
  }, [props.open])
  const body = (dryRun: boolean) => ({
    topic: topic === '' ? null : topic,
    partition: topic === '' || partition === '' ? null : Number(partition),
    strategy,
    dryRun,
    ...(strategy === 'offset' ? { offset: value } : {}),
    ...(strategy === 'shift' ? { shift: value } : {}),
    ...(strategy === 'timestamp' ? { timestamp: new Date(value).getTime() } : {}),
  })
  const run = async (dryRun: boolean): Promise<void> => {
    setError(null)
    try {
      const r = await api<ResetResult>(`/api/groups/${enc(props.group)}/reset-offsets`, { method: 'POST', body: body(dryRun) })
      if (dryRun) setPreview(r)
      else {
        setPreview(null)
        props.onClose()
        props.onDone()
      }
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return (
    <Dialog
      open={props.open}
      title={`Reset offsets of ${props.group}`}
      onClose={() => {
        setPreview(null)
        props.onClose()
      }}
      wide
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void run(false)
        }}
      >
        <div class="row wrap">
          <label class="field">
            <span>Topic</span>
            <select
              name="topic"
              value={topic}
              onChange={(e) => {
                setTopic(e.currentTarget.value)
                setPartition('')
                setPreview(null)
              }}
            >
              <option value="">All topics of the group</option>
              {props.topics.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          {topic !== '' && (
            <label class="field">
              <span>Partition</span>
              <select
                name="partition"
                value={partition}
                onChange={(e) => {
                  setPartition(e.currentTarget.value)
                  setPreview(null)
                }}
              >
                <option value="">All partitions</option>
                {props.partitions
                  .filter((p) => p.topic === topic)
                  .map((p) => (
                    <option key={p.partition} value={String(p.partition)}>
                      {p.partition}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <label class="field">
            <span>Reset to</span>
            <select
              name="strategy"
              value={strategy}
              onChange={(e) => {
                setStrategy(e.currentTarget.value as typeof strategy)
                setPreview(null)
              }}
            >
              <option value="earliest">Earliest offset</option>
              <option value="latest">Latest offset</option>
              <option value="timestamp">Time</option>
              <option value="offset">Offset</option>
              <option value="shift">Shift by</option>
            </select>
          </label>
          {strategy === 'shift' && (
            <label class="field">
              <span>Records (negative to re-read)</span>
              <input name="shift" type="number" required value={value} onInput={(e) => setValue(e.currentTarget.value)} placeholder="-10" />
            </label>
          )}
          {strategy === 'offset' && (
            <label class="field">
              <span>Offset</span>
              <input name="offset" type="number" min={0} required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
            </label>
          )}
          {strategy === 'timestamp' && (
            <label class="field">
              <span>Time ({timeZoneLabel()})</span>
              <input name="timestamp" type="datetime-local" step="1" required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
            </label>
          )}
        </div>
        {preview !== null && (
          <table>
            <caption>Preview</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col" class="num">
                  Partition
                </th>
                <th scope="col" class="num">
                  Now
                </th>
                <th scope="col" class="num">
                  After
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.offsets.map((o) => (
                <tr key={`${o.topic}:${o.partition}`}>
                  <td>{o.topic}</td>
                  <td class="num">{o.partition}</td>
                  <td class="num">{o.before ?? '–'}</td>
                  <td class="num">{o.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {error !== null && (
          <p class="error-text" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button
            type="button"
            onClick={() => {
              setPreview(null)
              props.onClose()
            }}
          >
            Cancel
          </button>
          <button type="button" onClick={() => void run(true)}>
            Preview
          </button>
          <button type="submit" class="danger">
            Reset offsets
          </button>
        </div>
      </form>
    </Dialog>
  )
}
