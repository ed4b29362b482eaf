import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeCacheFile } from "../../src/cache/cache-file-write.js";
import { hubSessionKeyParts } from "../../src/providers/session-key-parts.js";
import { disableEncryption } from "../../src/vault/crypto-admin.js";
import { credoOnPath } from "../support/credo-on-path.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";
import { assertNoSecrets, plantedSecrets } from "../support/secret-scan.js";
import { storeHubKeys, unlockedVault } from "../support/unlocked-vault.js";
import { setHubKeys } from "../../src/vault/hub-keys.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { hubHomeScryptCost } from "../support/vault-file.js";

/** Runs credo's main() in this process; the vaults it creates and unlocks get the test key cost. */
function credo(args: readonly string[], options: Parameters<typeof credoInProcess>[1] = {}) {
  return credoInProcess(args, { ...options, vaultScryptCost: hubHomeScryptCost });
}

interface DoctorJson {
  findings: Array<{
    check: string;
    severity: "error" | "warning";
    what: string;
    fix: string;
    profile?: string;
  }>;
  errors: number;
  warnings: number;
}

const hubConfig = [
  "[profile acme]",
  "credential_process = credo process acme",
  "mfa_serial = arn:aws:iam::111111111111:mfa/alice",
  "region = eu-west-1",
  "",
  "[profile dev]",
  "role_arn = arn:aws:iam::222222222222:role/Developer",
  "source_profile = acme",
  "",
].join("\n");

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A home whose AWS files are private (0600) and with `credo` on PATH: nothing to report unless a test adds it. */
async function makeHome(config: string, credentials?: string) {
  const { home, cleanup } = await makeTempHome();
  cleanups.push(cleanup);
  await mkdir(join(home, ".aws"), { mode: 0o700 });
  await writeFile(join(home, ".aws/config"), config, { mode: 0o600 });
  if (credentials !== undefined)
    await writeFile(join(home, ".aws/credentials"), credentials, { mode: 0o600 });
  const { path } = await credoOnPath(home);
  return {
    home,
    env: (extra: Record<string, string> = {}) => homeEnv(home, { PATH: path, ...extra }),
  };
}

async function doctor(env: Record<string, string>, args: string[] = []) {
  const run = await credo(["doctor", "--json", ...args], { env });
  return { code: run.code, report: JSON.parse(run.stdout) as DoctorJson, run };
}

const checksOf = (report: DoctorJson) => report.findings.map((finding) => finding.check);

describe("credo doctor: exit codes", () => {
  it("exits 0 and says so when there is nothing to report (hub in an encrypted vault, role over it)", async () => {
    const { home, env } = await makeHome(hubConfig);
    const passphrase = plantedSecrets.make("passphrase");
    const secret = plantedSecrets.make("hub secret key");
    await storeHubKeys(join(home, ".credo"), passphrase, "acme", {
      accessKeyId: "AKIAHUBKEY1234567890",
      secretAccessKey: secret,
    });
    await chmod(join(home, ".credo"), 0o700);
    const human = await credo(["doctor"], { env: env() });
    expect(human.stdout).toBe("No problems found.\n");
    expect(human.code).toBe(0);
    const { code, report } = await doctor(env());
    expect(code).toBe(0);
    expect(report).toEqual({ findings: [], errors: 0, warnings: 0 });
    assertNoSecrets(human.stdout + human.stderr);
  });

  it("exits 1 with warnings only and 2 when any error is found, errors printed first", async () => {
    const { env } = await makeHome(hubConfig);
    const warningsOnly = await doctor(
      env({ AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "us-east-1" }),
    );
    expect(warningsOnly.code).toBe(1);
    expect(warningsOnly.report.errors).toBe(0);
    const withError = await credo(["doctor"], {
      env: env({ AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "us-east-1", PATH: "/nonexistent" }),
    });
    expect(withError.code).toBe(2);
    expect(withError.stdout.split("\n")[0]).toMatch(
      /^error +Profile "acme": its credential_process runs "credo", which is not on PATH\.$/,
    );
    expect(withError.stdout).toMatch(/\n\n1 error, 1 warning\.\n$/);
  });
});

