import { shellState } from "./use-variables.js";

const { restore, expiry, minutesLeft } = shellState;

/** Refresh when fewer than this many seconds are left (the SDKs' refresh window). */
export const refreshWithinSeconds = 300;
/** After a failed refresh, wait this long before the next attempt rather than ask before every command. */
export const refreshRetrySeconds = 60;

/**
 * What bash and zsh share: `credo` as a function that hands `credo use` to
 * the binary with `--shell` and evaluates what it prints, the refresh check
 * and the minutes left for prompts. `now` sets __credo_now from a clock the
 * shell holds itself, so the checks before each command start no process.
 */
function sharedFunctions(shell: "bash" | "zsh", now: string): string {
  return `credo() {
  if [ "\${1-}" = use ]; then
    shift
    __credo_use "$@"
  else
    command credo "$@"
  fi
}

# credo runs in the environment as it was before this shell's first \`credo use\`;
# what it prints (only ever on success) sets the variables here.
__credo_use() {
  local __credo_code
  __credo_code="$(
    if [ -n "\${${restore}+x}" ]; then eval "$${restore}"; fi
    command credo use --shell ${shell} "$@"
  )" || return
  eval "$__credo_code"
  __credo_retry_at=0
  __credo_tick
}

__credo_now() {
${now}
}

__credo_tick() {
  if [ -n "\${${expiry}-}" ]; then
    __credo_now
    ${minutesLeft}=$(( (${expiry} - __credo_now) / 60 ))
  else
    unset ${minutesLeft}
  fi
}

# Before a command: shell arithmetic only, unless fewer than 5 minutes are left.
__credo_refresh() {
  [ -n "\${${expiry}-}" ] && [ -n "\${CREDO_PROFILE-}" ] || return 0
  __credo_now
  (( ${expiry} - __credo_now < ${refreshWithinSeconds} && __credo_now >= \${__credo_retry_at:-0} )) || return 0
  __credo_retry_at=$(( __credo_now + ${refreshRetrySeconds} ))
  __credo_use --quiet "$CREDO_PROFILE"
}

# A preexec hook gets the command line: \`credo use\` itself needs no refresh first.
__credo_preexec() {
  case "$1" in "credo use"*) return 0 ;; esac
  __credo_refresh
}
`;
}

export function bashInitScript(): string {
  const now = `  if [ -n "\${EPOCHSECONDS-}" ]; then
    __credo_now=$EPOCHSECONDS
  else
    printf -v __credo_now '%(%s)T' -1
  fi`;
  return `# credo shell integration for bash: eval "$(credo shell-init bash)" in ~/.bashrc
${sharedFunctions("bash", now)}
# bash has no preexec hook: the DEBUG trap runs before every simple command, so
# it acts only on the first one after a prompt (the flag PROMPT_COMMAND sets).
__credo_precmd() {
  __credo_tick
  __credo_at_prompt=1
}

__credo_debug() {
  [ -n "\${__credo_at_prompt-}" ] || return 0
  [ -z "\${COMP_LINE-}" ] || return 0
  case "$BASH_COMMAND" in __credo_precmd*) return 0 ;; esac
  unset __credo_at_prompt
  case "$BASH_COMMAND" in "credo use"*) return 0 ;; esac
  __credo_refresh
}

if [ -n "\${bash_preexec_imported-}\${__bp_imported-}" ]; then
  precmd_functions+=(__credo_precmd)
  preexec_functions+=(__credo_preexec)
else
  case ";\${PROMPT_COMMAND[*]-};" in
    *";__credo_precmd;"*) ;;
    *) PROMPT_COMMAND="\${PROMPT_COMMAND:+$PROMPT_COMMAND;}__credo_precmd" ;;
  esac
  # Read at the top level: inside a function bash shows no DEBUG trap (it is not inherited there).
  __credo_previous_trap="$(trap -p DEBUG)"
  case "$__credo_previous_trap" in
    *__credo_debug*) ;;
    "") trap -- '__credo_debug' DEBUG ;;
    *)
      __credo_previous_trap="\${__credo_previous_trap#trap -- }"
      eval "__credo_previous_trap=\${__credo_previous_trap% DEBUG}"
      trap -- "__credo_debug; $__credo_previous_trap" DEBUG
      ;;
  esac
  unset __credo_previous_trap
fi
__credo_at_prompt=1
`;
}

export function zshInitScript(): string {
  const now = `  __credo_now=$EPOCHSECONDS`;
  return `# credo shell integration for zsh: eval "$(credo shell-init zsh)" in ~/.zshrc
zmodload -F zsh/datetime p:EPOCHSECONDS
${sharedFunctions("zsh", now)}
autoload -Uz add-zsh-hook
add-zsh-hook precmd __credo_tick
add-zsh-hook preexec __credo_preexec
`;
}
