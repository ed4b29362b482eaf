import { refreshRetrySeconds, refreshWithinSeconds } from "./posix-init-script.js";
import { shellState, useVariables } from "./use-variables.js";

const { restore, expiry, minutesLeft } = shellState;

/**
 * PowerShell: the environment is the process's own, so the function puts the
 * variables as they were before the first `credo use` in place while credo
 * runs and back afterwards. The refresh check runs in the prompt function,
 * before the next command line is read.
 */
export function powershellInitScript(): string {
  const names = useVariables.map((name) => `'${name}'`).join(", ");
  return `# credo shell integration for PowerShell: Invoke-Expression (& credo shell-init powershell | Out-String) in $PROFILE
$global:__credo_exe = (Get-Command -Name credo -CommandType Application, ExternalScript | Select-Object -First 1).Source
$global:__credo_vars = @(${names})

function global:credo {
    if ($args.Count -gt 0 -and $args[0] -eq 'use') {
        __credo_use @($args | Select-Object -Skip 1)
    } else {
        & $global:__credo_exe @args
    }
}

function global:__credo_use {
    $current = @{}
    foreach ($name in $global:__credo_vars) { $current[$name] = [Environment]::GetEnvironmentVariable($name) }
    if (Test-Path Variable:global:${restore}) { Invoke-Expression $global:${restore} }
    try {
        $code = & $global:__credo_exe use --shell powershell @args
        $status = $LASTEXITCODE
    } finally {
        foreach ($name in $global:__credo_vars) { [Environment]::SetEnvironmentVariable($name, $current[$name]) }
    }
    if ($status -ne 0) { return }
    Invoke-Expression ($code -join "\`n")
    $global:__credo_retry_at = 0
    __credo_tick
}

function global:__credo_tick {
    if (Test-Path Variable:global:${expiry}) {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $global:${minutesLeft} = [Math]::Floor(([long]$global:${expiry} - $now) / 60)
    } else {
        Remove-Variable -Scope Global -ErrorAction SilentlyContinue -Name ${minutesLeft}
    }
}

function global:__credo_refresh {
    if (-not (Test-Path Variable:global:${expiry}) -or -not $Env:CREDO_PROFILE) { return }
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    if (([long]$global:${expiry} - $now) -ge ${refreshWithinSeconds} -or $now -lt [long]$global:__credo_retry_at) { return }
    $global:__credo_retry_at = $now + ${refreshRetrySeconds}
    __credo_use --quiet $Env:CREDO_PROFILE
}

# Evaluated twice (a reloaded $PROFILE), the prompt would otherwise wrap itself.
if (-not (Test-Path Variable:global:__credo_prompt)) { $global:__credo_prompt = $function:prompt }
function global:prompt {
    __credo_refresh
    __credo_tick
    & $global:__credo_prompt
}
`;
}
