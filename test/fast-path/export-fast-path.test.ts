import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainExport } from "../../src/fast-path/export.js";
import { main } from "../../src/main.js";
import { exportFormats } from "../../src/output/credential-formats.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { runCredoRecordingModules } from "../support/record-modules.js";
import { runCredo } from "../support/run-credo.js";
import { captureContext } from "../support/test-context.js";

/**
 * `credo export` on a cache hit is served by the fast path (bin/credo.js,
 * before the CLI loads): it must print exactly what the full path prints.
 * The full path runs in-process through main(), the fast path as the
 * installed command; the emulator counts that neither called AWS.
 */
let h: HubHome;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
}, 60_000);
afterAll(async () => h?.cleanup());

/** The built command (fast path on a hit) and main() in-process (the full path), on the same home. */
async function both(args: string[], extra: Record<string, string> = {}) {
  const env = h.env(extra);
  // The first run fills the cache for this key (a miss goes to the full path).
  const primed = await runCredo(args, { env });
  expect(primed.stderr).toBe("");
  expect(primed.code).toBe(0);
  h.emu.resetCalls();
  // What the second run loads: the fast path's bundle, never the export command's.
  const { run: fast, modules } = await runCredoRecordingModules(args, env, h.home);
  expect(modules).toContain("/dist/fast-path/process.cjs");
  expect(modules).not.toContain("/dist/commands/");
  const ctx = captureContext(h.home, env);
  const code = await main(args, ctx);
  expect(h.emu.calls()).toBe(0);
  return {
    fast: { code: fast.code, stdout: fast.stdout, stderr: fast.stderr },
    full: { code, stdout: ctx.stdout(), stderr: ctx.stderr() },
  };
}

describe("credo export on the fast path", () => {
  it.each(exportFormats)("--format %s prints what the full path prints", async (format) => {
    const { fast, full } = await both(["export", "dev", "--format", format]);
    expect(fast.stdout).not.toBe("");
    expect(fast).toEqual(full);
  });

  it.each([
    [["export", "dev"], {}],
    [["export", "-f", "json", "dev"], { AWS_REGION: "us-west-2" }],
    [["export", "--format=json", "dev"], { AWS_DEFAULT_REGION: "ap-south-1" }],
    [["export"], { AWS_PROFILE: "dev" }],
    [["export", "acme", "--format", "json"], {}],
  ] as const)("%j with %j: the same text, profile and region", async (args, extra) => {
    const { fast, full } = await both([...args], { ...extra });
    expect(fast).toEqual(full);
  });

  it("takes only the plain forms; everything else is the full CLI's", () => {
    expect(plainExport(["dev"])).toEqual({ profile: "dev", format: "env" });
    expect(plainExport([])).toEqual({ profile: undefined, format: "env" });
    expect(plainExport(["--format", "json", "dev"])).toEqual({ profile: "dev", format: "json" });
    expect(plainExport(["dev", "-f", "fish"])).toEqual({ profile: "dev", format: "fish" });
    expect(plainExport(["dev", "--format=ini"])).toMatchObject({ format: "ini" });
    for (const argv of [
      ["dev", "--mfa-code", "123456"],
      ["--profile", "dev"],
      ["dev", "--debug"],
      ["dev", "--help"],
      ["dev", "prod"],
      ["dev", "--format", "yaml"],
      ["dev", "--format"],
      ["dev", "-f", "json", "--format", "env"],
      ["--", "dev"],
      [""],
    ])
      expect(plainExport(argv), argv.join(" ")).toBeUndefined();
  });
});
