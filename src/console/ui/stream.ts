/** Server-Sent Events with typed handlers; `close()` stops the stream (and the server's work). */
// biome-ignore lint/suspicious/noExplicitAny: each event's handler declares the JSON shape it expects
export type Handlers = Record<string, (data: any) => void>

export function openStream(url: string, handlers: Handlers, onBroken: (message: string) => void): () => void {
  const es = new EventSource(url)
  let done = false
  for (const [event, fn] of Object.entries(handlers)) {
    es.addEventListener(event, (e) => {
      // EventSource's own 'error' (the connection failed) carries no data: onerror handles it.
      const raw = (e as MessageEvent<string | undefined>).data
      if (raw === undefined) return
      const data: unknown = JSON.parse(raw)
      if (event === 'done' || event === 'error') {
        done = true
        es.close()
      }
      fn(data)
    })
  }
  es.onerror = () => {
    if (done) return
    // The server answers with an HTTP error before streaming (bad query, unknown topic): fetch it for the message.
    es.close()
    done = true
    fetch(url).then(
      async (r) => {
        const body = (await r.json().catch(() => ({}))) as { error?: { message?: string } }
        onBroken(body.error?.message ?? `the stream stopped (HTTP ${r.status})`)
      },
      () => onBroken('the connection to the console server was lost'),
    )
  }
  return () => {
    done = true
    es.close()
  }
}
