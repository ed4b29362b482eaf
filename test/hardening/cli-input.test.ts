import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/all-commands.js";
import { main } from "../../src/main.js";
import { captureContext } from "../support/test-context.js";
import { ProfileDocument, profileSetOf } from "../../src/profile-files/index.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { snapshotTree } from "./home-snapshot.js";

let h: HubHome;
let home: string;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written" });
  home = h.home;
});

afterAll(async () => {
  await h.cleanup();
});

/** Runs credo in process against the temp home: no network, no terminal, no passphrase. */
async function credo(args: string[], env: Record<string, string> = {}) {
  const ctx = captureContext(home, { ...h.env(), ...env });
  const code = await main(args, ctx);
  return { code, stdout: ctx.stdout(), stderr: ctx.stderr() };
}

/** Every runnable command path, from the same commander tree `credo` builds. */
function leafCommands(): Array<{ path: string[]; command: Command }> {
  const program = buildProgram(captureContext(home, {}));
  const leaves: Array<{ path: string[]; command: Command }> = [];
  const walk = (command: Command, path: string[]) => {
    for (const sub of command.commands) {
      if (sub.name() === "help") continue;
      if (sub.commands.length === 0) leaves.push({ path: [...path, sub.name()], command: sub });
      else walk(sub, [...path, sub.name()]);
    }
  };
  walk(program, []);
  return leaves;
}

const leaves = leafCommands();

/** Placeholder values for a command's mandatory options, so commander gets as far as the part under test. */
function mandatoryOptions(command: Command): string[] {
  return command.options
    .filter((option) => option.mandatory)
    .flatMap((option) => [option.long ?? "", "x"]);
}

/** A usage error: exit 2, nothing on stdout, the problem on one line and the pointer to --help on the next. */
function expectUsageError(run: { code: number; stdout: string; stderr: string }, problem: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^credo: /);
  expect(lines[0]).toMatch(problem);
  expect(lines).toHaveLength(2);
}

