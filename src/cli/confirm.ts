/**
 * Asking before something that cannot be undone (deleting topics by pattern, purging): a y/N
 * question on a terminal; elsewhere --yes must say it, so a script never deletes by surprise.
 */
import { createInterface } from 'node:readline/promises'
import { UsageError, type OptionSpec } from './command.js'
import type { Context } from './context.js'

export const YES_OPTION: Readonly<Record<string, OptionSpec>> = {
  yes: { type: 'boolean', short: 'y', description: 'Do it without asking' },
}

export async function confirm(ctx: Context, question: string): Promise<boolean> {
  if (ctx.values.yes === true) return true
  if (process.stdin.isTTY !== true) throw new UsageError(`${question} Not asking, as stdin is not a terminal: add --yes to go ahead.`, ctx.spec.path)
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await rl.question(`${question} [y/N] `)
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    rl.close()
  }
}
