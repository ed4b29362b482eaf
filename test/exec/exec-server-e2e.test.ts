import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";

/**
 * `credo exec NAME --server -- COMMAND` through the built CLI: the child gets
 * a container-credentials endpoint on 127.0.0.1 instead of keys; the JS SDK
 * and botocore inside it fetch credentials from it; near expiry it hands out
 * refreshed ones; it stops when the child exits.
 */
const botocoreScript = [
  "import botocore.session",
  "s = botocore.session.Session()",
  "print(s.get_credentials().method)",
  'print(s.create_client("sts").get_caller_identity()["Arn"])',
].join("\n");

/**
 * The child: asks the endpoint twice (a second apart) and once without the
 * token, then lets the JS SDK's default chain and botocore find the endpoint
 * on their own. It reports access key ids and expiries only, never secrets.
 */
function childScript(report: string): string {
  return `
const { writeFileSync } = await import("node:fs");
const { spawnSync } = await import("node:child_process");
const url = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
const token = process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
const ask = async () => {
  const body = await (await fetch(url, { headers: { authorization: token } })).json();
  return { id: body.AccessKeyId, expiration: body.Expiration, hasSecret: !!body.SecretAccessKey && !!body.Token };
};
const first = await ask();
await new Promise((resolve) => setTimeout(resolve, 1100));
const second = await ask();
const withoutToken = (await fetch(url)).status;
const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
const sdkArn = (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Arn;
const python = spawnSync("python3", ["-c", ${JSON.stringify(botocoreScript)}], { encoding: "utf8" });
writeFileSync(${JSON.stringify(report)}, JSON.stringify({
  url, tokenLength: token.length, first, second, withoutToken, sdkArn,
  botocore: python.stdout.trim().split("\\n"), botocoreStatus: python.status, botocoreError: python.stderr,
  staticKeys: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"].filter((k) => k in process.env),
  region: process.env.AWS_REGION,
}));
`;
}

interface ChildReport {
  url: string;
  tokenLength: number;
  first: { id: string; expiration: string; hasSecret: boolean };
  second: { id: string; expiration: string; hasSecret: boolean };
  withoutToken: number;
  sdkArn: string;
  botocore: string[];
  botocoreStatus: number;
  botocoreError: string;
  staticKeys: string[];
  region: string;
}

async function execServer(hub: HubHome): Promise<ChildReport> {
  const report = join(hub.home, `report-${Date.now()}.json`);
  const run = await hub.credo([
    "exec",
    "dev",
    "--server",
    "--mfa-code",
    hub.mfaCode(),
    "--",
    process.execPath,
    "--no-warnings",
    "--input-type=module",
    "-e",
    childScript(report),
  ]);
  expect(run.code, run.stderr).toBe(0);
  const child = JSON.parse(await readFile(report, "utf8")) as ChildReport;
  expect(child.botocoreStatus, child.botocoreError).toBe(0);
  return child;
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
  }
}

describe("credo exec --server", () => {
  let hub: HubHome;
  beforeAll(async () => {
    hub = await hubHome({ roleRegion: "eu-central-1" });
  }, 120_000);
  afterAll(async () => {
    await hub?.cleanup();
  });

  it("serves the role's credentials on 127.0.0.1 to the JS SDK and botocore, and stops with the child", async () => {
    const child = await execServer(hub);
    expect(new URL(child.url).hostname).toBe("127.0.0.1");
    expect(child.tokenLength).toBeGreaterThanOrEqual(32);
    expect(child.staticKeys).toEqual([]);
    expect(child.region).toBe("eu-central-1");
    expect(child.first.id).toMatch(/^ASIA/);
    expect(child.first.hasSecret).toBe(true);
    // Far from expiry: the same credentials from memory, no second AssumeRole.
    expect(child.second.id).toBe(child.first.id);
    expect(hub.emu.calls("sts:AssumeRole")).toBe(1);
    expect(child.withoutToken).toBe(401);
    expect(child.sdkArn).toMatch(/^arn:aws:sts::222222222222:assumed-role\/Developer\//);
    // botocore names the provider it used: the container endpoint, not keys or a profile.
    expect(child.botocore[0]).toBe("container-role");
    expect(child.botocore[1]).toMatch(/^arn:aws:sts::222222222222:assumed-role\/Developer\//);
    expect(await refused(child.url)).toBe(true);
  }, 60_000);
});

describe("credo exec --server with credentials near expiry", () => {
  let hub: HubHome;
  beforeAll(async () => {
    // 900-second role sessions from an emulator whose clock lags: about a minute left each time.
    hub = await hubHome({ lagging: true, roleRegion: "eu-central-1", roleDurationSeconds: 900 });
  }, 120_000);
  afterAll(async () => {
    await hub?.cleanup();
  });

  it("hands out refreshed credentials as they near expiry", async () => {
    const child = await execServer(hub);
    expect(child.first.id).toMatch(/^ASIA/);
    expect(child.second.id).toMatch(/^ASIA/);
    expect(child.second.id).not.toBe(child.first.id);
    for (const { expiration } of [child.first, child.second])
      expect(Date.parse(expiration)).toBeGreaterThan(Date.now());
    // The hub's MFA session was reused: one GetSessionToken, a new AssumeRole per refresh.
    expect(hub.emu.calls("sts:GetSessionToken")).toBe(1);
    expect(hub.emu.calls("sts:AssumeRole")).toBeGreaterThanOrEqual(2);
    expect(child.sdkArn).toMatch(/^arn:aws:sts::222222222222:assumed-role\/Developer\//);
    expect(await refused(child.url)).toBe(true);
  }, 60_000);
});
