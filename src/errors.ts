/**
 * Every failure credo reports ends as one CredoError: a message saying what
 * happened, a hint saying what to do, and an exit code from ExitCode. The
 * mapping to a process exit status happens in exactly one place (main.ts).
 */
export const ExitCode = {
  ok: 0,
  general: 1,
  usage: 2,
  config: 3,
  auth: 4,
  vault: 5,
  network: 6,
  cancelled: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;

export interface CredoErrorOptions {
  exitCode?: ExitCodeName;
  hint?: string;
  cause?: unknown;
}

export class CredoError extends Error {
  readonly exitCode: ExitCodeName;
  readonly hint: string | undefined;

  constructor(message: string, options: CredoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CredoError";
    this.exitCode = options.exitCode ?? "general";
    this.hint = options.hint;
  }
}

export class UsageError extends CredoError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: "usage", hint: hint ?? "Run `credo --help` for usage." });
    this.name = "UsageError";
  }
}

export class ConfigError extends CredoError {
  constructor(message: string, hint?: string) {
    super(message, hint === undefined ? { exitCode: "config" } : { exitCode: "config", hint });
    this.name = "ConfigError";
  }
}

export class CancelledError extends CredoError {
  constructor(message = "Cancelled.") {
    super(message, { exitCode: "cancelled" });
    this.name = "CancelledError";
  }
}

export const exitCodeHelp = `Exit codes:
  0    success
  1    other failure
  2    usage error (unknown command, bad option or argument)
  3    missing or invalid configuration (profile, config file, cache)
  4    authentication failed (AWS rejected the credentials or MFA code)
  5    vault error (wrong passphrase, tampered or unreadable vault)
  6    network error (AWS endpoint unreachable or failing)
  130  cancelled (Ctrl-C at a prompt)`;
