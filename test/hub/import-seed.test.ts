import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EmulatedUserCredentials, Emulator } from "../../src/emulator/index.js";
import { startEmulator, totp } from "../../src/emulator/index.js";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { credoBin, homeEnv, makeTempHome, projectRoot, runCommand } from "../support/run-credo.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { hubHomeScryptCost } from "../support/vault-file.js";

/** Runs credo's main() in this process; the vaults it creates and unlocks get the test key cost. */
function credo(args: readonly string[], options: Parameters<typeof credoInProcess>[1] = {}) {
  return credoInProcess(args, { ...options, vaultScryptCost: hubHomeScryptCost });
}

/**
 * Seed 002 (refresh_mfa.py): keys in `[FoobarAccount]`, the MFA device in the
 * unprefixed `[FoobarAccount]` config section, `[profile foobar]` sourcing it,
 * roles sourcing foobar. After `credo import`, `aws --profile baszooDev` works
 * both ways: natively through foobar's credential_process, and from the
 * section `credo auth foobar --as foobar` writes (the seed's own hand-off).
 */
const passphrase = "import-seed-passphrase";
const foobarAccount = "789020007890";
const baszooAccount = "343220004567";
const acmeAccount = "123450001234";

let emu: Emulator;
let bjohnson: EmulatedUserCredentials;
let bob: EmulatedUserCredentials;
let home: string;
let cleanup: () => Promise<void>;
let configFile: string;
let credentialsFile: string;

const seedConfig = () => `[AcmeAccount]
mfa_serial = ${bob.mfaSerial}
output = json

[FoobarAccount]
mfa_serial = ${bjohnson.mfaSerial}
output = json

[profile acme]
user_arn = ${bob.arn}
source_profile = AcmeAccount

[profile foobar]
user_arn = ${bjohnson.arn}
source_profile = FoobarAccount

[profile baszooDev]
region = eu-central-1
role_arn = arn:aws:iam::${baszooAccount}:role/DeveloperRole
source_profile = foobar

[profile baszooAdmin]
region = eu-west-1
role_arn = arn:aws:iam::${baszooAccount}:role/AdminRole
source_profile = foobar
`;
const seedCredentials = () => `[AcmeAccount]
aws_access_key_id = ${bob.accessKeyId}
aws_secret_access_key = ${bob.secretAccessKey}

[FoobarAccount]
aws_access_key_id = ${bjohnson.accessKeyId}
aws_secret_access_key = ${bjohnson.secretAccessKey}
`;

beforeAll(async () => {
  emu = await startEmulator();
  bjohnson = emu.createUser({ account: foobarAccount, userName: "bjohnson", mfa: true });
  bob = emu.createUser({ account: acmeAccount, userName: "bob", mfa: true });
  for (const role of ["DeveloperRole", "AdminRole"]) {
    emu.createRole({
      arn: `arn:aws:iam::${baszooAccount}:role/${role}`,
      trustAccounts: [foobarAccount],
    });
  }
  ({ home, cleanup } = await makeTempHome());
  configFile = join(home, ".aws/config");
  credentialsFile = join(home, ".aws/credentials");
  await mkdir(join(home, ".aws"));
  await writeFile(configFile, seedConfig());
  await writeFile(credentialsFile, seedCredentials(), { mode: 0o600 });
}, 120_000);
afterAll(async () => {
  await emu.stop();
  await cleanup();
});

const env = (extra: Record<string, string | undefined> = {}) =>
  homeEnv(home, { AWS_ENDPOINT_URL: emu.url, CREDO_PASSPHRASE: passphrase, ...extra });
/** The AWS CLI v1 (botocore), run asynchronously: the emulator lives in this process. */
const aws = (args: string[], extra: Record<string, string | undefined> = {}) =>
  runCommand("aws", [...args, "--output", "json"], { env: env(extra) });

