/**
 * The `samsa` command: Kafka's tools in one command, for any Kafka cluster. Finds the command,
 * parses its options, runs it, and maps failures to messages and exit codes (0 ok, 1 Kafka or
 * user error, 2 usage).
 */
import { type CommandSpec, UsageError, closest, commandHelp, parseCommandArgs } from './command.js'
import { Context } from './context.js'
import { printError } from './errors.js'
import { bold } from './output.js'
import { startCommand } from './start.js'
import { topicCommands } from './topics.js'
import { produceCommand } from './produce.js'
import { recordCommands } from './records.js'
import { consumeCommand } from './consume.js'
import { groupCommands } from './groups.js'
import { transactionCommands } from './transactions.js'
import { reassignCommands } from './reassign.js'
import { configCommands } from './configs.js'
import { clusterCommand } from './cluster.js'
import { perfCommands } from './perf.js'
import { completionCommand } from './completion.js'
import { consoleCommand } from './console.js'
import { devClusterCommand } from './dev-cluster.js'

const VERSION = '0.1.0'

export const COMMANDS: readonly CommandSpec[] = [
  startCommand,
  ...topicCommands,
  produceCommand,
  consumeCommand,
  ...recordCommands,
  ...groupCommands,
  ...transactionCommands,
  ...configCommands,
  ...reassignCommands,
  clusterCommand,
  ...perfCommands,
  consoleCommand,
  devClusterCommand,
  completionCommand(() => COMMANDS),
]

const GROUPS: Record<string, string> = {
  topics: 'Create, list, describe, alter, delete and purge topics',
  records: 'Delete records below an offset (DeleteRecords)',
  groups: 'List and describe consumer groups, see lag, reset offsets',
  transactions: 'List and describe transactions, last stable offsets, find and abort hanging ones',
  configs: 'Describe and alter topic and broker configs',
  reassign: 'Move partitions between brokers: generate, execute, verify, list and cancel reassignments',
  perf: 'Producer and consumer performance tests',
}

function mainHelp(): string {
  const rows: Array<[string, string]> = []
  const seen = new Set<string>()
  for (const c of COMMANDS) {
    const head = c.path[0]!
    if (seen.has(head)) continue
    seen.add(head)
    rows.push([
      GROUPS[head] !== undefined
        ? `${head} ${COMMANDS.filter((x) => x.path[0] === head)
            .map((x) => x.path[1])
            .join('|')}`
        : head,
      GROUPS[head] ?? c.summary,
    ])
  }
  const w = Math.max(...rows.map(([l]) => l.length)) + 2
  return [
    `${bold('samsa')} - a Kafka-compatible broker, and Kafka's tools in one command for any Kafka cluster`,
    '',
    `${bold('Usage:')} samsa <command> [options]`,
    '',
    bold('Commands:'),
    ...rows.map(([l, r]) => `  ${l.padEnd(w)}${r}`),
    '',
    `Every command takes --help and -q (no notes on stderr); those that talk to a cluster take`,
    `--bootstrap-server (default localhost:9092, or SAMSA_BOOTSTRAP_SERVER) and --json.`,
    '',
    bold('Start here:'),
    '  samsa start --log.dirs ./data &',
    '  samsa topics create orders --partitions 3',
    '  echo "hello" | samsa produce orders',
    '  samsa consume orders --from-beginning',
    '',
  ].join('\n')
}

function groupHelp(group: string): string {
  const subs = COMMANDS.filter((c) => c.path[0] === group)
  const w = Math.max(...subs.map((c) => c.path[1]!.length)) + 2
  return [
    `${bold('Usage:')} samsa ${group} <command> [options]`,
    '',
    GROUPS[group]!,
    '',
    bold('Commands:'),
    ...subs.map((c) => `  ${c.path[1]!.padEnd(w)}${c.summary}`),
    '',
    `See \`samsa ${group} <command> --help\`.`,
    '',
  ].join('\n')
}

function find(argv: readonly string[]): { spec: CommandSpec; rest: string[] } | { help: string; code: number } {
  const [first, second] = argv
  const heads = [...new Set(COMMANDS.map((c) => c.path[0]!))]
  if (first === undefined) return { help: mainHelp(), code: 2 }
  if (first === '--help' || first === '-h') return { help: mainHelp(), code: 0 }
  if (first === 'help') return argv.length > 1 ? find([...argv.slice(1), '--help']) : { help: mainHelp(), code: 0 }
  if (first === '--version' || first === '-V' || first === '-v' || first === 'version') return { help: `samsa ${VERSION}\n`, code: 0 }
  if (GROUPS[first] !== undefined) {
    if (second === undefined) return { help: groupHelp(first), code: 2 }
    if (second === '--help' || second === '-h') return { help: groupHelp(first), code: 0 }
    const spec = COMMANDS.find((c) => c.path[0] === first && c.path[1] === second)
    if (spec === undefined) {
      const guess = closest(
        second,
        COMMANDS.filter((c) => c.path[0] === first).map((c) => c.path[1]!),
      )
      throw new UsageError(`unknown command "${first} ${second}"${guess !== undefined ? `; did you mean "${first} ${guess}"?` : ''}`, [first])
    }
    return { spec, rest: argv.slice(2) }
  }
  const spec = COMMANDS.find((c) => c.path.length === 1 && c.path[0] === first)
  if (spec === undefined) {
    const guess = closest(first, heads)
    throw new UsageError(`unknown command "${first}"${guess !== undefined ? `; did you mean "${guess}"?` : ''}`)
  }
  return { spec, rest: argv.slice(1) }
}

/** Runs one invocation and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json')
  let ctx: Context | undefined
  let spec: CommandSpec | undefined
  // A reader that goes away (`| head`) ends the command quietly with status 0.
  const onStdoutError = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') ctx?.pipeClosed()
    else throw err
  }
  process.stdout.on('error', onStdoutError)
  try {
    const found = find(argv)
    if ('help' in found) {
      ;(found.code === 0 ? process.stdout : process.stderr).write(found.help)
      return found.code
    }
    spec = found.spec
    const { rest } = found
    if (spec.raw === true) {
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(commandHelp(spec))
        return 0
      }
      ctx = new Context(spec, {}, rest)
    } else {
      const { values, positionals } = parseCommandArgs(spec, rest)
      if (values.help === true) {
        process.stdout.write(commandHelp(spec))
        return 0
      }
      ctx = new Context(spec, values, positionals)
    }
    const code = (await spec.run(ctx)) ?? 0
    return ctx.brokenPipe ? 0 : code
  } catch (err) {
    if (ctx?.brokenPipe === true) return 0
    // A bad value found while the command runs points at that command's help.
    const e = err instanceof UsageError && err.command.length === 0 && spec !== undefined ? new UsageError(err.message, spec.path) : err
    return printError(e, { json, bootstrap: ctx?.spec.connects === true ? ctx.bootstrap : undefined })
  } finally {
    await ctx?.cleanup()
  }
}
