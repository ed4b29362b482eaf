import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProfileDocument, profileSetOf } from "../../src/profile-files/index.js";
import { formatCacheTime, tokenCachePath } from "../../src/sso/token-cache.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import type { CredoRun } from "../support/run-credo.js";
import { runCredo } from "../support/run-credo.js";

let h: HubHome;
const credentialsFile = () => join(h.home, ".aws/credentials");

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
  const config = await readFile(h.configFile, "utf8");
  await writeFile(
    h.configFile,
    `${config}\n[sso-session corp]\nsso_start_url = ${h.emu.sso.startUrl}\nsso_region = eu-west-1\n`,
  );
  await mkdir(join(h.home, ".aws/sso/cache"), { recursive: true });
  await writeFile(
    tokenCachePath(h.home, { sessionName: "corp", startUrl: h.emu.sso.startUrl }),
    JSON.stringify({
      startUrl: h.emu.sso.startUrl,
      region: "eu-west-1",
      accessToken: h.emu.sso.issueAccessToken(Date.now()),
      expiresAt: formatCacheTime(Date.now() + 3_600_000),
    }),
    { mode: 0o600 },
  );
  h.emu.sso.addAccount({ accountId: "444444444444", accountName: "sandbox" });
  h.emu.sso.addRole({ accountId: "444444444444", roleName: "Developer" });
});

afterAll(async () => {
  await h.cleanup();
});

function credo(args: string[]): Promise<CredoRun> {
  return runCredo(args, { env: h.env(), timeoutMs: 120_000 });
}

function expectAllSucceeded(runs: CredoRun[]): void {
  const failures = runs.filter((run) => run.code !== 0).map((run) => run.stderr);
  expect(failures).toEqual([]);
}

async function parsed(file: string, kind: "config" | "credentials") {
  const document = ProfileDocument.parse(await readFile(file, "utf8"), kind, file);
  return kind === "config" ? profileSetOf(document) : profileSetOf(undefined, document);
}

describe("fifty credo processes on one home at once", () => {
  it("auth, unauth, sso sync and process: every file parses, every edit is there, no stampede", async () => {
    // Sections for the unauth processes to remove, written concurrently too.
    expectAllSucceeded(
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => credo(["auth", "acme", "--as", `old-${i}`])),
      ),
    );
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
    h.emu.resetCalls();

    const jobs: Array<Promise<CredoRun>> = [
      ...Array.from({ length: 15 }, (_, i) => credo(["auth", "acme", "--as", `hub-${i}`])),
      ...Array.from({ length: 10 }, (_, i) => credo(["auth", "dev", "--as", `dev-${i}`])),
      ...Array.from({ length: 10 }, (_, i) => credo(["unauth", `old-${i}`])),
      ...Array.from({ length: 3 }, () => credo(["sso", "sync", "--sso-session", "corp"])),
      ...Array.from({ length: 6 }, () => credo(["process", "acme"])),
      ...Array.from({ length: 6 }, () => credo(["process", "dev"])),
    ];
    expect(jobs).toHaveLength(50);
    const runs = await Promise.all(jobs);
    expectAllSucceeded(runs);

    // No stampede: the hub session came from the cache, the role was assumed once for all 16 processes.
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
    expect(h.emu.calls("sts:AssumeRole")).toBe(1);

    const credentials = await parsed(credentialsFile(), "credentials");
    const sections = Object.keys(credentials.credentialsFileProfiles).sort();
    const expected = [
      ...Array.from({ length: 15 }, (_, i) => `hub-${i}`),
      ...Array.from({ length: 10 }, (_, i) => `dev-${i}`),
    ].sort();
    expect(sections).toEqual(expected);
    for (const name of expected)
      expect(credentials.credentialsFileProfiles[name]?.["aws_session_token"]).toEqual(
        expect.any(String),
      );

    const config = await parsed(h.configFile, "config");
    const synced = Object.entries(config.configFileProfiles).filter(
      ([, properties]) => properties["sso_session"] === "corp",
    );
    const ssoProfiles = [
      "acme-dev-developer",
      "acme-dev-readonly",
      "acme-prod-readonly",
      "sandbox-developer",
    ];
    expect(synced.map(([name]) => name).sort()).toEqual(ssoProfiles);
    expect(config.configFileProfiles["acme"]?.["credential_process"]).toBe("credo process acme");
    expect(config.configFileProfiles["dev"]?.["role_arn"]).toBe(h.demo.roles.dev);
    // Each header appears once: no duplicated sections from racing writers.
    const text = await readFile(h.configFile, "utf8");
    for (const name of ssoProfiles)
      expect(text.split("\n").filter((line) => line === `[profile ${name}]`)).toHaveLength(1);

    const outputs = new Set(runs.slice(-6).map((run) => run.stdout));
    expect(outputs.size).toBe(1);
    // Nothing left over: no lock folders, no temporary files.
    const leftovers = (await readdir(join(h.home, ".aws"))).filter(
      (name) => name.endsWith(".lock") || name.endsWith(".tmp"),
    );
    expect(leftovers).toEqual([]);
  }, 180_000);
});
