import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getHubKeys } from "../../src/vault/hub-keys.js";
import { unlockedVault } from "../support/unlocked-vault.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import type { Terminal } from "./terminal.js";
import { lacksTmux, openTerminal } from "./terminal.js";

const noTmux = lacksTmux();

const accessKeyId = "AKIAEXAMPLEHUB000001";
const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz1secret";
const passphrase = "menu-passphrase";
const mfaSerial = "arn:aws:iam::111111111111:mfa/alice";
const initialConfig = "# my own settings\n[default]\nregion = us-east-1 ; keep me\n";

/** One question of the menus: what marks it on screen, and the answer. */
interface Step {
  wait: string;
  type?: string;
  keys?: string[];
}

/** Add hub acme, role dev (222222222222 Developer) and role prod (333333333333 Admin, us-east-2, own MFA), then save. */
const addHubAndTwoRoles: Step[] = [
  { wait: "Add a hub (an IAM user" },
  { wait: "Hub name", type: "acme" },
  { wait: "Access key id", type: accessKeyId },
  { wait: "Secret access key", type: secret },
  { wait: "MFA device ARN", type: mfaSerial },
  { wait: "Region (empty for none)", type: "eu-west-1" },
  { wait: "Save 1 change and exit", keys: ["Down", "Enter"] },
  { wait: "Hub the role trusts" },
  { wait: "Account id", type: "222222222222" },
  { wait: "Role name", type: "Developer" },
  { wait: "Profile name for this role", type: "dev" },
  { wait: "Region (empty for eu-west-1)" },
  { wait: "Does the role itself demand" },
  { wait: "Save 2 changes and exit", keys: ["Down", "Enter"] },
  { wait: "Hub the role trusts" },
  { wait: "Account id", type: "333333333333" },
  { wait: "Role name", type: "Admin" },
  { wait: "Profile name for this role", type: "prod" },
  { wait: "Region (empty for eu-west-1)", type: "us-east-2" },
  { wait: "Does the role itself demand", type: "y" },
  // The list wraps: two up from the first entry is "Save", above "Exit without saving".
  { wait: "Save 3 changes and exit", keys: ["Up", "Up", "Enter"] },
];

let terminal: Terminal;
let expectedConfig: string;

beforeAll(async () => {
  if (noTmux) return;
  terminal = openTerminal();
  // What the non-interactive commands write for the same answers, in a home of their own.
  const { home, cleanup } = await freshHome();
  const env = homeEnv(home, { CREDO_PASSPHRASE: passphrase });
  const runs = [
    await runCredo(
      [
        "hub",
        "add",
        "acme",
        "--access-key-id",
        accessKeyId,
        "--mfa-serial",
        mfaSerial,
        "--region",
        "eu-west-1",
        "--secret-access-key-stdin",
      ],
      { env, input: `${secret}\n` },
    ),
    await runCredo(
      ["role", "add", "dev", "--hub", "acme", "--account", "222222222222", "--role", "Developer"],
      { env },
    ),
    await runCredo(
      [
        "role",
        "add",
        "prod",
        "--hub",
        "acme",
        "--role-arn",
        "arn:aws:iam::333333333333:role/Admin",
        "--mfa",
        "--region",
        "us-east-2",
      ],
      { env },
    ),
  ];
  expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
  expectedConfig = await readFile(join(home, ".aws/config"), "utf8");
  await cleanup();
});

afterAll(async () => {
  await terminal?.close();
});

async function freshHome() {
  const made = await makeTempHome();
  await mkdir(join(made.home, ".aws"));
  await writeFile(join(made.home, ".aws/config"), initialConfig);
  return made;
}

/** Runs `credo config` in the terminal through `steps`, then the extra keys; returns the exit code. */
async function drive(
  name: string,
  home: string,
  steps: readonly Step[],
  env: Record<string, string>,
  then: string[] = [],
) {
  const codeFile = join(home, "exit-code");
  terminal.start(name, ["config"], homeEnv(home, env) as Record<string, string>, codeFile);
  const seen = new Map<string, number>();
  for (const step of steps) {
    const times = (seen.get(step.wait) ?? 0) + 1;
    seen.set(step.wait, times);
    await terminal.waitForScreen(name, step.wait, times);
    if (step.type !== undefined) terminal.type(name, step.type);
    terminal.keys(name, ...(step.keys ?? ["Enter"]));
  }
  if (then.length > 0) terminal.keys(name, ...then);
  return terminal.waitForExit(codeFile);
}

