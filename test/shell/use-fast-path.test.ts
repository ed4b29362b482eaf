import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { shellNames } from "../../src/shell/shell-names.js";
import { plainUse } from "../../src/shell/use-fast-path.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { runCredoRecordingModules } from "../support/record-modules.js";
import { runCredo } from "../support/run-credo.js";
import { captureContext } from "../support/test-context.js";

/**
 * `credo use NAME --shell S` on a cache hit is served by the fast path, as
 * the shell function runs it: the same code on stdout and the same message as
 * the full path (in-process main()), and no AWS call from either.
 */
let h: HubHome;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
  const primed = await runCredo(["use", "dev", "--shell", "bash"], { env: h.env() });
  expect(primed.code, primed.stderr).toBe(0);
}, 60_000);
afterAll(async () => h?.cleanup());

/** A minute's rounding may differ between two runs; the message is otherwise the same. */
const usingDev = /^Using dev: credentials valid for \d+ more minutes?\.\n$/;

describe("credo use on the fast path", () => {
  it.each(shellNames.flatMap((shell) => [[shell, false] as const, [shell, true] as const]))(
    "--shell %s (quiet: %s) prints what the full path prints",
    async (shell, quiet) => {
      const args = ["use", "dev", "--shell", shell, ...(quiet ? ["--quiet"] : [])];
      // A shell where `credo use` ran before: the code starts from the remembered variables.
      const env = h.env({ __credo_restore: "unset AWS_PROFILE", CREDO_PROFILE: "prod" });
      h.emu.resetCalls();
      const { run: fast, modules } = await runCredoRecordingModules(args, env, h.home);
      expect(modules).toContain("/dist/fast-path/process.cjs");
      expect(modules).not.toContain("/dist/commands/");
      const ctx = captureContext(h.home, env);
      const code = await main(args, ctx);
      expect(h.emu.calls()).toBe(0);
      expect(fast.code).toBe(0);
      expect(code).toBe(0);
      expect(fast.stdout).not.toBe("");
      expect(fast.stdout).toBe(ctx.stdout());
      if (quiet) {
        expect(fast.stderr).toBe("");
        expect(ctx.stderr()).toBe("");
      } else {
        expect(fast.stderr).toMatch(usingDev);
        expect(ctx.stderr()).toMatch(usingDev);
      }
    },
  );

  it("takes only the shell function's plain forms; everything else is the full CLI's", () => {
    expect(plainUse(["dev", "--shell", "zsh"])).toEqual({
      profile: "dev",
      shell: "zsh",
      quiet: false,
    });
    expect(plainUse(["--shell", "fish", "--quiet", "dev"])).toEqual({
      profile: "dev",
      shell: "fish",
      quiet: true,
    });
    expect(plainUse(["--shell=bash", "-q", "dev"])).toMatchObject({ shell: "bash", quiet: true });
    for (const argv of [
      ["--shell", "bash"],
      ["dev"],
      ["dev", "--shell", "tcsh"],
      ["--clear", "--shell", "bash"],
      ["dev", "--profile-only", "--shell", "bash"],
      ["dev", "--mfa-code", "123456", "--shell", "bash"],
      ["dev", "prod", "--shell", "bash"],
      ["dev", "--shell", "bash", "--shell", "zsh"],
      ["dev", "--debug", "--shell", "bash"],
    ])
      expect(plainUse(argv), argv.join(" ")).toBeUndefined();
  });
});
