import { spawn } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CliLoginCacheToken, Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { credoBin, homeEnv, makeTempHome, runCommand, runCredo } from "../support/run-credo.js";
import { plantSecret } from "../support/secret-registry.js";

/**
 * `aws login` profiles end to end: credo over a real home, the
 * embedded emulator as both the sign-in service and STS. Each test signs in
 * afresh and caches what the AWS CLI would; "expired" caches have credentials
 * past their expiry, so the next command must refresh them.
 */
let emu: Emulator;
let home: string;
let cleanup: () => Promise<void>;
let env: Record<string, string>;
let loginSession: string;
let cachePath: string;

beforeAll(async () => {
  emu = await startEmulator();
  ({ home, cleanup } = await makeTempHome());
  env = homeEnv(home, { AWS_ENDPOINT_URL: emu.url, AWS_EC2_METADATA_DISABLED: "true" });
});

afterAll(async () => {
  await emu.stop();
  await cleanup();
});

async function signIn(options: { expired: boolean }): Promise<CliLoginCacheToken> {
  const { loginSession: arn, token } = emu.login.signIn({
    account: "111122223333",
    roleName: "Admin",
    sessionName: "alice",
  });
  loginSession = arn;
  // The suite-wide scan fails the run if any credo output shows these.
  plantSecret("session-token", "aws login secret key", token.accessToken.secretAccessKey);
  plantSecret("session-token", "aws login session token", token.accessToken.sessionToken);
  plantSecret("sso-token", "aws login refresh token", token.refreshToken);
  if (options.expired) token.accessToken.expiresAt = "2020-01-01T00:00:00Z";
  await mkdir(join(home, ".aws", "login", "cache"), { recursive: true });
  await writeFile(
    join(home, ".aws", "config"),
    `[profile signin]\nlogin_session = ${arn}\nregion = us-east-1\n\n` +
      `[profile nosession]\nlogin_session = arn:aws:sts::111122223333:assumed-role/Admin/bob\nregion = us-east-1\n`,
  );
  cachePath = join(
    home,
    ".aws",
    "login",
    "cache",
    `${createHash("sha256").update(arn).digest("hex")}.json`,
  );
  await writeFile(cachePath, JSON.stringify(token), { mode: 0o600 });
  emu.resetCalls();
  return token;
}

const cached = async () =>
  JSON.parse(await readFile(cachePath, "utf8")) as CliLoginCacheToken & Record<string, unknown>;

