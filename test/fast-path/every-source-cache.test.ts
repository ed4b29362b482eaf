import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultRefreshMarginMs } from "../../src/cache/cache-file.js";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator } from "../../src/emulator/index.js";
import { loginCachePath } from "../../src/login/login-token-cache.js";
import { pythonJsonDumps } from "../../src/io/python-json.js";
import { formatCacheTime, tokenCachePath } from "../../src/sso/token-cache.js";
import { plantSecret } from "../support/secret-registry.js";
import { credoBin, homeEnv, makeTempHome, runCommand, runCredo } from "../support/run-credo.js";

/**
 * Every source credo resolves is cached once for all processes, and a hit is
 * served by the `credo process` fast path: SSO role credentials (counted as
 * GetRoleCredentials calls on the emulator), web identity and `aws login`.
 */

const recordModules = fileURLToPath(new URL("./fixtures/record-modules.cjs", import.meta.url));
const accountId = "111111111111";
const roleName = "Developer";

let emu: Emulator;
let demo: DemoIdentities;
let home: string;
let cleanup: () => Promise<void>;
let configFile: string;
let tokenFile: string;

function config(extra = ""): string {
  return [
    "[sso-session corp]",
    `sso_start_url = ${emu.sso.startUrl}`,
    "sso_region = eu-west-1",
    "",
    "[profile sso-dev]",
    "sso_session = corp",
    `sso_account_id = ${accountId}`,
    `sso_role_name = ${roleName}`,
    "region = eu-west-1",
    "",
    extra,
  ].join("\n");
}

function env(extra: Record<string, string> = {}) {
  return homeEnv(home, {
    AWS_ENDPOINT_URL: emu.url,
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  });
}

/** `credo sso login` as far as the cache goes: a fresh token from the emulator's portal in ~/.aws/sso/cache. */
async function signIn(expiresInMs = 3_600_000): Promise<string> {
  const accessToken = plantSecret(
    "sso-token",
    "sso access token",
    emu.sso.issueAccessToken(Date.now()),
  );
  await mkdir(join(tokenFile, ".."), { recursive: true });
  await writeFile(
    tokenFile,
    pythonJsonDumps({
      startUrl: emu.sso.startUrl,
      region: "eu-west-1",
      accessToken,
      expiresAt: formatCacheTime(Date.now() + expiresInMs),
    }),
    { mode: 0o600 },
  );
  return accessToken;
}

async function credoProcess(profile: string, extraEnv: Record<string, string> = {}) {
  const run = await runCredo(["process", profile], { env: env(extraEnv) });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
}

/** Runs `credo process` recording every module it loads: whether the fast path served it. */
async function servedByFastPath(profile: string): Promise<{ stdout: string; fast: boolean }> {
  const modulesFile = join(home, `modules-${Date.now()}.txt`);
  const run = await runCommand(
    process.execPath,
    ["--require", recordModules, credoBin, "process", profile],
    { env: env({ RECORD_MODULES_TO: modulesFile }) },
  );
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const loaded = await readFile(modulesFile, "utf8");
  await rm(modulesFile);
  const fast =
    loaded.includes("/dist/fast-path/process.cjs") &&
    !loaded.includes("/dist/main.js") &&
    !loaded.includes("@aws-sdk");
  return { stdout: run.stdout, fast };
}

async function cacheEntries(): Promise<{ path: string; text: string }[]> {
  const dir = join(home, ".credo/cache");
  const names = await readdir(dir).catch(() => [] as string[]);
  return Promise.all(
    names
      .filter((name) => name.endsWith(".json"))
      .map(async (name) => ({
        path: join(dir, name),
        text: await readFile(join(dir, name), "utf8"),
      })),
  );
}

const keyOf = (output: string) => (JSON.parse(output) as { AccessKeyId: string }).AccessKeyId;
const roleCalls = () => emu.calls("sso:GetRoleCredentials");

beforeAll(async () => {
  emu = await startEmulator();
  demo = seedDemoIdentities(emu);
  emu.sso.addAccount({ accountId, accountName: "Sandbox" });
  emu.sso.addRole({ accountId, roleName });
  ({ home, cleanup } = await makeTempHome());
  configFile = join(home, ".aws/config");
  tokenFile = tokenCachePath(home, { sessionName: "corp", startUrl: emu.sso.startUrl });
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(configFile, config());
});

afterAll(async () => {
  await emu.stop();
  await cleanup();
});

beforeEach(async () => {
  await rm(join(home, ".credo/cache"), { recursive: true, force: true });
  await writeFile(configFile, config());
  await signIn();
  emu.resetCalls();
});

