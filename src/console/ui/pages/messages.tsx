/**
 * Messages of a topic: browse a page at a time from an offset, a time, the start or the end,
 * newest-first or oldest-first; search the whole topic with progress; live tail; export what
 * is shown as JSON or CSV; produce a message.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { api, enc } from '../api'
import { ErrorBox } from '../components/common'
import { MessageDialog, MessageTable, ViewSwitch } from '../components/message-view'
import { ProduceDialog } from '../components/produce-dialog'
import { TopicHeader } from '../components/topic-tabs'
import { num, timeZoneLabel, toCsvExport, toJsonExport, type Message, type View } from '../format'
import { openStream } from '../stream'

interface PageResult {
  messages: Message[]
  next: string | null
  partitions: { partition: number; start: number; end: number }[]
}
type Mode = 'browse' | 'search' | 'tail'
interface Progress {
  scanned: number
  total: number
  matches: number
  done: boolean
  truncated?: boolean
  elapsedMs?: number
}

const TAIL_KEEP = 500

export function MessagesPage(props: { name: string; query: URLSearchParams }) {
  const topic = props.name
  const [partition, setPartition] = useState(props.query.get('partition') ?? 'all')
  const [from, setFrom] = useState<'latest' | 'earliest' | 'offset' | 'timestamp'>('latest')
  const [offset, setOffset] = useState('0')
  const [timestamp, setTimestamp] = useState('')
  const [order, setOrder] = useState<'desc' | 'asc'>('desc')
  const [limit, setLimit] = useState('50')
  const [view, setView] = useState<View>('text')
  const [mode, setMode] = useState<Mode>('browse')
  const [messages, setMessages] = useState<Message[]>([])
  const [partitions, setPartitions] = useState<PageResult['partitions']>([])
  const [cursors, setCursors] = useState<string[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const [loading, setLoading] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [q, setQ] = useState('')
  const [match, setMatch] = useState<'substring' | 'regex' | 'filter'>('substring')
  const [caseSensitive, setCaseSensitive] = useState(false)
  const [fields, setFields] = useState({ key: true, value: true, headers: true })
  const [progress, setProgress] = useState<Progress | null>(null)
  const [tailInfo, setTailInfo] = useState<string | null>(null)
  const [open, setOpen] = useState<Message | null>(null)
  const [producing, setProducing] = useState(false)
  const stop = useRef<(() => void) | null>(null)

  const stopStream = (): void => {
    stop.current?.()
    stop.current = null
  }
  useEffect(() => stopStream, [])

  const browseUrl = (cursor: string | null): string => {
    const p = new URLSearchParams({ from, order, limit, partition })
    if (from === 'offset') p.set('offset', offset)
    if (from === 'timestamp') p.set('timestamp', String(new Date(timestamp).getTime()))
    if (cursor !== null) p.set('cursor', cursor)
    return `/api/topics/${enc(topic)}/messages?${p}`
  }

  const load = async (cursor: string | null, stack: string[]): Promise<void> => {
    stopStream()
    setMode('browse')
    setLoading(true)
    setError(null)
    try {
      const r = await api<PageResult>(browseUrl(cursor))
      setMessages(r.messages)
      setPartitions(r.partitions)
      setNext(r.next)
      setCursors(stack)
    } catch (err) {
      setError(err as Error)
    } finally {
      setLoading(false)
      setLoaded(true)
    }
  }

  useEffect(() => {
    void load(null, [])
  }, [topic])

  const search = (): void => {
    stopStream()
    setMode('search')
    setMessages([])
    setError(null)
    setProgress({ scanned: 0, total: 0, matches: 0, done: false })
    const p = new URLSearchParams({
      q,
      mode: match,
      caseSensitive: caseSensitive ? '1' : '0',
      partition,
      fields: Object.entries(fields)
        .filter(([, on]) => on)
        .map(([f]) => f)
        .join(','),
    })
    const found: Message[] = []
    let flush = 0
    stop.current = openStream(
      `/api/topics/${enc(topic)}/search?${p}`,
      {
        start: (d: { total: number }) => setProgress({ scanned: 0, total: d.total, matches: 0, done: false }),
        // Matches come in batches and are drawn once per frame, whatever the scan's pace.
        matches: (ms: Message[]) => {
          found.push(...ms)
          cancelAnimationFrame(flush)
          flush = requestAnimationFrame(() => setMessages([...found]))
        },
        progress: (d: Progress) => setProgress({ ...d, done: false }),
        done: (d: Progress) => {
          setMessages([...found])
          setProgress({ ...d, done: true })
        },
        error: (e: { message: string }) => {
          setError(new Error(e.message))
          setProgress((pr) => (pr === null ? null : { ...pr, done: true }))
        },
      },
      (message) => {
        setError(new Error(message))
        setProgress((pr) => (pr === null ? null : { ...pr, done: true }))
      },
    )
  }

  const tail = (): void => {
    if (mode === 'tail' && stop.current !== null) {
      stopStream()
      setTailInfo('Live tail stopped.')
      return
    }
    stopStream()
    setMode('tail')
    setMessages([])
    setError(null)
    setTailInfo('Connecting…')
    let seen: Message[] = []
    let skipped = 0
    stop.current = openStream(
      `/api/topics/${enc(topic)}/tail?partition=${partition}`,
      {
        ready: () => setTailInfo('Waiting for new messages…'),
        message: (m: Message) => {
          seen = [m, ...seen].slice(0, TAIL_KEEP)
          setMessages(seen)
          setTailInfo(`${seen.length} new message${seen.length === 1 ? '' : 's'}${skipped > 0 ? `, ${skipped} skipped (too fast to show)` : ''}`)
        },
        skipped: (d: { count: number }) => (skipped += d.count),
        error: (e: { message: string }) => {
          setError(new Error(e.message))
          setTailInfo(null)
        },
      },
      (message) => {
        setError(new Error(message))
        setTailInfo(null)
      },
    )
  }

  const download = (kind: 'json' | 'csv'): void => {
    const body = kind === 'json' ? toJsonExport(messages) : toCsvExport(messages)
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob([body], { type: kind === 'json' ? 'application/json' : 'text/csv' }))
    a.download = `${topic}-messages.${kind}`
    a.click()
    setTimeout(() => URL.revokeObjectURL(a.href), 1000)
  }

  const tailing = mode === 'tail' && stop.current !== null
  const partitionCount = partitions.length > 0 && partition === 'all' ? partitions.length : Math.max(partitions.length, Number(partition) + 1 || 0)

  return (
    <section data-page="messages" data-ready={loaded ? '' : undefined}>
      <TopicHeader name={topic} tab="messages">
        <button type="button" class="primary" onClick={() => setProducing(true)}>
          Produce message
        </button>
      </TopicHeader>

      <form
        class="panel"
        aria-label="Browse"
        onSubmit={(e) => {
          e.preventDefault()
          void load(null, [])
        }}
      >
        <div class="row wrap">
          <label class="field">
            <span>Partition</span>
            <select name="partition" value={partition} onChange={(e) => setPartition(e.currentTarget.value)}>
              <option value="all">All partitions</option>
              {Array.from({ length: partitionCount }, (_, i) => (
                <option key={i} value={String(i)}>
                  {i}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>From</span>
            <select
              name="from"
              value={from}
              onChange={(e) => {
                const v = e.currentTarget.value as typeof from
                setFrom(v)
                if (v === 'latest') setOrder('desc')
                if (v === 'earliest') setOrder('asc')
              }}
            >
              <option value="latest">Latest</option>
              <option value="earliest">Earliest</option>
              <option value="offset">Offset</option>
              <option value="timestamp">Timestamp</option>
            </select>
          </label>
          {from === 'offset' && (
            <label class="field">
              <span>Offset</span>
              <input name="offset" type="number" min={0} value={offset} onInput={(e) => setOffset(e.currentTarget.value)} required />
            </label>
          )}
          {from === 'timestamp' && (
            <label class="field">
              <span>Time ({timeZoneLabel()})</span>
              <input name="timestamp" type="datetime-local" step="1" value={timestamp} onInput={(e) => setTimestamp(e.currentTarget.value)} required />
            </label>
          )}
          <label class="field">
            <span>Order</span>
            <select name="order" value={order} onChange={(e) => setOrder(e.currentTarget.value as 'asc' | 'desc')}>
              <option value="desc">Newest first</option>
              <option value="asc">Oldest first</option>
            </select>
          </label>
          <label class="field">
            <span>Per page</span>
            <select name="limit" value={limit} onChange={(e) => setLimit(e.currentTarget.value)}>
              {['20', '50', '100', '200', '500'].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="primary" disabled={loading}>
            {loading ? 'Loading…' : 'Show messages'}
          </button>
        </div>
      </form>

      <form
        class="panel"
        aria-label="Search"
        onSubmit={(e) => {
          e.preventDefault()
          search()
        }}
      >
        <div class="row wrap">
          <fieldset class="segmented">
            <legend class="sr-only">Search by</legend>
            {(
              [
                ['substring', 'Contains'],
                ['regex', 'Regex'],
                ['filter', 'Filter'],
              ] as const
            ).map(([m, label]) => (
              <label key={m}>
                <input type="radio" name="match" value={m} checked={match === m} onChange={() => setMatch(m)} />
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
          <label class="field grow">
            <span>{match === 'filter' ? 'Filter expression' : 'Search the whole topic'}</span>
            <input
              name="q"
              type="search"
              value={q}
              required
              placeholder={
                match === 'regex'
                  ? 'regular expression'
                  : match === 'filter'
                    ? 'value.user.id == 42 && headers.source == "web"'
                    : 'text in key, value or headers'
              }
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          </label>
          {match !== 'filter' && (
            <label class="check">
              <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.currentTarget.checked)} /> Match case
            </label>
          )}
          {match !== 'filter' &&
            (['key', 'value', 'headers'] as const).map((f) => (
              <label class="check" key={f}>
                <input type="checkbox" checked={fields[f]} onChange={(e) => setFields({ ...fields, [f]: e.currentTarget.checked })} /> {f}
              </label>
            ))}
          <button type="submit" class="primary">
            Search
          </button>
          {mode === 'search' && progress !== null && !progress.done && (
            <button
              type="button"
              onClick={() => {
                stopStream()
                setProgress({ ...progress, done: true })
              }}
            >
              Stop
            </button>
          )}
        </div>
        {match === 'filter' && (
          <p class="filter-help muted">
            Names: <code>key</code> <code>value</code> (JSON fields: <code>value.user.id</code>) <code>keyText</code> <code>valueText</code>{' '}
            <code>headers.name</code> <code>offset</code> <code>partition</code> <code>timestamp</code> <code>size</code>. Operators:{' '}
            <code>== != &lt; &lt;= &gt; &gt;=</code> <code>contains</code> <code>startsWith</code> <code>endsWith</code> <code>matches /regex/</code>{' '}
            <code>&amp;&amp; || !</code>. Example: <code>{'timestamp > "2024-05-01T00:00:00Z" && valueText contains "error"'}</code>
          </p>
        )}
        {mode === 'search' && progress !== null && (
          <div class="progress" role="status" aria-live="polite">
            <progress max={Math.max(1, progress.total)} value={progress.scanned} aria-label="Search progress" />
            <span>
              {progress.done ? 'Done: ' : 'Searching: '}scanned {num(progress.scanned)} of {num(progress.total)} records, {num(progress.matches)} match
              {progress.matches === 1 ? '' : 'es'}
              {progress.truncated ? ' (stopped at the limit)' : ''}
              {progress.elapsedMs !== undefined ? ` in ${(progress.elapsedMs / 1000).toFixed(1)} s` : ''}
            </span>
          </div>
        )}
      </form>

      <div class="toolbar">
        <ViewSwitch view={view} onChange={setView} name="list-view" />
        <button type="button" onClick={tail} aria-pressed={tailing}>
          {tailing ? 'Stop live tail' : 'Live tail'}
        </button>
        {mode === 'tail' && tailInfo !== null && (
          <span class="muted" role="status">
            {tailInfo}
          </span>
        )}
        <span class="spacer" />
        <button type="button" onClick={() => download('json')} disabled={messages.length === 0}>
          Export JSON
        </button>
        <button type="button" onClick={() => download('csv')} disabled={messages.length === 0}>
          Export CSV
        </button>
      </div>

      <ErrorBox error={error} />
      {mode === 'browse' && loaded && messages.length === 0 && error === null && <p class="muted">No messages here.</p>}
      {messages.length > 0 && (
        <MessageTable
          messages={messages}
          view={view}
          onOpen={setOpen}
          label={mode === 'search' ? 'Search results' : mode === 'tail' ? 'Live messages' : 'Messages'}
        />
      )}
      {mode === 'browse' && (cursors.length > 0 || next !== null) && (
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={cursors.length === 0 || loading} onClick={() => void load(null, [])}>
            First page
          </button>
          <button
            type="button"
            disabled={cursors.length === 0 || loading}
            onClick={() => {
              const stack = cursors.slice(0, -1)
              void load(stack[stack.length - 1] ?? null, stack)
            }}
          >
            Previous page
          </button>
          <button type="button" disabled={next === null || loading} onClick={() => void load(next, [...cursors, next!])}>
            Next page
          </button>
        </nav>
      )}
      <MessageDialog topic={topic} message={open} view={view} onView={setView} onClose={() => setOpen(null)} />
      <ProduceDialog
        open={producing}
        topic={topic}
        partitions={partitions.length}
        onClose={() => setProducing(false)}
        onProduced={() => {
          if (mode === 'browse') void load(null, [])
        }}
      />
    </section>
  )
}
