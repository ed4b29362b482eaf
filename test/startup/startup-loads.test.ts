import { access, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHomeWithDevCached } from "../support/hub-home.js";
import { commandTable } from "../../src/cli/command-table.js";
import { main } from "../../src/main.js";
import { credoBin, runCommand, runCredo } from "../support/run-credo.js";
import { runCredoRecordingBuiltins } from "../support/record-modules.js";
import { captureContext } from "../support/test-context.js";

const recordModules = fileURLToPath(
  new URL("../fast-path/fixtures/record-modules.cjs", import.meta.url),
);

let h: HubHome;

beforeAll(async () => {
  h = await hubHomeWithDevCached();
  h.emu.resetCalls();
}, 60_000);

afterAll(async () => {
  await h.cleanup();
});

/** Whether credo, run by this Node.js, becomes the command of `exec` (process.execve). */
const canReplaceProcess = typeof (process as { execve?: unknown }).execve === "function";

/**
 * Runs credo twice, once recording the files it loads and once the built-in
 * modules (apart: record-modules.cjs's module hook itself loads net).
 */
async function loads(args: string[], extraEnv: Record<string, string> = {}) {
  const { run, modules } = await filesLoaded(args, extraEnv);
  const { again, builtins } = await builtinsLoaded(args, extraEnv);
  expect(again.stdout).toBe(run.stdout);
  if (builtins === undefined) throw new Error(`credo ${args.join(" ")} recorded no built-ins`);
  return { run, modules, builtins };
}

async function filesLoaded(args: string[], extraEnv: Record<string, string>) {
  const modulesFile = join(h.home, "modules.txt");
  await rm(modulesFile, { force: true });
  const run = await runCommand(process.execPath, ["--require", recordModules, credoBin, ...args], {
    env: h.env({ ...extraEnv, RECORD_MODULES_TO: modulesFile }),
  });
  const modules = (await readFile(modulesFile, "utf8").catch(() => ""))
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("node:"));
  return { run, modules: [...new Set(modules)] };
}

/** The built-ins, recorded as the process exits: undefined when it never exited as node (it became another program). */
async function builtinsLoaded(args: string[], extraEnv: Record<string, string>) {
  const { run, builtins } = await runCredoRecordingBuiltins(args, h.env(extraEnv), h.home);
  return { again: run, builtins };
}

const dist = join(fileURLToPath(new URL("../..", import.meta.url)), "dist");
/**
 * bin/credo.js and the one file a run loads: its command's bundle; for
 * `--version` alone, package.json; for `export` on a cache hit, the fast
 * path's bundle, which serves it as it serves `credo process`.
 */
const bundleOnly = (args: readonly string[]) => [
  credoBin,
  args[0] === "--version"
    ? join(dist, "..", "package.json")
    : args[0] === "export"
      ? join(dist, "fast-path", "process.cjs")
      : join(dist, "commands", `${args[0] ?? ""}.cjs`),
];
/** Built-in modules a cache hit has no use for (child processes, crypto, sockets, terminals). */
const heavyBuiltins = ["child_process", "crypto", "net", "tty", "readline", "http", "https"];

describe("start-up of the full CLI", () => {
  it.each([
    [["--version"]],
    [["export", "dev"]],
    [["explain", "dev"]],
    [["export", "dev", "--format", "json"]],
  ])(
    "credo %j on a cache hit loads its bundle alone: no SDK, prompts, keychain or file lock",
    async (args) => {
      const { run, modules, builtins } = await loads(args);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(modules).toEqual(bundleOnly(args));
      expect(builtins.filter((name) => heavyBuiltins.includes(name))).toEqual([]);
      expect(h.emu.calls()).toBe(0);
    },
  );

  it("credo exec dev -- true on a cache hit loads the fast path's bundle alone, and child_process only for a child", async () => {
    const args = ["exec", "dev", "--", "true"];
    const { run, modules } = await filesLoaded(args, {});
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(modules).toEqual([credoBin, join(dist, "fast-path", "process.cjs")]);
    const { again, builtins } = await builtinsLoaded(args, {});
    expect(again.code).toBe(0);
    if (canReplaceProcess) {
      // credo became `true` (process.execve): node never exited, so nothing was recorded.
      expect(builtins).toBeUndefined();
    } else {
      expect(builtins).toContain("child_process");
      expect(
        builtins?.filter((name) => ["crypto", "readline", "http", "https"].includes(name)),
      ).toEqual([]);
    }
    expect(h.emu.calls()).toBe(0);
  });

  it("loads the AWS SDK when a command calls AWS (whoami)", async () => {
    const { run, modules } = await loads(["whoami", "dev"]);
    expect(run.code).toBe(0);
    expect(modules.some((file) => file.includes("/node_modules/@aws-sdk/client-sts/"))).toBe(true);
    expect(modules.some((file) => file.includes("proper-lockfile"))).toBe(false);
  });

  it("loads the file lock when a command writes (a miss stores the new session)", async () => {
    // Another region is another cache key: a miss, one AssumeRole, one write.
    const { run, modules } = await loads(["export", "dev"], { AWS_REGION: "us-west-2" });
    expect(run.code).toBe(0);
    expect(h.emu.calls("sts:AssumeRole")).toBe(1);
    expect(modules.some((file) => file.includes("/node_modules/proper-lockfile/"))).toBe(true);
  });
});

describe("the command bundles", () => {
  it("every command but completion (which walks the whole tree) has its own", async () => {
    for (const { name, needsEveryCommand } of commandTable)
      if (needsEveryCommand !== true) await access(join(dist, "commands", `${name}.cjs`));
  });

  it("a command's bundle prints the same help as the whole tree in-process; a typo still gets a suggestion", async () => {
    for (const argv of [["role", "add", "--help"], ["exprot"]]) {
      const ctx = captureContext(h.home, {});
      const code = await main(argv, ctx);
      const run = await runCredo(argv, { env: h.env() });
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
        code,
        stdout: ctx.stdout(),
        stderr: ctx.stderr(),
      });
    }
  });
});
