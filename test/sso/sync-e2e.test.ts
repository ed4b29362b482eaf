import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { sdkSsoPortalApi } from "../../src/sso/sso-portal-api.js";
import type { SsoSyncOptions } from "../../src/sso/sync.js";
import { ssoSync } from "../../src/sso/sync.js";

let emulator: Emulator;
let home: string;
let configFile: string;

const userText = (startUrl: string) =>
  `# my own settings\n[default]\nregion = us-east-1\n\n[profile sandbox-developer]\n; hand-written, not credo's\nregion=eu-central-1\n\n` +
  `[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "credo-sso-sync-"));
  configFile = join(home, "config");
  emulator = await startEmulator();
  emulator.sso.addAccount({ accountId: "111111111111", accountName: "Sandbox" });
  emulator.sso.addRole({ accountId: "111111111111", roleName: "Developer" });
  emulator.sso.addRole({ accountId: "111111111111", roleName: "ReadOnly" });
  emulator.sso.addAccount({ accountId: "222222222222", accountName: "Prod Main" });
  emulator.sso.addRole({ accountId: "222222222222", roleName: "Admin" });
  await writeFile(configFile, userText(emulator.sso.startUrl));
});
afterEach(async () => {
  await emulator.stop();
  await rm(home, { recursive: true, force: true });
});

function sync(options: Partial<SsoSyncOptions> = {}) {
  return ssoSync(
    { sessionName: "corp", dryRun: false, ...options },
    {
      env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials") },
      files: nodeFileReader,
      homedir: home,
      platform: "linux",
      logger: silentLogger,
      accessToken: async () => emulator.sso.issueAccessToken(Date.now()),
      portal: sdkSsoPortalApi(emulator.url),
    },
  );
}

describe("sso sync against the emulator", () => {
  it("writes one marked profile per account role, leaving every other byte as it was", async () => {
    const result = await sync();
    expect(result.written).toBe(true);
    // "sandbox-developer" is the user's own profile: credo neither touches nor claims it.
    expect(result.conflicts.map((c) => c.name)).toEqual(["sandbox-developer"]);
    const text = await readFile(configFile, "utf8");
    expect(text.startsWith(userText(emulator.sso.startUrl))).toBe(true);
    expect(text.slice(userText(emulator.sso.startUrl).length)).toBe(
      `\n[profile prod-main-admin]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Admin\nregion = eu-west-1\ncredo_managed = sso-sync:corp\n` +
        `\n[profile sandbox-readonly]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\nregion = eu-west-1\ncredo_managed = sso-sync:corp\n`,
    );
    // A second sync with nothing new changes nothing.
    const again = await sync();
    expect(again.written).toBe(false);
    expect(again.unchanged.sort()).toEqual(["prod-main-admin", "sandbox-readonly"]);
  });

  it("renames and removes the profiles it manages when roles go away, and no others", async () => {
    await sync();
    emulator.sso.removeRole({ accountId: "111111111111", roleName: "ReadOnly" });
    const result = await sync({ template: "{account_id}-{role_name}" });
    expect(result.remove.sort()).toEqual(["prod-main-admin", "sandbox-readonly"]);
    expect(result.write.map((p) => p.name).sort()).toEqual([
      "111111111111-developer",
      "222222222222-admin",
    ]);
    const text = await readFile(configFile, "utf8");
    expect(text.startsWith(userText(emulator.sso.startUrl))).toBe(true);
    expect(text).not.toContain("sandbox-readonly");
    expect(text).not.toContain("prod-main-admin");
    expect(text).toContain("[profile 111111111111-developer]");
  });

  it("a portal failure mid-sync leaves the config byte for byte as it was", async () => {
    await sync();
    const before = await readFile(configFile);
    emulator.sso.addRole({ accountId: "222222222222", roleName: "Billing" });
    emulator.failNext("sso:ListAccountRoles", {
      status: 500,
      code: "InternalServerException",
      times: 10,
    });
    await expect(sync()).rejects.toThrow();
    expect((await readFile(configFile)).equals(before)).toBe(true);
  });

  it("--dry-run shows the change as a diff and writes nothing", async () => {
    const before = await readFile(configFile);
    const result = await sync({ dryRun: true });
    expect(result.written).toBe(false);
    expect((await readFile(configFile)).equals(before)).toBe(true);
    expect(await result.diff()).toContain(`--- ${configFile}`);
    expect(await result.diff()).toContain("+[profile prod-main-admin]");
    expect(await result.diff()).toContain("+credo_managed = sso-sync:corp");
    // Only additions: no line of the user's file is removed.
    expect(await result.diff()).not.toMatch(/^-(?!--)/m);
  });
});
