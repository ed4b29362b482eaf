import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { homeEnv, runCredo } from "../support/run-credo.js";
import { alice, GitRegistry } from "./git-registry.js";

let root: string;
let env: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "credo-team-policy-"));
  const home = join(root, "home");
  await mkdir(join(home, ".aws"), { recursive: true });
  // The engineer's own hub and a role of their own that is not the team's.
  await writeFile(
    join(home, ".aws", "config"),
    "[profile acme]\ncredential_process = credo process acme\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\ncredo_managed = hub\n\n" +
      "[profile mine]\nrole_arn = arn:aws:iam::999999999999:role/Personal\nsource_profile = acme\n",
  );
  const registry = await GitRegistry.create(root);
  await registry.commit(alice, {
    config:
      "[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/DEVELOPER\nsource_profile = acme\n\n" +
      "[profile prod]\nrole_arn = arn:aws:iam::333333333333:role/DEVELOPER\nsource_profile = acme\nexternal_id = acme-prod\n\n" +
      "[profile prod-admin]\nrole_arn = arn:aws:iam::333333333333:role/Admin\nsource_profile = prod\n",
  });
  env = homeEnv(home);
  const added = await runCredo(["team", "add", "acme", registry.bare], { env });
  expect(added.code, added.stderr).toBe(0);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("credo policy --team", () => {
  it("builds the hub group policy from the team's roles only", async () => {
    const run = await runCredo(["policy", "hub", "--team", "acme"], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("arn:aws:iam::222222222222:role/DEVELOPER");
    expect(run.stdout).toContain("arn:aws:iam::333333333333:role/DEVELOPER");
    // Not the engineer's own role, and not a role the team assumes from another role.
    expect(run.stdout).not.toContain("999999999999");
    expect(run.stdout).not.toContain("role/Admin");
  });

  it("builds each team role's trust policy with its external id", async () => {
    const run = await runCredo(["policy", "trust", "--team", "acme"], { env });
    expect(run.code, run.stderr).toBe(0);
    const policies = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(policies).sort()).toEqual([
      "arn:aws:iam::222222222222:role/DEVELOPER",
      "arn:aws:iam::333333333333:role/DEVELOPER",
    ]);
    const prod = JSON.stringify(policies["arn:aws:iam::333333333333:role/DEVELOPER"]);
    expect(prod).toContain("acme-prod");
    expect(prod).toContain("arn:aws:iam::111111111111:root");
    expect(JSON.stringify(policies["arn:aws:iam::222222222222:role/DEVELOPER"])).not.toContain(
      "acme-prod",
    );
  });

  it("names an unknown team with the config exit code", async () => {
    const run = await runCredo(["policy", "hub", "--team", "nobody"], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/no roles of team nobody/);
  });
});
