/**
 * ZooKeeper's four-letter-word commands (`srvr`, `ruok`, `mntr`, ...): send the word on the client
 * port, read until the server closes. Every probe has a timeout: a probe without one once hung
 * for ten minutes on a socket that never closed.
 */
import { connect } from 'node:net'

/** The server's answer; rejects on a connection error or when no complete answer came in time. */
function fourLetterWord(host: string, port: number, word: string, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const socket = connect({ host, port })
    const timer = setTimeout(() => finish(new Error(`${word} to ${host}:${port}: no answer within ${timeoutMs} ms`)), timeoutMs)
    const finish = (err?: Error): void => {
      clearTimeout(timer)
      socket.destroy()
      if (err !== undefined) reject(err)
      else resolve(Buffer.concat(chunks).toString('utf8'))
    }
    socket.on('connect', () => socket.end(word))
    socket.on('data', (d: Buffer) => {
      size += d.length
      if (size > 1024 * 1024) finish(new Error(`${word} to ${host}:${port}: answer larger than 1 MiB`))
      else chunks.push(d)
    })
    socket.on('end', () => finish())
    socket.on('error', (err) => finish(err))
  })
}

/**
 * The server's role from `srvr` ('standalone', 'leader', 'follower', 'observer'), or null when
 * it does not serve requests (no quorum, still starting) or does not answer.
 */
export async function serverMode(host: string, port: number, timeoutMs = 1000): Promise<string | null> {
  try {
    const answer = await fourLetterWord(host, port, 'srvr', timeoutMs)
    return /^Mode: (\w+)/m.exec(answer)?.[1] ?? null
  } catch {
    return null
  }
}
