import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passThroughCache } from "../../src/cache/session-cache.js";
import type { CliLoginCacheToken, Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { verifyDpopProof } from "../../src/emulator/dpop-verifier.js";
import { CredoError } from "../../src/errors.js";
import { systemClock, type Clock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { dpopProof } from "../../src/login/dpop-proof.js";
import { loginCachePath } from "../../src/login/login-token-cache.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { cachedProcessCredentials } from "../../src/fast-path/cached-process-credentials.js";
import { explainResolution } from "../../src/providers/explain.js";
import { resolveCredentials } from "../../src/providers/resolve.js";
import { makeTempHome } from "../support/run-credo.js";

let emu: Emulator;
let home: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  emu = await startEmulator();
  ({ home, cleanup } = await makeTempHome());
});
afterAll(async () => {
  await emu.stop();
  await cleanup();
});

/** Signs in, writes the config and the cache (in `cacheDir` when given), returns the env to resolve with. */
async function setUp(options: {
  expiresAt?: string;
  extraConfig?: string;
  env?: Record<string, string>;
  region?: boolean;
}) {
  const { loginSession, token } = emu.login.signIn({
    account: "111122223333",
    roleName: "Admin",
    sessionName: "alice",
  });
  if (options.expiresAt !== undefined) token.accessToken.expiresAt = options.expiresAt;
  const env: Record<string, string> = {
    HOME: home,
    AWS_PROFILE: "signin",
    AWS_ENDPOINT_URL: emu.url,
    AWS_EC2_METADATA_DISABLED: "true",
    ...options.env,
  };
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(
    join(home, ".aws", "config"),
    `[profile signin]\nlogin_session = ${loginSession}\n${options.region === false ? "" : "region = us-east-1\n"}${options.extraConfig ?? ""}`,
  );
  const path = loginCachePath(env, home, loginSession);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, JSON.stringify(token), { mode: 0o600 });
  emu.resetCalls();
  return { env, path, token, loginSession };
}

async function resolve(env: Record<string, string>, clock: Clock = systemClock) {
  const { profileSet } = await loadProfileSet({
    env,
    files: nodeFileReader,
    homedir: home,
    platform: "linux",
  });
  return resolveCredentials({
    env,
    profileSet,
    files: nodeFileReader,
    homedir: home,
    clock,
    logger: silentLogger,
    cache: passThroughCache,
    mfa: () => Promise.reject(new Error("no MFA")),
    hubCredentials: () => Promise.reject(new Error("no hub")),
  });
}

const minutesFromNow = (minutes: number) =>
  new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("login_session credentials", () => {
  it("serves cached credentials with more than 5 minutes left, refreshes inside the window", async () => {
    const fresh = await setUp({ expiresAt: minutesFromNow(6) });
    expect((await resolve(fresh.env)).credentials.accessKeyId).toBe(
      fresh.token.accessToken.accessKeyId,
    );
    expect(emu.calls()).toBe(0);
    const nearExpiry = await setUp({ expiresAt: minutesFromNow(4) });
    const refreshed = await resolve(nearExpiry.env);
    expect(refreshed.credentials.accessKeyId).not.toBe(nearExpiry.token.accessToken.accessKeyId);
    expect(emu.calls("signin:CreateOAuth2Token")).toBe(1);
  });

  it("reads and writes the cache in AWS_LOGIN_CACHE_DIRECTORY", async () => {
    const elsewhere = join(home, "login-cache");
    const { env, path } = await setUp({
      expiresAt: "2020-01-01T00:00:00Z",
      env: { AWS_LOGIN_CACHE_DIRECTORY: elsewhere },
    });
    expect(path.startsWith(elsewhere)).toBe(true);
    const { credentials } = await resolve(env);
    const written = JSON.parse(await readFile(path, "utf8")) as CliLoginCacheToken;
    expect(written.accessToken.accessKeyId).toBe(credentials.accessKeyId);
  });

  it("keeps using still-valid credentials when the sign-in service cannot be reached", async () => {
    const { env, token } = await setUp({
      expiresAt: minutesFromNow(3),
      env: { AWS_ENDPOINT_URL_SIGNIN: "http://127.0.0.1:9" },
    });
    expect((await resolve(env)).credentials.accessKeyId).toBe(token.accessToken.accessKeyId);
  });

  it("reports an unreachable sign-in service as a network error once the credentials expired", async () => {
    const { env } = await setUp({
      expiresAt: "2020-01-01T00:00:00Z",
      env: { AWS_ENDPOINT_URL_SIGNIN: "http://127.0.0.1:9" },
    });
    const failure = await resolve(env).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CredoError);
    expect((failure as CredoError).exitCode).toBe("network");
  });

  it("says which setting is missing when no region is set for the refresh", async () => {
    const { env } = await setUp({ expiresAt: "2020-01-01T00:00:00Z", region: false });
    await expect(resolve(env)).rejects.toThrow(/No region is set for refreshing/);
  });

  it("can be a role's source profile", async () => {
    const { env } = await setUp({
      extraConfig:
        "[profile admin]\nrole_arn = arn:aws:iam::444455556666:role/Ops\nsource_profile = signin\n",
    });
    const { profileSet } = await loadProfileSet({
      env,
      files: nodeFileReader,
      homedir: home,
      platform: "linux",
    });
    const explained = explainResolution({ env, profileSet, profileOption: "admin" });
    expect(explained.source).toBe("assume-role");
    expect(explained.links.map((link) => link.kind)).toEqual(["aws login", "assume role"]);
  });

  it("yields to keys in the credentials file and beats credential_process, as botocore orders them", async () => {
    const { env } = await setUp({ extraConfig: "credential_process = /bin/false\n" });
    const { profileSet } = await loadProfileSet({
      env,
      files: nodeFileReader,
      homedir: home,
      platform: "linux",
    });
    const explained = explainResolution({ env, profileSet });
    expect(explained.source).toBe("login");
    expect(explained.shadowed.map((s) => s.source)).toContain("custom-process");
  });
});

