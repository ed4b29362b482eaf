import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCredo } from "../support/run-credo.js";
import type { Terminal } from "../config-menu/terminal.js";
import { openTerminal } from "../config-menu/terminal.js";
import type { HubHome } from "./hub-home.js";
import { hubHome, snapshot, userConfig } from "./hub-home.js";

/**
 * The prompts of issue 7 typed by a person in a real pseudo-terminal (tmux):
 * the MFA code, a new vault passphrase, `credo reset`'s confirmation, and
 * Ctrl-C at each leaving every file as it was.
 */
let terminal: Terminal;
let scratch: string;
const homes: HubHome[] = [];

beforeAll(async () => {
  terminal = openTerminal();
  scratch = await mkdtemp(join(tmpdir(), "credo-terminal-"));
}, 120_000);
afterAll(async () => {
  await terminal.close();
  await Promise.all(homes.map((home) => home.cleanup()));
  await rm(scratch, { recursive: true, force: true });
});

async function newHome(options: { empty?: boolean } = {}): Promise<HubHome> {
  const home = await hubHome(options);
  homes.push(home);
  return home;
}

let runs = 0;
/** Starts credo in a new tmux session; returns its name and the files its exit code and stdout land in. */
function start(args: string[], env: Record<string, string>) {
  runs += 1;
  const name = `run${runs}`;
  const codeFile = join(scratch, `${name}.code`);
  const stdoutFile = join(scratch, `${name}.out`);
  terminal.start(name, args, env, codeFile, stdoutFile);
  return {
    name,
    exit: () => terminal.waitForExit(codeFile),
    stdout: () => readFile(stdoutFile, "utf8"),
  };
}

describe("the MFA prompt", () => {
  it("asks for the code of `credo whoami ROLE` once; the second run uses the cached session", async () => {
    const h = await newHome();
    const env = h.env({ CREDO_PASSPHRASE: h.passphrase });
    const first = start(["whoami", "dev"], env);
    await terminal.waitForScreen(
      first.name,
      `MFA code for ${h.demo.hub.mfaSerial} (profile acme):`,
    );
    const code = h.code();
    terminal.type(first.name, code);
    terminal.keys(first.name, "Enter");
    expect(await first.exit()).toBe(0);
    expect(await first.stdout()).toContain("Account:    222222222222");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);

    const second = start(["whoami", "dev"], env);
    expect(await second.exit()).toBe(0);
    expect(await second.stdout()).toContain("Account:    222222222222");
    expect(terminal.screen(second.name)).not.toContain("MFA code");
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
    await terminal.waitForScreen(run.name, "New vault passphrase:");
    terminal.type(run.name, typed[0]!);
    terminal.keys(run.name, "Enter");
    await terminal.waitForScreen(run.name, "Repeat it:");
    terminal.type(run.name, typed[1]!);
    terminal.keys(run.name, "Enter");
    await terminal.waitForScreen(run.name, "The two passphrases differ; try again.");
    await terminal.waitForScreen(run.name, "New vault passphrase:", 2);
    terminal.type(run.name, typed[2]!);
    terminal.keys(run.name, "Enter");
    await terminal.waitForScreen(run.name, "Repeat it:", 2);
    terminal.type(run.name, typed[3]!);
    terminal.keys(run.name, "Enter");
    expect(await run.exit()).toBe(0);
    const screen = terminal.screen(run.name);
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
    await terminal.waitForScreen(run.name, "New vault passphrase:");
    terminal.type(run.name, "half-typed");
    terminal.keys(run.name, "C-c");
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
    await terminal.waitForScreen(run.name, "Erase all of this?");
    expect(terminal.screen(run.name)).toContain("[profile acme] in");
    terminal.type(run.name, "n");
    terminal.keys(run.name, "Enter");
    expect(await run.exit()).toBe(130);
    expect(await snapshot(h.home)).toEqual(before);
  }, 60_000);

  it("answered yes: credo's state and profiles are gone, the user's config is as it was", async () => {
    const h = await newHome();
    const run = reset(h);
    await terminal.waitForScreen(run.name, "Erase all of this?");
    terminal.type(run.name, "y");
    terminal.keys(run.name, "Enter");
    expect(await run.exit()).toBe(0);
    await terminal.waitForScreen(run.name, "Done: credo's state is erased.");
    expect(await readFile(join(h.home, ".aws/config"), "utf8")).toBe(userConfig);
    expect(Object.keys(await snapshot(h.home)).filter((path) => path.startsWith(".credo"))).toEqual(
      [],
    );
  }, 60_000);

  it("Ctrl-C at it: exit 130, nothing removed", async () => {
    const h = await newHome();
    const before = await snapshot(h.home);
    const run = reset(h);
    await terminal.waitForScreen(run.name, "Erase all of this?");
    terminal.keys(run.name, "C-c");
    expect(await run.exit()).toBe(130);
    expect(await snapshot(h.home)).toEqual(before);
  }, 60_000);
});
