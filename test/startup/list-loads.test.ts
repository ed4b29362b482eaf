import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTerminal } from "../../src/io/streams.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHomeWithDevCached } from "../support/hub-home.js";
import { credoBin, projectRoot, runCommand } from "../support/run-credo.js";

/**
 * `credo list` reads the profile files, one listing of the cache folder and
 * the cache files of the sessions it shows: on output that is no terminal it
 * loads none of Node's stream, socket or terminal modules (node:tty to ask
 * whether it may colour, fs/promises for a directory listing), which cost it
 * a tenth of its start. On a terminal it still colours the session states.
 */
const recordBuiltins = fileURLToPath(new URL("./fixtures/record-builtins.cjs", import.meta.url));
/** Built-in modules a listing has no use for off a terminal. */
const unneeded = ["tty", "net", "stream", "fs/promises", "readline", "child_process", "crypto"];

let h: HubHome;

beforeAll(async () => {
  h = await hubHomeWithDevCached();
}, 60_000);
afterAll(async () => h?.cleanup());

/** Runs `credo list` with its stdout on `stdout` ("pipe" or an open descriptor), recording the built-ins it loads. */
async function listWithOutputOn(stdout: "pipe" | number) {
  const builtinsFile = join(h.home, "list-builtins.txt");
  await rm(builtinsFile, { force: true });
  const child = spawn(process.execPath, ["--require", recordBuiltins, credoBin, "list"], {
    env: h.env({ RECORD_BUILTINS_TO: builtinsFile }),
    cwd: projectRoot,
    stdio: ["ignore", stdout, "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const builtins = (await readFile(builtinsFile, "utf8")).split("\n").filter(Boolean);
  return { code, stdout: out, stderr: err, builtins };
}

describe("credo list on a cache hit", () => {
  it("into a pipe: the table, without stream, socket or terminal modules", async () => {
    const run = await listWithOutputOn("pipe");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^dev +role +222222222222 +Developer +\S+ +valid for /m);
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.builtins.filter((name) => unneeded.includes(name))).toEqual([]);
  });

  it("into /dev/null: the same modules", async () => {
    const devNull = openSync("/dev/null", "w");
    try {
      const run = await listWithOutputOn(devNull);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.builtins.filter((name) => unneeded.includes(name))).toEqual([]);
    } finally {
      closeSync(devNull);
    }
  });

  it("on a terminal (script(1) gives it one): the session states in colour", async () => {
    const command = [process.execPath, credoBin, "list"].map((arg) => `'${arg}'`).join(" ");
    const run = await runCommand("script", ["-qec", command, "/dev/null"], { env: h.env() });
    expect(run.code, run.stderr).toBe(0);
    const green = "\u001b[32m";
    expect(run.stdout).toMatch(/dev +role +222222222222 +Developer +\S+ +\S+valid for /);
    expect(run.stdout).toContain(`${green}valid for`);
  });
});

describe("isTerminal", () => {
  it("says no for a file, /dev/null and a closed descriptor", () => {
    for (const path of ["/dev/null", join(projectRoot, "package.json")]) {
      const fd = openSync(path, "r");
      try {
        expect(isTerminal(fd), path).toBe(false);
      } finally {
        closeSync(fd);
      }
    }
    expect(isTerminal(987_654)).toBe(false);
  });
});