describe("botocore's order, checked against the installed botocore", () => {
  // botocore's LoginProvider needs awscrt to load credentials; where it is
  // missing, the MissingDependencyException still shows that it was the
  // provider botocore picked.
  const botocorePick = `
import json, sys, botocore.session
from botocore.exceptions import MissingDependencyException
try:
    creds = botocore.session.Session(profile=sys.argv[1]).get_credentials()
    print(creds.method if creds else "none")
except MissingDependencyException:
    print("login")
`;

  it("picks the same source as credo for login_session beside keys and credential_process", async () => {
    const { env } = await setUp({
      extraConfig:
        "credential_process = /bin/false\n" +
        "[profile keyed]\nlogin_session = arn:aws:sts::1:assumed-role/A/b\n",
    });
    await writeFile(
      join(home, ".aws", "credentials"),
      "[keyed]\naws_access_key_id = AKIAEXAMPLEKEY123456\naws_secret_access_key = example-secret-key\n",
    );
    const { profileSet } = await loadProfileSet({
      env,
      files: nodeFileReader,
      homedir: home,
      platform: "linux",
    });
    try {
      for (const profile of ["signin", "keyed"]) {
        const botocore = execFileSync("python3", ["-c", botocorePick, profile], {
          encoding: "utf8",
          env: { ...env, PATH: process.env.PATH ?? "" },
        }).trim();
        expect(explainResolution({ env, profileSet, profileOption: profile }).source).toBe(
          botocore,
        );
      }
    } finally {
      await rm(join(home, ".aws", "credentials"));
    }
  });
});

describe("the credential_process fast path", () => {
  const fastPath = (env: Record<string, string>) =>
    cachedProcessCredentials({
      profileOption: "signin",
      env,
      homedir: home,
      platform: "linux",
      files: nodeFileReader,
      now: Date.now(),
      refreshMarginMs: 60_000,
    });

  it("prints fresh login credentials from the cache and leaves a refresh to the full path", async () => {
    const fresh = await setUp({ expiresAt: minutesFromNow(30) });
    expect(await fastPath(fresh.env)).toMatchObject({
      accessKeyId: fresh.token.accessToken.accessKeyId,
      accountId: "111122223333",
    });
    const due = await setUp({ expiresAt: minutesFromNow(4) });
    expect(await fastPath(due.env)).toBeUndefined();
    expect(emu.calls()).toBe(0);
  });
});

describe("DPoP proofs", () => {
  const pem = () =>
    emu.login.signIn({ account: "1", roleName: "r", sessionName: "s" }).token.dpopKey;
  const url = "https://us-east-1.signin.aws.amazon.com/v1/token";
  const now = Date.parse("2025-11-19T00:00:00Z");

  it("verifies with the key in its own header and names the request", () => {
    const proof = dpopProof({ privateKeyPem: pem(), method: "POST", url, now, jti: "j1" });
    expect(verifyDpopProof(proof, { method: "POST", url, now }).jti).toBe("j1");
    const [header] = proof.split(".");
    expect(JSON.parse(Buffer.from(header ?? "", "base64url").toString())).toMatchObject({
      typ: "dpop+jwt",
      alg: "ES256",
      jwk: { kty: "EC", crv: "P-256" },
    });
  });

  it("is refused for another URL, another method, a stale iat or a changed payload", () => {
    const proof = dpopProof({ privateKeyPem: pem(), method: "POST", url, now });
    expect(() => verifyDpopProof(proof, { method: "POST", url: `${url}x`, now })).toThrow(/htu/);
    expect(() => verifyDpopProof(proof, { method: "GET", url, now })).toThrow(/htm/);
    expect(() => verifyDpopProof(proof, { method: "POST", url, now: now + 600_000 })).toThrow(
      /iat/,
    );
    const [header, , signature] = proof.split(".");
    const forged = Buffer.from(
      JSON.stringify({ htm: "POST", htu: url, iat: now / 1000, jti: "other" }),
    ).toString("base64url");
    expect(() =>
      verifyDpopProof(`${header}.${forged}.${signature}`, { method: "POST", url, now }),
    ).toThrow(/signature/);
  });

  it("is refused by the emulator when its jti was used before", async () => {
    const { token } = await setUp({});
    const proof = dpopProof({
      privateKeyPem: token.dpopKey,
      method: "POST",
      url: `${emu.url}/v1/token`,
      now: Date.now(),
    });
    const call = (refreshToken: string) =>
      fetch(`${emu.url}/v1/token`, {
        method: "POST",
        headers: { "content-type": "application/json", dpop: proof },
        body: JSON.stringify({
          clientId: token.clientId,
          grantType: "refresh_token",
          refreshToken,
        }),
      });
    const first = await call(token.refreshToken);
    expect(first.status).toBe(200);
    const { refreshToken } = (await first.json()) as { refreshToken: string };
    const replay = await call(refreshToken);
    expect(replay.status).toBe(400);
    expect(replay.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect(await replay.json()).toMatchObject({ error: "INVALID_REQUEST" });
  });
});