describe("aws login profiles (login_session)", () => {
  beforeEach(() => emu.clearFaults());

  it("explain names the login source; list shows the session; nothing is refreshed", async () => {
    await signIn({ expired: false });
    const explained = await credoInProcess(["explain", "signin", "--json"], { env });
    expect(explained.code).toBe(0);
    const explanation = JSON.parse(explained.stdout) as {
      source: string;
      links: { kind: string }[];
    };
    expect(explanation.source).toBe("login");
    expect(explanation.links[0]?.kind).toBe("aws login");

    const listed = await credoInProcess(["list", "--json"], { env });
    const entry = (
      JSON.parse(listed.stdout) as {
        name: string;
        kind: string;
        account: string;
        role: string;
        session: { state: string };
      }[]
    ).find((p) => p.name === "signin");
    expect(entry).toMatchObject({
      kind: "login",
      account: "111122223333",
      role: "Admin",
      session: { state: "valid" },
    });
    expect(emu.calls()).toBe(0);
  });

  it("whoami refreshes expired credentials once, rewrites the cache 0600 and keeps the rest", async () => {
    const before = await signIn({ expired: true });
    const whoami = await credoInProcess(["whoami", "signin", "--json"], { env });
    expect(whoami.stderr).toBe("");
    expect(whoami.code).toBe(0);
    const identity = JSON.parse(whoami.stdout) as { arn: string; source: string };
    expect(identity).toMatchObject({ arn: loginSession, source: "login" });
    expect(emu.calls("signin:CreateOAuth2Token")).toBe(1);
    const after = await cached();
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken.accessKeyId).not.toBe(before.accessToken.accessKeyId);
    expect(Date.parse(after.accessToken.expiresAt)).toBeGreaterThan(Date.now());
    expect({ ...after, accessToken: undefined, refreshToken: undefined }).toEqual({
      ...before,
      accessToken: undefined,
      refreshToken: undefined,
    });
    expect((await stat(cachePath)).mode & 0o777).toBe(0o600);

    // Now fresh: export, exec and process use the cache without another refresh.
    // export and process as processes: on a fresh cache they take bin/credo.js's fast path.
    const exported = await runCredo(["export", "signin"], { env });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(after.accessToken.accessKeyId);
    // A process: the command credo exec runs inherits credo's own stdout.
    const exec = await runCredo(["exec", "signin", "--", "sh", "-c", 'echo "$AWS_ACCESS_KEY_ID"'], {
      env,
    });
    expect(exec.code).toBe(0);
    expect(exec.stdout.trim()).toBe(after.accessToken.accessKeyId);
    const processed = await runCredo(["process", "signin"], { env });
    expect(processed.code).toBe(0);
    expect(JSON.parse(processed.stdout)).toMatchObject({
      Version: 1,
      AccessKeyId: after.accessToken.accessKeyId,
      Expiration: new Date(after.accessToken.expiresAt).toISOString(),
    });
    expect(emu.calls("signin:CreateOAuth2Token")).toBe(1);
  });

  it("concurrent commands refresh once (a second refresh would spend a rotated token)", async () => {
    await signIn({ expired: true });
    // Separate processes: the subject is their single refresh across processes.
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => runCredo(["process", "signin"], { env })),
    );
    for (const run of runs) expect(run.stderr).toBe("");
    const keys = new Set(
      runs.map((run) => (JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId),
    );
    expect(keys.size).toBe(1);
    expect(emu.calls("signin:CreateOAuth2Token")).toBe(1);
    expect((await cached()).accessToken.accessKeyId).toBe([...keys][0]);
  });

  const refusals = [
    {
      name: "an ended sign-in session",
      refuse: (token: CliLoginCacheToken) => emu.login.expire(token.refreshToken),
      message: /The "aws login" session of profile "signin" has expired\./,
    },
    {
      name: "a changed password",
      refuse: (token: CliLoginCacheToken) =>
        emu.login.deny(token.refreshToken, "USER_CREDENTIALS_CHANGED"),
      message: /ended because the password was changed/,
    },
    {
      name: "missing permission",
      refuse: (token: CliLoginCacheToken) =>
        emu.login.deny(token.refreshToken, "INSUFFICIENT_PERMISSIONS"),
      message: /denied it \(missing permission for signin:CreateOAuth2Token\)/,
    },
  ];
  it.each(refusals)(
    "$name: one message saying to run aws login, the cache untouched",
    async ({ refuse, message }) => {
      const token = await signIn({ expired: true });
      refuse(token);
      const before = await readFile(cachePath, "utf8");
      const run = await credoInProcess(["whoami", "signin"], { env });
      expect(run.code).toBe(4);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain("aws login --profile signin");
      expect(await readFile(cachePath, "utf8")).toBe(before);
    },
  );

  it("a proof made with another key is refused by the emulator's DPoP check", async () => {
    const token = await signIn({ expired: true });
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    await writeFile(
      cachePath,
      JSON.stringify({
        ...token,
        dpopKey: other.export({ format: "pem", type: "pkcs8" }).toString(),
      }),
      { mode: 0o600 },
    );
    const before = await readFile(cachePath, "utf8");
    const run = await credoInProcess(["export", "signin"], { env });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/the key is not the one the refresh token is bound to/);
    expect(run.stderr).toContain("aws login --profile signin");
    expect(await readFile(cachePath, "utf8")).toBe(before);
  });

  it("serve hands the session to the AWS CLI, refreshing it first", async () => {
    await signIn({ expired: true });
    const child = spawn(process.execPath, [credoBin, "serve", "signin"], {
      env: { ...env, PATH: process.env.PATH ?? "" },
    });
    try {
      let stdout = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.split("\n").length > 2) resolve();
        });
        child.on("exit", () => reject(new Error("credo serve exited")));
      });
      const url = /AWS_CONTAINER_CREDENTIALS_FULL_URI='([^']+)'/.exec(stdout)?.[1] ?? "";
      const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN='([^']+)'/.exec(stdout)?.[1] ?? "";
      const run = await runCommand("aws", ["sts", "get-caller-identity", "--output", "json"], {
        env: {
          HOME: home,
          AWS_ENDPOINT_URL: emu.url,
          AWS_DEFAULT_REGION: "us-east-1",
          AWS_EC2_METADATA_DISABLED: "true",
          AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
          AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
        },
      });
      expect(run.stderr).toBe("");
      expect((JSON.parse(run.stdout) as { Arn: string }).Arn).toBe(loginSession);
      expect(emu.calls("signin:CreateOAuth2Token")).toBe(1);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("doctor reports a profile whose session is not cached, with what to run", async () => {
    await signIn({ expired: false });
    const run = await credoInProcess(["doctor", "--json"], { env });
    const { findings } = JSON.parse(run.stdout) as {
      findings: { check: string; profile?: string; severity: string; fix: string }[];
    };
    const login = findings.filter((f) => f.check === "login-session");
    expect(login).toEqual([
      expect.objectContaining({
        profile: "nosession",
        severity: "error",
        fix: "Sign in again: aws login --profile nosession",
      }),
    ]);
  });
});