describe("SSO role credentials", () => {
  it("21 runs of credo process make one GetRoleCredentials call, the 20 hits on the fast path", async () => {
    const first = await credoProcess("sso-dev");
    expect(JSON.parse(first)).toMatchObject({ Version: 1, AccountId: accountId });
    for (let run = 0; run < 19; run += 1) expect(await credoProcess("sso-dev")).toBe(first);
    const last = await servedByFastPath("sso-dev");
    expect(last).toEqual({ stdout: first, fast: true });
    expect(roleCalls()).toBe(1);
  });

  it("concurrent runs on an empty cache make one call and print one result", async () => {
    const outputs = await Promise.all(Array.from({ length: 8 }, () => credoProcess("sso-dev")));
    expect(new Set(outputs).size).toBe(1);
    expect(roleCalls()).toBe(1);
  });

  it("the cache holds neither the access token nor its hash in a readable key", async () => {
    const token = await signIn();
    await credoProcess("sso-dev");
    const entries = await cacheEntries();
    expect(entries).toHaveLength(1);
    const body = JSON.parse(entries[0]!.text) as { Key: Record<string, unknown> };
    expect(entries[0]!.text).not.toContain(token);
    expect(body.Key).toEqual({
      kind: "GetRoleCredentials",
      startUrl: emu.sso.startUrl,
      sessionName: "corp",
      accountId,
      roleName,
      region: "eu-west-1",
      endpoint: emu.url,
    });
  });

  it("another sign-in (another user, or the same one after a logout) is never served the old credentials", async () => {
    const before = await credoProcess("sso-dev");
    await signIn();
    const fast = await servedByFastPath("sso-dev");
    expect(fast.fast).toBe(false);
    expect(keyOf(fast.stdout)).not.toBe(keyOf(before));
    expect(roleCalls()).toBe(2);
    // And the new sign-in's credentials are cached in turn.
    expect(await servedByFastPath("sso-dev")).toEqual({ stdout: fast.stdout, fast: true });
    expect(roleCalls()).toBe(2);
  });

  it("credo sso logout removes the session's cached role credentials with its token", async () => {
    const before = await credoProcess("sso-dev");
    expect(await cacheEntries()).toHaveLength(1);
    const logout = await runCredo(["sso", "logout"], { env: env() });
    expect(logout.code).toBe(0);
    expect(await cacheEntries()).toHaveLength(0);
    const afterLogout = await runCredo(["process", "sso-dev"], { env: env() });
    expect(afterLogout.code).not.toBe(0);
    expect(afterLogout.stdout).toBe("");
    await signIn();
    expect(keyOf(await credoProcess("sso-dev"))).not.toBe(keyOf(before));
    expect(roleCalls()).toBe(2);
  });

  it("credentials inside the refresh margin are fetched again, once", async () => {
    const before = await credoProcess("sso-dev");
    const [entry] = await cacheEntries();
    const body = JSON.parse(entry!.text) as Record<string, unknown>;
    const soon = new Date(Date.now() + defaultRefreshMarginMs - 60_000).toISOString();
    await writeFile(entry!.path, JSON.stringify({ ...body, Expiration: soon }));
    const refreshed = await servedByFastPath("sso-dev");
    expect(refreshed.fast).toBe(false);
    expect(keyOf(refreshed.stdout)).not.toBe(keyOf(before));
    expect(roleCalls()).toBe(2);
    expect(await servedByFastPath("sso-dev")).toEqual({ stdout: refreshed.stdout, fast: true });
    expect(roleCalls()).toBe(2);
  });

  it("a token inside its refresh window leaves the run to the full path", async () => {
    await credoProcess("sso-dev");
    await signIn(4 * 60_000);
    expect((await servedByFastPath("sso-dev")).fast).toBe(false);
  });

  it("in a config of 1,200 SSO profiles: one call, then the fast path", async () => {
    const many = Array.from(
      { length: 1_200 },
      (_, i) =>
        `[profile account-${i}-admin]\nsso_session = corp\nsso_account_id = ${String(200_000_000_000 + i)}\nsso_role_name = Admin\nregion = us-east-1\n`,
    ).join("\n");
    await writeFile(configFile, `${many}\n${config()}`);
    const first = await credoProcess("sso-dev");
    expect(await servedByFastPath("sso-dev")).toEqual({ stdout: first, fast: true });
    expect(roleCalls()).toBe(1);
  });
});

describe("the other sources on the fast path", () => {
  it("web identity: one AssumeRoleWithWebIdentity, then the fast path", async () => {
    const webTokenFile = join(home, "web-identity-token");
    const jwt = [{ alg: "RS256" }, { sub: "system:serviceaccount:ci:deployer", aud: "sts" }, "sig"]
      .map((part) =>
        Buffer.from(typeof part === "string" ? part : JSON.stringify(part)).toString("base64url"),
      )
      .join(".");
    await writeFile(webTokenFile, jwt);
    await writeFile(
      configFile,
      config(
        [
          "[profile ci]",
          `role_arn = ${demo.roles.dev}`,
          `web_identity_token_file = ${webTokenFile}`,
          "role_session_name = ci",
          "region = eu-west-1",
          "",
        ].join("\n"),
      ),
    );
    const first = await credoProcess("ci");
    expect(await servedByFastPath("ci")).toEqual({ stdout: first, fast: true });
    expect(emu.calls("sts:AssumeRoleWithWebIdentity")).toBe(1);
  });

  it("aws login: the login cache's credentials, without a call", async () => {
    const { loginSession, token } = emu.login.signIn({
      account: "111122223333",
      roleName: "Admin",
      sessionName: "alice",
    });
    token.accessToken.expiresAt = formatCacheTime(Date.now() + 30 * 60_000);
    await writeFile(
      configFile,
      config(`[profile signin]\nlogin_session = ${loginSession}\nregion = us-east-1\n`),
    );
    const path = loginCachePath(env(), home, loginSession);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, JSON.stringify(token), { mode: 0o600 });
    const served = await servedByFastPath("signin");
    expect(served.fast).toBe(true);
    expect(keyOf(served.stdout)).toBe(token.accessToken.accessKeyId);
    expect(emu.calls()).toBe(0);
  });
});
