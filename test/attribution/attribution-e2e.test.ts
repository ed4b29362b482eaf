import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../src/emulator/index.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { runCommand } from "../support/run-credo.js";

/**
 * Source identity and session tags end to end: credo assumes roles over hub
 * acme (the emulator's IAM user "alice") and the emulator records what
 * AssumeRole carried, refusing it where the role's trust does not allow it.
 * The first runs are the built CLI's (a second process finds the session the
 * first cached); the rest run credo's commands in-process.
 */
let hub: HubHome;
const roleArn = (name: string) => `arn:aws:iam::${demoAccounts.dev}:role/${name}`;
const configFile = () => join(hub.home, ".aws/config");

beforeAll(async () => {
  hub = await hubHome({ roleRegion: "eu-central-1" });
  hub.emu.createRole({
    arn: roleArn("Tagged"),
    trustAccounts: [demoAccounts.hub],
    trustActions: ["sts:SetSourceIdentity", "sts:TagSession"],
    allowedTagKeys: ["team", "project"],
  });
  hub.emu.createRole({
    arn: roleArn("Audit"),
    trustAccounts: [demoAccounts.dev],
    trustActions: ["sts:SetSourceIdentity", "sts:TagSession"],
  });
  hub.emu.createRole({ arn: roleArn("Plain"), trustAccounts: [demoAccounts.hub] });
  await appendFile(
    configFile(),
    [
      "",
      "[profile tagged]",
      `role_arn = ${roleArn("Tagged")}`,
      "source_profile = acme",
      "source_identity = {hub_user}",
      "session_tags = team=web, project=shop",
      "transitive_session_tags = team",
      "",
      "[profile audit]",
      `role_arn = ${roleArn("Audit")}`,
      "source_profile = tagged",
      "",
      "[profile untrusting]",
      `role_arn = ${roleArn("Plain")}`,
      "source_profile = acme",
      "source_identity = {hub_user}",
      "",
      "[profile keys]",
      "aws_access_key_id = AKIAEXAMPLEEXAMPLE00",
      "aws_secret_access_key = not-a-real-secret-key-for-this-test-0000",
      "",
      "[profile from-keys]",
      `role_arn = ${roleArn("Tagged")}`,
      "source_profile = keys",
      "source_identity = {hub_user}",
      "",
    ].join("\n"),
  );
}, 120_000);
afterAll(async () => {
  await hub?.cleanup();
});

const lastRecord = () => hub.emu.assumedRoles().at(-1);