it("imports the seed's keys into the vault and makes foobar and acme the hubs the roles name", async () => {
  const run = await credo(["import"], { env: env() });
  expect(run.stderr).toContain("Imported [FoobarAccount] as hub foobar");
  expect(run.code).toBe(0);
  const process = (hub: string) => `${credoBin} process ${hub}`;
  expect(await readFile(configFile, "utf8")).toBe(
    seedConfig()
      .replace(
        `source_profile = AcmeAccount\n`,
        `mfa_serial = ${bob.mfaSerial}\ncredential_process = ${process("acme")}\ncredo_managed = hub\n`,
      )
      .replace(
        `source_profile = FoobarAccount\n`,
        `mfa_serial = ${bjohnson.mfaSerial}\ncredential_process = ${process("foobar")}\ncredo_managed = hub\n`,
      ),
  );
  expect(await readFile(credentialsFile, "utf8")).toBe("");
  // The old keys are nowhere on disk but in the encrypted vault.
  const files = (await readdir(home, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  for (const file of files) {
    const text = await readFile(file, "latin1");
    expect(
      text.includes(bjohnson.secretAccessKey) || text.includes(bob.secretAccessKey),
      file,
    ).toBe(false);
  }
  expect(run.stdout + run.stderr).not.toContain(bjohnson.secretAccessKey);
});

it("after `credo auth foobar --as foobar`, aws --profile baszooDev works from the credentials file alone", async () => {
  emu.resetCalls();
  const auth = await credo(
    ["auth", "foobar", "--as", "foobar", "--mfa-code", totp(bjohnson.mfaSecret ?? "", Date.now())],
    {
      env: env(),
    },
  );
  expect(auth.code).toBe(0);
  // With no credo state at all, credential_process could not work: the section is what botocore uses.
  const who = await aws(["--profile", "baszooDev", "sts", "get-caller-identity"], {
    CREDO_HOME: join(home, "nowhere"),
    CREDO_PASSPHRASE: undefined,
  });
  expect(who.stderr).toBe("");
  expect(JSON.parse(who.stdout).Arn).toMatch(
    new RegExp(`^arn:aws:sts::${baszooAccount}:assumed-role/DeveloperRole/`),
  );
  expect(emu.calls("sts:GetSessionToken")).toBe(1);
  expect((await credo(["unauth", "foobar"], { env: env() })).code).toBe(0);
  expect(await readFile(credentialsFile, "utf8")).toBe("");
});

it("aws --profile baszooDev works natively through foobar's credential_process (one MFA session for all roles)", async () => {
  // No cached hub session (credo's) nor role session (the AWS CLI's, from the previous test).
  await rm(join(home, ".credo/cache"), { recursive: true, force: true });
  await rm(join(home, ".aws/cli/cache"), { recursive: true, force: true });
  // The user's own MFA helper (credo_mfa_process), here a TOTP generator over the emulator's device secret.
  const helper = join(home, "mfa-code.mjs");
  await writeFile(
    helper,
    `import { totp } from ${JSON.stringify(join(projectRoot, "dist/emulator/totp.js"))};\nprocess.stdout.write(totp(${JSON.stringify(bjohnson.mfaSecret)}, Date.now()));\n`,
  );
  const document = ProfileDocument.parse(await readFile(configFile, "utf8"), "config");
  document.setProperty({ kind: "profile", name: "foobar" }, "credo_mfa_process", `node ${helper}`);
  await writeFile(configFile, document.toString());
  emu.resetCalls();
  for (const profile of ["baszooDev", "baszooAdmin"]) {
    const who = await aws(["--profile", profile, "sts", "get-caller-identity"]);
    expect(who.stderr).toBe("");
    expect(JSON.parse(who.stdout).Arn).toContain(
      `:assumed-role/${profile === "baszooDev" ? "Developer" : "Admin"}Role/`,
    );
  }
  expect(emu.calls("sts:GetSessionToken")).toBe(1);
  expect(emu.calls("sts:AssumeRole")).toBe(2);
});

it("import with nothing to import, or an unknown --profile, changes nothing", async () => {
  const config = await readFile(configFile, "utf8");
  expect((await credo(["import"], { env: env() })).stderr).toContain("nothing to import");
  const unknown = await credo(["import", "--profile", "nope"], { env: env() });
  expect(unknown.code).toBe(3);
  expect(await readFile(configFile, "utf8")).toBe(config);
  expect(await readFile(credentialsFile, "utf8")).toBe("");
});
