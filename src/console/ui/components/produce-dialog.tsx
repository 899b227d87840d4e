/** Producing one message: key, value, headers and a partition (or the partitioner's choice). */
import { useState } from 'preact/hooks'
import { api, enc } from '../api'
import { Dialog } from './dialog'

export function ProduceDialog(props: {
  open: boolean
  topic: string
  partitions: number
  onClose: () => void
  onProduced: (r: { partition: number; offset: number }) => void
}) {
  const [key, setKey] = useState('')
  const [value, setValue] = useState('')
  const [nullKey, setNullKey] = useState(false)
  const [nullValue, setNullValue] = useState(false)
  const [partition, setPartition] = useState('')
  const [headers, setHeaders] = useState<{ key: string; value: string }[]>([])
  const [result, setResult] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <Dialog open={props.open} title={`Produce to ${props.topic}`} onClose={props.onClose} wide>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(null)
          setResult(null)
          try {
            const r = await api<{ partition: number; offset: number }>(`/api/topics/${enc(props.topic)}/messages`, {
              method: 'POST',
              body: {
                key: nullKey ? null : key,
                value: nullValue ? null : value,
                headers: headers.filter((h) => h.key !== ''),
                partition: partition === '' ? null : Number(partition),
              },
            })
            setResult(`${nullValue ? 'Tombstone w' : 'W'}ritten to partition ${r.partition} at offset ${r.offset}.`)
            props.onProduced(r)
          } catch (err) {
            setError((err as Error).message)
          } finally {
            setBusy(false)
          }
        }}
      >
        <div class="row">
          <label class="field grow">
            <span>Key</span>
            <input name="key" value={key} disabled={nullKey} onInput={(e) => setKey(e.currentTarget.value)} autoFocus />
          </label>
          <label class="check">
            <input type="checkbox" checked={nullKey} onChange={(e) => setNullKey(e.currentTarget.checked)} /> No key (null)
          </label>
          <label class="field">
            <span>Partition</span>
            <select name="partition" value={partition} onChange={(e) => setPartition(e.currentTarget.value)}>
              <option value="">Choose by key</option>
              {Array.from({ length: props.partitions }, (_, i) => (
                <option key={i} value={String(i)}>
                  {i}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label class="field">
          <span>Value</span>
          <textarea name="value" rows={6} value={value} disabled={nullValue} onInput={(e) => setValue(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={nullValue} onChange={(e) => setNullValue(e.currentTarget.checked)} /> No value (null): a tombstone, which compaction
          uses to delete the key
        </label>
        <fieldset>
          <legend>Headers</legend>
          {headers.map((h, i) => (
            <div class="row" key={i}>
              <label class="field">
                <span>Header name</span>
                <input value={h.key} onInput={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, key: e.currentTarget.value } : x)))} />
              </label>
              <label class="field grow">
                <span>Header value</span>
                <input value={h.value} onInput={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))} />
              </label>
              <button type="button" class="small" aria-label={`Remove header ${i + 1}`} onClick={() => setHeaders(headers.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setHeaders([...headers, { key: '', value: '' }])}>
            Add header
          </button>
        </fieldset>
        {error !== null && (
          <p class="error-text" role="alert">
            {error}
          </p>
        )}
        {result !== null && (
          <p class="ok-text" role="status">
            {result}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Close
          </button>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Produce'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
