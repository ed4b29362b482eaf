import type { AppContext } from "../context.js";
import { CredoError, ExitCode, UsageError } from "../errors.js";
import { pickProfile } from "../pickers/pick-profile.js";
import { assertProfileExists } from "../providers/resolve.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { openCredentialRuntime } from "../runtime/credential-runtime.js";
import { shellInitSetup } from "./shell-init-script.js";
import type { ShellName } from "./shell-names.js";
import { isShellName, shellNames } from "./shell-names.js";
import type { UseTarget } from "./use-code.js";
import { clearCode, useCode } from "./use-code.js";
import { credentialsTarget, usingMessage } from "./use-target.js";

export interface UseOptions {
  name?: string;
  /** Set by the shell function only: the shell whose code to print on stdout. */
  shell?: string;
  clear?: boolean;
  profileOnly?: boolean;
  /** No line on stderr when done (the function's refresh before a command). */
  quiet?: boolean;
  mfaCode?: string;
}

/**
 * `credo use`: prints, for the shell function of `credo shell-init` only,
 * the code that sets a profile's credentials in the current shell. Stdout
 * carries nothing but that code, and only once everything succeeded; the
 * picker and the MFA prompt talk to the terminal, messages go to stderr.
 */
export async function runUse(options: UseOptions, ctx: AppContext): Promise<number> {
  const shell = requireShellFunction(options.shell, ctx);
  const say = (text: string) => {
    if (options.quiet !== true) ctx.io.err.write(`${text}\n`);
  };
  if (options.clear === true) {
    if (options.name !== undefined || options.profileOnly === true)
      throw new UsageError(
        "--clear takes no profile and no other option.",
        "Run `credo use --clear`.",
      );
    ctx.io.out.write(clearCode(shell, ctx.env));
    say("Cleared: the AWS variables are as they were before `credo use`.");
    return ExitCode.ok;
  }
  const runtime = await openCredentialRuntime(ctx, {
    ...(options.mfaCode === undefined ? {} : { mfaCode: options.mfaCode }),
    // The refresh before a command draws nothing unless it must ask something.
    progress: options.quiet !== true,
  });
  const profile = options.name ?? (await pickOnTerminal(runtime));
  const target =
    options.profileOnly === true
      ? profileOnly(runtime, profile)
      : await withCredentials(runtime, profile);
  ctx.io.out.write(useCode(shell, ctx.env, target));
  say(usingMessage(target, ctx.clock.now()));
  return ExitCode.ok;
}

function requireShellFunction(shell: string | undefined, ctx: AppContext): ShellName {
  if (shell === undefined) {
    const own = (ctx.env.SHELL ?? "").split("/").pop() ?? "";
    const setup = isShellName(own)
      ? `To set it up, add this line to ${shellInitSetup[own].file} and open a new shell:\n  ${shellInitSetup[own].line}`
      : "To set it up, add the line for your shell to its start-up file and open a new shell:\n" +
        shellNames
          .map((name) => `  ${shellInitSetup[name].file}:  ${shellInitSetup[name].line}`)
          .join("\n");
    throw new CredoError(
      "`credo use` changes the shell it runs in, so it needs credo's shell function.",
      {
        exitCode: "usage",
        hint: `${setup}\nTo run one command with a profile instead: credo exec NAME -- COMMAND`,
      },
    );
  }
  if (!isShellName(shell))
    throw new UsageError(`Unknown shell "${shell}".`, `Choose one of: ${shellNames.join(", ")}.`);
  return shell;
}

async function pickOnTerminal(runtime: CredentialRuntime): Promise<string> {
  const prompter = runtime.ctx.io.stdinIsTTY ? runtime.prompter() : undefined;
  if (prompter === undefined)
    throw new UsageError("Name the profile to use.", "For example: `credo use dev`.");
  return pickProfile(runtime, prompter);
}

function profileOnly(runtime: CredentialRuntime, profile: string): UseTarget {
  assertProfileExists(runtime.files.profileSet, profile, "option");
  return { profile, variables: [["AWS_PROFILE", profile]], expiration: undefined };
}

async function withCredentials(runtime: CredentialRuntime, profile: string): Promise<UseTarget> {
  return credentialsTarget(await runtime.resolve(profile));
}
