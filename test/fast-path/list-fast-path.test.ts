import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { teamRecordFile } from "../../src/team/team-store.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { runCredoRecordingModules } from "../support/record-modules.js";
import { captureContext } from "../support/test-context.js";

/**
 * `credo list` with no option runs from a bundle of its own
 * (dist/fast-path/list.cjs, src/list-entry.ts): the command's own runList
 * without commander. It must print exactly what the full CLI prints, and
 * leave everything else (an option, an error to report) to the full CLI,
 * with nothing printed twice.
 */
let h: HubHome;
let config: string;

beforeAll(async () => {
  h = await hubHome({
    profiles: "hand-written",
    mfaProcess: true,
    extra: [
      "[profile sso-dev]",
      "sso_session = corp",
      "sso_account_id = 333333333333",
      "sso_role_name = Admin",
      "region = us-east-1",
      "",
      "[sso-session corp]",
      "sso_start_url = https://example.awsapps.com/start",
      "sso_region = eu-west-1",
      "",
      "[profile tool]",
      "credential_process = /usr/local/bin/some-tool --json",
      "",
    ].join("\n"),
  });
  // dev's session (and the hub's) in the cache, so the listing shows them valid.
  const primed = await h.credo(["export", "dev"]);
  expect(primed.stderr).toBe("");
  expect(primed.code).toBe(0);
  config = await readFile(h.configFile, "utf8");
}, 60_000);
afterAll(async () => h?.cleanup());

/** The installed command (recording what it loads) and main() in-process, on the same home. */
async function both(args: string[]) {
  const env = h.env();
  const { run, modules } = await runCredoRecordingModules(args, env, h.home);
  const ctx = captureContext(h.home, env);
  const code = await main(args, ctx);
  return {
    installed: { code: run.code, stdout: run.stdout, stderr: run.stderr },
    full: { code, stdout: ctx.stdout(), stderr: ctx.stderr() },
    modules,
  };
}

describe("credo list without the command-line parser", () => {
  it("prints what the full CLI prints, from its own bundle", async () => {
    const { installed, full, modules } = await both(["list"]);
    expect(installed.stdout).toMatch(/^dev +role +222222222222 +Developer +\S+ +valid for /m);
    expect(installed.stdout).toMatch(/^sso-dev +sso +333333333333 +Admin /m);
    expect(installed).toEqual(full);
    expect(modules).toContain("/dist/fast-path/list.cjs");
    expect(modules).not.toContain("/dist/commands/");
    expect(modules).not.toContain("/node_modules/commander/");
  });

  it("--names (what shell completion runs): the same names, from its own bundle", async () => {
    const { installed, full, modules } = await both(["list", "--names"]);
    expect(installed.stdout).toBe("acme\ndev\nsso-dev\ntool\n");
    expect(installed).toEqual(full);
    expect(modules).toContain("/dist/fast-path/list.cjs");
    expect(modules).not.toContain("/dist/commands/");
  });

  it("says the same when there is no profile", async () => {
    await writeFile(h.configFile, "");
    try {
      const { installed, full, modules } = await both(["list"]);
      expect(installed.stderr).toContain("No profiles in ");
      expect(installed).toEqual(full);
      expect(modules).toContain("/dist/fast-path/list.cjs");
    } finally {
      await writeFile(h.configFile, config);
    }
  });

  it("leaves an error to the full CLI, which reports it once", async () => {
    await writeFile(h.configFile, `${config}\nthis line is broken\n`);
    try {
      const { installed, full, modules } = await both(["list"]);
      expect(installed.code).not.toBe(0);
      expect(installed.stdout).toBe("");
      expect(installed.stderr.match(/^credo: /gm)).toHaveLength(1);
      expect(installed).toEqual(full);
      expect(modules).toContain("/dist/commands/list.cjs");
    } finally {
      await writeFile(h.configFile, config);
    }
  });

  it("an error after the table (an unreadable team record): the full CLI prints the table once, then the error", async () => {
    const record = teamRecordFile(join(h.home, ".credo"), "platform");
    await mkdir(dirname(record), { recursive: true });
    await writeFile(record, "not json");
    try {
      const { installed, full, modules } = await both(["list"]);
      expect(installed.stdout.match(/^dev +role /gm)).toHaveLength(1);
      expect(installed.stderr).toContain("it is not JSON");
      expect(installed).toEqual(full);
      expect(modules).toContain("/dist/commands/list.cjs");
    } finally {
      await rm(dirname(dirname(record)), { recursive: true, force: true });
    }
  });

  it.each(["--tree", "--json", "--names --debug", "--debug", "--help", "extra"])(
    "leaves `credo list %s` to the full CLI",
    async (options) => {
      const { installed, full, modules } = await both(["list", ...options.split(" ")]);
      expect(installed).toEqual(full);
      expect(modules).toContain("/dist/commands/list.cjs");
    },
  );
});
