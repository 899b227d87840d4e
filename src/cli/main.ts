/** Entry point of `bin/samsa.js`: runs the command line and exits with its code. */
import { main } from './cli.js'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
    // Should a socket or timer outlive the command, do not hang: exit once output is flushed.
    setTimeout(() => process.exit(code), 2000).unref()
  },
  (err: unknown) => {
    process.stderr.write(`samsa: ${String(err)}\n`)
    process.exit(1)
  },
)
