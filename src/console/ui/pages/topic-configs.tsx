/**
 * A topic's configs: every value with where it comes from (DescribeConfigs sources) and what it
 * falls back to; edit overrides, or reset one to its default.
 */
import { useMemo, useState } from 'preact/hooks'
import { api, enc, useApi } from '../api'
import { Badge, ErrorBox, Loading } from '../components/common'
import { Dialog } from '../components/dialog'
import { Pager, usePaged } from '../components/pager'
import { TopicHeader } from '../components/topic-tabs'

export interface ConfigEntry {
  name: string
  value: string | null
  source: string
  isDefault: boolean
  readOnly: boolean
  sensitive: boolean
  documentation?: string | null
  synonyms?: { name: string; value: string | null; source: string }[]
}

const SOURCE_LABEL: Record<string, string> = {
  DYNAMIC_TOPIC_CONFIG: 'topic override',
  DYNAMIC_BROKER_CONFIG: 'broker (dynamic)',
  DYNAMIC_DEFAULT_BROKER_CONFIG: 'cluster default (dynamic)',
  STATIC_BROKER_CONFIG: 'broker config file',
  DEFAULT_CONFIG: 'default',
}

const sourceLabel = (s: string): string => SOURCE_LABEL[s] ?? s

/** The value a config falls back to when its override is deleted: the next synonym. */
function fallback(c: ConfigEntry): { name: string; value: string | null; source: string } | undefined {
  const rest = (c.synonyms ?? []).filter((s) => s.source !== c.source)
  return rest[0]
}

export function ConfigTable(props: { configs: ConfigEntry[]; filter: string; onEdit?: (c: ConfigEntry) => void }) {
  const f = props.filter.trim().toLowerCase()
  const rows = props.configs.filter((c) => f === '' || c.name.includes(f) || (c.value ?? '').toLowerCase().includes(f))
  // A broker has a few hundred configs: a page at a time.
  const paged = usePaged(rows, f)
  return (
    <>
      <div class="table-wrap">
        <table class="configs">
          <caption class="sr-only">Configs</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Source</th>
              <th scope="col">Default / fallback</th>
              {props.onEdit && (
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((c) => {
              const fb = fallback(c)
              return (
                <tr key={c.name} data-config={c.name}>
                  <th scope="row" title={c.documentation ?? undefined}>
                    <code>{c.name}</code>
                    {c.documentation && <div class="doc muted">{c.documentation}</div>}
                  </th>
                  <td class="value">{c.sensitive ? <em>hidden</em> : c.value === null ? <span class="muted">null</span> : <code>{c.value}</code>}</td>
                  <td>
                    <Badge kind={c.isDefault ? 'info' : 'warn'}>{sourceLabel(c.source)}</Badge>
                    {c.readOnly && (
                      <>
                        {' '}
                        <Badge>read-only</Badge>
                      </>
                    )}
                  </td>
                  <td>
                    {c.isDefault ? (
                      <span class="muted">(is the default)</span>
                    ) : fb !== undefined ? (
                      <>
                        <code>{fb.value ?? 'null'}</code>{' '}
                        <span class="muted">
                          {fb.name === c.name ? '' : `as ${fb.name}, `}
                          {sourceLabel(fb.source)}
                        </span>
                      </>
                    ) : (
                      <span class="muted">–</span>
                    )}
                  </td>
                  {props.onEdit && (
                    <td>
                      {!c.readOnly && (
                        <button type="button" class="small" onClick={() => props.onEdit!(c)} aria-label={`Edit ${c.name}`}>
                          Edit
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <Pager paged={paged} label="Configs" />
    </>
  )
}

export function TopicConfigsPage(props: { name: string }) {
  const cfg = useApi<{ configs: ConfigEntry[] }>(`/api/topics/${enc(props.name)}/configs`)
  const [filter, setFilter] = useState('')
  const [onlyOverrides, setOnlyOverrides] = useState(false)
  const [editing, setEditing] = useState<ConfigEntry | null>(null)
  const configs = useMemo(() => (cfg.data?.configs ?? []).filter((c) => !onlyOverrides || !c.isDefault), [cfg.data, onlyOverrides])
  return (
    <section data-page="topic-configs" data-ready={cfg.data !== undefined ? '' : undefined}>
      <TopicHeader name={props.name} tab="configs" />
      <div class="toolbar">
        <label class="field inline">
          <span>Filter</span>
          <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} placeholder="config name or value" />
        </label>
        <label class="check">
          <input type="checkbox" checked={onlyOverrides} onChange={(e) => setOnlyOverrides(e.currentTarget.checked)} /> Only values that differ from the default
        </label>
      </div>
      <ErrorBox error={cfg.error} onRetry={cfg.reload} />
      {cfg.data === undefined && cfg.error === undefined && <Loading what="configs" />}
      {cfg.data !== undefined && <ConfigTable configs={configs} filter={filter} onEdit={setEditing} />}
      <EditConfigDialog topic={props.name} entry={editing} onClose={() => setEditing(null)} onDone={cfg.reload} />
    </section>
  )
}

function EditConfigDialog(props: { topic: string; entry: ConfigEntry | null; onClose: () => void; onDone: () => void }) {
  const e = props.entry
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [lastName, setLastName] = useState<string | null>(null)
  if (e !== null && e.name !== lastName) {
    setLastName(e.name)
    setValue(e.value ?? '')
    setError(null)
  }
  const change = async (body: unknown): Promise<void> => {
    setError(null)
    try {
      await api(`/api/topics/${enc(props.topic)}/configs`, { method: 'PATCH', body })
      setLastName(null)
      props.onClose()
      props.onDone()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  const fb = e === null ? undefined : fallback(e)
  return (
    <Dialog
      open={e !== null}
      title={`Edit ${e?.name ?? ''}`}
      onClose={() => {
        setLastName(null)
        props.onClose()
      }}
    >
      {e !== null && (
        <form
          onSubmit={(ev) => {
            ev.preventDefault()
            void change({ set: { [e.name]: value } })
          }}
        >
          {e.documentation && <p class="muted">{e.documentation}</p>}
          <p>
            Now <code>{e.value ?? 'null'}</code> from {sourceLabel(e.source)}.
            {fb !== undefined && (
              <>
                {' '}
                Without an override: <code>{fb.value ?? 'null'}</code> ({fb.name === e.name ? '' : `${fb.name}, `}
                {sourceLabel(fb.source)}).
              </>
            )}
          </p>
          <label class="field">
            <span>New value</span>
            <input name="value" value={value} onInput={(ev) => setValue(ev.currentTarget.value)} autoFocus />
          </label>
          {error !== null && (
            <p class="error-text" role="alert">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            {!e.isDefault && (
              <button type="button" onClick={() => void change({ delete: [e.name] })}>
                Reset to default
              </button>
            )}
            <button
              type="button"
              onClick={() => {
                setLastName(null)
                props.onClose()
              }}
            >
              Cancel
            </button>
            <button type="submit" class="primary">
              Save
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}
