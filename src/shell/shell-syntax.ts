import { fishQuote, powershellQuote, shellQuote } from "../output/credential-formats.js";
import type { ShellName } from "./shell-names.js";

/** The few statements the code of `credo use` is made of, in each shell's syntax. */
export interface ShellSyntax {
  exportVariable(name: string, value: string): string;
  removeVariable(name: string): string;
  /** A variable of the shell itself, never exported to its children. */
  setShellVariable(name: string, value: string): string;
  removeShellVariable(name: string): string;
  /** `then` when the shell variable `name` is set, else `otherwise`. */
  ifShellVariableSet(name: string, then: string, otherwise: string): string;
  /** Runs the code held in the shell variable `name`. */
  evalShellVariable(name: string): string;
  /** The statements joined into one piece of code (and one line, to nest it in a variable). */
  join(statements: readonly string[]): string;
}

const posix: ShellSyntax = {
  exportVariable: (name, value) => `export ${name}=${shellQuote(value)}`,
  removeVariable: (name) => `unset ${name}`,
  setShellVariable: (name, value) => `${name}=${shellQuote(value)}`,
  removeShellVariable: (name) => `unset ${name}`,
  ifShellVariableSet: (name, then, otherwise) =>
    `if [ -n "\${${name}+x}" ]; then ${then || ":"}; else ${otherwise || ":"}; fi`,
  evalShellVariable: (name) => `eval "$${name}"`,
  join: (statements) => statements.join("; "),
};

const fish: ShellSyntax = {
  exportVariable: (name, value) => `set -gx ${name} ${fishQuote(value)}`,
  removeVariable: (name) => `set -eg ${name}`,
  setShellVariable: (name, value) => `set -g ${name} ${fishQuote(value)}`,
  removeShellVariable: (name) => `set -eg ${name}`,
  ifShellVariableSet: (name, then, otherwise) =>
    `if set -q ${name}; ${then || "true"}; else; ${otherwise || "true"}; end`,
  evalShellVariable: (name) => `eval $${name}`,
  join: (statements) => statements.join("; "),
};

const powershell: ShellSyntax = {
  exportVariable: (name, value) => `$Env:${name} = ${powershellQuote(value)}`,
  removeVariable: (name) => `Remove-Item -ErrorAction SilentlyContinue Env:${name}`,
  setShellVariable: (name, value) => `$global:${name} = ${powershellQuote(value)}`,
  removeShellVariable: (name) =>
    `Remove-Variable -Scope Global -ErrorAction SilentlyContinue -Name ${name}`,
  ifShellVariableSet: (name, then, otherwise) =>
    `if (Test-Path Variable:global:${name}) { ${then} } else { ${otherwise} }`,
  evalShellVariable: (name) => `Invoke-Expression $global:${name}`,
  join: (statements) => statements.join("; "),
};

export function shellSyntax(shell: ShellName): ShellSyntax {
  switch (shell) {
    case "bash":
    case "zsh":
      return posix;
    case "fish":
      return fish;
    case "powershell":
      return powershell;
  }
}

/**
 * fish runs command substitutions in the shell itself, so the function runs
 * credo in a block whose local variables stand for the environment before the
 * first `credo use`. A block cannot unset a global variable, so it sets it to
 * the empty string, which AWS tools and credo read as unset.
 */
export function fishBlockLocal(name: string, value: string | undefined): string {
  return value === undefined ? `set -lx ${name} ''` : `set -lx ${name} ${fishQuote(value)}`;
}
