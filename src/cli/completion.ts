/** `samsa completion bash|zsh`: shell completion generated from the command table. */
import { type CommandSpec, UsageError, allOptions } from './command.js'

function completionScript(shell: 'bash' | 'zsh', commands: readonly CommandSpec[]): string {
  const top = [...new Set(commands.map((c) => c.path[0]!)), 'help']
  const groups = new Map<string, string[]>()
  for (const c of commands) if (c.path.length > 1) groups.set(c.path[0]!, [...(groups.get(c.path[0]!) ?? []), c.path[1]!])
  const cases: string[] = []
  for (const c of commands) {
    const opts = Object.entries(allOptions(c))
    const words = opts.map(([name]) => `--${name}`).join(' ')
    const choices = opts
      .filter(([, o]) => o.choices !== undefined)
      .map(([name, o]) => `        --${name}) COMPREPLY=($(compgen -W "${o.choices!.join(' ')}" -- "$cur")); return;;`)
    cases.push(`    "${c.path.join(' ')}")\n      opts="${words}"\n      case "$prev" in\n${choices.join('\n')}${choices.length > 0 ? '\n' : ''}      esac;;`)
  }
  const bash = `# samsa shell completion (bash). Load with:  source <(samsa completion bash)
_samsa_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" key opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${top.join(' ')} --help --version" -- "$cur")); return
  fi
  key="\${COMP_WORDS[1]}"
  case "$key" in
${[...groups].map(([g, subs]) => `    ${g}) if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "${subs.join(' ')}" -- "$cur")); return; fi; key="$key \${COMP_WORDS[2]}";;`).join('\n')}
  esac
  case "$key" in
${cases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o default -F _samsa_complete samsa
`
  if (shell === 'bash') return bash
  return `#compdef samsa
# samsa shell completion (zsh). Load with:  source <(samsa completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash}`
}

export function completionCommand(all: () => readonly CommandSpec[]): CommandSpec {
  return {
    path: ['completion'],
    summary: 'Print a shell completion script',
    usage: 'bash|zsh',
    options: {},
    examples: [
      'source <(samsa completion bash)            # this shell',
      'samsa completion bash > ~/.samsa-completion.bash   # then: source ~/.samsa-completion.bash',
      'echo "source <(samsa completion zsh)" >> ~/.zshrc',
    ],
    async run(ctx) {
      const [shell] = ctx.args(['SHELL'])
      if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`completion is available for bash and zsh, not "${shell}"`, ['completion'])
      process.stdout.write(completionScript(shell, all()))
    },
  }
}
