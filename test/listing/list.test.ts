import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { listProfiles } from "../../src/listing/list-profiles.js";
import { main } from "../../src/main.js";
import { loadProfileSet } from "../../src/profile-files/index.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { credoOnPath } from "../support/credo-on-path.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";
import { assertNoSecrets, plantedSecrets } from "../support/secret-scan.js";
import { captureContext } from "../support/test-context.js";
import { hubConfig, writeHubVault } from "../support/hub-home.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { hubHomeScryptCost } from "../support/vault-file.js";

/** Runs credo's main() in this process; the vaults it creates and unlocks get the test key cost. */
function credo(args: readonly string[], options: Parameters<typeof credoInProcess>[1] = {}) {
  return credoInProcess(args, { ...options, vaultScryptCost: hubHomeScryptCost });
}

const passphrase = plantedSecrets.add("passphrase", "list-test-passphrase-9f8e7d");

interface ListedJson {
  name: string;
  kind: string;
  account: string | null;
  role: string | null;
  region: string | null;
  sourceProfile: string | null;
  session: { state: string; expiresAt: string | null };
}

/** Drops SGR colour sequences (ESC [ n m). */
function stripAnsi(text: string): string {
  return text
    .split("\u001b")
    .map((part, i) => (i === 0 ? part : part.replace(/^\[\d+m/, "")))
    .join("");
}

async function writeAwsFiles(home: string, config: string, credentials?: string) {
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(join(home, ".aws/config"), config);
  if (credentials !== undefined) await writeFile(join(home, ".aws/credentials"), credentials);
}

describe("credo list: sessions under the chain's own cache keys", () => {
  let emu: Emulator;
  let demo: DemoIdentities;
  let home: string;
  let cleanup: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    emu = await startEmulator();
    demo = seedDemoIdentities(emu);
    plantedSecrets.add("hub secret key", demo.hub.secretAccessKey);
    ({ home, cleanup } = await makeTempHome());
    await writeAwsFiles(
      home,
      hubConfig(demo, {
        extra: `[profile prod]
role_arn = ${demo.roles.prod}
source_profile = acme
`,
      }),
    );
    await writeHubVault(join(home, ".credo"), passphrase, {
      accessKeyId: demo.hub.accessKeyId,
      secretAccessKey: demo.hub.secretAccessKey,
    });
    const { path } = await credoOnPath(home);
    env = homeEnv(home, { PATH: path, AWS_ENDPOINT_URL: emu.url, CREDO_PASSPHRASE: passphrase });
  });

  afterAll(async () => {
    await emu.stop();
    await cleanup();
  });

  it("shows none before any session, then valid for the hub and the role the chain cached", async () => {
    const before = await credo(["list", "--json"], { env });
    expect(before.code).toBe(0);
    const states = (run: { stdout: string }) =>
      Object.fromEntries(
        (JSON.parse(run.stdout) as ListedJson[]).map((p) => [p.name, p.session.state]),
      );
    expect(states(before)).toEqual({ acme: "none", dev: "none", prod: "none" });

    const whoami = await credo(
      ["whoami", "dev", "--mfa-code", totp(demo.hub.mfaSecret ?? "", Date.now())],
      { env },
    );
    expect(whoami.stderr).toBe("");
    expect(whoami.code).toBe(0);

    const after = await credo(["list", "--json"], { env });
    expect(states(after)).toEqual({ acme: "valid", dev: "valid", prod: "none" });
    const listed = JSON.parse(after.stdout) as ListedJson[];
    expect(listed.find((p) => p.name === "dev")).toMatchObject({
      kind: "role",
      account: "222222222222",
      role: "Developer",
      region: "eu-central-1",
      sourceProfile: "acme",
    });
    expect(listed.find((p) => p.name === "acme")).toMatchObject({
      kind: "hub",
      account: "111111111111",
      region: "eu-west-1",
    });

    const table = await credo(["list"], { env });
    expect(table.stdout.split("\n")[0]).toMatch(/^NAME +KIND +ACCOUNT +ROLE +REGION +SESSION$/);
    // GetSessionToken's default 12 h, just started.
    expect(table.stdout).toMatch(/^acme +hub +111111111111 +- +eu-west-1 +valid for 11h5\dm$/m);
    expect(table.stdout).toMatch(/^prod +role +333333333333 +Admin +- +none$/m);
    expect(table.stdout).not.toContain("\u001b[");
    assertNoSecrets(before.stdout + after.stdout + table.stdout + table.stderr + whoami.stdout);
  });

  it("reports the same cached sessions as expired once their time has passed", async () => {
    const { profileSet } = await loadProfileSet({
      env: { HOME: home },
      files: nodeFileReader,
      homedir: home,
      platform: "linux",
    });
    const later = Date.now() + 13 * 3600_000;
    const profiles = await listProfiles({
      profileSet,
      env: { AWS_ENDPOINT_URL: emu.url },
      cacheDir: join(home, ".credo/cache"),
      now: later,
    });
    expect(profiles.map((p) => [p.name, p.session.state])).toEqual([
      ["acme", "expired"],
      ["dev", "expired"],
      ["prod", "none"],
    ]);
  });

  it("finds no session when the STS endpoint differs from the one the session was cached for", async () => {
    const run = await credo(["list", "--json"], {
      env: { ...env, AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
    });
    expect((JSON.parse(run.stdout) as ListedJson[]).map((p) => p.session.state)).toEqual([
      "none",
      "none",
      "none",
    ]);
  });
});

