/**
 * Worker thread of regex-matcher.ts: compiles the pattern or filter from workerData and answers
 * each `{ id, records }` with `{ id, matches }`, the indexes of the records that match.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { compileMatcher, type MatchInput, type MatchSpec } from './match.js'

const matches = compileMatcher(workerData as MatchSpec)
parentPort!.on('message', (msg: { id: number; records: MatchInput[] }) => {
  const out: number[] = []
  msg.records.forEach((r, i) => {
    if (matches(r)) out.push(i)
  })
  parentPort!.postMessage({ id: msg.id, matches: out })
})
