import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { CredoError } from "../../src/errors.js";
import { fixedClock, systemClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { bufferStreams } from "../../src/io/streams.js";
import { ssoLogin } from "../../src/sso/login.js";
import { sdkSsoOidcApi } from "../../src/sso/sso-oidc-api.js";
import { resolveSsoToken } from "../../src/sso/token-provider.js";

let emulator: Emulator;
let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "credo-sso-refresh-"));
  emulator = await startEmulator();
});
afterEach(async () => {
  await emulator.stop();
  await rm(home, { recursive: true, force: true });
});

async function login(scopes: string[] | undefined) {
  const session = {
    name: "corp",
    startUrl: emulator.sso.startUrl,
    region: "eu-west-1",
    registrationScopes: scopes,
  };
  const result = await ssoLogin(
    { session, useDeviceCode: true, noBrowser: false },
    {
      oidc: sdkSsoOidcApi(emulator.url),
      oidcEndpoint: emulator.url,
      files: nodeFileReader,
      homedir: home,
      clock: systemClock,
      logger: silentLogger,
      env: { DISPLAY: ":0" },
      platform: "linux",
      err: bufferStreams().err,
      // The user approves at once (the browser half is covered in login-e2e).
      openUrl: async (url) =>
        emulator.sso.approve(new URL(url).searchParams.get("user_code") ?? ""),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
  );
  return { session, result };
}

it("a token within 5 minutes of expiry is refreshed with its refresh token and written back", async () => {
  const { session, result } = await login(["sso:account:access"]);
  const before = JSON.parse(await readFile(result.cachePath, "utf8")) as Record<string, string>;
  const nearExpiry = fixedClock(Date.parse(before["expiresAt"] ?? "") - 60_000);
  const deps = {
    files: nodeFileReader,
    homedir: home,
    oidc: sdkSsoOidcApi(emulator.url),
    logger: silentLogger,
  };

  const token = await resolveSsoToken(session, { ...deps, clock: nearExpiry });
  const after = JSON.parse(await readFile(result.cachePath, "utf8")) as Record<string, string>;
  expect(token.token).not.toBe(before["accessToken"]);
  expect(after["accessToken"]).toBe(token.token);
  expect(after["refreshToken"]).not.toBe(before["refreshToken"]);
  expect(after["clientId"]).toBe(before["clientId"]);
  expect(Date.parse(after["expiresAt"] ?? "")).toBe(
    nearExpiry.now() + emulator.sso.accessTokenTtlSeconds * 1000,
  );
  expect(emulator.calls("sso-oidc:CreateToken")).toBeGreaterThanOrEqual(2);

  // A token well inside its lifetime is used as it is: no call.
  const calls = emulator.calls("sso-oidc:CreateToken");
  await resolveSsoToken(session, { ...deps, clock: systemClock });
  expect(emulator.calls("sso-oidc:CreateToken")).toBe(calls);
});

it("an expired token without a refresh token says to log in again", async () => {
  // Registered without scopes, Identity Center issues no refresh token.
  const { session, result } = await login(undefined);
  const cached = JSON.parse(await readFile(result.cachePath, "utf8")) as Record<string, string>;
  expect(cached["refreshToken"]).toBeUndefined();
  const error = await resolveSsoToken(session, {
    files: nodeFileReader,
    homedir: home,
    oidc: sdkSsoOidcApi(emulator.url),
    logger: silentLogger,
    clock: fixedClock(Date.parse(cached["expiresAt"] ?? "") + 1000),
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CredoError);
  expect((error as CredoError).message).toBe(
    "SSO session corp has expired; run `credo sso login --sso-session corp`.",
  );
});
