import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainExec } from "../../src/exec/exec-fast-path.js";
import { executableFile, execveTakes } from "../../src/exec/replace-process.js";
import { main } from "../../src/main.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHomeWithDevCached } from "../support/hub-home.js";
import { credoBin, projectRoot, runCommand } from "../support/run-credo.js";
import { plantSecret, recordTranscript } from "../support/secret-registry.js";
import { captureContext } from "../support/test-context.js";

/**
 * `credo exec NAME -- COMMAND` on a cache hit is served by the fast path
 * (bin/credo.js, before the CLI loads): the child must get the environment
 * the full path gives it (main() in-process), its exit status must be
 * credo's, signals must reach it, and a command that cannot start is
 * reported by the full CLI exactly as without the fast path. Which one
 * served a run shows in the files it loaded.
 */
let h: HubHome;

beforeAll(async () => {
  h = await hubHomeWithDevCached();
}, 60_000);
afterAll(async () => h?.cleanup());

/** Whether credo, run by this Node.js, becomes the command (process.execve) rather than start it. */
const canReplaceProcess = typeof (process as { execve?: unknown }).execve === "function";

const recordModules = join(projectRoot, "test/fast-path/fixtures/record-modules.cjs");

/**
 * The environment of both paths' runs: bin/credo.js sets the SDK variable for
 * every run, fast or full, and main() in-process sees only what it is given;
 * the module recorder's file is named in both, so both children see the same.
 */
const runEnv = (extra: Record<string, string>) =>
  h.env({
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    RECORD_MODULES_TO: join(h.home, "exec-modules.txt"),
    ...extra,
  });

/**
 * The built command, recording the files it loads (node --require, not
 * NODE_OPTIONS, which the child would inherit): served by the fast path, or
 * by the exec command's bundle.
 */
async function execRun(args: readonly string[], extra: Record<string, string> = {}) {
  h.emu.resetCalls();
  const env = runEnv(extra);
  await rm(env.RECORD_MODULES_TO as string, { force: true });
  const argv = ["exec", ...args];
  const run = await runCommand(process.execPath, ["--require", recordModules, credoBin, ...argv], {
    env,
  });
  recordTranscript({ argv, stdout: run.stdout, stderr: run.stderr });
  const modules = await readFile(env.RECORD_MODULES_TO as string, "utf8");
  const servedBy = modules.includes("/dist/commands/exec.cjs")
    ? "full CLI"
    : modules.includes("/dist/fast-path/process.cjs")
      ? "fast path"
      : "neither";
  return { ...run, servedBy };
}

/** main() in-process: the full path, with the environment the built command's run had. */
async function fullPath(args: readonly string[], extra: Record<string, string> = {}) {
  const ctx = captureContext(h.home, runEnv(extra));
  const code = await main(["exec", ...args], ctx);
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr() };
}

/** A child (Node.js itself) that writes its whole environment to `file` as JSON. */
function dumpEnvironment(file: string): string[] {
  const script = 'require("node:fs").writeFileSync(process.argv[1], JSON.stringify(process.env))';
  return [process.execPath, "-e", script, file];
}

