import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { credoBin, homeEnv, makeTempHome, runCommand } from "../support/run-credo.js";
import { hubHomeScryptCost } from "../support/vault-file.js";
import { demoHubAddArgs, demoHubSecretInput } from "../support/demo-hub-add.js";

/**
 * The hub-and-spoke story end to end through credo's commands (main(), in
 * this process, with the vault's key at the suite's lower scrypt cost),
 * against the emulator, in one temporary home: each step checks files byte
 * for byte, modes, emulator call counts, and that the hub's secret key is
 * nowhere but in the (encrypted) vault; the AWS CLI reads what `auth` wrote.
 */
const passphrase = "hub-workflow-passphrase";
const userConfig = "# my settings\n[profile keep]\nregion = us-west-2 ; mine\n";
const userCredentials =
  "[keep]\naws_access_key_id = AKIAKEEPKEEPKEEPKEEP\naws_secret_access_key = keep-me-as-I-am\n";

let emu: Emulator;
let demo: DemoIdentities;
let home: string;
let cleanup: () => Promise<void>;
let configFile: string;
let credentialsFile: string;

beforeAll(async () => {
  emu = await startEmulator();
  demo = seedDemoIdentities(emu);
  ({ home, cleanup } = await makeTempHome());
  configFile = join(home, ".aws/config");
  credentialsFile = join(home, ".aws/credentials");
  await mkdir(join(home, ".aws"));
  await writeFile(configFile, userConfig);
  await writeFile(credentialsFile, userCredentials, { mode: 0o600 });
}, 120_000);
afterAll(async () => {
  await emu.stop();
  await cleanup();
});

const env = (extra: Record<string, string> = {}) =>
  homeEnv(home, { AWS_ENDPOINT_URL: emu.url, CREDO_PASSPHRASE: passphrase, ...extra });
const credo = (args: string[], extra: Record<string, string> = {}, input?: string) =>
  credoInProcess(args, {
    env: env(extra),
    vaultScryptCost: hubHomeScryptCost,
    ...(input === undefined ? {} : { input }),
  });
const code = () => totp(demo.hub.mfaSecret ?? "", Date.now());
const read = (path: string) => readFile(path, "utf8");

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The hub's secret key appears in no file of the home but the encrypted vault, and in no output. */
async function assertSecretOnlyInVault(...outputs: string[]) {
  const secret = demo.hub.secretAccessKey;
  for (const output of outputs) expect(output.includes(secret)).toBe(false);
  for (const file of await filesUnder(home)) {
    expect((await readFile(file, "latin1")).includes(secret), file).toBe(false);
  }
}

