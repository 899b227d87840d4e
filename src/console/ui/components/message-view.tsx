/** Showing messages: the view switch (text, JSON, hex), the table, and one message in full. */
import { useEffect, useState } from 'preact/hooks'
import { api, enc } from '../api'
import { preview, render, time, type Message, type Payload, type View } from '../format'
import { Dialog } from './dialog'
import { CopyButton } from './copy'
import { JsonTree, parseJson } from './json-tree'

export function ViewSwitch(props: { view: View; onChange: (v: View) => void; name: string }) {
  return (
    <fieldset class="segmented">
      <legend class="sr-only">Show values as</legend>
      {(['text', 'json', 'hex'] as const).map((v) => (
        <label key={v}>
          <input type="radio" name={props.name} value={v} checked={props.view === v} onChange={() => props.onChange(v)} />
          <span>{v === 'json' ? 'JSON' : v === 'hex' ? 'Hex' : 'Text'}</span>
        </label>
      ))}
    </fieldset>
  )
}

export function MessageTable(props: { messages: Message[]; view: View; onOpen: (m: Message) => void; label: string }) {
  return (
    <div class="table-wrap">
      <table class="messages">
        <caption class="sr-only">{props.label}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Partition
            </th>
            <th scope="col" class="num">
              Offset
            </th>
            <th scope="col">Timestamp</th>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col" class="num">
              Headers
            </th>
          </tr>
        </thead>
        <tbody>
          {props.messages.map((m) => (
            <tr key={`${m.partition}:${m.offset}`} data-offset={`${m.partition}:${m.offset}`}>
              <td class="num">{m.partition}</td>
              <td class="num">
                <button type="button" class="link" onClick={() => props.onOpen(m)} aria-label={`Open message ${m.partition}:${m.offset}`}>
                  {m.offset}
                </button>
              </td>
              <td class="nowrap">{time(m.timestamp)}</td>
              <td class="payload">
                <code>{preview(m.key, 40)}</code>
              </td>
              <td class="payload">{props.view === 'text' ? <code>{preview(m.value)}</code> : <pre>{cut(render(m.value, props.view))}</pre>}</td>
              <td class="num">{m.headers.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const cut = (s: string, lines = 8): string => {
  const all = s.split('\n')
  return all.length > lines ? `${all.slice(0, lines).join('\n')}\n…` : s
}

export function MessageDialog(props: { topic: string; message: Message | null; view: View; onView: (v: View) => void; onClose: () => void }) {
  const [full, setFull] = useState<Message | null>(null)
  const m = props.message
  useEffect(() => {
    setFull(null)
    if (m === null) return
    const truncated = m.value?.truncated === true || m.key?.truncated === true || m.headers.some((h) => h.value?.truncated === true)
    if (!truncated) return
    const ctl = new AbortController()
    api<Message>(`/api/topics/${enc(props.topic)}/messages/${m.partition}/${m.offset}`, { signal: ctl.signal }).then(setFull, () => {})
    return () => ctl.abort()
  }, [m, props.topic])
  const shown = full ?? m
  return (
    <Dialog open={m !== null} title={m === null ? '' : `Message ${m.partition}:${m.offset}`} onClose={props.onClose} wide>
      {shown !== null && (
        <div class="message-detail">
          <dl class="facts">
            <dt>Partition</dt>
            <dd>{shown.partition}</dd>
            <dt>Offset</dt>
            <dd>{shown.offset}</dd>
            <dt>Timestamp</dt>
            <dd>
              {time(shown.timestamp)} <span class="muted">({shown.timestamp})</span>
            </dd>
            <dt>Size</dt>
            <dd>{shown.size} bytes</dd>
          </dl>
          <ViewSwitch view={props.view} onChange={props.onView} name="detail-view" />
          <h3>
            Key <CopyButton text={shown.key === null ? null : render(shown.key, props.view)} label="key" />
          </h3>
          <PayloadBlock p={shown.key} view={props.view} />
          <h3>
            Value <CopyButton text={shown.value === null ? null : render(shown.value, props.view)} label="value" />
          </h3>
          <PayloadBlock p={shown.value} view={props.view} />
          <h3>Headers</h3>
          {shown.headers.length === 0 ? (
            <p class="muted">No headers.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {shown.headers.map((h, i) => (
                  <tr key={i}>
                    <td>
                      <code>{h.key}</code>
                    </td>
                    <td>
                      <pre>{render(h.value, props.view === 'json' ? 'text' : props.view)}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Dialog>
  )
}

function PayloadBlock(props: { p: Payload | null; view: View }) {
  if (props.p === null) return <p class="muted">null</p>
  const json = props.view === 'json' && props.p.truncated !== true ? parseJson(props.p.text) : undefined
  return (
    <>
      {json !== undefined && typeof json.value === 'object' && json.value !== null ? (
        <JsonTree value={json.value} />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <pre class="payload-full" tabIndex={0}>
          {render(props.p, props.view)}
        </pre>
      )}
      {props.p.truncated && <p class="muted">Showing the first part of {props.p.size} bytes…</p>}
    </>
  )
}