describe("credo exec on the fast path", () => {
  it("gives the child the environment the full path gives it", async () => {
    const fastFile = join(h.home, "fast-env.json");
    const fullFile = join(h.home, "full-env.json");
    // Variables the child must lose (a profile, other keys, credo's passphrase) and one it keeps.
    const extra = {
      AWS_PROFILE: "acme",
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://127.0.0.1:1/creds",
      KEEP_ME: "kept",
    };
    const fast = await execRun(["dev", "--", ...dumpEnvironment(fastFile)], extra);
    expect(fast.stderr).toBe("");
    expect(fast.code).toBe(0);
    expect(fast.servedBy).toBe("fast path");
    const full = await fullPath(["dev", "--", ...dumpEnvironment(fullFile)], extra);
    expect(full).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(h.emu.calls()).toBe(0);

    const fastEnv = JSON.parse(await readFile(fastFile, "utf8")) as Record<string, string>;
    const fullEnv = JSON.parse(await readFile(fullFile, "utf8")) as Record<string, string>;
    plantSecret("session-token", "exec fast path child's token", fastEnv.AWS_SESSION_TOKEN ?? "!");
    expect(fastEnv).toEqual(fullEnv);
    expect(fastEnv.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(fastEnv.AWS_SESSION_TOKEN?.length).toBeGreaterThan(20);
    expect(fastEnv.AWS_REGION).toBe("eu-central-1");
    expect(fastEnv.CREDO_PROFILE).toBe("dev");
    expect(fastEnv.KEEP_ME).toBe("kept");
    for (const gone of ["AWS_PROFILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "CREDO_PASSPHRASE"])
      expect(fastEnv).not.toHaveProperty(gone);
    await rm(fastFile);
    await rm(fullFile);
  });

  it.each([
    [["dev"], {}],
    [["-p", "dev"], {}],
    [["--profile=dev"], {}],
    [[], { AWS_PROFILE: "dev" }],
  ] as const)("%j %j: the same profile for the child", async (before, extra) => {
    const file = join(h.home, "profile.json");
    const run = await execRun([...before, "--", ...dumpEnvironment(file)], extra);
    expect(run.code, run.stderr).toBe(0);
    expect(run.servedBy).toBe("fast path");
    const env = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    expect(env.CREDO_PROFILE).toBe("dev");
    expect(env.AWS_REGION).toBe("eu-central-1");
    await rm(file);
  });

  it("exits with the child's exit code", async () => {
    const seven = await execRun(["dev", "--", "sh", "-c", "exit 7"]);
    expect(seven.servedBy).toBe("fast path");
    expect(seven.code).toBe(7);
    expect(await fullPath(["dev", "--", "sh", "-c", "exit 7"])).toMatchObject({ code: 7 });
    const zero = await execRun(["dev", "--", "true"]);
    expect(zero.servedBy).toBe("fast path");
    expect(zero.code).toBe(0);
  });

  it("ends as the child ended when a signal ends it: 128 + the signal's number in the shell", async () => {
    // A child credo started gives credo the status 143; a process credo became is itself
    // ended by the signal. The shell that ran credo reports 143 either way.
    const killed = await execRun(["dev", "--", "sh", "-c", 'kill -TERM $$; echo "not reached"']);
    expect(killed.servedBy).toBe("fast path");
    expect(killed.stdout).toBe("");
    const report = 'sh -c "kill -TERM \\$\\$"; echo "status $?"';
    const inShell = await runCommand(
      "sh",
      ["-c", `"$0" "$1" exec dev -- ${report}`, process.execPath, credoBin],
      {
        env: runEnv({}),
      },
    );
    // What the shell says of the command run alone (dash: "Terminated") it says of credo that became it.
    const alone = await runCommand("sh", ["-c", report]);
    expect(alone.stdout).toBe("status 143\n");
    expect(inShell).toEqual({
      code: 0,
      stdout: alone.stdout,
      stderr: canReplaceProcess ? alone.stderr : "",
    });
    expect(await fullPath(["dev", "--", "sh", "-c", "kill -TERM $$"])).toMatchObject({
      code: 128 + 15,
    });
  });

  it("passes a signal sent to credo on to the child", async () => {
    const started = join(h.home, "child-started");
    const trapped = join(h.home, "child-trapped");
    const modules = join(h.home, "signal-modules.txt");
    await rm(modules, { force: true });
    const childScript = `trap 'echo TERM > ${trapped}; exit 143' TERM; touch ${started}; while :; do sleep 0.1; done`;
    const args = ["exec", "dev", "--", "sh", "-c", childScript];
    const credo = spawn(process.execPath, ["--require", recordModules, credoBin, ...args], {
      env: h.env({ RECORD_MODULES_TO: modules }),
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    credo.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => credo.on("exit", resolve));
    const deadline = Date.now() + 20_000;
    while (!existsSync(started) && Date.now() < deadline) await delay(50);
    expect(existsSync(started)).toBe(true);
    credo.kill("SIGTERM");
    const code = await exited;
    recordTranscript({ argv: args, stdout: "", stderr });
    expect(code).toBe(143);
    expect(await readFile(trapped, "utf8")).toBe("TERM\n");
    const loaded = await readFile(modules, "utf8");
    expect(loaded).toContain("/dist/fast-path/process.cjs");
    expect(loaded).not.toContain("/dist/commands/");
  });

  it("leaves a command that cannot start to the full CLI, which reports it as always", async () => {
    const args = ["dev", "--", "credo-test-no-such-command"];
    const run = await execRun(args);
    // The fast path tried (a cache hit), then the full CLI ran and reported.
    expect(run.servedBy).toBe("full CLI");
    const full = await fullPath(args);
    expect(full.code).toBe(2);
    expect(full.stderr).toBe(
      "credo: Could not run credo-test-no-such-command: command not found\nCheck the command after `--`.\n",
    );
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual(full);
  });

  it("leaves a miss to the full CLI (another region is another session)", async () => {
    const run = await execRun(["dev", "--", "sh", "-c", "exit 3"], { AWS_REGION: "us-west-2" });
    expect(run.servedBy).toBe("full CLI");
    expect(run.code).toBe(3);
    expect(h.emu.calls("sts:AssumeRole")).toBe(1);
  });

  it("leaves every other option to the full CLI", async () => {
    const server = await execRun(["dev", "--server", "--", "sh", "-c", "exit 4"]);
    expect(server.servedBy).toBe("full CLI");
    expect(server.code).toBe(4);
    const debug = await execRun(["dev", "--debug", "--", "true"]);
    expect(debug.servedBy).toBe("full CLI");
    expect(debug.code).toBe(0);
  });

  it("becomes the command where Node.js can replace its process (execve), else starts it as a child", async () => {
    const pidFile = join(h.home, "child-pid");
    const args = ["exec", "dev", "--", "sh", "-c", `echo $$ > ${pidFile}`];
    const credo = spawn(process.execPath, [credoBin, ...args], {
      env: h.env(),
      cwd: projectRoot,
      stdio: "ignore",
    });
    const code = await new Promise<number | null>((resolve) => credo.on("exit", resolve));
    expect(code).toBe(0);
    const childPid = Number((await readFile(pidFile, "utf8")).trim());
    expect(childPid === credo.pid).toBe(canReplaceProcess);
    await rm(pidFile);
  });

  it("runs a script without #! (through sh, as a child) and reports a missing interpreter as always", async () => {
    const noShebang = join(h.home, "no-shebang");
    await writeFile(noShebang, "exit 5\n", { mode: 0o755 });
    const plain = await execRun(["dev", "--", noShebang]);
    expect(plain.servedBy).toBe("fast path");
    expect(plain.code).toBe(5);

    const lostInterpreter = join(h.home, "lost-interpreter");
    await writeFile(lostInterpreter, "#!/nonexistent/credo-test-sh\nexit 0\n", { mode: 0o755 });
    const lost = await execRun(["dev", "--", lostInterpreter]);
    const full = await fullPath(["dev", "--", lostInterpreter]);
    expect(full.code).toBe(2);
    expect({ code: lost.code, stdout: lost.stdout, stderr: lost.stderr }).toEqual(full);
  });

  it("replaces its process only with a file execve(2) takes", async () => {
    const folder = join(h.home, "replace-bin");
    await mkdir(folder, { recursive: true });
    const script = (name: string, text: string, mode = 0o755) =>
      writeFile(join(folder, name), text, { mode }).then(() => join(folder, name));
    const elfScript = await script("elf-interpreter", "#!/bin/sh -e\nexit 0\n");
    const envScript = await script("env-interpreter", "#!/usr/bin/env sh\nexit 0\n");
    const relative = await script("relative-interpreter", "#!sh\nexit 0\n");
    const scriptInterpreter = await script("script-interpreter", `#!${elfScript}\n`);
    const noShebang = await script("no-shebang", "exit 0\n");
    const notExecutable = await script("not-executable", "#!/bin/sh\n", 0o644);

    expect(execveTakes(process.execPath)).toBe(true);
    expect(execveTakes(elfScript)).toBe(true);
    expect(execveTakes(envScript)).toBe(true);
    for (const file of [relative, scriptInterpreter, noShebang, folder, join(folder, "absent")])
      expect(execveTakes(file), file).toBe(false);

    // PATH is searched as execvp(3) does: in order, executable files only, an empty entry is the current folder.
    expect(executableFile("elf-interpreter", `/nonexistent:${folder}`)).toBe(elfScript);
    expect(executableFile("not-executable", folder)).toBeUndefined();
    expect(executableFile("replace-bin", h.home)).toBeUndefined();
    expect(executableFile("absent", folder)).toBeUndefined();
    expect(executableFile(notExecutable, undefined)).toBeUndefined();
    expect(executableFile(elfScript, undefined)).toBe(elfScript);
    const cwd = process.cwd();
    try {
      process.chdir(folder);
      expect(executableFile("no-shebang", `/nonexistent:`)).toBe(noShebang);
      expect(executableFile("./no-shebang", undefined)).toBe(noShebang);
    } finally {
      process.chdir(cwd);
    }
  });

  it("takes only the plain forms", () => {
    expect(plainExec(["dev", "--", "aws", "s3", "ls"])).toEqual({
      profile: "dev",
      command: "aws",
      args: ["s3", "ls"],
    });
    expect(plainExec(["--", "env"])).toEqual({ profile: undefined, command: "env", args: [] });
    expect(plainExec(["-p", "dev", "--", "env", "--", "-x"])).toEqual({
      profile: "dev",
      command: "env",
      args: ["--", "-x"],
    });
    expect(plainExec(["--profile", "dev", "--", "env"])).toMatchObject({ profile: "dev" });
    expect(plainExec(["--profile=dev", "--", "env"])).toMatchObject({ profile: "dev" });
    expect(plainExec(["dev", "-p", "dev", "--", "env"])).toMatchObject({ profile: "dev" });
    for (const argv of [
      ["dev"],
      ["dev", "--"],
      ["dev", "--server", "--", "env"],
      ["dev", "--mfa-code", "123456", "--", "env"],
      ["dev", "--debug", "--", "env"],
      ["dev", "--help", "--", "env"],
      ["dev", "prod", "--", "env"],
      ["dev", "-p", "prod", "--", "env"],
      ["-p", "dev", "-p", "dev", "--", "env"],
      ["-p", "--", "env"],
      ["-p", "--server", "--", "env"],
      ["--profile=", "--", "env"],
      ["", "--", "env"],
    ])
      expect(plainExec(argv), argv.join(" ")).toBeUndefined();
  });
});
