import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AwsConfigSyncOptions } from "../../src/aws-config/sync-managed-profiles.js";
import { syncManagedProfiles } from "../../src/aws-config/sync-managed-profiles.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { planChain } from "../../src/providers/plan-chain.js";
import { loadProfileSet } from "../../src/profile-files/index.js";
import type { HubHome } from "../support/hub-home.js";
import { hubConfig, hubHome } from "../support/hub-home.js";
import { summariseProfile } from "../../src/listing/profile-summary.js";
import { explainResolution } from "../../src/providers/explain.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { credoBin, runCommand } from "../support/run-credo.js";
import { hubHomeScryptCost } from "../support/vault-file.js";

const python = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
  encoding: "utf8",
}).trim();

let h: HubHome;
let original: string;

const others = [
  "; a comment credo must keep",
  "[profile prod]",
  "role_arn = arn:aws:iam::333333333333:role/Prod",
  "source_profile = acme",
  "external_id = ext-1   # trailing comment",
  "",
  "[profile keys]",
  "aws_access_key_id = AKIAEXAMPLEKEYS",
  "aws_secret_access_key = not-a-real-secret",
  "",
  "[profile plain-role]",
  "role_arn = arn:aws:iam::444444444444:role/NotCredo",
  "source_profile = keys",
  "",
].join("\n");

function deps() {
  return { env: h.env(), files: nodeFileReader, homedir: h.home, platform: "linux" as const };
}

function sync(options: Partial<AwsConfigSyncOptions> = {}) {
  return syncManagedProfiles(
    { suffix: "", dryRun: false, credoPath: "/opt/credo/bin/credo.js", ...options },
    deps(),
  );
}

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true, extra: others });
  original = await readFile(h.configFile, "utf8");
});

afterAll(async () => {
  await h.cleanup();
});

beforeEach(async () => {
  await writeFile(h.configFile, original);
  h.emu.resetCalls();
});

describe("credo aws-config sync", () => {
  it("--dry-run prints the change and writes nothing", async () => {
    const result = await sync({ dryRun: true });
    expect(result.written).toBe(false);
    expect(await result.diff()).toContain("+credo_role_arn = arn:aws:iam::333333333333:role/Prod");
    expect(await result.diff()).toContain("-role_arn = arn:aws:iam::333333333333:role/Prod");
    expect(await readFile(h.configFile, "utf8")).toBe(original);
  });

  it("turns each credo role into a managed profile in place, losslessly, and only those", async () => {
    const result = await sync();
    expect(result.written).toBe(true);
    expect(result.write.map((w) => w.name).sort()).toEqual(["dev", "prod"]);
    const expected = original
      .replace(
        `[profile dev]\nrole_arn = ${h.demo.roles.dev}\nsource_profile = acme\nregion = eu-central-1\n`,
        `[profile dev]\nregion = eu-central-1\ncredential_process = /opt/credo/bin/credo.js process dev\n` +
          `credo_role_arn = ${h.demo.roles.dev}\ncredo_source_profile = acme\n`,
      )
      .replace(
        "[profile prod]\nrole_arn = arn:aws:iam::333333333333:role/Prod\nsource_profile = acme\nexternal_id = ext-1   # trailing comment\n",
        "[profile prod]\ncredential_process = /opt/credo/bin/credo.js process prod\nregion = eu-west-1\n" +
          "credo_role_arn = arn:aws:iam::333333333333:role/Prod\ncredo_source_profile = acme\ncredo_external_id = ext-1\n",
      );
    expect(await readFile(h.configFile, "utf8")).toBe(expected);
    // credo's planner reads the credo_* keys: dev is still a role over the hub.
    const { profileSet } = await loadProfileSet(deps());
    const plan = planChain(profileSet, "prod");
    expect(plan.base).toMatchObject({ kind: "Hub", hubName: "acme" });
    expect(plan.roles).toEqual([
      expect.objectContaining({
        profile: "prod",
        roleArn: "arn:aws:iam::333333333333:role/Prod",
        externalId: "ext-1",
      }),
    ]);
    // credo list still shows them as roles with their account and role name.
    expect(summariseProfile(profileSet, "prod")).toMatchObject({
      kind: "role",
      account: "333333333333",
      role: "Prod",
    });
    // explain names what other tools see (botocore: custom-process), and the chain credo follows.
    const explained = explainResolution({ profileOption: "prod", env: {}, profileSet });
    expect(explained.source).toBe("custom-process");
    expect(explained.chain).toEqual(["prod", "acme"]);
    // Running it again changes nothing.
    expect((await sync()).written).toBe(false);
  });

  it("with --suffix adds NAME<suffix> beside each role, and removes it when the role goes", async () => {
    await writeFile(h.configFile, `${original}\n[profile prod-credo]\nregion = us-east-1\n`);
    const first = await sync({ suffix: "-credo" });
    expect(first.write.map((w) => w.name)).toEqual(["dev-credo"]);
    expect(first.conflicts).toEqual(["prod-credo"]);
    const text = await readFile(h.configFile, "utf8");
    expect(text.startsWith(original)).toBe(true);
    expect(text).toContain(
      "# Managed by `credo aws-config sync`: credo assumes the role (credo_* keys).\n[profile dev-credo]\n" +
        "credential_process = /opt/credo/bin/credo.js process dev\nregion = eu-central-1\n" +
        `credo_role_arn = ${h.demo.roles.dev}\ncredo_source_profile = acme\n`,
    );
    expect((await sync({ suffix: "-credo" })).written).toBe(false);

    // The role goes: its consumer profile goes with it; the user's own prod-credo stays.
    await writeFile(
      h.configFile,
      text.replace(
        `[profile dev]\nrole_arn = ${h.demo.roles.dev}\nsource_profile = acme\nregion = eu-central-1\n`,
        "",
      ),
    );
    const after = await sync({ suffix: "-credo" });
    expect(after.remove).toEqual(["dev-credo"]);
    const final = await readFile(h.configFile, "utf8");
    expect(final).not.toContain("dev-credo");
    expect(final).toContain("[profile prod-credo]\nregion = us-east-1\n");
  });

  it("the AWS CLI goes through credo for a managed profile and never assumes the role itself", async () => {
    await writeFile(h.configFile, hubConfig(h.demo, { mfaProcess: true }));
    const run = await credoInProcess(["aws-config", "sync"], {
      env: h.env(),
      vaultScryptCost: hubHomeScryptCost,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await readFile(h.configFile, "utf8")).toContain(
      `credential_process = ${credoBin} process dev\n`,
    );
    const aws = async () => {
      const result = await runCommand(
        python,
        ["-m", "awscli", "sts", "get-caller-identity", "--profile", "dev", "--output", "json"],
        {
          env: h.env({ AWS_EC2_METADATA_DISABLED: "true" }),
          timeoutMs: 60_000,
        },
      );
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout) as { Arn: string }).Arn;
    };
    const roleName = h.demo.roles.dev.split("/").pop() ?? "";
    expect(await aws()).toMatch(new RegExp(`:assumed-role/${roleName}/`));
    expect(await aws()).toMatch(new RegExp(`:assumed-role/${roleName}/`));
    // One AssumeRole (credo's, then cached); two GetCallerIdentity from the AWS CLI.
    expect(h.emu.calls("sts:AssumeRole")).toBe(1);
    expect(h.emu.calls("sts:GetCallerIdentity")).toBe(2);
  });
});
