import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCredo } from "../support/run-credo.js";
import type { HubHome } from "./hub-home.js";
import { snapshot, userConfig } from "./hub-home.js";
import { useTerminalSession } from "./terminal-session.js";

/**
 * The terminal itself, typed on by a person in a real pseudo-terminal (tmux):
 * a new vault passphrase (hidden, asked twice) and Ctrl-C at a prompt leaving
 * every file as it was. What credo does with the answers is tested in-process
 * with a scripted prompter (prompt-answers.test.ts).
 */
const session = useTerminalSession("run");
const { newHome, start } = session;

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