describe("credo doctor: each check", () => {
  it("finds long-term keys in plain text and offers credo import, without printing them", async () => {
    const secret = plantedSecrets.make("plaintext secret key");
    const { env } = await makeHome(
      "[default]\nregion = eu-west-1\n",
      `[old]\naws_access_key_id = AKIAOLDKEY1234567890\naws_secret_access_key = ${secret}\n\n[temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = ${secret}\naws_session_token = tokentokentoken\n`,
    );
    const { code, report, run } = await doctor(env());
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        check: "plaintext-keys",
        severity: "warning",
        profile: "old",
        fix: "Move them into credo's encrypted vault: credo import --profile old",
      }),
    ]);
    assertNoSecrets(run.stdout + run.stderr);
  });

  it("finds copies of the credentials file that credo left holding keys, without printing them", async () => {
    const secret = plantedSecrets.make("backed-up secret key");
    const { home, env } = await makeHome("[default]\nregion = eu-west-1\n", "");
    const withKeys = join(home, ".aws/credentials.credo-backup-2026-01-01T00-00-00-000Z");
    await writeFile(
      withKeys,
      `[old]\naws_access_key_id = AKIAOLDKEY1234567890\naws_secret_access_key = ${secret}\n`,
      { mode: 0o600 },
    );
    const withoutKeys = join(home, ".aws/credentials.credo-backup-2026-01-02T00-00-00-000Z");
    await writeFile(withoutKeys, "[other]\nregion = eu-west-1\n", { mode: 0o600 });
    const withSession = join(home, ".aws/credentials.credo-backup-2026-01-03T00-00-00-000Z");
    await writeFile(
      withSession,
      `[other]\naws_access_key_id = ASIAOTHER\naws_secret_access_key = ${secret}\naws_session_token = t\n`,
      { mode: 0o600 },
    );
    await writeFile(join(home, ".aws/credentials.bak"), `[x]\naws_secret_access_key = ${secret}\n`);
    const { code, report, run } = await doctor(env());
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      {
        check: "credentials-backups",
        severity: "warning",
        what: `${withKeys} is a copy credo made of ~/.aws/credentials and holds long-term access keys in plain text.`,
        fix: `Move any keys still in use into the vault (put their section back into ~/.aws/credentials, then credo import), then delete the copy: rm ${withKeys}`,
      },
      {
        check: "credentials-backups",
        severity: "warning",
        what: `${withSession} is a copy credo made of ~/.aws/credentials and holds session keys in plain text.`,
        fix: `Delete it once you no longer need it: rm ${withSession}`,
      },
    ]);
    assertNoSecrets(run.stdout + run.stderr);
  });

  it("finds AWS files and credo folders readable by others", async () => {
    const { home, env } = await makeHome("[default]\nregion = eu-west-1\n");
    await chmod(join(home, ".aws/config"), 0o644);
    await mkdir(join(home, ".credo/cache"), { recursive: true, mode: 0o755 });
    await chmod(join(home, ".credo"), 0o755);
    const { code, report } = await doctor(env());
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.check, f.fix])).toEqual([
      ["file-modes", `chmod 600 ${join(home, ".aws/config")}`],
      ["file-modes", `chmod 700 ${join(home, ".credo")}`],
      ["file-modes", `chmod 700 ${join(home, ".credo/cache")}`],
    ]);
  });

  it("finds AWS_ACCESS_KEY_ID beside AWS_PROFILE (explicit keys win, seed 001)", async () => {
    const { env } = await makeHome("[default]\nregion = eu-west-1\n");
    const secret = plantedSecrets.make("env secret key");
    const { report, run } = await doctor(
      env({
        AWS_PROFILE: "default",
        AWS_ACCESS_KEY_ID: "AKIAENVKEY",
        AWS_SECRET_ACCESS_KEY: secret,
      }),
    );
    expect(checksOf(report)).toEqual(["environment-keys"]);
    expect(report.findings[0]?.what).toContain("AWS_PROFILE=default");
    assertNoSecrets(run.stdout);
    expect(checksOf((await doctor(env({ AWS_ACCESS_KEY_ID: "AKIAENVKEY" }))).report)).toEqual([]);
  });

  it("finds AWS_REGION and AWS_DEFAULT_REGION disagreeing, not agreeing", async () => {
    const { env } = await makeHome("[default]\nregion = eu-west-1\n");
    expect(
      checksOf(
        (await doctor(env({ AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "us-east-1" }))).report,
      ),
    ).toEqual(["region-variables"]);
    expect(
      checksOf(
        (await doctor(env({ AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-west-1" }))).report,
      ),
    ).toEqual([]);
  });

  it("finds a missing source_profile and a cycle, in planChain's words", async () => {
    const { env } = await makeHome(
      "[profile lost]\nrole_arn = arn:aws:iam::222222222222:role/X\nsource_profile = nowhere\n\n[profile a]\nrole_arn = arn:aws:iam::222222222222:role/A\nsource_profile = b\n\n[profile b]\nrole_arn = arn:aws:iam::222222222222:role/B\nsource_profile = a\n",
    );
    const { code, report } = await doctor(env());
    expect(code).toBe(2);
    expect(report.findings.map((f) => [f.check, f.severity, f.profile])).toEqual([
      ["profile-chain", "error", "lost"],
      ["profile-chain", "error", "a"],
      ["profile-chain", "error", "b"],
    ]);
    expect(report.findings[0]?.what).toContain('Could not find source profile "nowhere"');
    expect(report.findings[1]?.what).toContain("infinite loop: a -> b -> a");
  });

  it("finds settings shadowed by a source that wins (role_arn over keys, credentials-file keys over credential_process)", async () => {
    const { env } = await makeHome(
      `${hubConfig}\n[profile both]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = acme\ncredential_process = /bin/true\n\n[profile self]\nrole_arn = arn:aws:iam::222222222222:role/Developer\nsource_profile = self\n`,
      "[acme]\naws_access_key_id = ASIASHADOW\naws_secret_access_key = shadowshadowshadow\naws_session_token = tok\n\n[self]\naws_access_key_id = ASIASELF\naws_secret_access_key = selfselfselfself\naws_session_token = tok\n",
    );
    const { report } = await doctor(env());
    const shadowed = report.findings.filter((f) => f.check === "shadowed-source");
    expect(shadowed.map((f) => f.profile)).toEqual(["acme", "both"]);
    expect(shadowed[0]?.what).toBe(
      'Profile "acme" uses the access keys in the credentials file; credential_process is ignored by every AWS tool.',
    );
    expect(shadowed[1]?.what).toBe(
      'Profile "both" uses role_arn; credential_process is ignored by every AWS tool.',
    );
  });

  it("warns about lines the AWS CLI reads and the other SDKs read otherwise, and leaves the files as they were", async () => {
    const config = `${hubConfig}\n[profile "personal"]\nregion = eu-west-1\n[profile odd]\n  region = eu-west-1\n`;
    const credentials =
      "[my team]\naws_access_key_id = AKIATEAM\naws_secret_access_key = teamteamteam\n";
    const { home, env } = await makeHome(config, credentials);
    const { report } = await doctor(env());
    const lines = report.findings.filter((f) => f.check === "botocore-only-line");
    const configLines = config.split("\n");
    expect(lines.map((f) => f.what)).toEqual([
      `${join(home, ".aws/config")}, line ${configLines.indexOf('[profile "personal"]') + 1}: the AWS CLI reads this line, other AWS SDKs read it not at all (they skip the section).`,
      `${join(home, ".aws/config")}, line ${configLines.indexOf("  region = eu-west-1") + 1}: the AWS CLI reads this line, other AWS SDKs read it as a continuation of the line above, or not at all.`,
      `${join(home, ".aws/credentials")}, line 1: the AWS CLI reads this line, other AWS SDKs read it not at all (they skip the section).`,
    ]);
    expect(lines.every((f) => f.severity === "warning")).toBe(true);
    expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(config);
    expect(await readFile(join(home, ".aws/credentials"), "utf8")).toBe(credentials);
  });

  it("warns about `key : value` lines and lone-CR line endings, which the AWS CLI reads, and leaves the files as they were", async () => {
    const config = `${hubConfig}\n[profile colon]\nregion : eu-west-1\noutput = json\nrole_arn: x = y\n`;
    const credentials =
      "[old-mac]\raws_access_key_id = AKIAOLDMAC\raws_secret_access_key = oldmacoldmac\r";
    const { home, env } = await makeHome(config, credentials);
    const { report } = await doctor(env());
    const lines = report.findings.filter((f) => f.check === "botocore-only-line");
    const configLines = config.split("\n");
    expect(lines.map((f) => f.what)).toEqual([
      `${join(home, ".aws/config")}, line ${configLines.indexOf("region : eu-west-1") + 1}: the AWS CLI reads this line, other AWS SDKs read it not at all (they refuse the file).`,
      `${join(home, ".aws/config")}, line ${configLines.indexOf("role_arn: x = y") + 1}: the AWS CLI reads this line, other AWS SDKs read it with the name ending at the '=' sign, not at the ':'.`,
      `${join(home, ".aws/credentials")}, line 1: the AWS CLI reads this line, other AWS SDKs read it joined to the lines after it: it ends in a lone carriage return (CR).`,
    ]);
    expect(lines[0]?.fix).toContain('"=" between a name and its value');
    expect(lines[2]?.fix).toContain("lines that end with a line feed (LF or CRLF)");
    expect(await readFile(join(home, ".aws/config"), "utf8")).toBe(config);
    expect(await readFile(join(home, ".aws/credentials"), "utf8")).toBe(credentials);
  });

  it("finds an expired hub session in credo's cache", async () => {
    const { home, env } = await makeHome(hubConfig);
    const profile = { mfa_serial: "arn:aws:iam::111111111111:mfa/alice", region: "eu-west-1" };
    const cacheDir = join(home, ".credo/cache");
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    await chmod(join(home, ".credo"), 0o700);
    const secret = plantedSecrets.make("cached secret key");
    const token = plantedSecrets.make("cached session token");
    const write = (expiresIn: number) =>
      writeCacheFile(
        cacheDir,
        hubSessionKeyParts("acme", profile, { region: "eu-west-1" }, undefined),
        {
          accessKeyId: "ASIAHUBSESSION",
          secretAccessKey: secret,
          sessionToken: token,
          expiration: new Date(Date.now() + expiresIn),
        },
        new Date(),
      );
    await write(-60_000);
    const expired = await doctor(env());
    expect(checksOf(expired.report)).toEqual(["expired-session"]);
    expect(expired.report.findings[0]?.profile).toBe("acme");
    assertNoSecrets(expired.run.stdout);
    await write(3_600_000);
    expect(checksOf((await doctor(env())).report)).toEqual([]);
  });

  it("finds a credential_process whose program does not exist, on PATH or by path", async () => {
    const { env } = await makeHome(
      "[profile gone]\ncredential_process = /no/such/helper --json\n\n[profile bare]\ncredential_process = no-such-helper-on-path\n\n[profile ok]\ncredential_process = sh -c 'echo'\n",
    );
    const { code, report } = await doctor(env());
    expect(code).toBe(2);
    expect(report.findings.map((f) => [f.check, f.profile])).toEqual([
      ["credential-process", "gone"],
      ["credential-process", "bare"],
    ]);
    expect(report.findings[0]?.what).toContain("/no/such/helper");
    expect(report.findings[1]?.what).toContain('"no-such-helper-on-path", which is not on PATH');
  });

  it("finds the vault in plain mode without asking for a passphrase", async () => {
    const { home, env } = await makeHome("[default]\nregion = eu-west-1\n");
    const passphrase = plantedSecrets.make("passphrase for plain");
    const vault = await unlockedVault(join(home, ".credo"), passphrase);
    await setHubKeys(vault, "acme", {
      accessKeyId: "AKIAHUBKEY1234567890",
      secretAccessKey: plantedSecrets.make("vault secret"),
    });
    await chmod(join(home, ".credo"), 0o700);
    expect(checksOf((await doctor(env())).report)).toEqual([]);
    await disableEncryption(vault);
    const { report, run } = await doctor(env());
    expect(checksOf(report)).toEqual(["plain-vault"]);
    expect(report.findings[0]?.fix).toBe("Encrypt it with a passphrase: credo crypto enable");
    assertNoSecrets(run.stdout + run.stderr);
  });
});

describe("credo doctor --online: the clock against the STS Date header", () => {
  async function dateServer(offsetMs: number) {
    const server = createServer((_request, response) => {
      response.writeHead(403, { Date: new Date(Date.now() + offsetMs).toUTCString() });
      response.end("<ErrorResponse/>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("reports an error when the clock is more than a minute off, nothing when it is close", async () => {
    const { env } = await makeHome("[default]\nregion = eu-west-1\n");
    const skewed = await doctor(env({ AWS_ENDPOINT_URL_STS: await dateServer(-10 * 60_000) }), [
      "--online",
    ]);
    expect(skewed.code).toBe(2);
    expect(checksOf(skewed.report)).toEqual(["clock"]);
    expect(skewed.report.findings[0]?.what).toMatch(/clock is 6\d\ds ahead of AWS/);
    const close = await doctor(env({ AWS_ENDPOINT_URL: await dateServer(5_000) }), ["--online"]);
    expect(close.report.findings).toEqual([]);
    const offline = await doctor(env({ AWS_ENDPOINT_URL_STS: await dateServer(-10 * 60_000) }));
    expect(offline.report.findings).toEqual([]);
  });

  it("warns when the endpoint cannot be reached", async () => {
    const { env } = await makeHome("[default]\nregion = eu-west-1\n");
    const { code, report } = await doctor(env({ AWS_ENDPOINT_URL_STS: "http://127.0.0.1:9" }), [
      "--online",
    ]);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ check: "clock", severity: "warning" }),
    ]);
  });
});
