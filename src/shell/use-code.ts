import type { Env } from "../io/env.js";
import type { ShellName } from "./shell-names.js";
import { fishBlockLocal, shellSyntax } from "./shell-syntax.js";
import { shellState, useVariables } from "./use-variables.js";

export interface UseTarget {
  profile: string;
  /** The variables to set, in order (credentialVariables for credentials, AWS_PROFILE alone otherwise). */
  variables: readonly (readonly [string, string])[];
  /** When the credentials expire; undefined for long-term keys and --profile-only. */
  expiration: Date | undefined;
}

/**
 * The code the shell function evaluates after `credo use NAME`: back to the
 * variables as they were before the shell's first `credo use` (remembered
 * now if this is the first), then every conflicting variable removed as
 * `credo exec` removes it, then the profile's variables and CREDO_PROFILE set.
 * `env` is the environment credo runs in, which the function makes the one
 * before the first `credo use` once there was one.
 */
export function useCode(shell: ShellName, env: Env, target: UseTarget): string {
  const syntax = shellSyntax(shell);
  const { restore, expiry } = shellState;
  const setNames = new Set(target.variables.map(([name]) => name));
  const statements = [
    ...rememberBaseline(shell, env),
    syntax.evalShellVariable(restore),
    ...useVariables
      .filter((name) => !setNames.has(name))
      .map((name) => syntax.removeVariable(name)),
    ...target.variables.map(([name, value]) => syntax.exportVariable(name, value)),
    syntax.exportVariable("CREDO_PROFILE", target.profile),
    target.expiration === undefined
      ? syntax.removeShellVariable(expiry)
      : syntax.setShellVariable(expiry, String(Math.floor(target.expiration.getTime() / 1000))),
  ];
  return `${statements.join("\n")}\n`;
}

/**
 * The code of `credo use --clear`: every variable back as before the first
 * `credo use`. In a shell that never ran it (a shell started from one that
 * did inherits its variables), credo's own variables are removed when
 * CREDO_PROFILE says they are there, and nothing else is touched.
 */
export function clearCode(shell: ShellName, env: Env): string {
  const syntax = shellSyntax(shell);
  const { restore, baseline, expiry, minutesLeft } = shellState;
  const inherited =
    env.CREDO_PROFILE === undefined
      ? ""
      : syntax.join(useVariables.map((name) => syntax.removeVariable(name)));
  const statements = [
    syntax.ifShellVariableSet(restore, syntax.evalShellVariable(restore), inherited),
    ...[restore, expiry, minutesLeft, ...(shell === "fish" ? [baseline] : [])].map((name) =>
      syntax.removeShellVariable(name),
    ),
  ];
  return `${statements.join("\n")}\n`;
}

/** Remembers the variables as they are now, unless an earlier `credo use` already did. */
function rememberBaseline(shell: ShellName, env: Env): string[] {
  const syntax = shellSyntax(shell);
  const { restore, baseline } = shellState;
  const globalCode = syntax.join(
    useVariables.map((name) => {
      const value = env[name];
      return value === undefined ? syntax.removeVariable(name) : syntax.exportVariable(name, value);
    }),
  );
  const remember = [
    syntax.ifShellVariableSet(restore, "", syntax.setShellVariable(restore, globalCode)),
  ];
  if (shell === "fish") {
    const localCode = syntax.join(useVariables.map((name) => fishBlockLocal(name, env[name])));
    remember.push(
      syntax.ifShellVariableSet(baseline, "", syntax.setShellVariable(baseline, localCode)),
    );
  }
  return remember;
}
