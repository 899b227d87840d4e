/**
 * How many file descriptors storage may use, from the process's real limit (RLIMIT_NOFILE,
 * which Node raises to the hard limit at startup). Segment files are opened when used and
 * closed when idle (OpenFiles), so a partition at rest holds none; the budget still gives every
 * partition room to keep its active segment open at the same time (a produce or fetch that
 * touches them all never runs out or thrashes). The rest of the limit is kept for connections,
 * the files a flush or checkpoint opens for a moment, the cleaner and responses reading
 * segments. New partitions beyond the budget are refused (Broker: POLICY_VIOLATION) instead of
 * finding the limit halfway through a CreateTopics.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** The soft limit on open files of this process, or undefined when it cannot be read. */
function readFdLimit(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'))
    if (m !== null) return m[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(m[1])
  } catch {
    // not Linux: ask a shell, which inherits our limit
  }
  try {
    const r = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 5000 })
    const text = r.stdout?.trim()
    if (text === 'unlimited') return Number.MAX_SAFE_INTEGER
    const n = Number(text)
    if (r.status === 0 && Number.isInteger(n) && n > 0) return n
  } catch {
    // fall through
  }
  return undefined
}

export interface DescriptorBudget {
  /** The process's limit the budget was made from. */
  fdLimit: number
  /** Descriptors kept for everything but segment files. */
  reserved: number
  /** Most partition logs (and so most segment descriptors kept open at once). */
  maxLogs: number
}

/** Assumed when the limit cannot be read (a common default). */
const FALLBACK_LIMIT = 1024

/** A fifth of the limit, at least 256 and at most 8,192, stays for connections and transient files. */
export function descriptorBudget(fdLimit = readFdLimit() ?? FALLBACK_LIMIT): DescriptorBudget {
  const reserved = Math.min(Math.max(Math.floor(fdLimit / 5), 256), 8192, Math.floor(fdLimit / 2))
  return { fdLimit, reserved, maxLogs: Math.max(1, fdLimit - reserved) }
}
