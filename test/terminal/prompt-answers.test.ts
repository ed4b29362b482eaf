import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import type { ScriptStep } from "../support/scripted-prompter.js";
import { scriptedPrompter } from "../support/scripted-prompter.js";
import { captureContext } from "../support/test-context.js";
import type { HubHome } from "./hub-home.js";
import { hubHome, snapshot, userConfig } from "./hub-home.js";

/**
 * What credo does with the answers to its prompts (the MFA code, `credo
 * reset`'s confirmation), answered in-process by a scripted prompter. How the
 * terminal itself behaves (hidden input, Ctrl-C) is in prompts.test.ts.
 */
const homes: HubHome[] = [];
async function newHome(): Promise<HubHome> {
  const home = await hubHome();
  homes.push(home);
  return home;
}

afterAll(async () => {
  await Promise.all(homes.map((home) => home.cleanup()));
});

async function credo(h: HubHome, args: string[], script: ScriptStep[]) {
  const prompter = scriptedPrompter(script);
  const ctx = captureContext(h.home, h.env({ CREDO_PASSPHRASE: h.passphrase }), { prompter });
  const code = await main(args, ctx);
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr(), prompter };
}

describe("the MFA prompt", () => {
  it("asks for the code of `credo whoami ROLE` once; the second run uses the cached session", async () => {
    const h = await newHome();
    const first = await credo(
      h,
      ["whoami", "dev"],
      [
        {
          kind: "text",
          question: `MFA code for ${h.demo.hub.mfaSerial} (profile acme):`,
          answer: h.code(),
        },
      ],
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Account:    222222222222");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);

    const second = await credo(h, ["whoami", "dev"], []);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("Account:    222222222222");
    expect(second.prompter.asked).toEqual([]);
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
  }, 60_000);
});

describe("credo reset's confirmation", () => {
  it("answered no: nothing is removed", async () => {
    const h = await newHome();
    const before = await snapshot(h.home);
    const run = await credo(
      h,
      ["reset"],
      [{ kind: "confirm", question: "Erase all of this?", answer: false }],
    );
    expect(run.stderr).toContain("[profile acme] in");
    expect(run.code).toBe(130);
    expect(await snapshot(h.home)).toEqual(before);
  }, 60_000);

  it("answered yes: credo's state and profiles are gone, the user's config is as it was", async () => {
    const h = await newHome();
    const run = await credo(
      h,
      ["reset"],
      [{ kind: "confirm", question: "Erase all of this?", answer: true }],
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Done: credo's state is erased.");
    expect(await readFile(join(h.home, ".aws/config"), "utf8")).toBe(userConfig);
    expect(Object.keys(await snapshot(h.home)).filter((path) => path.startsWith(".credo"))).toEqual(
      [],
    );
  }, 60_000);
});
