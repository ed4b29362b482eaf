import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * The one rule for programs the suite drives but does not install (browsers,
 * tmux, shells, python3 and its AWS libraries, moto_server): on a developer's
 * machine a missing one skips the tests that need it, with the reason printed
 * once; under CI (CI set, as every CI service sets it) it fails the test file,
 * so a CI image that lost a tool cannot pass by skipping.
 *
 *     describe.skipIf(lacks("chromium"))("credo web in headless chromium", () => { ... });
 */
export type ExternalTool =
  | "chromium"
  | "chromium-headless-shell"
  | "firefox"
  | "tmux"
  | "zsh"
  | "fish"
  | "python3"
  | "botocore"
  | "boto3"
  | "moto_server"
  | "aws"
  | "pass"
  | "gpg"
  | "Xvfb"
  | "zenity"
  | "xdotool";

/** Where the tests look for each tool: a fixed path, a program on PATH, or a Python module. */
const tools: Record<ExternalTool, { path: string } | { program: string } | { module: string }> = {
  // Debian's browsers, driven by playwright-core without any browser download.
  chromium: { path: "/usr/bin/chromium" },
  "chromium-headless-shell": { path: "/usr/bin/chromium-headless-shell" },
  firefox: { path: "/usr/bin/firefox-esr" },
  tmux: { program: "tmux" },
  zsh: { program: "zsh" },
  fish: { program: "fish" },
  python3: { program: "python3" },
  botocore: { module: "botocore" },
  boto3: { module: "boto3" },
  moto_server: { program: "moto_server" },
  aws: { program: "aws" },
  // The password store and its GPG (Debian's pass and gnupg).
  pass: { program: "pass" },
  gpg: { program: "gpg" },
  // A desktop in memory and a dialog typed into (Debian's xvfb, zenity, xdotool).
  Xvfb: { path: "/usr/bin/Xvfb" },
  zenity: { path: "/usr/bin/zenity" },
  xdotool: { path: "/usr/bin/xdotool" },
};

/** The path of a fixed-path tool (the browsers), for launching it. */
export function toolPath(tool: "chromium" | "chromium-headless-shell" | "firefox"): string {
  return (tools[tool] as { path: string }).path;
}

const known = new Map<ExternalTool, string | undefined>();

/**
 * Whether the tests needing `needed` must be skipped: false when every tool
 * is there; true, with a notice, on a developer's machine; under CI it throws.
 */
export function lacks(...needed: ExternalTool[]): boolean {
  return skipOrFail(needed.map(missingReason), process.env, (line) => console.warn(line));
}

/** The rule itself: skip (true) with a notice, fail under CI, or run (false) when nothing is missing. */
export function skipOrFail(
  reasons: readonly (string | undefined)[],
  env: NodeJS.ProcessEnv,
  notice: (line: string) => void,
): boolean {
  const missing = reasons.filter((reason) => reason !== undefined);
  if (missing.length === 0) return false;
  const reason = missing.join("; ");
  if (underCi(env)) throw new Error(`${reason}: required under CI (CI=${env["CI"] ?? ""})`);
  notice(`NOTICE: skipped, ${reason}`);
  return true;
}

/** CI services set CI (GitHub Actions, GitLab, CircleCI: "true"); "false" or "0" means a local run. */
export function underCi(env: NodeJS.ProcessEnv): boolean {
  const value = env["CI"];
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

/** Why `tool` cannot be used here, or undefined when it can. Probed once per test file. */
export function missingReason(tool: ExternalTool): string | undefined {
  if (!known.has(tool)) known.set(tool, probeTool(tool));
  return known.get(tool);
}

/** The same, asked now: for the rule's own test, which must not leave a false answer behind. */
export function probeTool(tool: ExternalTool): string | undefined {
  const where = tools[tool];
  if ("path" in where) {
    return isExecutable(where.path) ? undefined : `${tool} is not installed (${where.path})`;
  }
  if ("program" in where) {
    return onPath(where.program) ? undefined : `${where.program} is not on PATH`;
  }
  if (missingReason("python3") !== undefined) return `${tool} needs python3, not on PATH`;
  const run = spawnSync("python3", ["-c", `import ${where.module}`], { stdio: "ignore" });
  return run.status === 0 ? undefined : `python3 cannot import ${where.module}`;
}

function onPath(program: string): boolean {
  return (process.env["PATH"] ?? "")
    .split(delimiter)
    .some((dir) => dir !== "" && isExecutable(join(dir, program)));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