describe.skipIf(noTmux)("credo config in a real terminal", () => {
  it("adds a hub and two roles through the menus: ~/.aws/config is byte for byte what credo hub add and credo role add write", async () => {
    const { home, cleanup } = await freshHome();
    try {
      const code = await drive("add", home, addHubAndTwoRoles, { CREDO_PASSPHRASE: passphrase });
      const screen = terminal.screen("add");
      expect(code, screen).toBe(0);
      expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(expectedConfig);
      expect(screen).toContain("Saved hub acme");
      expect(screen).toContain("Saved role prod");
      expect(screen).not.toContain(secret);
      const vault = await unlockedVault(join(home, ".credo"), passphrase);
      expect(await getHubKeys(vault, "acme")).toEqual({ accessKeyId, secretAccessKey: secret });
      expect(await readFile(join(home, ".credo/vault.json"), "utf8")).not.toContain(secret);
    } finally {
      await cleanup();
    }
  });

  it("edits a role's region and deletes another: the same bytes as credo role add and credo role remove", async () => {
    const { home, cleanup } = await freshHome();
    const reference = await freshHome();
    try {
      await writeFile(join(home, ".aws/config"), expectedConfig);
      await writeFile(join(reference.home, ".aws/config"), expectedConfig);
      const refEnv = homeEnv(reference.home, { CREDO_PASSPHRASE: passphrase });
      const runs = [
        await runCredo(
          [
            "role",
            "add",
            "prod",
            "--hub",
            "acme",
            "--role-arn",
            "arn:aws:iam::333333333333:role/Admin",
            "--mfa",
            "--region",
            "eu-west-2",
          ],
          { env: refEnv },
        ),
        await runCredo(["role", "remove", "dev"], { env: refEnv }),
      ];
      expect(runs.map((run) => run.code)).toEqual([0, 0]);
      const steps: Step[] = [
        { wait: "Delete a role", keys: ["Down", "Down", "Down", "Enter"] },
        { wait: "Role to edit", keys: ["Down", "Enter"] },
        { wait: "Change what?", keys: ["Down", "Down", "Enter"] },
        { wait: "Region (empty for the hub's)", type: "eu-west-2" },
        { wait: "Save 1 change and exit", keys: ["Down", "Down", "Down", "Down", "Down", "Enter"] },
        { wait: "Role to delete" },
        { wait: "Delete role dev?", type: "y" },
        { wait: "Save 2 changes and exit", keys: ["Up", "Up", "Enter"] },
      ];
      // Editing a role needs no vault: no passphrase is asked or given.
      const code = await drive("edit", home, steps, {});
      expect(code, terminal.screen("edit")).toBe(0);
      expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(
        await readFile(join(reference.home, ".aws/config"), "utf8"),
      );
    } finally {
      await cleanup();
      await reference.cleanup();
    }
  });

  it("Ctrl-C at every question, the vault passphrase included, leaves every file byte for byte as it was", async () => {
    // Without CREDO_PASSPHRASE, saving asks for a new vault passphrase: the last question.
    const cases = [
      ...addHubAndTwoRoles.map((_, index) => addHubAndTwoRoles.slice(0, index)),
      addHubAndTwoRoles,
    ];
    const waits = [...addHubAndTwoRoles.map((step) => step.wait), "New vault passphrase"];
    // A few at a time: each is a node process on a shared two-core machine.
    for (let start = 0; start < cases.length; start += 4) {
      await Promise.all(
        cases.slice(start, start + 4).map(async (steps, offset) => {
          const index = start + offset;
          const { home, cleanup } = await freshHome();
          try {
            const name = `cancel-${index}`;
            const wait = waits[index] ?? "";
            const times = steps.filter((step) => step.wait === wait).length + 1;
            const codeFile = join(home, "exit-code");
            const done = drive(name, home, steps, {}, []);
            await terminal.waitForScreen(name, wait, times);
            terminal.keys(name, "C-c");
            expect(await done, `Ctrl-C at "${wait}"`).toBe(130);
            expect(await readFile(codeFile, "utf8")).toBe("130\n");
            expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(initialConfig);
            expect(await readdir(join(home, ".aws"))).toEqual(["config"]);
            expect(
              await readdir(home).then((entries) => entries.filter((entry) => entry === ".credo")),
            ).toEqual([]);
          } finally {
            await cleanup();
          }
        }),
      );
    }
  });
});
