import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCredo } from "../support/run-credo.js";
import type { HubHome } from "../support/hub-home.js";
import { snapshot, userConfig } from "../support/hub-home.js";
import { useTerminalSession } from "./terminal-session.js";

/**
 * The prompts of issue 7 typed by a person in a real pseudo-terminal (tmux):
 * the MFA code, a new vault passphrase, `credo reset`'s confirmation, and
 * Ctrl-C at each leaving every file as it was.
 */
const session = useTerminalSession("run");
const { newHome, start } = session;

describe("the MFA prompt", () => {
  it("asks for the code of `credo whoami ROLE` once; the second run uses the cached session", async () => {
    const h = await newHome();
    const env = h.env({ CREDO_PASSPHRASE: h.passphrase });
    const first = start(["whoami", "dev"], env);
    await session.terminal.waitForScreen(
      first.name,
      `MFA code for ${h.demo.hub.mfaSerial} (profile acme):`,
    );
    const code = h.mfaCode();
    session.terminal.type(first.name, code);
    session.terminal.keys(first.name, "Enter");
    expect(await first.exit()).toBe(0);
    expect(await first.stdout()).toContain("Account:    222222222222");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);

    const second = start(["whoami", "dev"], env);
    expect(await second.exit()).toBe(0);
    expect(await second.stdout()).toContain("Account:    222222222222");
    expect(session.terminal.screen(second.name)).not.toContain("MFA code");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
  }, 60_000);
});

describe("the passphrase prompt of a new vault", () => {
  const hubAdd = (h: HubHome) =>
    start(["hub", "add", "acme", "--from-env", "--mfa-serial", h.demo.hub.mfaSerial ?? ""], {
      ...h.env(),
      AWS_ACCESS_KEY_ID: h.demo.hub.accessKeyId,
      AWS_SECRET_ACCESS_KEY: h.demo.hub.secretAccessKey,
    });

  it("asks twice, asks again after a mismatch, echoes nothing, and the vault opens with it", async () => {
    const h = await newHome({ empty: true });
    const run = hubAdd(h);
    const typed = ["typo-passphrase-1", "other-passphrase-2", h.passphrase, h.passphrase];
    await session.terminal.waitForScreen(run.name, "New vault passphrase:");
    session.terminal.type(run.name, typed[0]!);
    session.terminal.keys(run.name, "Enter");
    await session.terminal.waitForScreen(run.name, "Repeat it:");
    session.terminal.type(run.name, typed[1]!);
    session.terminal.keys(run.name, "Enter");
    await session.terminal.waitForScreen(run.name, "The two passphrases differ; try again.");
    await session.terminal.waitForScreen(run.name, "New vault passphrase:", 2);
    session.terminal.type(run.name, typed[2]!);
    session.terminal.keys(run.name, "Enter");
    await session.terminal.waitForScreen(run.name, "Repeat it:", 2);
    session.terminal.type(run.name, typed[3]!);
    session.terminal.keys(run.name, "Enter");
    expect(await run.exit()).toBe(0);
    const screen = session.terminal.screen(run.name);
    expect(screen).toContain("Added hub acme");
    for (const text of typed) expect(screen).not.toContain(text);

    const list = await runCredo(["hub", "list", "--json"], {
      env: h.env({ CREDO_PASSPHRASE: h.passphrase }),
    });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: "acme" }]);
  }, 60_000);

  it("Ctrl-C at it: exit 130, no vault, every file byte for byte as it was", async () => {
    const h = await newHome({ empty: true });
    const before = await snapshot(h.home);
    const run = hubAdd(h);
    await session.terminal.waitForScreen(run.name, "New vault passphrase:");
    session.terminal.type(run.name, "half-typed");
    session.terminal.keys(run.name, "C-c");
    expect(await run.exit()).toBe(130);
    expect(await snapshot(h.home)).toEqual(before);
    expect(await readFile(join(h.home, ".aws/config"), "utf8")).toBe(userConfig);
  }, 60_000);
});

describe("credo reset's confirmation", () => {
  const reset = (h: HubHome) => start(["reset"], h.env({ CREDO_PASSPHRASE: h.passphrase }));

  it("answered no: nothing is removed", async () => {
    const h = await newHome();
    const before = await snapshot(h.home);
    const run = reset(h);
    await session.terminal.waitForScreen(run.name, "Erase all of this?");
    expect(session.terminal.screen(run.name)).toContain("[profile acme] in");
    session.terminal.type(run.name, "n");
    session.terminal.keys(run.name, "Enter");
    expect(await run.exit()).toBe(130);
    expect(await snapshot(h.home)).toEqual(before);
  }, 60_000);

  it("answered yes: credo's state and profiles are gone, the user's config is as it was", async () => {
    const h = await newHome();
    const run = reset(h);
    await session.terminal.waitForScreen(run.name, "Erase all of this?");
    session.terminal.type(run.name, "y");
    session.terminal.keys(run.name, "Enter");
    expect(await run.exit()).toBe(0);
    await session.terminal.waitForScreen(run.name, "Done: credo's state is erased.");
    expect(await readFile(join(h.home, ".aws/config"), "utf8")).toBe(userConfig);
    expect(Object.keys(await snapshot(h.home)).filter((path) => path.startsWith(".credo"))).toEqual(
      [],
    );
  }, 60_000);

  it("Ctrl-C at it: exit 130, nothing removed", async () => {
    const h = await newHome();
    const before = await snapshot(h.home);
    const run = reset(h);
    await session.terminal.waitForScreen(run.name, "Erase all of this?");
    session.terminal.keys(run.name, "C-c");
    expect(await run.exit()).toBe(130);
    expect(await snapshot(h.home)).toEqual(before);
  }, 60_000);
});