describe("source_identity, session_tags and transitive_session_tags", () => {
  it("credo process sends them, with {hub_user} as the hub's IAM user name, and records the name", async () => {
    const run = await hub.credo(["process", "tagged", "--mfa-code", hub.mfaCode(), "--debug"]);
    expect(run.code, run.stderr).toBe(0);
    expect(lastRecord()).toMatchObject({
      roleArn: roleArn("Tagged"),
      sourceIdentity: "alice",
      tags: { team: "web", project: "shop" },
      transitiveTagKeys: ["team"],
    });
    expect(run.stderr).toContain(
      "source identity alice; session tags team=web,project=shop; transitive team",
    );
    const hubs = JSON.parse(await readFile(join(hub.home, ".credo/hubs.json"), "utf8")) as Record<
      string,
      { userName?: string }
    >;
    expect(hubs.acme?.userName).toBe("alice");
  });

  it("a cached session is reused while they stay, and a new one is made when a tag changes", async () => {
    const before = hub.emu.calls("sts:AssumeRole");
    const again = await hub.credo(["process", "tagged"]);
    expect(again.code, again.stderr).toBe(0);
    expect(hub.emu.calls("sts:AssumeRole")).toBe(before);
    const text = await readFile(configFile(), "utf8");
    await writeFile(configFile(), text.replace("team=web,", "team=data,"));
    try {
      const changed = await hub.credo(["process", "tagged"]);
      expect(changed.code, changed.stderr).toBe(0);
      expect(hub.emu.calls("sts:AssumeRole")).toBe(before + 1);
      expect(lastRecord()?.tags).toEqual({ team: "data", project: "shop" });
    } finally {
      await writeFile(configFile(), text);
    }
  });

  it("a role chained from it carries the source identity and the transitive tag", async () => {
    const run = await hub.main(["exec", "audit", "--", process.execPath, "-e", ""]);
    expect(run.code, run.stderr).toBe(0);
    expect(lastRecord()).toMatchObject({
      roleArn: roleArn("Audit"),
      sourceIdentity: "alice",
      tags: { team: "web" },
      transitiveTagKeys: ["team"],
    });
  });

  it("credo use sends them too (another region: a session of its own)", async () => {
    const before = hub.emu.calls("sts:AssumeRole");
    const run = await hub.main(["use", "tagged", "--shell", "bash", "--mfa-code", hub.mfaCode()], {
      AWS_REGION: "us-west-2",
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("AWS_SESSION_TOKEN");
    expect(hub.emu.calls("sts:AssumeRole")).toBe(before + 1);
    expect(lastRecord()).toMatchObject({
      roleArn: roleArn("Tagged"),
      sourceIdentity: "alice",
      tags: { team: "web", project: "shop" },
    });
  });

  it("a role whose trust does not allow sts:SetSourceIdentity is refused with AWS's message", async () => {
    const run = await hub.main(["process", "untrusting"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("sts:SetSourceIdentity");
    expect(run.stderr).toContain(roleArn("Plain"));
  });

  it("{hub_user} over a chain that does not start at a hub is a configuration error", async () => {
    const calls = hub.emu.calls();
    const run = await hub.main(["process", "from-keys"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('source_identity = {hub_user} in profile "from-keys"');
    expect(hub.emu.calls()).toBe(calls);
  });

  it("session_tags that are not key=value pairs are a configuration error", async () => {
    const text = await readFile(configFile(), "utf8");
    await writeFile(configFile(), text.replace("team=web, project=shop", "team"));
    try {
      const run = await hub.main(["process", "tagged"]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('session_tags in profile "tagged" must be key=value pairs');
    } finally {
      await writeFile(configFile(), text);
    }
  });
});

describe("credo auth --no-session", () => {
  it("sends them on the AssumeRole it makes with the hub's long-term keys", async () => {
    const before = hub.emu.calls("sts:GetSessionToken");
    const run = await hub.main(["auth", "tagged", "--no-session", "--mfa-code", hub.mfaCode()]);
    expect(run.code, run.stderr).toBe(0);
    expect(hub.emu.calls("sts:GetSessionToken")).toBe(before);
    expect(lastRecord()).toMatchObject({
      roleArn: roleArn("Tagged"),
      callerArn: hub.demo.hub.arn,
      sourceIdentity: "alice",
      tags: { team: "web", project: "shop" },
      transitiveTagKeys: ["team"],
    });
  });
});

describe("tools that assume the role themselves", () => {
  it("credo explain says they would not send the attribution, and shows it on the role's link", async () => {
    const run = await hub.main(["explain", "tagged"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "source identity {hub_user}; session tags team=web,project=shop; transitive team",
    );
    expect(run.stdout).toContain(
      'profile "tagged" sets source_identity, session_tags, transitive_session_tags: credo sends them, but a tool that assumes this role itself',
    );
    expect(run.stdout).toContain("credo aws-config sync");
  });

  it("after credo aws-config sync, the AWS CLI gets the role from credo, attribution included", async () => {
    const sync = await hub.main(["aws-config", "sync"]);
    expect(sync.code, sync.stderr).toBe(0);
    const config = await readFile(configFile(), "utf8");
    const section = config.slice(config.indexOf("[profile tagged]")).split("\n[")[0] ?? "";
    expect(section).toContain("credo_source_identity = {hub_user}");
    expect(section).toContain("credo_session_tags = team=web, project=shop");
    expect(section).toContain("credo_transitive_session_tags = team");
    expect(section).not.toMatch(/^session_tags/m);
    const explained = await hub.main(["explain", "tagged"]);
    expect(explained.stdout).not.toContain("a tool that assumes this role itself");
    // A changed tag: the AWS CLI's call must make a new session through credo, with the new tag.
    await writeFile(
      configFile(),
      config.replace("credo_session_tags = team=web", "credo_session_tags = team=ops"),
    );
    const before = hub.emu.calls("sts:AssumeRole");
    const aws = await runCommand(
      "aws",
      ["sts", "get-caller-identity", "--profile", "tagged", "--output", "json"],
      { env: hub.env() },
    );
    expect(aws.code, aws.stderr).toBe(0);
    expect(JSON.parse(aws.stdout)).toMatchObject({ Account: demoAccounts.dev });
    expect(hub.emu.calls("sts:AssumeRole")).toBe(before + 1);
    expect(lastRecord()).toMatchObject({
      roleArn: roleArn("Tagged"),
      sourceIdentity: "alice",
      tags: { team: "ops", project: "shop" },
    });
  });
});
