import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { getHubKeys } from "../../src/vault/hub-keys.js";
import { unlockedVault } from "../support/unlocked-vault.js";
import { makeTempHome } from "../support/run-credo.js";
import type { ScriptStep } from "../support/scripted-prompter.js";
import { scriptedPrompter } from "../support/scripted-prompter.js";
import { captureContext } from "../support/test-context.js";

/**
 * `credo config`'s menus, answered in-process by a scripted prompter (the
 * terminal itself is covered by test/io/tty-prompt.test.ts and
 * test/terminal/): the files written are byte for byte those of the
 * commands without menus, and a cancelled question changes nothing.
 */
const accessKeyId = "AKIAEXAMPLEHUB000001";
const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz1secret";
const passphrase = "menu-passphrase";
const mfaSerial = "arn:aws:iam::111111111111:mfa/alice";
const initialConfig = "# my own settings\n[default]\nregion = us-east-1 ; keep me\n";
const menu = "What would you like to do?";

/** Add hub acme, role dev (222222222222 Developer) and role prod (333333333333 Admin, us-east-2, own MFA), then save. */
const addHubAndTwoRoles: ScriptStep[] = [
  { kind: "select", question: menu, answer: "Add a hub (an IAM user" },
  { kind: "text", question: "Hub name", answer: "acme" },
  { kind: "text", question: "Access key id", answer: accessKeyId },
  { kind: "secret", question: "Secret access key", answer: secret },
  { kind: "text", question: "MFA device ARN", answer: mfaSerial },
  { kind: "text", question: "Region (empty for none)", answer: "eu-west-1" },
  { kind: "select", question: menu, answer: "Add a role" },
  { kind: "select", question: "Hub the role trusts", answer: "acme" },
  { kind: "text", question: "Account id", answer: "222222222222" },
  { kind: "text", question: "Role name", answer: "Developer" },
  { kind: "text", question: "Profile name for this role", answer: "dev" },
  { kind: "text", question: "Region (empty for eu-west-1)", answer: "" },
  { kind: "confirm", question: "Does the role itself demand", answer: false },
  { kind: "select", question: menu, answer: "Add a role" },
  { kind: "select", question: "Hub the role trusts", answer: "acme" },
  { kind: "text", question: "Account id", answer: "333333333333" },
  { kind: "text", question: "Role name", answer: "Admin" },
  { kind: "text", question: "Profile name for this role", answer: "prod" },
  { kind: "text", question: "Region (empty for eu-west-1)", answer: "us-east-2" },
  { kind: "confirm", question: "Does the role itself demand", answer: true },
  { kind: "select", question: menu, answer: "Save 3 changes and exit" },
];

let expectedConfig: string;

/** Runs credo in this process in `home`; stdout and stderr are captured. */
async function credo(
  home: string,
  args: string[],
  env: Record<string, string> = {},
  script?: ScriptStep[],
) {
  const prompter = script === undefined ? undefined : scriptedPrompter(script);
  const ctx = captureContext(home, env, prompter === undefined ? {} : { prompter });
  const code = await main(args, ctx);
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr(), prompter };
}

beforeAll(async () => {
  // What the non-interactive commands write for the same answers, in a home of their own.
  const { home, cleanup } = await freshHome();
  const env = { CREDO_PASSPHRASE: passphrase };
  const runs = [
    await credo(
      home,
      ["hub", "add", "acme", "--from-env", "--mfa-serial", mfaSerial, "--region", "eu-west-1"],
      { ...env, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secret },
    ),
    await credo(
      home,
      ["role", "add", "dev", "--hub", "acme", "--account", "222222222222", "--role", "Developer"],
      env,
    ),
    await credo(
      home,
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
      env,
    ),
  ];
  expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
  expectedConfig = await readFile(join(home, ".aws/config"), "utf8");
  await cleanup();
});

async function freshHome() {
  const made = await makeTempHome();
  await mkdir(join(made.home, ".aws"));
  await writeFile(join(made.home, ".aws/config"), initialConfig);
  return made;
}

describe("credo config through its menus", () => {
  it("adds a hub and two roles through the menus: ~/.aws/config is byte for byte what credo hub add and credo role add write", async () => {
    const { home, cleanup } = await freshHome();
    try {
      const run = await credo(
        home,
        ["config"],
        { CREDO_PASSPHRASE: passphrase },
        addHubAndTwoRoles,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.prompter?.remaining()).toEqual([]);
      expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(expectedConfig);
      expect(run.stdout).toContain("Saved hub acme");
      expect(run.stdout).toContain("Saved role prod");
      expect(run.stdout + run.stderr).not.toContain(secret);
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
      const refEnv = { CREDO_PASSPHRASE: passphrase };
      const runs = [
        await credo(
          reference.home,
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
          refEnv,
        ),
        await credo(reference.home, ["role", "remove", "dev"], refEnv),
      ];
      expect(runs.map((run) => run.code)).toEqual([0, 0]);
      const steps: ScriptStep[] = [
        { kind: "select", question: menu, answer: "Edit a role" },
        { kind: "select", question: "Role to edit", answer: "prod" },
        { kind: "select", question: "Change what?", answer: "Region" },
        { kind: "text", question: "Region (empty for the hub's)", answer: "eu-west-2" },
        { kind: "select", question: menu, answer: "Delete a role" },
        { kind: "select", question: "Role to delete", answer: "dev" },
        { kind: "confirm", question: "Delete role dev?", answer: true },
        { kind: "select", question: menu, answer: "Save 2 changes and exit" },
      ];
      // Editing a role needs no vault: no passphrase is asked or given.
      const run = await credo(home, ["config"], {}, steps);
      expect(run.code, run.stderr).toBe(0);
      expect(run.prompter?.remaining()).toEqual([]);
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
    const questions: ScriptStep[] = [
      ...addHubAndTwoRoles,
      { kind: "secret", question: "New vault passphrase", answer: "cancel" },
    ];
    for (const [index, step] of questions.entries()) {
      const { home, cleanup } = await freshHome();
      try {
        const script = [...questions.slice(0, index), { ...step, answer: "cancel" } as ScriptStep];
        const run = await credo(home, ["config"], {}, script);
        expect(run.code, `Ctrl-C at "${step.question}"`).toBe(130);
        expect(run.prompter?.remaining()).toEqual([]);
        expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(initialConfig);
        expect(await readdir(join(home, ".aws"))).toEqual(["config"]);
        expect(
          await readdir(home).then((entries) => entries.filter((entry) => entry === ".credo")),
        ).toEqual([]);
      } finally {
        await cleanup();
      }
    }
  });
});
