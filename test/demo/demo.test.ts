import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { approveDeviceCode, devicePromptIn } from "../../src/demo/device-approval.js";
import { assertNothingSecretLeft } from "../../src/demo/nothing-secret-left.js";
import { ssoProfilesIn } from "../../src/demo/sso-profiles.js";
import { startEmulator } from "../../src/emulator/index.js";
import { sdkSsoOidcApi } from "../../src/sso/sso-oidc-api.js";
import { CredoError } from "../../src/errors.js";
import { runCommand } from "../support/run-credo.js";

const homes: string[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
});

async function homeWith(files: Record<string, string>): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "credo-demo-test-"));
  homes.push(home);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(home, path, ".."), { recursive: true });
    await writeFile(join(home, path), text);
  }
  return home;
}

describe("npm run demo", () => {
  it("runs the seed's story against the emulator, prints every step, and exits 0", async () => {
    const run = await runCommand("npm", ["run", "--silent", "demo"], {
      env: { HOME: tmpdir() },
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const headings = run.stdout.split("\n").filter((line) => line.startsWith("== "));
    expect(headings).toEqual([
      "== 1. A local AWS",
      "== 2. Add the hub",
      "== 3. Add the dev and prod roles",
      "== 4. Authenticate once with an MFA code",
      "== 5. whoami through the AWS SDK on the written credentials",
      "== 6. whoami through credential_process",
      "== 7. The AWS console",
      "== 8. IAM Identity Center (SSO)",
      "== 9. Unauth",
      "== 10. Nothing secret in plain text",
    ]);
    // SSO: the device code shown, approved on the emulator's page, three profiles synced, whoami through one, logout.
    const shown = /shows the code: ([A-Z]{4}-[A-Z]{4})$/m.exec(run.stdout)?.[1];
    expect(shown).toBeDefined();
    expect(run.stdout).toContain(`and clicked Allow for ${shown}`);
    expect(run.stdout).toMatch(/^ {2}Logged in to https:\/\/credo-emulator\.awsapps\.com\/start;/m);
    expect(run.stdout).toContain("3 written, 0 removed, 0 unchanged");
    for (const profile of ["acme-dev-developer", "acme-dev-readonly", "acme-prod-readonly"])
      expect(run.stdout).toContain(`  [profile ${profile}]`);
    expect(run.stdout).toContain("$ credo whoami acme-dev-developer");
    expect(run.stdout).toMatch(
      /^ {2}ARN: +arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_Developer_\w+\/sso-user$/m,
    );
    expect(run.stdout).toMatch(
      /^ {2}Logged out of demo: removed .*\/\.aws\/sso\/cache\/\w+\.json\.$/m,
    );
    expect(run.stdout).toMatch(/^ {2}arn:aws:sts::222222222222:assumed-role\/Developer\//m);
    expect(run.stdout).toMatch(/^ {2}arn:aws:sts::333333333333:assumed-role\/Admin\//m);
    expect(run.stdout).toMatch(/signed in as arn:aws:sts::222222222222:assumed-role\/Developer\//);
    expect(run.stdout).toMatch(/^ {2}clean {3}\.credo\/vault\.json$/m);
    expect(run.stdout).not.toMatch(/^ {2}FOUND/m);
    expect(run.stdout).toContain(
      "holds the hub's secret access key, the SSO access token or the SSO refresh token: only the encrypted vault holds the hub's key.",
    );
    expect(run.stdout.trimEnd().endsWith("Done.")).toBe(true);
  }, 90_000);
});

describe("the demo's final check", () => {
  const secret = {
    name: "the hub's secret access key",
    value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  };
  const token = { name: "the SSO access token", value: "aoa-demo-token-0123456789" };

  it("reads every file, however deep, for every secret, and fails naming where each one is", async () => {
    const home = await homeWith({
      ".aws/config": "[profile acme]\nregion = eu-west-1\n",
      ".aws/sso/cache/abc.json": `{"accessToken":"${token.value}"}`,
      ".credo/vault.json": '{"ciphertext":"..."}',
      ".credo/cache/deep/leak.json": `{"SecretAccessKey":"${secret.value}","t":"${token.value}"}`,
    });
    const lines: string[] = [];
    const check = assertNothingSecretLeft(home, [secret, token], (line) => lines.push(line));
    await expect(check).rejects.toThrow(CredoError);
    await expect(assertNothingSecretLeft(home, [secret, token], () => undefined)).rejects.toThrow(
      "Secrets in plain text: the SSO access token in .aws/sso/cache/abc.json; the hub's secret access key, the SSO access token in .credo/cache/deep/leak.json.",
    );
    expect(lines).toEqual([
      "  clean   .aws/config",
      "  FOUND   .aws/sso/cache/abc.json (the SSO access token)",
      "  FOUND   .credo/cache/deep/leak.json (the hub's secret access key, the SSO access token)",
      "  clean   .credo/vault.json",
    ]);
  });

  it("passes when no file holds any of them", async () => {
    const home = await homeWith({
      ".aws/credentials": "",
      ".credo/vault.json": '{"ciphertext":"..."}',
    });
    const lines: string[] = [];
    await assertNothingSecretLeft(home, [secret, token, token], (line) => lines.push(line));
    expect(lines.at(-1)).toBe(
      "None of these 2 files holds the hub's secret access key or the SSO access token: only the encrypted vault holds the hub's key.",
    );
  });
});

describe("the demo's SSO step", () => {
  it("finds the verification URL and the user code in what the login printed, only once both are there", () => {
    const first =
      "Open this URL on any device:\n\n  http://127.0.0.1:4000/device?user_code=ABCD-FGHJ\n\n";
    expect(devicePromptIn(first)).toBeUndefined();
    expect(devicePromptIn(`${first}and check that it shows the code: ABCD-FGHJ\n`)).toEqual({
      url: "http://127.0.0.1:4000/device?user_code=ABCD-FGHJ",
      userCode: "ABCD-FGHJ",
    });
  });

  it("approves on the emulator's page as a browser would, and refuses a page without the code", async () => {
    const emulator = await startEmulator();
    try {
      const oidc = await sdkSsoOidcApi(emulator.url)("eu-west-1");
      const client = await oidc.registerClient({ clientName: "demo-test", clientType: "public" });
      const device = await oidc.startDeviceAuthorization({
        clientId: client.clientId ?? "",
        clientSecret: client.clientSecret ?? "",
        startUrl: emulator.sso.startUrl,
      });
      const prompt = { url: device.verificationUriComplete ?? "", userCode: device.userCode ?? "" };
      await expect(
        approveDeviceCode({
          url: `${emulator.url}/device?user_code=BCDF-GHJK`,
          userCode: "BCDF-GHJK",
        }),
      ).rejects.toThrow("does not show the code BCDF-GHJK");
      expect(emulator.sso.pendingUserCodes()).toEqual([prompt.userCode]);
      await approveDeviceCode(prompt);
      expect(emulator.sso.pendingUserCodes()).toEqual([]);
      expect(emulator.sso.findDeviceByUserCode(prompt.userCode)?.status).toBe("approved");
    } finally {
      await emulator.stop();
    }
  });

  it("shows only the profiles sso sync manages", () => {
    const config = [
      "[profile mine]",
      "region = us-west-2",
      "",
      "[profile acme-dev-developer]",
      "sso_session = demo",
      "sso_account_id = 222222222222",
      "sso_role_name = Developer",
      "credo_managed = sso-sync:demo",
      "",
      "[profile dev]",
      "credo_managed = role",
      "",
    ].join("\n");
    expect(ssoProfilesIn(config)).toEqual({
      profiles: [{ name: "acme-dev-developer", accountId: "222222222222", roleName: "Developer" }],
      text: "[profile acme-dev-developer]\nsso_session = demo\nsso_account_id = 222222222222\nsso_role_name = Developer\ncredo_managed = sso-sync:demo",
    });
  });
});
