import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../support/external-tool.js";
import type { Terminal } from "../config-menu/terminal.js";
import { openTerminal } from "../config-menu/terminal.js";
import type { HubHome, HubHomeOptions } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import type { InteractiveShell, TestedShell } from "./interactive-shell.js";
import { startInteractiveShell } from "./interactive-shell.js";

/**
 * `credo use` through the function of `credo shell-init`, typed into real
 * bash, zsh and fish in a tmux pane: the AWS CLI in that same shell is the
 * role afterwards, `--clear` gives back the environment it started with, and
 * credentials near expiry are refreshed before the next command.
 */
let terminal: Terminal;
let scratch = "";
let shells = 0;
const hubs: HubHome[] = [];

/** tmux, the two shells besides bash and the AWS CLI, by the suite's one rule for external tools. */
const missingTools = lacks("tmux", "zsh", "fish", "aws");

beforeAll(async () => {
  if (missingTools) return;
  terminal = openTerminal();
  scratch = await mkdtemp(join(tmpdir(), "credo-shell-use-"));
});
afterAll(async () => {
  await terminal?.close();
  await Promise.all(hubs.map((hub) => hub.cleanup()));
  await rm(scratch, { recursive: true, force: true, maxRetries: 5 });
});

async function newHub(options: HubHomeOptions = {}): Promise<HubHome> {
  const hub = await hubHome({ roleRegion: "eu-central-1", ...options });
  hubs.push(hub);
  // A second role, in another region, for `credo use prod` over `credo use dev`.
  const prod = await hub.credo([
    "role",
    "add",
    "prod",
    "--hub",
    "acme",
    "--role-arn",
    hub.demo.roles.prod,
    "--region",
    "us-east-2",
  ]);
  if (prod.code !== 0) throw new Error(prod.stderr);
  return hub;
}

/** The user's shell: AWS_PROFILE points at the hub, as it may before anyone runs `credo use`. */
async function openShell(shell: TestedShell, hub: HubHome): Promise<InteractiveShell> {
  shells += 1;
  const env: Record<string, string> = {
    AWS_PROFILE: "acme",
    AWS_EC2_METADATA_DISABLED: "true",
    // No history or fish state written into the home while it is being removed.
    HISTFILE: "",
    fish_history: "",
    XDG_DATA_HOME: join(scratch, "xdg-data"),
    XDG_CONFIG_HOME: join(scratch, "xdg-config"),
  };
  for (const [key, value] of Object.entries(hub.env()))
    if (value !== undefined && key !== "PATH") env[key] = value;
  return startInteractiveShell(terminal, shell, `${shell}${shells}`, scratch, env);
}

/** `credo use NAME` with its MFA prompt answered on the terminal. */
async function useWithMfa(sh: InteractiveShell, hub: HubHome, name: string): Promise<number> {
  const line = sh.type(`credo use ${name}`);
  await terminal.waitForScreen(sh.name, `MFA code for ${hub.demo.hub.mfaSerial}`);
  terminal.type(sh.name, hub.mfaCode());
  terminal.keys(sh.name, "Enter");
  return line.finished();
}

async function callerArn(sh: InteractiveShell, file: string): Promise<string> {
  expect(
    await sh.run(`aws sts get-caller-identity --query Arn --output text >'${join(scratch, file)}'`),
  ).toBe(0);
  const { readFile } = await import("node:fs/promises");
  return (await readFile(join(scratch, file), "utf8")).trim();
}

const credentialNames = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
];