describe("credo hub / role / auth / unauth / rotate / reset", () => {
  it("hub add: bad input is a usage error and touches nothing", async () => {
    const cases = [
      ["hub", "add", "acme", "--access-key-id", "nope", "--mfa-serial", demo.hub.mfaSerial ?? ""],
      [
        "hub",
        "add",
        "acme",
        "--access-key-id",
        demo.hub.accessKeyId,
        "--mfa-serial",
        "arn:aws:iam::1:mfa/x",
      ],
      [
        "hub",
        "add",
        "acme",
        "--access-key-id",
        demo.hub.accessKeyId,
        "--mfa-serial",
        demo.hub.mfaSerial ?? "",
        "--region",
        "mars",
      ],
      [
        "hub",
        "add",
        "bad name",
        "--access-key-id",
        demo.hub.accessKeyId,
        "--mfa-serial",
        demo.hub.mfaSerial ?? "",
      ],
      ["hub", "add", "acme", "--mfa-serial", demo.hub.mfaSerial ?? ""],
      ["role", "add", "dev", "--hub", "acme", "--role-arn", "arn:aws:iam::x:role/y"],
      ["role", "add", "dev", "--hub", "acme", "--role-arn", demo.roles.dev, "--duration", "60"],
      ["unauth"],
      ["auth", "acme", "--duration", "12"],
    ];
    for (const args of cases) {
      const run = await credo(args, {}, demoHubSecretInput(demo));
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/^credo: /);
    }
    expect(await read(configFile)).toBe(userConfig);
    expect(await read(credentialsFile)).toBe(userCredentials);
    await expect(stat(join(home, ".credo/vault.json"))).rejects.toThrow();
  });

  it("hub add refuses to replace a profile credo did not write", async () => {
    const run = await credo(
      [
        "hub",
        "add",
        "keep",
        "--access-key-id",
        demo.hub.accessKeyId,
        "--mfa-serial",
        demo.hub.mfaSerial ?? "",
        "--secret-access-key-stdin",
      ],
      {},
      demoHubSecretInput(demo),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('The profile "keep" already exists');
    expect(await read(configFile)).toBe(userConfig);
  });

  it("hub add stores the key in the vault and writes the hub profile losslessly", async () => {
    const run = await credo(demoHubAddArgs(demo), {}, demoHubSecretInput(demo));
    expect(run.stderr).toContain("Added hub acme");
    expect(run.code).toBe(0);
    expect(await read(configFile)).toBe(
      `${userConfig}\n[profile acme]\nmfa_serial = ${demo.hub.mfaSerial}\nregion = eu-west-1\ncredential_process = ${credoBin} process acme\ncredo_managed = hub\n`,
    );
    expect((await stat(join(home, ".credo/vault.json"))).mode & 0o777).toBe(0o600);
    await assertSecretOnlyInVault(run.stdout, run.stderr);
  });

  it("a wrong passphrase is exit 5 and leaves every file as it was", async () => {
    const before = await read(configFile);
    const vault = await readFile(join(home, ".credo/vault.json"));
    const run = await credo(
      [
        "hub",
        "add",
        "other",
        "--access-key-id",
        demo.hub.accessKeyId,
        "--mfa-serial",
        demo.hub.mfaSerial ?? "",
        "--secret-access-key-stdin",
      ],
      { CREDO_PASSPHRASE: "not the passphrase" },
      demoHubSecretInput(demo),
    );
    expect(run.code).toBe(5);
    expect(await read(configFile)).toBe(before);
    expect(await readFile(join(home, ".credo/vault.json"))).toEqual(vault);
  });

  it("role add writes standard role profiles; role list shows them", async () => {
    expect(
      (
        await credo([
          "role",
          "add",
          "dev",
          "--hub",
          "acme",
          "--role-arn",
          demo.roles.dev,
          "--region",
          "eu-central-1",
        ])
      ).code,
    ).toBe(0);
    const prod = await credo([
      "role",
      "add",
      "prod",
      "--hub",
      "acme",
      "--account",
      "333333333333",
      "--role",
      "Admin",
      "--duration",
      "3600",
      "--session-name",
      "alice",
    ]);
    expect(prod.code).toBe(0);
    expect(await read(configFile)).toContain(
      `\n[profile dev]\nrole_arn = ${demo.roles.dev}\nsource_profile = acme\nregion = eu-central-1\ncredo_managed = role\n\n[profile prod]\nrole_arn = ${demo.roles.prod}\nsource_profile = acme\nduration_seconds = 3600\nrole_session_name = alice\ncredo_managed = role\n`,
    );
    const list = await credo(["role", "list", "--json"]);
    expect(JSON.parse(list.stdout)).toEqual([
      { name: "dev", roleArn: demo.roles.dev, hub: "acme", region: "eu-central-1", mfa: false },
      { name: "prod", roleArn: demo.roles.prod, hub: "acme", region: null, mfa: false },
    ]);
    expect(
      (await credo(["role", "add", "x", "--hub", "nohub", "--role-arn", demo.roles.dev])).code,
    ).toBe(3);
  });

  it("auth: one MFA session serves the hub and every role; sections are credo's and 0600", async () => {
    emu.resetCalls();
    const hub = await credo(["auth", "acme", "--mfa-code", code()]);
    expect(hub.stderr).toContain("Wrote credentials for acme to [default]");
    expect(hub.code).toBe(0);
    const dev = await credo(["auth", "dev", "--as", "dev"]);
    const prod = await credo(["auth", "prod", "--as", "prod"]);
    expect([dev.code, prod.code]).toEqual([0, 0]);
    expect(emu.calls("sts:GetSessionToken")).toBe(1);
    expect(emu.calls("sts:AssumeRole")).toBe(2);
    const text = await read(credentialsFile);
    expect(text.startsWith(userCredentials)).toBe(true);
    expect(text).toMatch(
      /\n# credo: temporary credentials from `credo auth dev`, expire [0-9T:.-]+Z; `credo unauth` removes them\n\[dev\]\naws_access_key_id = ASIA/,
    );
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    // The AWS CLI reads the hub's session from [default] as any static profile, without credo.
    // Asynchronously: the emulator runs in this process and must keep answering.
    const who = await runCommand(
      "aws",
      ["sts", "get-caller-identity", "--endpoint-url", emu.url, "--region", "us-east-1"],
      {
        env: { HOME: home },
      },
    );
    expect(who.stderr).toBe("");
    expect(JSON.parse(who.stdout).Arn).toBe(demo.hub.arn);
    const list = JSON.parse((await credo(["hub", "list", "--json"])).stdout);
    expect(list).toMatchObject([
      { name: "acme", accessKeyId: expect.stringMatching(/^AKIA\*+/), session: "active" },
    ]);
    await assertSecretOnlyInVault(hub.stdout, hub.stderr, dev.stderr, prod.stderr);
  });

  it("auth --no-session assumes the role straight from the hub's key with the MFA code", async () => {
    emu.resetCalls();
    const run = await credo(["auth", "prod", "--as", "prod", "--no-session", "--mfa-code", code()]);
    expect(run.code).toBe(0);
    expect(emu.calls("sts:GetSessionToken")).toBe(0);
    expect(emu.calls("sts:AssumeRole")).toBe(1);
  });

  it("auth refuses a section credo did not write; --force refuses long-term keys and keeps a private copy of just the section it replaces", async () => {
    const before = await read(credentialsFile);
    const backups = async () =>
      (await readdir(join(home, ".aws")))
        .filter((name) => name.startsWith("credentials.credo-backup-"))
        .map((name) => join(home, ".aws", name));
    const refused = await credo(["auth", "dev", "--as", "keep"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("[keep] of ~/.aws/credentials was not written by credo");
    expect(refused.stderr).toContain("credo import --profile keep");
    expect(await read(credentialsFile)).toBe(before);
    const unauthRefused = await credo(["unauth", "keep"]);
    expect(unauthRefused.code).toBe(3);
    expect(await read(credentialsFile)).toBe(before);

    // Regression: --force copied the whole file, every profile's long-term keys, to a backup nothing looked at.
    const forcedOverKeys = await credo(["auth", "dev", "--as", "keep", "--force"]);
    expect(forcedOverKeys.code).toBe(3);
    expect(forcedOverKeys.stderr).toContain(
      "[keep] of ~/.aws/credentials holds long-term access keys",
    );
    expect(forcedOverKeys.stderr).toContain("credo import --profile keep");
    expect(await read(credentialsFile)).toBe(before);
    expect(await backups()).toEqual([]);

    const foreign =
      "# someone else's session\n[other]\nregion = eu-west-1\naws_access_key_id = ASIAOTHEROTHEROTHER1\n" +
      "aws_secret_access_key = other-secret\naws_session_token = other-token\n";
    await writeFile(credentialsFile, `${before}\n${foreign}`);
    const forced = await credo(["auth", "dev", "--as", "other", "--force"]);
    expect(forced.code).toBe(0);
    const kept = await backups();
    expect(kept).toHaveLength(1);
    const backup = kept[0] ?? "";
    expect(forced.stderr).toContain(`Kept a copy of the replaced section [other] in ${backup}`);
    expect(await read(backup)).toBe(foreign);
    expect((await stat(backup)).mode & 0o777).toBe(0o600);
    const after = await read(credentialsFile);
    expect(after.startsWith(before)).toBe(true);
    expect(after).not.toContain("other-secret");
    await writeFile(credentialsFile, before);
    await rm(backup);
  });

  it("unauth removes exactly what auth added: the file is byte for byte as before", async () => {
    const run = await credo(["unauth", "--all"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Removed [default], [dev], [prod]");
    expect(await read(credentialsFile)).toBe(userCredentials);
  });

  it("rotate replaces the hub's key through its MFA session and drops its cached sessions", async () => {
    const oldKey = demo.hub.accessKeyId;
    emu.resetCalls();
    const run = await credo(["rotate", "acme", "--mfa-code", code()]);
    expect(run.stderr).toContain("Rotated hub acme");
    expect(run.code).toBe(0);
    const keys = emu.accessKeyIds(demo.hub.account, demo.hub.userName);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(oldKey);
    expect(emu.calls("iam:CreateAccessKey")).toBe(1);
    expect(emu.calls("iam:DeleteAccessKey")).toBe(1);
    // IAM went through the cached MFA session; the cache is cleared, so the next session is signed
    // with the new key (the old one no longer exists at the emulator) and needs a new code.
    expect(emu.calls("sts:GetSessionToken")).toBe(0);
    const who = await credo(["whoami", "acme", "--json", "--mfa-code", code()]);
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout).arn).toBe(demo.hub.arn);
    expect(emu.calls("sts:GetSessionToken")).toBe(1);
  });

  it("crypto status reports the encrypted vault; change-passphrase re-encrypts it", async () => {
    const status = JSON.parse((await credo(["crypto", "status", "--json"])).stdout);
    expect(status).toMatchObject({
      backend: "file",
      encrypted: true,
      exists: true,
      kdf: { name: "scrypt" },
    });
    const changed = await credo(["crypto", "change-passphrase"], {
      CREDO_NEW_PASSPHRASE: "a new passphrase",
    });
    expect(changed.code).toBe(0);
    expect((await credo(["hub", "list"])).code).toBe(5);
    expect((await credo(["hub", "list"], { CREDO_PASSPHRASE: "a new passphrase" })).code).toBe(0);
    await credo(["crypto", "change-passphrase"], {
      CREDO_PASSPHRASE: "a new passphrase",
      CREDO_NEW_PASSPHRASE: passphrase,
    });
  });

  it("hub remove and reset take away what credo added, nothing else", async () => {
    const before = await read(configFile);
    const added = await credo(
      [
        "hub",
        "add",
        "spare",
        "--access-key-id",
        "AKIASPARESPARESPARE1",
        "--mfa-serial",
        demo.hub.mfaSerial ?? "",
        "--secret-access-key-stdin",
      ],
      {},
      "spare/secret/key/spare/secret/key/spare000\n",
    );
    expect(added.code).toBe(0);
    expect((await credo(["hub", "remove", "spare"])).code).toBe(2);
    const removed = await credo(["hub", "remove", "spare", "--yes"]);
    expect(removed.stderr).toBe("Removed hub spare: its key from the vault, [profile spare].\n");
    expect(await read(configFile)).toBe(before);
    expect(
      JSON.parse((await credo(["hub", "list", "--json"])).stdout).map(
        (hub: { name: string }) => hub.name,
      ),
    ).toEqual(["acme"]);

    expect((await credo(["auth", "dev", "--as", "dev"])).code).toBe(0);
    // A copy of the whole file, long-term keys included, as `auth --force` used to leave behind.
    const oldBackup = `${credentialsFile}.credo-backup-2026-01-01T00-00-00-000Z`;
    await writeFile(oldBackup, userCredentials, { mode: 0o600 });
    const keylessBackup = `${credentialsFile}.credo-backup-2026-01-02T00-00-00-000Z`;
    await writeFile(keylessBackup, "[other]\nregion = eu-west-1\n", { mode: 0o600 });
    const noTty = await credo(["reset"]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain("credo reset will remove:");
    expect(noTty.stderr).toContain(`${oldBackup} (a copy holding access keys)`);
    expect(noTty.stderr).not.toContain(keylessBackup);
    const reset = await credo(["reset", "--yes"]);
    expect(reset.code).toBe(0);
    expect(await read(configFile)).toBe(userConfig);
    expect(await read(credentialsFile)).toBe(userCredentials);
    await expect(stat(oldBackup)).rejects.toThrow();
    expect(await read(keylessBackup)).toBe("[other]\nregion = eu-west-1\n");
    await expect(stat(join(home, ".credo"))).rejects.toThrow();
  });
});
