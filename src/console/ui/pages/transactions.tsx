/**
 * Transactions: every transactional id with its state; the partitions where open transactions
 * hold the last stable offset below the high watermark (read_committed consumers wait there);
 * hanging transactions, which no coordinator will end, with a button that aborts one.
 */
import { useState } from 'preact/hooks'
import { api, enc, useApi } from '../api'
import { Badge, ErrorBox, Loading, PageHeader } from '../components/common'
import { num } from '../format'

interface TxnRow {
  transactionalId: string
  coordinator: number
  state: string
  producerId: number
  producerEpoch: number | null
  timeoutMs: number | null
  openMs: number | null
  partitions: Array<{ topic: string; partition: number }>
  error: string | null
}

interface PartitionsView {
  unstable: Array<{ topic: string; partition: number; highWatermark: number; lastStableOffset: number }>
  hanging: Array<{
    topic: string
    partition: number
    producerId: number
    producerEpoch: number
    startOffset: number
    openMs: number
    transactionalId: string | null
  }>
}

const duration = (ms: number | null): string => {
  if (ms === null) return '–'
  const s = Math.round(ms / 1000)
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`
}

const txnKind = (state: string): 'ok' | 'warn' | 'bad' | 'info' =>
  state === 'CompleteCommit' ? 'ok' : state === 'CompleteAbort' || state === 'Empty' ? 'info' : state === 'Dead' ? 'bad' : 'warn'

export function TransactionsPage() {
  const list = useApi<{ transactions: TxnRow[] }>('/api/transactions', 5_000)
  const parts = useApi<PartitionsView>('/api/transactions/partitions', 5_000)
  const [message, setMessage] = useState<string | null>(null)
  const abort = async (h: PartitionsView['hanging'][number]): Promise<void> => {
    if (
      !confirm(
        `Abort the transaction of producer ${h.producerId} open on ${h.topic}-${h.partition} since offset ${h.startOffset}? Its records become invisible to read_committed consumers.`,
      )
    )
      return
    try {
      await api('/api/transactions/abort', { method: 'POST', body: { topic: h.topic, partition: h.partition, startOffset: h.startOffset } })
      setMessage(`Aborted the transaction on ${h.topic}-${h.partition} at ${h.startOffset}.`)
      parts.reload()
    } catch (err) {
      setMessage(`Could not abort: ${(err as Error).message}`)
    }
  }
  return (
    <section data-page="transactions" data-ready={list.data !== undefined || list.error !== undefined ? '' : undefined}>
      <PageHeader title="Transactions" />
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.data === undefined && list.error === undefined && <Loading what="transactions" />}
      {list.data !== undefined && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Transactional ids</caption>
            <thead>
              <tr>
                <th scope="col">Transactional id</th>
                <th scope="col">State</th>
                <th scope="col" class="num">
                  Producer
                </th>
                <th scope="col" class="num">
                  Epoch
                </th>
                <th scope="col" class="num">
                  Coordinator
                </th>
                <th scope="col">Open for</th>
                <th scope="col" class="num">
                  Timeout
                </th>
                <th scope="col">Partitions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.transactions.map((t) => (
                <tr key={t.transactionalId}>
                  <td>{t.transactionalId}</td>
                  <td>
                    <Badge kind={txnKind(t.state)}>{t.state}</Badge>
                  </td>
                  <td class="num">{t.producerId}</td>
                  <td class="num">{t.producerEpoch ?? '–'}</td>
                  <td class="num">
                    <a href={`#/brokers/${t.coordinator}`}>{t.coordinator}</a>
                  </td>
                  <td>{duration(t.openMs)}</td>
                  <td class="num">{t.timeoutMs === null ? '–' : duration(t.timeoutMs)}</td>
                  <td>
                    {t.partitions.map((p, i) => (
                      <span key={`${p.topic}-${p.partition}`}>
                        {i > 0 && ', '}
                        <a href={`#/topics/${enc(p.topic)}`}>{p.topic}</a>-{p.partition}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
              {list.data.transactions.length === 0 && (
                <tr>
                  <td colSpan={8} class="muted">
                    No transactional ids.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <h2>Partitions held back by open transactions</h2>
      <p class="muted">read_committed consumers read up to the last stable offset: the first offset of the earliest transaction still open on the partition.</p>
      <ErrorBox error={parts.error} onRetry={parts.reload} />
      {parts.data !== undefined && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Partitions whose last stable offset trails the high watermark</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col" class="num">
                  Partition
                </th>
                <th scope="col" class="num">
                  Last stable offset
                </th>
                <th scope="col" class="num">
                  High watermark
                </th>
                <th scope="col" class="num">
                  Not yet readable
                </th>
              </tr>
            </thead>
            <tbody>
              {parts.data.unstable.map((u) => (
                <tr key={`${u.topic}-${u.partition}`}>
                  <td>
                    <a href={`#/topics/${enc(u.topic)}`}>{u.topic}</a>
                  </td>
                  <td class="num">{u.partition}</td>
                  <td class="num">{num(u.lastStableOffset)}</td>
                  <td class="num">{num(u.highWatermark)}</td>
                  <td class="num">{num(u.highWatermark - u.lastStableOffset)}</td>
                </tr>
              ))}
              {parts.data.unstable.length === 0 && (
                <tr>
                  <td colSpan={5} class="muted">
                    Every partition is stable: read_committed consumers can read to the end.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <h2>Hanging transactions</h2>
      <p class="muted">
        Open on a partition for longer than transaction.max.timeout.ms, and no coordinator will end them: they hold the last stable offset back until aborted.
      </p>
      {message !== null && <p role="status">{message}</p>}
      {parts.data !== undefined && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Hanging transactions</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col" class="num">
                  Partition
                </th>
                <th scope="col" class="num">
                  Producer
                </th>
                <th scope="col" class="num">
                  Start offset
                </th>
                <th scope="col">Open for</th>
                <th scope="col">Transactional id</th>
                <th scope="col">
                  <span class="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {parts.data.hanging.map((h) => (
                <tr key={`${h.topic}-${h.partition}-${h.producerId}`}>
                  <td>
                    <a href={`#/topics/${enc(h.topic)}`}>{h.topic}</a>
                  </td>
                  <td class="num">{h.partition}</td>
                  <td class="num">{h.producerId}</td>
                  <td class="num">{num(h.startOffset)}</td>
                  <td>{duration(h.openMs)}</td>
                  <td>{h.transactionalId ?? '–'}</td>
                  <td>
                    <button type="button" class="danger" onClick={() => void abort(h)}>
                      Abort
                    </button>
                  </td>
                </tr>
              ))}
              {parts.data.hanging.length === 0 && (
                <tr>
                  <td colSpan={7} class="muted">
                    No hanging transactions.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