describe("credo list --tree, --names, colour", () => {
  const config = [
    "[profile acme]",
    "credential_process = credo process acme",
    "mfa_serial = arn:aws:iam::111111111111:mfa/alice",
    "region = eu-west-1",
    "[profile dev]",
    "role_arn = arn:aws:iam::222222222222:role/Developer",
    "source_profile = acme",
    "[profile deep]",
    "role_arn = arn:aws:iam::444444444444:role/Audit",
    "source_profile = dev",
    "[profile prod]",
    "role_arn = arn:aws:iam::333333333333:role/Admin",
    "source_profile = acme",
    "region = us-east-1",
    "[profile orphan]",
    "role_arn = arn:aws:iam::555555555555:role/Lost",
    "source_profile = gone",
    "[profile a]",
    "role_arn = arn:aws:iam::666666666666:role/A",
    "source_profile = b",
    "[profile b]",
    "role_arn = arn:aws:iam::666666666666:role/B",
    "source_profile = a",
    "[profile sso]",
    "sso_start_url = https://example.awsapps.com/start",
    "sso_region = us-east-1",
    "sso_account_id = 777777777777",
    "sso_role_name = ReadOnly",
    "[profile tool]",
    "credential_process = /usr/bin/get-creds",
    "[profile plain]",
    "region = ap-south-1",
    "",
  ].join("\n");
  let home: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ home, cleanup } = await makeTempHome());
    await writeAwsFiles(
      home,
      config,
      "[old]\naws_access_key_id = AKIAOLD\naws_secret_access_key = oldsecretoldsecret\n",
    );
  });
  afterAll(async () => cleanup());

  it("draws hubs with their roles, chains of source_profile, missing sources and cycles", async () => {
    const run = await credo(["list", "--tree"], { env: homeEnv(home) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "acme (hub, 111111111111, eu-west-1) none",
        "├── dev (role, 222222222222, Developer) none",
        "│   └── deep (role, 444444444444, Audit) none",
        "└── prod (role, 333333333333, Admin, us-east-1) none",
        "old (static) none",
        "orphan (role, 555555555555, Lost) none  [source_profile gone is missing]",
        "plain (other, ap-south-1) none",
        "sso (sso, 777777777777, ReadOnly) none",
        "tool (process) none",
        "a (role, 666666666666, A) none  [source_profile cycle]",
        "└── b (role, 666666666666, B) none",
        "",
      ].join("\n"),
    );
  });

  it("prints names only with --names (what the completion scripts call)", async () => {
    const run = await credo(["list", "--names"], { env: homeEnv(home) });
    expect(run.stdout).toBe("a\nacme\nb\ndeep\ndev\nold\norphan\nplain\nprod\nsso\ntool\n");
  });

  it("colours the session column on a terminal, and never with NO_COLOR", async () => {
    const future = Date.now();
    const coloured = captureContext(home, {}, { tty: true, now: future });
    expect(await main(["list"], coloured)).toBe(0);
    expect(coloured.stdout()).toContain("\u001b[");
    const plain = captureContext(home, { NO_COLOR: "1" }, { tty: true, now: future });
    expect(await main(["list"], plain)).toBe(0);
    expect(plain.stdout()).not.toContain("\u001b[");
    expect(plain.stdout().replace(/\s+/g, " ")).toBe(
      stripAnsi(coloured.stdout()).replace(/\s+/g, " "),
    );
  });

  it("lists 5,000 profiles from one readdir of the cache (time printed, not asserted)", async () => {
    const big = await makeTempHome();
    try {
      const lines = [
        "[profile hub]",
        "credential_process = credo process hub",
        "mfa_serial = arn:aws:iam::111111111111:mfa/u",
        "",
      ];
      for (let i = 0; i < 4_999; i++) {
        lines.push(
          `[profile role-${i}]`,
          `role_arn = arn:aws:iam::${String(100000000000 + i)}:role/R${i}`,
          "source_profile = hub",
          `region = eu-west-${i % 3}`,
          "",
        );
      }
      await writeAwsFiles(big.home, lines.join("\n"));
      const started = performance.now();
      const run = await credo(["list"], { env: homeEnv(big.home) });
      const elapsed = performance.now() - started;
      expect(run.code).toBe(0);
      expect(run.stdout.trimEnd().split("\n")).toHaveLength(5_001);
      const namesStarted = performance.now();
      const names = await credo(["list", "--names"], { env: homeEnv(big.home) });
      const namesElapsed = performance.now() - namesStarted;
      expect(names.stdout.trimEnd().split("\n")).toHaveLength(5_000);
      console.log(
        `credo list, 5,000 profiles: ${Math.round(elapsed)} ms (in-process); --names: ${Math.round(namesElapsed)} ms`,
      );
    } finally {
      await big.cleanup();
    }
  });
});
