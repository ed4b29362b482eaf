import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator, totp } from "../../src/emulator/index.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";
import { hubHomeScryptCost } from "../support/vault-file.js";
import { lacks } from "../support/external-tool.js";
import { launchHeadlessBrowser } from "../support/headless-browser.js";
import { hubConfig, writeHubVault } from "../support/hub-home.js";

const passphrase = "web-test-passphrase";

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

/** Runs credo's main() in this process, over the vault's test key cost. */
function credo(args: readonly string[], options: { env: Record<string, string> }) {
  return credoInProcess(args, { ...options, vaultScryptCost: hubHomeScryptCost });
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
  await writeHubVault(join(home, ".credo"), passphrase, {
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
    const run = await credo(["web", "acme", "--print"], { env: env() });
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
    const run = await credo(
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

  it("lands on a service in a region and asks for the console session's --duration", async () => {
    const run = await credo(
      [
        "web",
        "dev",
        "--print",
        "--mfa-code",
        mfaCode(),
        "--service",
        "s3",
        "--region",
        "eu-west-1",
        "--duration",
        "7200",
      ],
      { env: env() },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const url = new URL(run.stdout.trim());
    expect(url.searchParams.get("Destination")).toBe(
      "https://console.aws.amazon.com/s3/home?region=eu-west-1",
    );
    await fetch(url);
    expect(emu.signins().at(-1)).toMatchObject({
      destination: "https://console.aws.amazon.com/s3/home?region=eu-west-1",
      sessionSeconds: 7200,
    });
  });

  it("refuses two landing places and a duration out of range (exit code 2), calling nothing", async () => {
    // prod's role session is not cached yet: a check after the sign-in would call STS.
    const both = await credo(["web", "prod", "--service", "s3", "--path", "ec2/home"], {
      env: env(),
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("Give one of --service, --path and --destination, not several.");
    const long = await credo(["web", "dev", "--duration", "200000"], { env: env() });
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('The duration must be 900 to 129600 seconds, not "200000".');
    expect(emu.calls()).toBe(0);
  });

  it("gives the switch-role link of a role profile without calling AWS", async () => {
    const run = await credo(["web", "prod", "--switch-role", "--print"], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "https://signin.aws.amazon.com/switchrole?account=333333333333&roleName=Admin&displayName=prod\n",
    );
    expect(emu.calls()).toBe(0);
  });

  it("refuses --switch-role for a profile that is not a role (exit code 3)", async () => {
    const run = await credo(["web", "acme", "--switch-role"], { env: env() });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Profile "acme" has no role_arn');
    expect(emu.calls()).toBe(0);
  });

  it("without --print opens the browser on a one-shot loopback link and prints no URL", async () => {
    const record = join(home, "fake-browser-record.json");
    const browser = await fakeBrowser(record);
    const run = await credo(["web", "acme"], { env: env({ BROWSER: browser }) });
    expect(run.stderr).toBe(
      "Opened the AWS console for acme in your browser (federation token).\n",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    // credo waited for the browser's request; the browser (detached, as credo
    // starts it) writes its record once it has also seen the port close.
    const seen = JSON.parse(await recordOf(record)) as FakeBrowserRecord;
    expect(seen.argv).toHaveLength(1);
    expect(seen.argv[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{22}$/);
    expect(seen.argv.join(" ")).not.toContain("SigninToken");
    expect(seen.envNames).not.toContain("CREDO_PASSPHRASE");
    expect(seen.envNames).toContain("HOME");
    // The first request is redirected to the emulator's sign-in, the second on the same connection gets 404.
    expect(seen.statuses).toEqual(["303", "404"]);
    const target = new URL(seen.location);
    expect(target.origin + target.pathname).toBe(`${emu.url}/federation`);
    expect(target.searchParams.get("Action")).toBe("login");
    expect(seen.landing).toBe(200);
    expect(emu.signins().at(-1)?.arn).toBe("arn:aws:sts::111111111111:federated-user/acme");
    // And then nothing listens on the loopback port any more.
    expect(seen.afterwards).toBe("refused");
  });
});

describe.skipIf(lacks("chromium-headless-shell"))("credo web in headless chromium", () => {
  it("lands on the console page signed in as the role", async () => {
    const run = await credo(["web", "prod", "--print", "--mfa-code", mfaCode()], { env: env() });
    expect(run.code).toBe(0);
    const browser = await launchHeadlessBrowser();
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

/** The fake browser's record, once it is there (it appears whole, by a rename). */
async function recordOf(path: string): Promise<string> {
  for (;;) {
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text !== undefined) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface FakeBrowserRecord {
  argv: string[];
  envNames: string[];
  statuses: string[];
  location: string;
  landing: number;
  afterwards: string;
}

/**
 * A real executable standing in for $BROWSER: it records its arguments and
 * the names of its environment variables, asks for the URL twice on one
 * keep-alive connection (as a browser may), follows the redirect to the
 * emulator's sign-in, then tries a fresh connection to the loopback port.
 */
async function fakeBrowser(recordPath: string): Promise<string> {
  const path = join(home, "fake-browser.mjs");
  await writeFile(
    path,
    `#!${process.execPath}
import { connect } from "node:net";
import { renameSync, writeFileSync } from "node:fs";
const url = new URL(process.argv[2]);
const raw = await new Promise((resolve, reject) => {
  const socket = connect(Number(url.port), url.hostname);
  let text = "";
  socket.on("data", (chunk) => (text += chunk));
  socket.on("error", reject);
  socket.on("close", () => resolve(text));
  const request = \`GET \${url.pathname} HTTP/1.1\\r\\nHost: \${url.host}\\r\\n\\r\\n\`;
  socket.write(request + request);
});
const statuses = [...raw.matchAll(/^HTTP\\/1\\.1 (\\d{3})/gm)].map((m) => m[1]);
const location = /^location: (.*)\\r$/im.exec(raw)?.[1] ?? "";
const landing = location === "" ? 0 : (await fetch(location)).status;
const afterwards = await fetch(url, { redirect: "manual" }).then((r) => String(r.status), () => "refused");
writeFileSync(${JSON.stringify(recordPath + ".part")}, JSON.stringify({
  argv: process.argv.slice(2), envNames: Object.keys(process.env), statuses, location, landing, afterwards,
}));
renameSync(${JSON.stringify(recordPath + ".part")}, ${JSON.stringify(recordPath)});
`,
  );
  await chmod(path, 0o755);
  return path;
}
