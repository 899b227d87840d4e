/**
 * Start-up time of the embedded broker, in a fresh process: from calling `startBroker()` until a
 * client's first request (ApiVersions v0 on a new connection) is answered. Also reports how long
 * the process had been running by then (Node's own start plus loading Samsa's modules).
 *
 *   node dist/bench/start-time.js     prints {"startToServingMs": ..., "processToServingMs": ...}
 */
import { connect } from 'node:net'
import { performance } from 'node:perf_hooks'

const importStart = performance.now()
const { startBroker } = await import('../src/index.js')
const t0 = performance.now()
const broker = await startBroker({ port: 0 })
const started = performance.now()

/** Sends ApiVersions v0 and resolves when a whole response frame is back. */
function apiVersions(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const clientId = Buffer.from('bench')
    const req = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length)
    req.writeInt32BE(req.length - 4, 0)
    req.writeInt16BE(18, 4)
    req.writeInt16BE(0, 6)
    req.writeInt32BE(1, 8)
    req.writeInt16BE(clientId.length, 12)
    clientId.copy(req, 14)
    let got = Buffer.alloc(0)
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d])
      if (got.length >= 4 && got.length >= 4 + got.readInt32BE(0)) {
        socket.destroy()
        // correlation id, then error code 0
        if (got.readInt32BE(4) === 1 && got.readInt16BE(8) === 0) resolve()
        else reject(new Error('bad ApiVersions response'))
      }
    })
    socket.on('error', reject)
    socket.write(req)
  })
}

await apiVersions(broker.port)
const serving = performance.now()
await broker.close()
process.stdout.write(
  JSON.stringify({
    importMs: t0 - importStart,
    startBrokerMs: started - t0,
    startToServingMs: serving - t0,
    processToServingMs: serving,
  }) + '\n',
)