describe.skipIf(missingTools).each(["bash", "zsh", "fish"] as const)("credo use in %s", (shell) => {
  it("switches the shell to dev, then to prod, and --clear gives back the environment as it was", async () => {
    const hub = await newHub();
    const sh = await openShell(shell, hub);
    const before = await sh.env();
    expect(before.AWS_PROFILE).toBe("acme");

    expect(await useWithMfa(sh, hub, "dev")).toBe(0);
    const dev = await sh.env();
    expect(dev.CREDO_PROFILE).toBe("dev");
    expect(dev.AWS_PROFILE).toBeUndefined();
    expect(dev.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    for (const name of credentialNames) expect(dev[name]).toBeTruthy();
    expect(dev.AWS_REGION).toBe("eu-central-1");
    expect(dev.AWS_DEFAULT_REGION).toBe("eu-central-1");
    expect(Date.parse(dev.AWS_CREDENTIAL_EXPIRATION!)).toBeGreaterThan(Date.now());
    expect(await callerArn(sh, `${sh.name}-dev-arn`)).toMatch(
      /^arn:aws:sts::222222222222:assumed-role\/Developer\//,
    );

    // prod over dev: prod's own region, not dev's left behind; the hub's MFA session is reused.
    expect(await sh.run("credo use prod")).toBe(0);
    const prod = await sh.env();
    expect(prod.CREDO_PROFILE).toBe("prod");
    expect(prod.AWS_REGION).toBe("us-east-2");
    expect(prod.AWS_DEFAULT_REGION).toBe("us-east-2");
    expect(prod.AWS_ACCESS_KEY_ID).not.toBe(dev.AWS_ACCESS_KEY_ID);
    expect(await callerArn(sh, `${sh.name}-prod-arn`)).toMatch(/^arn:aws:sts::333333333333:/);
    expect(hub.emu.calls("sts:GetSessionToken")).toBe(1);

    expect(await sh.run("credo use --clear")).toBe(0);
    expect(await sh.env()).toEqual(before);
    // The secrets were evaluated, never shown nor passed on a command line.
    const screen = sh.screen();
    const commandLines = (await sh.credoRuns()).join("\n");
    for (const env of [dev, prod]) {
      for (const text of [screen, commandLines]) {
        expect(text).not.toContain(env.AWS_SECRET_ACCESS_KEY);
        expect(text).not.toContain(env.AWS_SESSION_TOKEN);
      }
    }
  }, 120_000);

  it("--profile-only sets AWS_PROFILE and CREDO_PROFILE alone; checks before each command start no process", async () => {
    const hub = await newHub();
    const sh = await openShell(shell, hub);
    const before = await sh.env();
    expect(await sh.run("credo use dev --profile-only")).toBe(0);
    const after = await sh.env();
    expect(after).toEqual({ ...before, AWS_PROFILE: "dev", CREDO_PROFILE: "dev" });

    expect(await useWithMfa(sh, hub, "dev")).toBe(0);
    const runs = (await sh.credoRuns()).length;
    for (const line of ["true", "echo hello", "env >/dev/null"]) expect(await sh.run(line)).toBe(0);
    // An hour left: nothing to refresh, so no credo was started.
    expect(await sh.credoRuns()).toHaveLength(runs);
    expect(hub.emu.calls("sts:AssumeRole")).toBe(1);
  }, 120_000);
});

describe.skipIf(missingTools).each(["bash", "zsh", "fish"] as const)(
  "credo use in %s near expiry",
  (shell) => {
    it("refreshes the credentials before the next command, from the cached MFA session", async () => {
      // 900-second role sessions from an emulator whose clock lags: about a minute left each time.
      const hub = await newHub({ lagging: true, roleDurationSeconds: 900 });
      const sh = await openShell(shell, hub);
      expect(await useWithMfa(sh, hub, "dev")).toBe(0);
      expect(hub.emu.calls("sts:AssumeRole")).toBe(1);
      // About a minute left: each command line is preceded by a refresh, so `env` prints new keys each time.
      const first = await sh.env();
      expect(hub.emu.calls("sts:AssumeRole")).toBe(2);
      const second = await sh.env();
      expect(hub.emu.calls("sts:AssumeRole")).toBe(3);
      for (const env of [first, second]) {
        expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
        expect(env.CREDO_PROFILE).toBe("dev");
        expect(Date.parse(env.AWS_CREDENTIAL_EXPIRATION!)).toBeGreaterThan(Date.now());
      }
      expect(second.AWS_ACCESS_KEY_ID).not.toBe(first.AWS_ACCESS_KEY_ID);
      expect(hub.emu.calls("sts:GetSessionToken")).toBe(1);
      expect(sh.screen().split("MFA code for").length - 1).toBe(1);
      expect(await sh.credoRuns()).toContain("use --shell " + shell + " --quiet dev");
      expect(await callerArn(sh, `${sh.name}-arn`)).toMatch(
        /^arn:aws:sts::222222222222:assumed-role\/Developer\//,
      );
    }, 120_000);
  },
);

describe.skipIf(missingTools)("credo use with no name in bash", () => {
  it("offers the profile picker on the terminal, and the README's PS1 shows the profile and minutes left", async () => {
    const hub = await newHub();
    const sh = await openShell("bash", hub);
    expect(
      await sh.run(
        "PS1='${CREDO_PROFILE:+[$CREDO_PROFILE${credo_minutes_left:+ ${credo_minutes_left}m}] }\\$ '",
      ),
    ).toBe(0);
    const line = sh.type("credo use");
    await terminal.waitForScreen(sh.name, "Account:");
    terminal.keys(sh.name, "Down");
    terminal.keys(sh.name, "Enter");
    await terminal.waitForScreen(sh.name, `MFA code for ${hub.demo.hub.mfaSerial}`);
    terminal.type(sh.name, hub.mfaCode());
    terminal.keys(sh.name, "Enter");
    expect(await line.finished()).toBe(0);
    expect((await sh.env()).CREDO_PROFILE).toBe("dev");
    // The prompt is drawn after the line's status is written: wait for it.
    await terminal.waitForScreen(sh.name, "[dev ", 2);
    expect(sh.screen()).toMatch(/^\[dev (59|60)m\] [#$]$/m);
  }, 120_000);
});
