import { refreshRetrySeconds, refreshWithinSeconds } from "./posix-init-script.js";
import { shellState } from "./use-variables.js";

const { baseline, expiry, minutesLeft } = shellState;

/**
 * fish: the same protocol as bash and zsh. Command substitutions run in fish
 * itself, so credo runs in a block whose local variables are the environment
 * before the first `credo use`. fish has no clock of its own; `path mtime`
 * (fish 3.5+) gives a file's modification time and its age, whose sum is now.
 */
export function fishInitScript(): string {
  return `# credo shell integration for fish: credo shell-init fish | source (in ~/.config/fish/config.fish)
function credo --description 'credo; \`credo use\` changes this shell'
    if test "$argv[1]" = use
        __credo_use $argv[2..-1]
    else
        command credo $argv
    end
end

function __credo_use
    set -l code (begin
        set -q ${baseline}; and eval $${baseline}
        command credo use --shell fish $argv
    end)
    or return
    string join \\n -- $code | source
    set -g __credo_retry_at 0
    __credo_tick
    return 0
end

function __credo_now
    if builtin -q path
        set -l file (status fish-path)
        set -g __credo_now (math (path mtime $file) + (path mtime --relative $file))
    else
        set -g __credo_now (date +%s)
    end
end

function __credo_tick --on-event fish_prompt
    if set -q ${expiry}
        __credo_now
        set -g ${minutesLeft} (math --scale=0 "($${expiry} - $__credo_now) / 60")
    else
        set -eg ${minutesLeft}
    end
end

function __credo_refresh --on-event fish_preexec
    set -q ${expiry}; and set -q CREDO_PROFILE; or return 0
    string match -q 'credo use*' -- "$argv[1]"; and return 0
    __credo_now
    set -q __credo_retry_at; or set -g __credo_retry_at 0
    test (math "$${expiry} - $__credo_now") -lt ${refreshWithinSeconds}; or return 0
    test $__credo_now -ge $__credo_retry_at; or return 0
    set -g __credo_retry_at (math $__credo_now + ${refreshRetrySeconds})
    __credo_use --quiet $CREDO_PROFILE
end
`;
}
