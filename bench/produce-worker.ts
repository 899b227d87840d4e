/**
 * The benchmark's producer, in its own thread so its timings do not depend on the broker's event
 * loop: sends acks=1 Produce requests of one 10-record batch back to back over one connection
 * and posts the latency (ms) of each to the parent. Messages from the parent: 'measure' starts
 * a phase (samples are posted as an array when the next message arrives), 'exit' ends.
 */
import { connect } from 'node:net'
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import { apiSpecs, ApiKey } from '../src/protocol/generated/index.js'
import { encodeRecordBatch } from '../src/protocol/record-codec.js'
import { Writer } from '../src/protocol/writer.js'

const { port, topic } = workerData as { port: number; topic: string }
let stopped = false
let measuring = false
let samples: number[] = []
parentPort!.on('message', (m: string) => {
  if (measuring) parentPort!.postMessage(samples)
  samples = []
  measuring = m === 'measure'
  if (m === 'exit') stopped = true
})

function frame(correlationId: number, records: Buffer): Buffer {
  const spec = apiSpecs.get(ApiKey.Produce)!
  const w = new Writer()
  w.int16(ApiKey.Produce).int16(9).int32(correlationId).nullableString('bench', false).noTaggedFields()
  spec.encodeRequest(w, 9, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] })
  const payload = w.toBuffer()
  const size = Buffer.alloc(4)
  size.writeInt32BE(payload.length)
  return Buffer.concat([size, payload])
}

const socket = connect(port, '127.0.0.1')
await new Promise((resolve) => socket.once('connect', resolve))
let buf = Buffer.alloc(0)
let waiting: (() => void) | undefined
socket.on('data', (d: Buffer) => {
  buf = Buffer.concat([buf, d])
  while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
    buf = buf.subarray(4 + buf.readInt32BE(0))
    waiting?.()
  }
})
const batch = encodeRecordBatch({ records: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: 'x'.repeat(100) })) })
parentPort!.postMessage('ready')
for (let id = 1; !stopped; id++) {
  const t0 = performance.now()
  await new Promise<void>((resolve) => {
    waiting = resolve
    socket.write(frame(id, Buffer.from(batch)))
  })
  if (measuring) samples.push(performance.now() - t0)
  await new Promise((r) => setImmediate(r))
}
socket.destroy()
parentPort!.close()