describe("every command's argument handling", () => {
  it("finds the whole command tree", () => {
    const names = leaves.map((leaf) => leaf.path.join(" "));
    expect(names).toEqual(
      expect.arrayContaining(["whoami", "hub add", "sso sync", "crypto status"]),
    );
    expect(names.length).toBeGreaterThan(25);
  });

  it.each(leaves.map((leaf) => [leaf.path.join(" "), leaf] as const))(
    "credo %s --bogus-option is a usage error that changes nothing",
    async (_name, leaf) => {
      const before = await snapshotTree(home);
      expectUsageError(
        await credo([...leaf.path, ...mandatoryOptions(leaf.command), "--bogus-option"]),
        /unknown option '--bogus-option'/,
      );
      expect(await snapshotTree(home)).toEqual(before);
    },
  );

  const bounded = leaves.filter(({ command }) =>
    command.registeredArguments.every((argument) => !argument.variadic),
  );
  it.each(bounded.map((leaf) => [leaf.path.join(" "), leaf] as const))(
    "credo %s with one argument too many is a usage error",
    async (_name, { path, command }) => {
      const extra = Array.from(
        { length: command.registeredArguments.length + 1 },
        (_, i) => `x${i}`,
      );
      expectUsageError(
        await credo([...path, ...mandatoryOptions(command), ...extra]),
        /too many arguments/,
      );
    },
  );

  const required = leaves.filter(({ command }) =>
    command.registeredArguments.some((argument) => argument.required),
  );
  it.each(required.map((leaf) => [leaf.path.join(" "), leaf] as const))(
    "credo %s without its required argument is a usage error",
    async (_name, { path, command }) => {
      expectUsageError(
        await credo([...path, ...mandatoryOptions(command)]),
        /missing required argument/,
      );
    },
  );

  it("an unknown command suggests the nearest one", async () => {
    const run = await credo(["whoam"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^credo: unknown command 'whoam'\n\(Did you mean whoami\?\)\n/);
  });
});

describe("malformed values", () => {
  it.each(["12345", "1234567", "abcdef", "12 456", ""])(
    "--mfa-code %j is refused before any network call",
    async (code) => {
      h.emu.resetCalls();
      const run = await credo(["export", "dev", "--mfa-code", code]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^credo: The MFA code from --mfa-code is not six digits\.\n/);
      expect(h.emu.calls()).toBe(0);
    },
  );

  const roleAdd = (flags: string[]) =>
    credo(["role", "add", "spoke", "--hub", "acme", ...flags], { CREDO_PASSPHRASE: "unused-pass" });

  it.each([
    [["--role-arn", "not-an-arn"]],
    [["--role-arn", "arn:aws:iam::12345:role/X"]],
    [["--role-arn", "arn:aws:s3:::bucket"]],
    [["--account", "12345678901", "--role", "Admin"]],
    [["--account", "abcdefghijkl", "--role", "Admin"]],
    [["--role-arn", "arn:aws:iam::222222222222:role/X", "--duration", "899"]],
    [["--role-arn", "arn:aws:iam::222222222222:role/X", "--duration", "43201"]],
    [["--role-arn", "arn:aws:iam::222222222222:role/X", "--duration", "1h"]],
    [["--role-arn", "arn:aws:iam::222222222222:role/X", "--region", "not a region"]],
  ])("role add %j is refused with one message and no file changed", async (flags) => {
    const before = await snapshotTree(home);
    const run = await roleAdd(flags);
    expect([2, 3]).toContain(run.code);
    expect(run.stderr.split("\n")[0]).toMatch(/^credo: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await snapshotTree(home)).toEqual(before);
  });

  it.each([["0"], ["899"], ["129601"], ["soon"]])(
    "auth --duration %s is refused",
    async (duration) => {
      const run = await credo(["auth", "acme", "--duration", duration, "--mfa-code", "123456"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/duration/i);
    },
  );

  it.each([["my profile"], ["[bracketed]"], ["ünïcødé-プロファイル"]])(
    "a profile named %j that does not exist is a config error naming it",
    async (name) => {
      const run = await credo(["export", name]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n")[0]).toContain(`(${name})`);
    },
  );

  it.each([["my spoke"], ["spoke[1]"], ["ünïcødé-プロファイル"], ["a=b"], ["#hash"]])(
    "role add %j either writes a profile the AWS parsers read back, or refuses it cleanly",
    async (name) => {
      const before = await snapshotTree(home);
      const run = await credo([
        "role",
        "add",
        name,
        "--hub",
        "acme",
        "--role-arn",
        "arn:aws:iam::222222222222:role/Developer",
      ]);
      const config = await readFile(h.configFile, "utf8");
      if (run.code === 0) {
        expect(
          profileSetOf(ProfileDocument.parse(config, "config")).profiles[name]?.["role_arn"],
        ).toBe("arn:aws:iam::222222222222:role/Developer");
        expect((await credo(["role", "remove", name])).code).toBe(0);
      } else {
        expect(run.code).toBe(2);
        expect(run.stderr.split("\n")[0]).toMatch(/^credo: /);
        expect(await snapshotTree(home)).toEqual(before);
      }
      expect(() => profileSetOf(ProfileDocument.parse(config, "config"))).not.toThrow();
    },
  );
});

describe("environment variables set to empty strings are unset, as in botocore", () => {
  it("AWS_PROFILE= falls back to default, not to a profile named ''", async () => {
    const run = await credo(["explain", "--json"], { AWS_PROFILE: "" });
    const withoutVariable = await credo(["explain", "--json"]);
    expect(run.stdout).toBe(withoutVariable.stdout);
    expect(run.code).toBe(withoutVariable.code);
  });

  it("AWS_CONFIG_FILE= reads ~/.aws/config", async () => {
    const run = await credo(["explain", "dev", "--json"], { AWS_CONFIG_FILE: "" });
    expect(run.stdout).toContain(h.configFile);
    expect(run.stdout).toContain("arn:aws:iam::222222222222:role/Developer");
  });

  it("empty AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not environment credentials", async () => {
    const run = await credo(["explain", "dev", "--json"], {
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
    });
    const plain = await credo(["explain", "dev", "--json"]);
    expect(run.stdout).toBe(plain.stdout);
  });
});
