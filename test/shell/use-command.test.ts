import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { runCommand, runCredo } from "../support/run-credo.js";

/**
 * `credo use` and `credo shell-init` outside a terminal: the binary alone,
 * and the function loaded into non-interactive bash, zsh and fish, whose
 * environment is dumped as JSON so that any byte of a value counts.
 */
let hub: HubHome;
beforeAll(async () => {
  hub = await hubHome({ roleRegion: "eu-central-1" });
}, 120_000);
afterAll(async () => {
  await hub?.cleanup();
});

const dumpEnv = (file: string) =>
  `node -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.env))' '${file}'`;

const scripts = {
  bash: (dir: string, code: string) =>
    `eval "$(credo shell-init bash)"\n${dumpEnv(`${dir}/before`)}\n` +
    `credo use dev --mfa-code ${code} || exit 9\n${dumpEnv(`${dir}/during`)}\n` +
    `credo use --clear || exit 9\n${dumpEnv(`${dir}/after`)}\ntrue\n`,
  zsh: (dir: string, code: string) =>
    `eval "$(credo shell-init zsh)"\n${dumpEnv(`${dir}/before`)}\n` +
    `credo use dev --mfa-code ${code} || exit 9\n${dumpEnv(`${dir}/during`)}\n` +
    `credo use --clear || exit 9\n${dumpEnv(`${dir}/after`)}\ntrue\n`,
  fish: (dir: string, code: string) =>
    `credo shell-init fish | source\n${dumpEnv(`${dir}/before`)}\n` +
    `credo use dev --mfa-code ${code}; or exit 9\n${dumpEnv(`${dir}/during`)}\n` +
    `credo use --clear; or exit 9\n${dumpEnv(`${dir}/after`)}\n`,
};

/** Values a shell would mangle if credo quoted them wrong. */
const awkward = 'it\'s "$HOME" \\ `date` $(id)\nsecond line; *';

describe("credo use without the shell function", () => {
  it("prints how to set it up, nothing on stdout, exit code 2", async () => {
    const run = await runCredo(["use", "dev"], { env: hub.env({ SHELL: "/usr/bin/zsh" }) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("needs credo's shell function");
    expect(run.stderr).toContain('eval "$(credo shell-init zsh)"');
    expect(hub.emu.calls("sts:AssumeRole")).toBe(0);
  });

  it("--help goes to stderr when the function asks, so it is never evaluated", async () => {
    const run = await runCredo(["use", "--shell", "bash", "--help"], { env: hub.env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("--profile-only");
  });

  it("refuses an unknown shell, --clear with a profile, and no profile without a terminal", async () => {
    const cases = [
      ["use", "--shell", "tcsh", "dev"],
      ["use", "--shell", "bash", "--clear", "dev"],
      ["use", "--shell", "bash"],
      ["shell-init", "tcsh"],
    ];
    for (const args of cases) {
      const run = await runCredo(args, { env: hub.env() });
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: "" });
    }
  });
});

describe.each(["bash", "zsh", "fish"] as const)("credo use in non-interactive %s", (shell) => {
  it("sets the role's variables and --clear gives back every variable byte for byte", async () => {
    const dir = join(hub.home, `env-${shell}`);
    await runCommand("mkdir", ["-p", dir]);
    const run = await runCommand(shell, ["-c", scripts[shell](dir, hub.mfaCode())], {
      env: hub.env({
        AWS_PROFILE: awkward,
        AWS_ROLE_SESSION_NAME: awkward,
        AWS_SECRET_ACCESS_KEY: awkward,
      }),
    });
    expect(run.stderr).not.toMatch(/error|unknown|not found/i);
    expect(run.code).toBe(0);
    const read = async (name: string) =>
      JSON.parse(await readFile(join(dir, name), "utf8")) as Record<string, string>;
    const [before, during, after] = [
      await read("before"),
      await read("during"),
      await read("after"),
    ];
    expect(before.AWS_PROFILE).toBe(awkward);
    expect(during.AWS_PROFILE).toBeUndefined();
    expect(during.AWS_ROLE_SESSION_NAME).toBeUndefined();
    expect(during.CREDO_PROFILE).toBe("dev");
    expect(during.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(during.AWS_SECRET_ACCESS_KEY).not.toBe(awkward);
    expect(during.AWS_REGION).toBe("eu-central-1");
    // `_` is the path of the last command, which the shells set themselves.
    delete before._;
    delete after._;
    expect(after).toEqual(before);
  }, 60_000);
});

describe("credo shell-init bash", () => {
  it("keeps a DEBUG trap the shell already had, and adds its own once when loaded twice", async () => {
    const script =
      "trap 'mine=\"it'\\''s mine\"' DEBUG\n" +
      'eval "$(credo shell-init bash)"\neval "$(credo shell-init bash)"\n' +
      'trap -p DEBUG\necho "$PROMPT_COMMAND"\n';
    const run = await runCommand("bash", ["-c", script], { env: hub.env() });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      "trap -- '__credo_debug; mine=\"it'\\''s mine\"' DEBUG\n__credo_precmd\n",
    );
  });
});
