import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import { storeHubKeys } from "../support/unlocked-vault.js";
import { hubConfig } from "../fast-path/hub-home.js";

const passphrase = "web-test-passphrase";
const chromiumPath = "/usr/bin/chromium";

let emu: Emulator;
let demo: DemoIdentities;
let home: string;
let cleanup: () => Promise<void>;

function env(extra: Record<string, string> = {}) {
  return homeEnv(home, {
    AWS_ENDPOINT_URL: emu.url,
    CREDO_SIGNIN_URL: `${emu.url}/federation`,
    CREDO_PASSPHRASE: passphrase,
    ...extra,
  });
}

const mfaCode = () => totp(demo.hub.mfaSecret ?? "", Date.now());

beforeAll(async () => {
  emu = await startEmulator();
  demo = seedDemoIdentities(emu);
  ({ home, cleanup } = await makeTempHome());
  await mkdir(join(home, ".aws"));
  await writeFile(
    join(home, ".aws/config"),
    hubConfig(demo, {
      extra: `[profile prod]
role_arn = ${demo.roles.prod}
source_profile = acme
`,
    }),
  );
  await storeHubKeys(join(home, ".credo"), passphrase, "acme", {
    accessKeyId: demo.hub.accessKeyId,
    secretAccessKey: demo.hub.secretAccessKey,
  });
});

afterAll(async () => {
  await emu.stop();
  await cleanup();
});

beforeEach(() => emu.resetCalls());

async function signedInArn(url: string): Promise<string | undefined> {
  const before = emu.signins().length;
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return emu.signins().slice(before)[0]?.arn;
}

describe("credo web against the emulator", () => {
  it("signs a hub in with a federation token from its vault keys, never its MFA session", async () => {
    const run = await runCredo(["web", "acme", "--print"], { env: env() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.origin + url.pathname).toBe(`${emu.url}/federation`);
    expect(url.searchParams.get("Action")).toBe("login");
    expect(new URL(url.searchParams.get("Destination") ?? "").searchParams.get("region")).toBe(
      "eu-west-1",
    );
    expect(emu.calls("sts:GetFederationToken")).toBe(1);
    expect(emu.calls("sts:GetSessionToken")).toBe(0);
    expect(await signedInArn(url.toString())).toBe("arn:aws:sts::111111111111:federated-user/acme");
    expect(run.stdout).not.toContain(demo.hub.secretAccessKey);
  });

  it("signs a role in with its own session (through the hub's MFA session), honouring --region and --destination", async () => {
    const run = await runCredo(
      [
        "web",
        "--profile",
        "dev",
        "--print",
        "--mfa-code",
        mfaCode(),
        "--region",
        "us-west-2",
        "--destination",
        "https://console.aws.amazon.com/s3/",
      ],
      { env: env() },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.searchParams.get("Destination")).toBe(
      "https://console.aws.amazon.com/s3/?region=us-west-2",
    );
    expect(emu.calls("sts:AssumeRole")).toBe(1);
    expect(emu.calls("sts:GetFederationToken")).toBe(0);
    expect(await signedInArn(url.toString())).toMatch(
      /^arn:aws:sts::222222222222:assumed-role\/Developer\//,
    );
  });

  it("gives the switch-role link of a role profile without calling AWS", async () => {
    const run = await runCredo(["web", "prod", "--switch-role", "--print"], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "https://signin.aws.amazon.com/switchrole?account=333333333333&roleName=Admin&displayName=prod\n",
    );
    expect(emu.calls()).toBe(0);
  });

  it("refuses --switch-role for a profile that is not a role (exit code 3)", async () => {
    const run = await runCredo(["web", "acme", "--switch-role"], { env: env() });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Profile "acme" has no role_arn');
    expect(emu.calls()).toBe(0);
  });

  it("without --print opens the browser and prints no URL", async () => {
    const opened = join(home, "opened-url");
    const browser = join(home, "fake-browser");
    await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    await chmod(browser, 0o755);
    const run = await runCredo(["web", "acme"], { env: env({ BROWSER: browser }) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "Opened the AWS console for acme in your browser (federation token).\n",
    );
    const url = await waitForFile(opened);
    expect(await signedInArn(url)).toBe("arn:aws:sts::111111111111:federated-user/acme");
  });
});

describe.skipIf(!existsSync(chromiumPath))("credo web in headless chromium", () => {
  it("lands on the console page signed in as the role", async () => {
    const run = await runCredo(["web", "prod", "--print", "--mfa-code", mfaCode()], { env: env() });
    expect(run.code).toBe(0);
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--headless=new"],
    });
    try {
      const page = await browser.newPage();
      await page.goto(run.stdout.trim());
      expect(await page.textContent("#arn")).toMatch(
        /^arn:aws:sts::333333333333:assumed-role\/Admin\//,
      );
      expect(await page.textContent("#issuer")).toBe("credo");
    } finally {
      await browser.close();
    }
  });
});

async function waitForFile(path: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const text = await readFile(path, "utf8").catch(() => "");
    if (text !== "") return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} was never written`);
}
