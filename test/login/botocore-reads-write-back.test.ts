import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { passThroughCache } from "../../src/cache/session-cache.js";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { systemClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { loginCachePath } from "../../src/login/login-token-cache.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { resolveCredentials } from "../../src/providers/resolve.js";
import { makeTempHome } from "../support/run-credo.js";

/**
 * The cache file credo rewrites after a refresh, read back by botocore's own
 * login code (LoginTokenLoader over JSONFileCache, then
 * LoginCredentialFetcher.load_cached_credentials: what `aws` runs first for a
 * login_session profile). The AWS CLI itself cannot run the profile on this
 * machine: its login provider needs awscrt, which is not installed.
 */
const readBack = `
import json, sys
from botocore.credentials import LoginCredentialFetcher
from botocore.utils import JSONFileCache, LoginTokenLoader
loader = LoginTokenLoader(JSONFileCache(sys.argv[1]))
fetcher = LoginCredentialFetcher(session_name=sys.argv[2], token_loader=loader, client_creator=None)
print(json.dumps(fetcher.load_cached_credentials()))
`;

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

it("botocore reads the session credo refreshed and wrote back", async () => {
  const { loginSession, token } = emu.login.signIn({
    account: "111122223333",
    roleName: "Admin",
    sessionName: "alice",
  });
  token.accessToken.expiresAt = "2020-01-01T00:00:00Z";
  const env = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_ENDPOINT_URL: emu.url,
    AWS_EC2_METADATA_DISABLED: "true",
  };
  await mkdir(join(home, ".aws", "login", "cache"), { recursive: true });
  await writeFile(
    env.AWS_CONFIG_FILE,
    `[default]\nlogin_session = ${loginSession}\nregion = us-east-1\n`,
  );
  await writeFile(loginCachePath(env, home, loginSession), JSON.stringify(token), { mode: 0o600 });

  const { profileSet } = await loadProfileSet({
    env,
    files: nodeFileReader,
    homedir: home,
    platform: "linux",
  });
  const { credentials } = await resolveCredentials({
    env,
    profileSet,
    files: nodeFileReader,
    homedir: home,
    clock: systemClock,
    logger: silentLogger,
    cache: passThroughCache,
    mfa: () => Promise.reject(new Error("no MFA")),
    hubCredentials: () => Promise.reject(new Error("no hub")),
  });
  expect(emu.calls("signin:CreateOAuth2Token")).toBe(1);

  const botocore = JSON.parse(
    execFileSync("python3", ["-c", readBack, join(home, ".aws", "login", "cache"), loginSession], {
      encoding: "utf8",
    }),
  ) as Record<string, string>;
  expect(botocore).toEqual({
    access_key: credentials.accessKeyId,
    secret_key: credentials.secretAccessKey,
    token: credentials.sessionToken,
    expiry_time: credentials.expiration?.toISOString().replace(".000Z", "Z"),
    account_id: "111122223333",
  });
  expect(botocore["access_key"]).not.toBe(token.accessToken.accessKeyId);
});
